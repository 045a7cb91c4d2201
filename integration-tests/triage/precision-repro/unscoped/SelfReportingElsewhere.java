import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** FP: the task reports its own failure, but the check only recognises classes declared in the same file
 * and a single top-level try in run(). */
class SelfReportingElsewhere {
  void accept(ExecutorService executorService, Consumer<Exception> exceptionListener) {
    executorService.execute(new Worker(exceptionListener)); // flagged today (Worker is in another file)
  }

  void branches(ExecutorService pool, boolean atomic, Runnable write, Consumer<Exception> onError) {
    Runnable r;
    if (atomic) {
      r = () -> {
        try {
          write.run();
        } catch (RuntimeException e) {
          onError.accept(e);
        }
      };
    } else {
      r = () -> {
        try {
          write.run();
        } catch (RuntimeException e) {
          onError.accept(e);
        }
      };
    }
    pool.execute(r); // flagged today (Redisson JCache:1316): every assignment to r is self-reporting
  }
}
