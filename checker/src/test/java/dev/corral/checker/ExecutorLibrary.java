package dev.corral.checker;

import java.util.Map;

/**
 * A library of executors, compiled to class files only by the tests ({@link PrecompiledLibrary}), in the shapes of
 * Hadoop's {@code HadoopExecutors}: pools whose {@code afterExecute} hands the runnable and the throwable to a
 * package-private helper that reads a done future and logs what failed, a pool that only logs the throwable, a
 * counting override (Tomcat's), and static factories of each kind.
 */
final class ExecutorLibrary {
  private ExecutorLibrary() {}

  static final Map<String, String> SOURCES =
      Map.of(
          "org/example/pools/Failures.java",
          """
          package org.example.pools;

          import java.util.concurrent.ExecutionException;
          import java.util.concurrent.Future;
          import java.util.logging.Level;
          import java.util.logging.Logger;

          final class Failures {
            private static final Logger LOG = Logger.getLogger("pools");

            private Failures() {}

            static void logThrowable(Runnable r, Throwable t) {
              if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("after " + Thread.currentThread().getName() + ", runnable " + r.getClass().getName());
              }
              if (t == null && r instanceof Future<?> && ((Future<?>) r).isDone()) {
                try {
                  ((Future<?>) r).get();
                } catch (ExecutionException ee) {
                  LOG.fine("execution exception in " + Thread.currentThread().getName());
                  t = ee.getCause();
                } catch (InterruptedException ie) {
                  Thread.currentThread().interrupt();
                } catch (Throwable throwable) {
                  t = throwable;
                }
              }
              if (t != null) {
                LOG.log(Level.WARNING, "Caught exception in thread " + Thread.currentThread().getName(), t);
              }
            }
          }
          """,
          "org/example/pools/LoggingThreadPool.java",
          """
          package org.example.pools;

          import java.util.concurrent.LinkedBlockingQueue;
          import java.util.concurrent.ThreadPoolExecutor;
          import java.util.concurrent.TimeUnit;

          public class LoggingThreadPool extends ThreadPoolExecutor {
            public LoggingThreadPool(int threads) {
              super(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
              super.afterExecute(r, t);
              Failures.logThrowable(r, t);
            }
          }
          """,
          "org/example/pools/LoggingScheduledPool.java",
          """
          package org.example.pools;

          import java.util.concurrent.ScheduledThreadPoolExecutor;

          public class LoggingScheduledPool extends ScheduledThreadPoolExecutor {
            public LoggingScheduledPool(int threads) {
              super(threads);
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
              super.afterExecute(r, t);
              Failures.logThrowable(r, t);
            }
          }
          """,
          "org/example/pools/ThrowableLoggingPool.java",
          """
          package org.example.pools;

          import java.util.concurrent.LinkedBlockingQueue;
          import java.util.concurrent.ThreadPoolExecutor;
          import java.util.concurrent.TimeUnit;
          import java.util.logging.Level;
          import java.util.logging.Logger;

          public class ThrowableLoggingPool extends ThreadPoolExecutor {
            private static final Logger LOG = Logger.getLogger("pools");

            public ThrowableLoggingPool() {
              super(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
              if (t != null) {
                LOG.log(Level.SEVERE, "task failed", t);
              }
            }
          }
          """,
          "org/example/pools/CountingPool.java",
          """
          package org.example.pools;

          import java.util.concurrent.LinkedBlockingQueue;
          import java.util.concurrent.ThreadPoolExecutor;
          import java.util.concurrent.TimeUnit;
          import java.util.concurrent.atomic.AtomicInteger;

          public class CountingPool extends ThreadPoolExecutor {
            private final AtomicInteger submitted = new AtomicInteger();

            public CountingPool() {
              super(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
              if (!(t instanceof IllegalStateException)) {
                submitted.decrementAndGet();
              }
              if (t == null) {
                stopIfNeeded();
              }
            }

            private void stopIfNeeded() {}
          }
          """,
          "org/example/pools/Pools.java",
          """
          package org.example.pools;

          import java.util.concurrent.ExecutorService;
          import java.util.concurrent.Executors;
          import java.util.concurrent.ScheduledExecutorService;
          import java.util.concurrent.SynchronousQueue;
          import java.util.concurrent.ThreadFactory;
          import java.util.concurrent.TimeUnit;

          public final class Pools {
            private Pools() {}

            public static ExecutorService newFixedThreadPool(int threads) {
              return new LoggingThreadPool(threads);
            }

            public static ScheduledExecutorService newScheduledThreadPool(int threads) {
              return new LoggingScheduledPool(threads);
            }

            public static ExecutorService newSingleThreadExecutor() {
              return Executors.newSingleThreadExecutor();
            }

            public static ExecutorService newCountingPool() {
              return new CountingPool();
            }

            public static ExecutorService newThrowableLoggingPool() {
              return new ThrowableLoggingPool();
            }

            public static ExecutorService either(boolean logging) {
              return logging ? new LoggingThreadPool(1) : Executors.newCachedThreadPool();
            }
          }
          """);
}
