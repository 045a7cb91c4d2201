package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A thread whose only work, after log lines, is to stop the component that started it outlives its starter by
 * design (UnscopedTask); and log lines are recognised through a static helper given the logger ({@code U.error(log,
 * ..)}) and through any type named {@code *Logger}.
 */
final class StopperThreadsTest {
  private static final String NODE =
      """
      package org.example.grid;

      public class Node {
        public interface GridLogger {
          void error(String message);

          void warning(String message, Throwable t);
        }

        public static final class U {
          public static void error(GridLogger log, String message) {
            log.error(message);
          }
        }

        public final GridLogger log = null;

        public void stop(boolean cancel) {}

        public void shutdown() {}

        public void close() {}

        public void rebalance() {
          throw new IllegalStateException("no partitions");
        }
      }
      """;

  @Test
  void stopperThreadsAreNotFindings() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines("org/example/grid/Node.java", NODE)
        .addSourceLines(
            "org/example/grid/FailureHandler.java",
            """
            package org.example.grid;

            class FailureHandler {
              private final Node node;

              FailureHandler(Node node) {
                this.node = node;
              }

              void onFailure(Throwable failure) {
                new Thread(
                        () -> {
                          Node.U.error(node.log, "Stopping local node on failure: " + failure);
                          node.stop(true);
                        },
                        "node-stopper")
                    .start();
                new Thread(
                        new Runnable() {
                          @Override
                          public void run() {
                            Node target = node;
                            target.shutdown();
                          }
                        })
                    .start();
                new Thread(this::closeNode, "node-closer").start();
                new Thread(() -> close(), "handler-closer").start();
                // Closing something else is work like any other.
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(() -> node.close()).start();
                new Thread(
                        () -> {
                          node.rebalance();
                          node.stop(true);
                        })
                    // BUG: Diagnostic contains: UnscopedTask
                    .start();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(() -> node.rebalance()).start();
                // A bound method reference to the stop, as () -> node.shutdown() (outside battery 2, SD06).
                new Thread(node::shutdown, "node-stopper").start();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(node::rebalance).start();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(node::close).start();
              }

              private void closeNode() {
                node.log.warning("closing", null);
                node.shutdown();
              }

              void close() {
                node.stop(false);
              }
            }
            """)
        .doTest();
  }

  @Test
  void aLoggerNamedSoOutsideALoggingPackageLogs() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("org/example/grid/Node.java", NODE)
        .addSourceLines(
            "org/example/grid/Worker.java",
            """
            package org.example.grid;

            import java.util.concurrent.ExecutorService;

            class Worker {
              private final Node node;

              Worker(Node node) {
                this.node = node;
              }

              void start(ExecutorService executor) {
                executor.submit(
                    () -> {
                      try {
                        node.rebalance();
                      } catch (Throwable e) {
                        node.log.warning("rebalance failed", e);
                        throw e;
                      }
                    });
                // BUG: Diagnostic contains: LeakedFuture
                executor.submit(
                    () -> {
                      try {
                        node.rebalance();
                      } catch (Throwable e) {
                        node.rebalance();
                        throw e;
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void exitThreadsThatWaitOrRunInAContext() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.util.logging.Level;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");

              static void runInContext(Object context, Runnable work) {
                work.run();
              }

              abstract void terminate(int status);

              abstract void cleanUp();

              void stopSoon() {
                // The reply goes out first; then the process ends (Hadoop's ClientAMService.stop).
                new Thread() {
                  @Override
                  public void run() {
                    try {
                      Thread.sleep(2000);
                      terminate(0);
                    } catch (InterruptedException e) {
                      LOG.log(Level.SEVERE, "interrupted while stopping", e);
                    }
                  }
                }.start();
              }

              void exitInContext(Object context) {
                // Helidon's exit thread: System.exit inside the server's context.
                Thread.ofPlatform().daemon(false).start(() -> runInContext(context, () -> System.exit(0)));
              }

              void workBeforeExit() {
                new Thread() {
                  @Override
                  public void run() {
                    try {
                      Thread.sleep(2000);
                      cleanUp();
                      terminate(0);
                    } catch (InterruptedException e) {
                      LOG.log(Level.SEVERE, "interrupted while stopping", e);
                    }
                  }
                  // BUG: Diagnostic contains: UnscopedTask
                }.start();
              }

              void otherWorkInContext(Object context) {
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofPlatform().start(() -> runInContext(context, () -> cleanUp()));
              }
            }
            """)
        .doTest();
  }
}
