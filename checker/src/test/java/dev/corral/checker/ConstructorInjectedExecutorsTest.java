package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * An executor field assigned from a constructor parameter holds what the build's constructions pass: when every
 * {@code new Scheduler(..)} (and every {@code super(..)}) passes an executor whose {@code afterExecute} logs a failed
 * task, a task scheduled on the field reports its own failure there; one construction with a plain pool is enough
 * to keep the finding.
 */
final class ConstructorInjectedExecutorsTest {
  private static final String LOGGING_EXECUTOR =
      """
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ScheduledFuture;
      import java.util.concurrent.ScheduledThreadPoolExecutor;
      import java.util.logging.Level;
      import java.util.logging.Logger;

      class LoggingScheduledExecutor extends ScheduledThreadPoolExecutor {
        private static final Logger LOG = Logger.getLogger("scheduler");

        LoggingScheduledExecutor(int threads) {
          super(threads);
        }

        @Override
        protected void afterExecute(Runnable runnable, Throwable throwable) {
          super.afterExecute(runnable, throwable);
          if (throwable == null && runnable instanceof ScheduledFuture<?> future && future.isDone()) {
            try {
              future.get();
            } catch (ExecutionException e) {
              throwable = e.getCause();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if (throwable != null) {
            LOG.log(Level.SEVERE, "Failed to execute " + runnable, throwable);
          }
        }
      }
      """;

  @Test
  void everyConstructionPassesALoggingExecutor() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("LoggingScheduledExecutor.java", LOGGING_EXECUTOR)
        .addSourceLines(
            "Schedulers.java",
            """
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            class Scheduler {
              private final ScheduledExecutorService timer;

              Scheduler(ScheduledExecutorService timer) {
                this.timer = timer;
              }

              void every(Runnable task) {
                timer.scheduleAtFixedRate(task, 1, 1, TimeUnit.SECONDS);
              }
            }

            final class NamedScheduler extends Scheduler {
              NamedScheduler(ScheduledExecutorService timer) {
                super(timer);
              }
            }

            class SharedScheduler {
              private final ScheduledExecutorService timer;

              SharedScheduler(ScheduledExecutorService timer) {
                this.timer = timer;
              }

              void every(Runnable task) {
                // BUG: Diagnostic contains: LeakedFuture
                timer.scheduleAtFixedRate(task, 1, 1, TimeUnit.SECONDS);
              }
            }

            final class Services {
              private final ScheduledExecutorService logging = new LoggingScheduledExecutor(1);
              final Scheduler scheduler = new Scheduler(logging);
              final Scheduler named = new NamedScheduler(new LoggingScheduledExecutor(2));
              final SharedScheduler shared = new SharedScheduler(logging);
              final SharedScheduler plain = new SharedScheduler(Executors.newScheduledThreadPool(1));
            }
            """)
        .doTest();
  }
}
