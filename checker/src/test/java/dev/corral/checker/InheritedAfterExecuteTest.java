package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An executor whose {@code afterExecute} reports each future task's failure, reached through what real pools are
 * made of: a subclass whose {@code afterExecute} only calls {@code super.afterExecute(r, t)} (jraft's {@code
 * MetricThreadPoolExecutor} over its {@code LogThreadPoolExecutor}), of the build or of a library, built by a
 * static factory or a builder, and submitted to by a helper that returns the future.
 */
final class InheritedAfterExecuteTest {
  private static final String LOGGING_POOL =
      """
      package pools;

      import java.util.concurrent.CancellationException;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;
      import java.util.concurrent.SynchronousQueue;
      import java.util.concurrent.ThreadPoolExecutor;
      import java.util.concurrent.TimeUnit;

      public class LogPool extends ThreadPoolExecutor {
        public LogPool() {
          super(1, 4, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
          super.afterExecute(r, t);
          if (t == null && r instanceof Future<?>) {
            try {
              Future<?> f = (Future<?>) r;
              if (f.isDone()) {
                f.get();
              }
            } catch (CancellationException ignored) {
              // cancelled on purpose
            } catch (ExecutionException e) {
              t = e.getCause();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if (t != null) {
            java.util.logging.Logger.getLogger("pool")
                .log(java.util.logging.Level.SEVERE, "Uncaught exception in pool", t);
          }
        }
      }
      """;

  private static final String INHERITING_POOL =
      """
      package pools;

      public class LogPool extends org.example.pools.LoggingThreadPool {
        public LogPool() {
          super(4);
        }
      }
      """;

  private static final String METRIC_POOL =
      """
      package pools;

      public class MetricPool extends LogPool {
        @Override
        protected void afterExecute(Runnable r, Throwable t) {
          super.afterExecute(r, t);
        }
      }
      """;

  private static final String QUIET_POOL =
      """
      package pools;

      public class QuietPool extends LogPool {
        @Override
        protected void afterExecute(Runnable r, Throwable t) {
          // metrics only: the parent's report is replaced
        }
      }
      """;

  private static final String USER =
      """
      import java.util.concurrent.Future;
      import java.util.concurrent.ThreadPoolExecutor;
      import pools.LogPool;
      import pools.MetricPool;
      import pools.QuietPool;

      class Pools {
        static ThreadPoolExecutor newPool(boolean metrics) {
          if (metrics) {
            return new MetricPool();
          }
          return new LogPool();
        }

        static Builder builder() {
          return new Builder();
        }

        static final class Builder {
          private boolean metrics;

          Builder metrics(boolean metrics) {
            this.metrics = metrics;
            return this;
          }

          ThreadPoolExecutor build() {
            return newPool(metrics);
          }
        }
      }

      class RpcUtils {
        static final ThreadPoolExecutor METRIC = new MetricPool();
        static final ThreadPoolExecutor DIRECT = new LogPool();
        static final ThreadPoolExecutor MADE = Pools.newPool(true);
        static final ThreadPoolExecutor BUILT = Pools.builder().metrics(true).build();
        static final ThreadPoolExecutor QUIET = new QuietPool();

        static Future<?> runInThread(Runnable task) {
          return BUILT.submit(task);
        }

        static Future<?> runQuietly(Runnable task) {
          return QUIET.submit(task);
        }
      }

      class User {
        void negatives(Runnable task) {
          RpcUtils.METRIC.submit(task);
          RpcUtils.DIRECT.submit(task);
          RpcUtils.MADE.submit(task);
          RpcUtils.BUILT.submit(task);
          RpcUtils.runInThread(task);
        }

        void positives(Runnable task) {
          // BUG: Diagnostic contains: submit() is dropped
          RpcUtils.QUIET.submit(task);
          // BUG: Diagnostic contains: runQuietly() is dropped
          RpcUtils.runQuietly(task);
        }
      }
      """;

  @Test
  void parentOfTheBuild() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("pools/LogPool.java", LOGGING_POOL)
        .addSourceLines("pools/MetricPool.java", METRIC_POOL)
        .addSourceLines("pools/QuietPool.java", QUIET_POOL)
        .addSourceLines("User.java", USER)
        .doTest();
  }

  /**
   * In a library, read as bytecode: the parent reads the future inline, as the {@code ThreadPoolExecutor} Javadoc's
   * example does ({@code t = e.getCause()}, whose bytecode owner is {@code ExecutionException}).
   */
  @Test
  void parentOfALibraryReadingInline() {
    Path library =
        PrecompiledLibrary.compile(
            Map.of(
                "pools/LogPool.java", LOGGING_POOL,
                "pools/MetricPool.java", METRIC_POOL,
                "pools/QuietPool.java", QUIET_POOL));
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(library))
        .addSourceLines("User.java", USER)
        .doTest();
  }

  /**
   * In a library, read as bytecode: the logging parent is {@link ExecutorLibrary}'s {@code LoggingThreadPool}, which
   * {@code LogPool} only inherits, so {@code MetricPool}'s {@code super.afterExecute} names a class that does not
   * declare it.
   */
  @Test
  void parentOfALibrary() {
    Map<String, String> sources = new java.util.HashMap<>(ExecutorLibrary.SOURCES);
    sources.put("pools/LogPool.java", INHERITING_POOL);
    sources.put("pools/MetricPool.java", METRIC_POOL);
    sources.put("pools/QuietPool.java", QUIET_POOL);
    Path library = PrecompiledLibrary.compile(sources);
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(library))
        .addSourceLines("User.java", USER)
        .doTest();
  }
}
