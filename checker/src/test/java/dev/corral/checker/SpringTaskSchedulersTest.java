package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spring's task schedulers log every task's failure ({@link SpringTaskSchedulers}); Spring's plain task executors
 * and a scheduler of the build that overrides the call are not trusted to.
 */
final class SpringTaskSchedulersTest {
  private static final String TASK_SCHEDULER =
      """
      package org.springframework.scheduling;

      import java.time.Duration;
      import java.time.Instant;
      import java.util.concurrent.ScheduledFuture;

      public interface TaskScheduler {
        ScheduledFuture<?> schedule(Runnable task, Instant startTime);

        ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period);

        ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay);
      }
      """;

  private static final String THREAD_POOL_TASK_SCHEDULER =
      """
      package org.springframework.scheduling.concurrent;

      import java.time.Duration;
      import java.time.Instant;
      import java.util.concurrent.Executor;
      import java.util.concurrent.Future;
      import java.util.concurrent.ScheduledFuture;
      import org.springframework.scheduling.TaskScheduler;

      public class ThreadPoolTaskScheduler implements TaskScheduler, Executor {
        @Override
        public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
          return null;
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
          return null;
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
          return null;
        }

        @Override
        public void execute(Runnable task) {}

        public Future<?> submit(Runnable task) {
          return null;
        }
      }
      """;

  private static final String THREAD_POOL_TASK_EXECUTOR =
      """
      package org.springframework.scheduling.concurrent;

      import java.util.concurrent.Executor;
      import java.util.concurrent.Future;

      public class ThreadPoolTaskExecutor implements Executor {
        @Override
        public void execute(Runnable task) {}

        public Future<?> submit(Runnable task) {
          return null;
        }
      }
      """;

  /** Spring's classes as a library: class files on the classpath, no sources in the build. */
  private static final Path SPRING =
      PrecompiledLibrary.compile(
          Map.of(
              "org/springframework/scheduling/TaskScheduler.java", TASK_SCHEDULER,
              "org/springframework/scheduling/concurrent/ThreadPoolTaskScheduler.java", THREAD_POOL_TASK_SCHEDULER,
              "org/springframework/scheduling/concurrent/ThreadPoolTaskExecutor.java", THREAD_POOL_TASK_EXECUTOR));

  @Test
  void dropsTheFuturesOfSpringSchedulersOnly() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(SPRING))
        .addSourceLines(
            "A.java",
            """
            import java.time.Duration;
            import java.time.Instant;
            import java.util.concurrent.ScheduledFuture;
            import org.springframework.scheduling.TaskScheduler;
            import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
            import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

            abstract class A {
              abstract static class OwnScheduler extends ThreadPoolTaskScheduler {
                @Override
                public abstract ScheduledFuture<?> schedule(Runnable task, Instant startTime);
              }

              abstract void work();

              void start(TaskScheduler scheduler, ThreadPoolTaskScheduler pool, OwnScheduler own,
                  ThreadPoolTaskExecutor executor) {
                scheduler.schedule(() -> work(), Instant.now());
                scheduler.scheduleAtFixedRate(this::work, Duration.ofSeconds(1));
                pool.scheduleWithFixedDelay(this::work, Duration.ofSeconds(1));
                pool.submit(() -> work());
                own.submit(() -> work());
                // BUG: Diagnostic contains: schedule()
                own.schedule(() -> work(), Instant.now());
                // BUG: Diagnostic contains: submit()
                executor.submit(() -> work());
              }
            }
            """)
        .doTest();
  }
}
