import java.util.List;

/** FP: a Thread subclass whose constructor installs an uncaught-exception handler that logs, and which
 * registers itself with its owner (ZooKeeper's ZooKeeperThread / LearnerHandler). */
class ThreadWithOwnHandler {
  static class LoggingThread extends Thread {
    LoggingThread(String name) {
      super(name);
      setUncaughtExceptionHandler((t, e) -> System.err.println(t.getName() + " failed: " + e));
    }
  }

  static final class LearnerHandler extends LoggingThread {
    private final List<LearnerHandler> learners;

    LearnerHandler(List<LearnerHandler> learners) {
      super("LearnerHandler");
      this.learners = learners;
    }

    @Override
    public void run() {
      learners.add(this);
    }
  }

  void accept(List<LearnerHandler> learners) {
    LearnerHandler fh = new LearnerHandler(learners);
    fh.start(); // flagged today
  }
}
