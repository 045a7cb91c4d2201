package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Work started in a loop's body is a fan-out: the fix collects the handles (LeakedFuture's dropped futures,
 * UnscopedTask's tasks and threads without Corral) and awaits them after the loop, so the items still run
 * concurrently; awaiting each where it is made would run them one after another.
 */
final class FanOutFixesTest {
  private BugCheckerRefactoringTestHelper helper() {
    return BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass());
  }

  /** Also through an {@code if} and a {@code try}'s block inside the loop (battery 2, MS01 and MS02). */
  @Test
  void replacementAwaitsTheSubmittedItemsAfterTheLoop() {
    helper()
        .addInputLines(
            "Importer.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;

            class Importer {
              void importAll(ExecutorService pool, List<String> items)
                  throws InterruptedException, ExecutionException {
                for (String item : items) {
                  pool.submit(() -> load(item));
                }
                System.out.println("imported");
              }

              void importEach(ExecutorService pool, List<String> items) {
                for (String item : items) pool.submit(() -> load(item));
              }

              void importDirty(ExecutorService pool, List<String> items) {
                for (String item : items) {
                  if (!item.isBlank()) {
                    try {
                      pool.submit(() -> load(item));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                      load(item);
                    }
                  }
                }
              }

              void load(String item) {
                if (item.isEmpty()) {
                  throw new IllegalArgumentException("empty item");
                }
              }
            }
            """)
        .addOutputLines(
            "Importer.java",
            """
            import com.google.common.util.concurrent.Futures;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Importer {
              void importAll(ExecutorService pool, List<String> items)
                  throws InterruptedException, ExecutionException {
                List<Future<?>> futures = new ArrayList<>();
                for (String item : items) {
                  futures.add(pool.submit(() -> load(item)));
                }
                for (Future<?> future : futures) { future.get(); }
                System.out.println("imported");
              }

              void importEach(ExecutorService pool, List<String> items) {
                List<Future<?>> futures = new ArrayList<>();
                for (String item : items) futures.add(pool.submit(() -> load(item)));
                for (Future<?> future : futures) { Futures.getUnchecked(future); }
              }

              void importDirty(ExecutorService pool, List<String> items) {
                List<Future<?>> futures = new ArrayList<>();
                for (String item : items) {
                  if (!item.isBlank()) {
                    try {
                      futures.add(pool.submit(() -> load(item)));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                      load(item);
                    }
                  }
                }
                for (Future<?> future : futures) { Futures.getUnchecked(future); }
              }

              void load(String item) {
                if (item.isEmpty()) {
                  throw new IllegalArgumentException("empty item");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void replacementJoinsCompletableFuturesAfterAWhileLoop() {
    helper()
        .addInputLines(
            "Sender.java",
            """
            import java.util.Iterator;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;

            class Sender {
              void sendAll(Executor pool, Iterator<String> messages) {
                while (messages.hasNext()) {
                  String message = messages.next();
                  CompletableFuture.runAsync(() -> send(message), pool);
                }
              }

              void send(String message) {
                if (message.isEmpty()) {
                  throw new IllegalStateException("empty message");
                }
              }
            }
            """)
        .addOutputLines(
            "Sender.java",
            """
            import java.util.ArrayList;
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;

            class Sender {
              void sendAll(Executor pool, Iterator<String> messages) {
                List<CompletableFuture<?>> futures = new ArrayList<>();
                while (messages.hasNext()) {
                  String message = messages.next();
                  futures.add(CompletableFuture.runAsync(() -> send(message), pool));
                }
                for (CompletableFuture<?> future : futures) { future.join(); }
              }

              void send(String message) {
                if (message.isEmpty()) {
                  throw new IllegalStateException("empty message");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  /** A {@code return} or a labelled jump could leave the loop without reaching an await after it. */
  @Test
  void replacementAwaitsInPlaceWhereTheLoopCanBeLeftEarly() {
    helper()
        .addInputLines(
            "Early.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class Early {
              void untilBlank(List<String> items) {
                for (String item : items) {
                  if (item.isBlank()) {
                    return;
                  }
                  CompletableFuture.runAsync(() -> load(item));
                }
                System.out.println("all loaded");
              }

              void rows(List<List<String>> rows) {
                outer:
                for (List<String> row : rows) {
                  for (String cell : row) {
                    if (cell.isBlank()) {
                      continue outer;
                    }
                    CompletableFuture.runAsync(() -> load(cell));
                  }
                }
              }

              void load(String item) {
                if (item.isEmpty()) {
                  throw new IllegalArgumentException("empty item");
                }
              }
            }
            """)
        .addOutputLines(
            "Early.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class Early {
              void untilBlank(List<String> items) {
                for (String item : items) {
                  if (item.isBlank()) {
                    return;
                  }
                  CompletableFuture.runAsync(() -> load(item)).join();
                }
                System.out.println("all loaded");
              }

              void rows(List<List<String>> rows) {
                outer:
                for (List<String> row : rows) {
                  for (String cell : row) {
                    if (cell.isBlank()) {
                      continue outer;
                    }
                    CompletableFuture.runAsync(() -> load(cell)).join();
                  }
                }
              }

              void load(String item) {
                if (item.isEmpty()) {
                  throw new IllegalArgumentException("empty item");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  /** UnscopedTask without Corral: each item's work gets a handle, and every handle is joined after the loop. */
  @Test
  void replacementJoinsExecutedTasksAndThreadsAfterTheLoop() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs(
            "-XepOpt:Corral:ReportPrintedFailures=true",
            "-classpath",
            TestClasspath.without(dev.corral.TaskGroup.class))
        .addInputLines(
            "Workers.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;

            class Workers {
              void executeAll(ExecutorService pool, List<Runnable> jobs) {
                for (Runnable job : jobs) {
                  pool.execute(job);
                }
              }

              void threadPerJob(List<Runnable> jobs) throws InterruptedException {
                for (Runnable job : jobs) {
                  new Thread(job).start();
                }
              }

              void virtualPerJob(List<Runnable> jobs) throws InterruptedException {
                for (Runnable job : jobs) Thread.startVirtualThread(job);
              }

              void notInterruptible(List<Runnable> jobs) {
                for (Runnable job : jobs) {
                  new Thread(job).start();
                }
              }
            }
            """)
        .addOutputLines(
            "Workers.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class Workers {
              void executeAll(ExecutorService pool, List<Runnable> jobs) {
                List<CompletableFuture<?>> futures = new ArrayList<>();
                for (Runnable job : jobs) {
                  futures.add(CompletableFuture.runAsync(job, pool));
                }
                for (CompletableFuture<?> future : futures) { future.join(); }
              }

              void threadPerJob(List<Runnable> jobs) throws InterruptedException {
                List<Thread> threads = new ArrayList<>();
                for (Runnable job : jobs) {
                  Thread thread = new Thread(job);
                  thread.start();
                  threads.add(thread);
                }
                for (Thread thread : threads) { thread.join(); }
              }

              void virtualPerJob(List<Runnable> jobs) throws InterruptedException {
                List<Thread> threads = new ArrayList<>();
                for (Runnable job : jobs) threads.add(Thread.startVirtualThread(job));
                for (Thread thread : threads) { thread.join(); }
              }

              void notInterruptible(List<Runnable> jobs) {
                for (Runnable job : jobs) {
                  new Thread(job).start();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  /**
   * A start in a for loop's header gets no fix (only an expression may stand there); of two starts in one block,
   * the second gets its handle in a block of its own, so it declares no name another fix may declare, and the first
   * no wait at all: the second start, after it, may be what the first work waits for ({@link WaitHazards}).
   */
  @Test
  void replacementKeepsHeadersAndNamesApart() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs(
            "-XepOpt:Corral:ReportPrintedFailures=true",
            "-classpath",
            TestClasspath.without(dev.corral.TaskGroup.class))
        .addInputLines(
            "Starts.java",
            """
            import java.util.concurrent.ExecutorService;

            class Starts {
              void inTheHeader(ExecutorService pool) {
                for (int i = 0; i < 3; pool.execute(() -> load("part")), i++) {}
              }

              void twoThreads() throws InterruptedException {
                new Thread(() -> load("first")).start();
                new Thread(() -> load("second")).start();
              }

              void load(String part) {
                if (part.isEmpty()) {
                  throw new IllegalArgumentException("no part");
                }
              }
            }
            """)
        .addOutputLines(
            "Starts.java",
            """
            import java.util.concurrent.ExecutorService;

            class Starts {
              void inTheHeader(ExecutorService pool) {
                for (int i = 0; i < 3; pool.execute(() -> load("part")), i++) {}
              }

              void twoThreads() throws InterruptedException {
                new Thread(() -> load("first")).start();
                {
                  Thread thread = new Thread(() -> load("second"));
                  thread.start();
                  thread.join();
                }
              }

              void load(String part) {
                if (part.isEmpty()) {
                  throw new IllegalArgumentException("no part");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
