package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A scheduled task of a named class whose {@code run()} only hands the real task to another executor: the scheduled
 * future can fail only with the hand-off's rejection, never with the task's own failure (that is the other
 * executor's), so dropping it loses nothing a caller could act on. Reached through a scheduler interface with two
 * implementations of the build, neither of which hands back fresh work.
 */
final class HandOffDecoratorsTest {
  private static final String SCHEDULERS =
      """
      import java.util.concurrent.Executor;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.ScheduledFuture;
      import java.util.concurrent.TimeUnit;

      interface TaskScheduler {
        ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit);
      }

      final class HandOff implements Runnable {
        private final Runnable task;
        private final Executor executor;

        HandOff(Runnable task, Executor executor) {
          this.task = task;
          this.executor = executor;
        }

        @Override
        public void run() {
          executor.execute(task);
        }
      }

      final class RunsItToo implements Runnable {
        private final Runnable task;
        private final Executor executor;

        RunsItToo(Runnable task, Executor executor) {
          this.task = task;
          this.executor = executor;
        }

        @Override
        public void run() {
          task.run();
          executor.execute(task);
        }
      }

      final class DelegatingScheduler implements TaskScheduler {
        private final ScheduledExecutorService timer;
        private final ExecutorService workers;

        DelegatingScheduler(ScheduledExecutorService timer, ExecutorService workers) {
          this.timer = timer;
          this.workers = workers;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
          Runnable handOff = new HandOff(command, workers);
          return timer.schedule(handOff, delay, unit);
        }

        ScheduledFuture<?> scheduleDirectly(Runnable command, long delay, TimeUnit unit) {
          return timer.schedule(new HandOff(command, workers), delay, unit);
        }

        ScheduledFuture<?> scheduleAndRun(Runnable command, long delay, TimeUnit unit) {
          return timer.schedule(new RunsItToo(command, workers), delay, unit);
        }
      }

      final class ImmediateScheduler implements TaskScheduler {
        private final ScheduledExecutorService timer;
        private final ExecutorService workers;

        ImmediateScheduler(ScheduledExecutorService timer, ExecutorService workers) {
          this.timer = timer;
          this.workers = workers;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
          return timer.schedule(new HandOff(command, workers), 0, unit);
        }
      }
      """;

  @Test
  void handOffFuturesCarryNoFailureOfTheTask() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "User.java",
            """
            import java.util.concurrent.TimeUnit;

            final class User {
              void start(TaskScheduler scheduler, DelegatingScheduler delegating, Runnable task) {
                scheduler.schedule(task, 1, TimeUnit.SECONDS);
                delegating.scheduleDirectly(task, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: LeakedFuture
                delegating.scheduleAndRun(task, 1, TimeUnit.SECONDS);
              }
            }
            """)
        // After the caller: javac has not flow-analysed these classes when the caller is checked.
        .addSourceLines("Schedulers.java", SCHEDULERS)
        .doTest();
  }

  @Test
  void anImplementationWithFreshWorkKeepsTheFinding() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "RunningScheduler.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;

            final class RunningScheduler implements TaskScheduler {
              private final ScheduledExecutorService timer;

              RunningScheduler(ScheduledExecutorService timer) {
                this.timer = timer;
              }

              @Override
              public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                return timer.schedule(command, delay, unit);
              }
            }
            """)
        .addSourceLines(
            "User.java",
            """
            import java.util.concurrent.TimeUnit;

            final class User {
              void start(TaskScheduler scheduler, Runnable task) {
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.schedule(task, 1, TimeUnit.SECONDS);
              }
            }
            """)
        // After the caller: javac has not flow-analysed these classes when the caller is checked.
        .addSourceLines("Schedulers.java", SCHEDULERS)
        .doTest();
  }
}
