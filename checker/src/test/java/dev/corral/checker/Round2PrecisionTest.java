package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The rules written from the false-alarm classes of hold-out 2 (`integration-tests/triage/holdout2-precision.md`
 * §5): a {@code switch} of guarded branches, a logging facade in a {@code logger} package, work that can only
 * succeed (a queue hand-off, a close inside a catch of its {@code IOException}, a method that only signals),
 * forwarding tasks written as anonymous classes or forwarders with a guard, and executors that report their
 * tasks' failures themselves.
 */
final class Round2PrecisionTest {
  /** A logging facade of a library, in a {@code logger} package (Dubbo's {@code ErrorTypeAwareLogger}). */
  private static final String[] FACADE = {
    "package org.example.logger;",
    "public interface ErrorTypeAwareLogger {",
    "  void warn(String code, String message, Throwable t);",
    "  void warn(String code, String message);",
    "}"
  };

  /** Dubbo's ChannelEventRunnable, reduced: one catch-all per state of a switch, a release in finally. */
  private static final String CHANNEL_EVENTS =
      """
      import java.util.concurrent.ExecutorService;
      import org.example.logger.ErrorTypeAwareLogger;

      class A {
        enum State { CONNECTED, DISCONNECTED, RECEIVED }

        interface Handler {
          void connected() throws Exception;

          void disconnected() throws Exception;

          void received(Object message) throws Exception;
        }

        static Object saved;

        static void restore(Object value) {
          saved = value;
        }

        static Object getAndRemove() {
          return saved;
        }

        static class Guarded implements Runnable {
          private static ErrorTypeAwareLogger logger;
          private final State state;
          private final Handler handler;
          private final Object message;

          Guarded(State state, Handler handler, Object message) {
            this.state = state;
            this.handler = handler;
            this.message = message;
          }

          @Override
          public void run() {
            Object saved = getAndRemove();
            try {
              if (state == State.RECEIVED) {
                try {
                  handler.received(message);
                } catch (Exception e) {
                  logger.warn("E1", "received failed", e);
                }
              } else {
                switch (state) {
                  case CONNECTED:
                    try {
                      handler.connected();
                    } catch (Exception e) {
                      logger.warn("E1", "connected failed", e);
                    }
                    break;
                  case DISCONNECTED:
                    try {
                      handler.disconnected();
                    } catch (Exception e) {
                      logger.warn("E1", "disconnected failed", e);
                    }
                    break;
                  default:
                    logger.warn("E1", "unknown state " + state);
                }
              }
            } finally {
              restore(saved);
            }
          }
        }

        static class Unguarded implements Runnable {
          private static ErrorTypeAwareLogger logger;
          private final State state;
          private final Handler handler;

          Unguarded(State state, Handler handler) {
            this.state = state;
            this.handler = handler;
          }

          @Override
          public void run() {
            switch (state) {
              case CONNECTED:
                try {
                  handler.connected();
                } catch (Exception e) {
                  logger.warn("E1", "connected failed", e);
                }
                break;
              case DISCONNECTED:
                // the disconnect handler's failure goes nowhere
                throw new IllegalStateException("disconnected");
              default:
                break;
            }
          }
        }

        void dispatch(ExecutorService pool, Handler handler) {
          START(new Guarded(State.CONNECTED, handler, null));
          // BUG: Diagnostic contains:
          START(new Unguarded(State.CONNECTED, handler));
        }
      }
      """;

