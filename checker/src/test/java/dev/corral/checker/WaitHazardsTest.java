package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Fixes never wait where the wait may deadlock ({@link WaitHazards}): a release after the wait's position (after
 * the block, in a {@code finally}, after the loop of a fan-out, in the caller of a helper), a monitor or a lock
 * held. LeakedFuture then reports instead; UnscopedTask, all of whose fixes wait, offers none. A release inside the
 * block still gets the wait at the block's end ({@link LaterAwaits}).
 */
final class WaitHazardsTest {
  /**
   * UnscopedTask offers no fix in a method named for later work: each would make its callers wait (outside battery
   * 2, PT01); LeakedFuture reports there instead of awaiting.
   */
  @Test
  void noWaitInAMethodNamedForLaterWork() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addInputLines(
            "Importer.java",
            """
            class Importer {
              void importFile(String path) {
                if (path.isEmpty()) {
                  throw new IllegalArgumentException("no path");
                }
              }

              void importAsync(String path) throws InterruptedException {
                new Thread(() -> importFile(path)).start();
              }

              void importNow(String path) throws InterruptedException {
                new Thread(() -> importFile(path)).start();
              }
            }
            """)
        .addOutputLines(
            "Importer.java",
            """
            class Importer {
              void importFile(String path) {
                if (path.isEmpty()) {
                  throw new IllegalArgumentException("no path");
                }
              }

              void importAsync(String path) throws InterruptedException {
                new Thread(() -> importFile(path)).start();
              }

              void importNow(String path) throws InterruptedException {
                Thread thread = new Thread(() -> importFile(path));
                thread.start();
                thread.join();
              }
            }
            """)
        .doTest();
  }

  /** Each method's start is released, or held up, by what the method does after the wait would go. */
  private static final String HAZARDS =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.locks.Lock;

      class Hazards {
        private final ExecutorService pool;
        private final Lock lock;
        private final CountDownLatch go = new CountDownLatch(1);

        Hazards(ExecutorService pool, Lock lock) {
          this.pool = pool;
          this.lock = lock;
        }

        void work() {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }

        void releasedAfterTheBlock(boolean ready) {
          if (ready) {
            pool.submit(this::work);
            System.out.println("started");
          }
          go.countDown();
        }

        synchronized void underTheMonitor() {
          CompletableFuture.runAsync(this::work, pool);
        }

        void underALock() {
          lock.lock();
          try {
            CompletableFuture.runAsync(this::work, pool);
          } finally {
            lock.unlock();
          }
        }

        void completedInFinally(CompletableFuture<String> config) {
          try {
            CompletableFuture.runAsync(() -> System.out.println(config.join()), pool);
          } finally {
            config.complete("v1");
          }
        }

        void fanOutThenGo(int n) {
          for (int i = 0; i < n; i++) {
            CompletableFuture.runAsync(this::work, pool);
          }
          go.countDown();
        }

        void releasedInTheBlock() {
          CompletableFuture.runAsync(this::work, pool);
          go.countDown();
        }

        void threadThenGo(boolean ready) throws InterruptedException {
          if (ready) {
            new Thread(this::work).start();
            System.out.println("started");
          }
          go.countDown();
        }

        void startedByAHelper() {
          startWorker();
          go.countDown();
        }

        private void startWorker() {
          pool.execute(this::work);
        }

        void threadReleasedInTheBlock() throws InterruptedException {
          new Thread(this::work).start();
          go.countDown();
        }
      }
      """;

  @Test
  void noWaitWhereItMayDeadlock() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines("Hazards.java", HAZARDS)
        .addOutputLines(
            "Hazards.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.locks.Lock;

            class Hazards {
              private final ExecutorService pool;
              private final Lock lock;
              private final CountDownLatch go = new CountDownLatch(1);

              Hazards(ExecutorService pool, Lock lock) {
                this.pool = pool;
                this.lock = lock;
              }

              void work() {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }

              void releasedAfterTheBlock(boolean ready) {
                if (ready) {
                  pool.submit(this::work);
                  System.out.println("started");
                }
                go.countDown();
              }

              synchronized void underTheMonitor() {
                CompletableFuture.runAsync(this::work, pool).exceptionally(failure -> { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); return null; });
              }

              void underALock() {
                lock.lock();
                try {
                  CompletableFuture.runAsync(this::work, pool).exceptionally(failure -> { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); return null; });
                } finally {
                  lock.unlock();
                }
              }

              void completedInFinally(CompletableFuture<String> config) {
                try {
                  CompletableFuture.runAsync(() -> System.out.println(config.join()), pool).exceptionally(failure -> { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); return null; });
                } finally {
                  config.complete("v1");
                }
              }

              void fanOutThenGo(int n) {
                for (int i = 0; i < n; i++) {
                  CompletableFuture.runAsync(this::work, pool).exceptionally(failure -> { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); return null; });
                }
                go.countDown();
              }

              void releasedInTheBlock() {
                CompletableFuture<Void> future = CompletableFuture.runAsync(this::work, pool);
                go.countDown();
                future.join();
              }

              void threadThenGo(boolean ready) throws InterruptedException {
                if (ready) {
                  new Thread(this::work).start();
                  System.out.println("started");
                }
                go.countDown();
              }

              void startedByAHelper() {
                startWorker();
                go.countDown();
              }

              private void startWorker() {
                pool.execute(this::work);
              }

              void threadReleasedInTheBlock() throws InterruptedException {
                new Thread(this::work).start();
                go.countDown();
              }
            }
            """)
        .doTest();
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs(
            "-XepOpt:Corral:ReportPrintedFailures=true",
            "-classpath",
            TestClasspath.without(dev.corral.TaskGroup.class))
        .addInputLines("Hazards.java", HAZARDS)
        .addOutputLines(
            "Hazards.java",
            HAZARDS.replace(
                """
                  void threadReleasedInTheBlock() throws InterruptedException {
                    new Thread(this::work).start();
                    go.countDown();
                  }
                """,
                """
                  void threadReleasedInTheBlock() throws InterruptedException {
                    Thread thread = new Thread(this::work);
                    thread.start();
                    go.countDown();
                    thread.join();
                  }
                """))
        .doTest();
  }
}
