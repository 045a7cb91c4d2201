package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Work built around a guarded core (a top-level {@code try} whose catch-all reports) owns its failures: the
 * statements around it are bookkeeping. Not when a loop runs outside the guard, when the guarded work is done once
 * more unguarded, when a handler returns (the {@code try} was a preliminary step), or when the work may throw checked
 * exceptions outside it.
 */
final class GuardedCoreTest {
  private static final String CONSUMER =
      """
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.Callable;
      import java.util.concurrent.ExecutorService;
      import java.util.logging.Level;
      import java.util.logging.Logger;

      class Consumer {
        private static final Logger LOG = Logger.getLogger("C");

        interface Listener {
          String consume(List<String> messages);
        }

        private final Listener listener;
        private final Map<String, Long> stats = new java.util.HashMap<>();
        private final List<Runnable> hooks = new java.util.ArrayList<>();

        Consumer(Listener listener) {
          this.listener = listener;
        }

        void resetRetryTopic(List<String> messages) {
          if (messages.isEmpty()) {
            throw new IllegalArgumentException("no messages");
          }
        }

        void processResult(String status) {
          if (status == null) {
            throw new IllegalStateException("no status");
          }
        }

        void runHooks() {
          hooks.get(0).run();
        }

        final class ConsumeRequest implements Runnable {
          private final List<String> messages;

          ConsumeRequest(List<String> messages) {
            this.messages = messages;
          }

          @Override
          public void run() {
            resetRetryTopic(messages);
            runHooks();
            long begin = System.currentTimeMillis();
            String status = null;
            try {
              status = listener.consume(messages);
            } catch (Throwable e) {
              LOG.log(Level.WARNING, "consume failed", e);
            }
            stats.put("rt", System.currentTimeMillis() - begin);
            processResult(status);
          }
        }

        void submit(ExecutorService executor, List<String> messages) {
          executor.submit(new ConsumeRequest(messages));
          executor.submit(
              () -> {
                runHooks();
                try {
                  listener.consume(messages);
                } catch (Exception e) {
                  LOG.log(Level.WARNING, "consume failed", e);
                } finally {
                  stats.remove("pending");
                }
              });
        }

        void notOwned(ExecutorService executor, List<String> messages) {
          // BUG: Diagnostic contains: LeakedFuture
          executor.submit(
              () -> {
                try {
                  listener.consume(messages);
                } catch (Throwable e) {
                  LOG.log(Level.WARNING, "consume failed", e);
                }
                for (String message : messages) {
                  processResult(message);
                }
              });
          // BUG: Diagnostic contains: LeakedFuture
          executor.submit(
              () -> {
                try {
                  listener.consume(messages);
                } catch (Throwable e) {
                  LOG.log(Level.WARNING, "consume failed", e);
                }
                listener.consume(messages);
              });
          // BUG: Diagnostic contains: LeakedFuture
          executor.submit(
              () -> {
                try {
                  listener.consume(messages);
                } catch (Throwable e) {
                  LOG.log(Level.WARNING, "consume failed", e);
                } finally {
                  listener.consume(List.of());
                }
              });
          // BUG: Diagnostic contains: LeakedFuture
          executor.submit(
              (Callable<String>)
                  () -> {
                    try {
                      listener.consume(messages);
                    } catch (Exception e) {
                      LOG.log(Level.WARNING, "consume failed", e);
                    }
                    return load();
                  });
          // BUG: Diagnostic contains: LeakedFuture
          executor.submit(
              () -> {
                String status;
                try {
                  status = listener.consume(messages);
                } catch (Throwable e) {
                  LOG.log(Level.WARNING, "consume failed", e);
                  return;
                }
                processResult(status);
              });
          // BUG: Diagnostic contains: LeakedFuture
          executor.submit(
              () -> {
                try {
                  listener.consume(messages);
                } catch (IllegalStateException e) {
                  LOG.log(Level.WARNING, "consume failed", e);
                }
                processResult(null);
              });
        }

        String load() throws Exception {
          throw new java.io.IOException("load");
        }
      }
      """;

  @Test
  void leakedFutureTrustsTheBookkeepingAroundAGuardedCore() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Consumer.java", CONSUMER)
        .doTest();
  }

  @Test
  void unscopedTaskTrustsTheBookkeepingAroundAGuardedCore() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "Worker.java",
            """
            import java.util.List;
            import java.util.logging.Level;
            import java.util.logging.Logger;

            class Worker {
              private static final Logger LOG = Logger.getLogger("W");

              interface Listener {
                void consume(List<String> messages);
              }

              void record(List<String> messages) {
                if (messages.isEmpty()) {
                  throw new IllegalArgumentException();
                }
              }

              void start(Listener listener, List<String> messages) {
                new Thread(
                        () -> {
                          try {
                            listener.consume(messages);
                          } catch (Throwable e) {
                            LOG.log(Level.SEVERE, "consumer failed", e);
                          }
                          record(messages);
                        })
                    .start();
                new Thread(
                        () -> {
                          try {
                            listener.consume(messages);
                          } catch (Throwable e) {
                            LOG.log(Level.SEVERE, "consumer failed", e);
                          }
                          while (!messages.isEmpty()) {
                            record(messages);
                          }
                        })
                    // BUG: Diagnostic contains: UnscopedTask
                    .start();
              }
            }
            """)
        .doTest();
  }
}
