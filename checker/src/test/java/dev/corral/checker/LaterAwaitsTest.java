package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Work started before more statements of its block is waited for at the block's end: the statements after the
 * start ran alongside the work, and the work may wait for one of them (a latch counted down later, a queue filled
 * later), so waiting where it starts would deadlock.
 */
final class LaterAwaitsTest {
  @Test
  void replacementAwaitsADroppedFutureAfterTheStatementsItWaitsFor() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "Handoff.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;

            class Handoff {
              void release(String item) {
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture.runAsync(() -> processAfter(go, item));
                go.countDown();
                System.out.println("released " + item);
              }

              int releaseAndCount(String item) {
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture.runAsync(() -> processAfter(go, item));
                go.countDown();
                return 1;
              }

              void processAfter(CountDownLatch go, String item) {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                if (item.isEmpty()) {
                  throw new IllegalArgumentException("empty item");
                }
              }
            }
            """)
        .addOutputLines(
            "Handoff.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;

            class Handoff {
              void release(String item) {
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> future = CompletableFuture.runAsync(() -> processAfter(go, item));
                go.countDown();
                System.out.println("released " + item);
                future.join();
              }

              int releaseAndCount(String item) {
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Void> future = CompletableFuture.runAsync(() -> processAfter(go, item));
                go.countDown();
                future.join();
                return 1;
              }

              void processAfter(CountDownLatch go, String item) {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                if (item.isEmpty()) {
                  throw new IllegalArgumentException("empty item");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  private static final String CONSUMER =
      """
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.ExecutorService;

      class Pipeline {
        BlockingQueue<String> queue;

        void viaThread() throws InterruptedException {
          new Thread(this::consume).start();
          queue.put("a");
          queue.put("EOF");
        }

        void viaLocalThread() throws InterruptedException {
          Thread consumer = new Thread(this::consume);
          consumer.start();
          queue.put("EOF");
        }

        void viaPool(ExecutorService pool) {
          pool.execute(this::consume);
          queue.add("EOF");
        }

        void consume() {
          try {
            for (String item = queue.take(); !item.equals("EOF"); item = queue.take()) {
              if (item.isEmpty()) {
                throw new IllegalStateException("empty item");
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      """;

  @Test
  void replacementJoinsAConsumerAfterTheCodeThatFeedsIt() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs(
            "-XepOpt:Corral:ReportPrintedFailures=true",
            "-classpath",
            TestClasspath.without(dev.corral.TaskGroup.class))
        .addInputLines("Pipeline.java", CONSUMER)
        .addOutputLines(
            "Pipeline.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class Pipeline {
              BlockingQueue<String> queue;

              void viaThread() throws InterruptedException {
                Thread thread = new Thread(this::consume);
                thread.start();
                queue.put("a");
                queue.put("EOF");
                thread.join();
              }

              void viaLocalThread() throws InterruptedException {
                Thread consumer = new Thread(this::consume);
                consumer.start();
                queue.put("EOF");
                consumer.join();
              }

              void viaPool(ExecutorService pool) {
                CompletableFuture<Void> future = CompletableFuture.runAsync(this::consume, pool);
                queue.add("EOF");
                future.join();
              }

              void consume() {
                try {
                  for (String item = queue.take(); !item.equals("EOF"); item = queue.take()) {
                    if (item.isEmpty()) {
                      throw new IllegalStateException("empty item");
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void replacementOpensTheGroupAroundTheCodeThatFeedsTheConsumer() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addInputLines("Pipeline.java", CONSUMER)
        .addOutputLines(
            "Pipeline.java",
            """
            import dev.corral.TaskGroup;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class Pipeline {
              BlockingQueue<String> queue;

              void viaThread() throws InterruptedException {
                Thread thread = new Thread(this::consume);
                thread.start();
                queue.put("a");
                queue.put("EOF");
                thread.join();
              }

              void viaLocalThread() throws InterruptedException {
                Thread consumer = new Thread(this::consume);
                consumer.start();
                queue.put("EOF");
                consumer.join();
              }

              void viaPool(ExecutorService pool) {
                try (var group = TaskGroup.open()) {
                  group.fork(this::consume);
                  queue.add("EOF");
                }
              }

              void consume() {
                try {
                  for (String item = queue.take(); !item.equals("EOF"); item = queue.take()) {
                    if (item.isEmpty()) {
                      throw new IllegalStateException("empty item");
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