  @Test
  void identificationSwitchOfGuardedBranchesUnscoped() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines("org/example/logger/ErrorTypeAwareLogger.java", FACADE)
        .addSourceLines("A.java", CHANNEL_EVENTS.replace("START(", "pool.execute("))
        .doTest();
  }

  @Test
  void identificationSwitchOfGuardedBranchesLeaked() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("org/example/logger/ErrorTypeAwareLogger.java", FACADE)
        .addSourceLines("A.java", CHANNEL_EVENTS.replace("START(", "pool.submit("))
        .doTest();
  }

  @Test
  void identificationTasksThatCanOnlySucceed() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");
              private final ScheduledExecutorService scheduler = null;
              private final ExecutorService pool = null;
              private final BlockingQueue<Object> requests = null;
              private final CountDownLatch waitPoint = new CountDownLatch(1);

              interface Port {
                void close() throws IOException;

                void forceClose() throws IOException;
              }

              abstract void work();

              void enqueue(Object request) {
                try {
                  this.requests.put(request);
                } catch (InterruptedException e) {
                  LOG.severe("put interrupted: " + e);
                }
              }

              void enqueueOrWork(Object request) {
                try {
                  this.requests.put(request);
                } catch (InterruptedException e) {
                  LOG.severe("put interrupted: " + e);
                }
                work();
              }

              void wakeup() {
                waitPoint.countDown();
              }

              void wakeupAndWork() {
                waitPoint.countDown();
                work();
              }

              abstract long freeSize();

              void logTick() {
                LOG.info("tick");
              }

              void logStats() {
                LOG.info("free=" + freeSize());
              }

              void later(Object request, Port port, boolean force) {
                scheduler.schedule(
                    new Runnable() {
                      @Override
                      public void run() {
                        A.this.enqueue(request);
                      }
                    },
                    1,
                    TimeUnit.SECONDS);
                scheduler.schedule(this::wakeup, 1, TimeUnit.SECONDS);
                scheduler.scheduleAtFixedRate(this::logTick, 1, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: scheduleAtFixedRate() is dropped
                scheduler.scheduleAtFixedRate(this::logStats, 1, 1, TimeUnit.SECONDS);
                pool.submit(
                    () -> {
                      try {
                        if (force) {
                          port.forceClose();
                        } else {
                          port.close();
                        }
                      } catch (IOException ignore) {
                      }
                    });
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(
                    new Runnable() {
                      @Override
                      public void run() {
                        A.this.enqueueOrWork(request);
                      }
                    },
                    1,
                    TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(this::wakeupAndWork, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(
                    () -> {
                      try {
                        port.close();
                        work();
                      } catch (IOException ignore) {
                      }
                    });
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(
                    () -> {
                      requests.add(request);
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationForwardingTasksAsAnonymousClasses() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.RejectedExecutionException;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");
              private final ScheduledExecutorService scheduler = null;
              private final ExecutorService consumeExecutor = null;

              abstract void work();

              class Request implements Runnable {
                Request(Object queue) {}

                @Override
                public void run() {
                  try {
                    work();
                  } catch (RuntimeException e) {
                    LOG.warning("request failed: " + e);
                  }
                }
              }

              void submitRequest(Object queue, boolean dispatch) {
                if (dispatch) {
                  Request request = new Request(queue);
                  try {
                    this.consumeExecutor.submit(request);
                  } catch (RejectedExecutionException e) {
                    LOG.warning("rejected: " + e);
                  }
                }
              }

              void submitRequestAndWork(Object queue) {
                this.consumeExecutor.submit(new Request(queue));
                work();
              }

              void later(Request request, Object queue) {
                scheduler.schedule(
                    new Runnable() {
                      @Override
                      public void run() {
                        A.this.consumeExecutor.submit(request);
                      }
                    },
                    5000,
                    TimeUnit.MILLISECONDS);
                scheduler.schedule(
                    new Runnable() {
                      @Override
                      public void run() {
                        A.this.submitRequest(queue, true);
                      }
                    },
                    5000,
                    TimeUnit.MILLISECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(
                    new Runnable() {
                      @Override
                      public void run() {
                        A.this.submitRequestAndWork(queue);
                      }
                    },
                    5000,
                    TimeUnit.MILLISECONDS);
                // The field's initializer runs in the caller; run() only hands the request on.
                scheduler.schedule(
                    new Runnable() {
                      private final Object extra = compute();

                      @Override
                      public void run() {
                        A.this.consumeExecutor.submit(request);
                      }
                    },
                    5000,
                    TimeUnit.MILLISECONDS);
              }

              abstract Object compute();
            }
            """)
        .doTest();
  }

  @Test
  void identificationExecutorsThatReportTaskFailures() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "org/xnio/XnioWorker.java",
            "package org.xnio;",
            "public abstract class XnioWorker extends java.util.concurrent.AbstractExecutorService {}")
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ScheduledThreadPoolExecutor;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Level;
            import java.util.logging.Logger;
            import org.xnio.XnioWorker;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");

              static class LoggingPool extends ThreadPoolExecutor {
                LoggingPool() {
                  super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                }

                @Override
                protected void afterExecute(Runnable r, Throwable t) {
                  super.afterExecute(r, t);
                  if (t != null) {
                    LOG.log(Level.SEVERE, "task failed", t);
                  }
                }
              }

              static final class NamedLoggingPool extends LoggingPool {}

              static class SilentPool extends ThreadPoolExecutor {
                SilentPool() {
                  super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
                }

                @Override
                protected void afterExecute(Runnable r, Throwable t) {
                  super.afterExecute(r, t);
                  LOG.info("task done");
                }
              }

              static class LoggingScheduler extends ScheduledThreadPoolExecutor {
                LoggingScheduler() {
                  super(1);
                }

                @Override
                protected void afterExecute(Runnable r, Throwable t) {
                  LOG.log(Level.SEVERE, "task failed", t);
                }
              }

              private final ThreadPoolExecutor pool = new LoggingPool();
              private final ThreadPoolExecutor plain =
                  new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());

              abstract void work();

              void start(XnioWorker worker, LoggingPool logging, NamedLoggingPool named, SilentPool silent,
                  LoggingScheduler scheduler) {
                worker.execute(() -> work());
                logging.execute(() -> work());
                named.execute(() -> work());
                pool.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                silent.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                scheduler.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                plain.execute(() -> work());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationTaskThatReschedulesItself() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");
              private final ScheduledExecutorService scheduler = null;
              private volatile boolean cancelled;

              abstract void pull() throws Exception;

              abstract void work();

              class PullTask implements Runnable {
                @Override
                public void run() {
                  if (cancelled) {
                    return;
                  }
                  try {
                    pull();
                  } catch (Throwable e) {
                    LOG.warning("pull failed: " + e);
                  }
                  scheduler.schedule(this, 1, TimeUnit.SECONDS);
                }
              }

              class PullTaskWithWork implements Runnable {
                @Override
                public void run() {
                  try {
                    pull();
                    work();
                  } catch (Throwable e) {
                    LOG.warning("pull failed: " + e);
                  }
                  work();
                  // BUG: Diagnostic contains: schedule() is dropped
                  scheduler.schedule(this, 1, TimeUnit.SECONDS);
                }
              }

              void start(ExecutorService pool) {
                pool.submit(new PullTask());
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(new PullTaskWithWork());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationWorkThatLogsThenRethrows() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.logging.Level;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");

              abstract void workerRun();

              private void runAndLogUncaught(Runnable runnable) {
                try {
                  runnable.run();
                } catch (Throwable t) {
                  LOG.log(Level.SEVERE, "the pool is broken", t);
                  throw t;
                }
              }

              private void runAndRethrow(Runnable runnable) {
                try {
                  runnable.run();
                } catch (Throwable t) {
                  LOG.severe("the pool is broken");
                  throw t;
                }
              }

              void start(ExecutorService worker) {
                worker.submit(() -> runAndLogUncaught(this::workerRun));
                // BUG: Diagnostic contains: submit() is dropped
                worker.submit(() -> runAndRethrow(this::workerRun));
              }
            }
            """)
        .doTest();
  }
}
