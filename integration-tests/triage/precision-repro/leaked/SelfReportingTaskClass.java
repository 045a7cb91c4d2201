import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** FP: the task is an instance of a class whose run() catches and reports every failure. */
class SelfReportingTaskClass {
  static final class ScheduledExecution implements Runnable {
    private final Consumer<Exception> callback;

    ScheduledExecution(Consumer<Exception> callback) {
      this.callback = callback;
    }

    @Override
    public void run() {
      try {
        proceed();
      } catch (Exception ex) {
        callback.accept(ex);
      }
    }

    void proceed() throws Exception {}
  }

  void schedule(ScheduledExecutorService scheduler, Consumer<Exception> callback, long delayMs) {
    scheduler.schedule(new ScheduledExecution(callback), delayMs, TimeUnit.MILLISECONDS); // flagged today
  }
}
