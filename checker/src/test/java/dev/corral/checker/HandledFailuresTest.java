package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * LeakedFuture and one-shot submitted work that handles the failures it expects ({@link
 * HandledFailures}): credited once, never when the work repeats, reschedules itself, loops, throws unchecked
 * on purpose, rethrows another future's failure, or signals its waiter only on success.
 */
final class HandledFailuresTest {
  private static final String COMMON =
      """
      import java.io.IOException;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.atomic.AtomicInteger;
      import java.util.logging.Logger;

      abstract class Base {
        static final Logger LOG = Logger.getLogger("A");

        abstract void send(String message) throws IOException;

        /** An unchecked failure the method announces. */
        static class TransportException extends RuntimeException {}

        abstract void transmit(String message) throws TransportException;

        abstract void transmitQuietly(String message);

        /** Handles the failure its call announces. */
        void sendOrLog(String message) {
          try {
            send(message);
          } catch (IOException e) {
            LOG.warning("could not send " + message + ": " + e);
          }
        }

        /** Handles it too, but also fails on purpose. */
        void sendOrLogUnlessClosed(String message, boolean closed) {
          if (closed) {
            throw new IllegalStateException("closed");
          }
          sendOrLog(message);
        }
      }
      """;

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LeakedFuture.class, getClass()).addSourceLines("Base.java", COMMON);

  @Test
  void oneShotWorkThatHandlesItsCheckedFailuresIsCredited() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            abstract class A extends Base {
              void negatives(ScheduledExecutorService pool) {
                // A helper two calls deep handles the IOException.
                pool.submit(() -> sendOrLog("hello"));
                pool.schedule(() -> sendOrLog("later"), 1, TimeUnit.SECONDS);
                pool.submit(this::flush);
                pool.submit(new Flusher());
                pool.submit(
                    new Runnable() {
                      @Override
                      public void run() {
                        try {
                          send("direct");
                        } catch (IOException e) {
                          LOG.warning("could not send: " + e);
                        }
                      }
                    });
              }

              private void flush() {
                sendOrLog("flush");
                LOG.info("flushed");
              }

              final class Flusher implements Runnable {
                @Override
                public void run() {
                  flush();
                }
              }
            }
            """)
        .doTest();
  }

  /** An unchecked exception counts as announced where a call of the {@code try} declares it, not elsewhere. */
  @Test
  void announcedUncheckedFailuresCountAsHandled() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;

            abstract class A extends Base {
              void negatives(ExecutorService pool) {
                pool.submit(() -> {
                  LOG.info("transmitting");
                  try {
                    transmit("hello");
                  } catch (TransportException e) {
                    LOG.warning("could not transmit: " + e);
                  }
                });
              }

              void positives(ExecutorService pool) {
                // No call of the try declares it: a guess at one failure among many.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  LOG.info("transmitting");
                  try {
                    transmitQuietly("hello");
                  } catch (TransportException e) {
                    LOG.warning("could not transmit: " + e);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  /**
   * A helper that reports whatever fails inside it: Axon's {@code schedule(() -> { gate.set(false); run(); })}
   * whose {@code run()} catches {@code Exception}, Spotify's retry link whose {@code startRetry} does.
   */
  @Test
  void oneShotWorkWhoseHelperCatchesEverythingIsCredited() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;

            abstract class A extends Base {
              private final AtomicBoolean gate = new AtomicBoolean();

              void negatives(ScheduledExecutorService pool) {
                pool.schedule(() -> { gate.set(false); coordinate(); }, 1, TimeUnit.SECONDS);
                pool.submit(() -> retry(3));
              }

              void positives(ScheduledExecutorService pool, ExecutorService executor) {
                // Periodic work: an unexpected failure outside the helper ends every later run.
                // BUG: Diagnostic contains: scheduleAtFixedRate() is dropped
                pool.scheduleAtFixedRate(() -> { gate.set(false); coordinate(); }, 1, 1, TimeUnit.SECONDS);
                // The helper's handler rethrows: the failure reaches the dropped future.
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(this::coordinateOrFail);
                // The body's own catch-all is judged by what it covers: the loop after it is unguarded.
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {
                  try {
                    transmitQuietly("start");
                  } catch (Exception e) {
                    LOG.warning("could not start: " + e);
                  }
                  for (int i = 0; i < 3; i++) {
                    transmitQuietly("part " + i);
                  }
                });
              }

              /** Its first call is outside the catch-all, so the work does not pass as covered. */
              private void coordinate() {
                transmitQuietly("prepare");
                try {
                  transmitQuietly("claim");
                  transmitQuietly("process");
                } catch (Exception e) {
                  LOG.warning("coordination failed, retrying: " + e);
                }
              }

              private void retry(int attempts) {
                transmitQuietly("attempt " + attempts);
                try {
                  transmitQuietly("attempt");
                } catch (Throwable t) {
                  LOG.warning(attempts + " attempts left: " + t);
                }
              }

              private void coordinateOrFail() {
                try {
                  transmitQuietly("claim");
                } catch (RuntimeException e) {
                  throw new IllegalStateException("claim failed", e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void repeatingOrSelfReschedulingWorkIsNotCredited() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            abstract class A extends Base {
              void positives(ScheduledExecutorService pool) {
                // BUG: Diagnostic contains: scheduleAtFixedRate() is dropped
                pool.scheduleAtFixedRate(() -> sendOrLog("tick"), 1, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: scheduleWithFixedDelay() is dropped
                pool.scheduleWithFixedDelay(() -> sendOrLog("tick"), 1, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                pool.schedule(new Retry(pool), 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                pool.schedule(this::refresh, 1, TimeUnit.SECONDS);
              }

              private ScheduledExecutorService refresher;

              /** A refresh chain: each run schedules the next one, HBase's BootstrapNodeManager. */
              private void refresh() {
                try {
                  send("refresh");
                } catch (IOException e) {
                  LOG.warning("refresh failed: " + e);
                }
                // BUG: Diagnostic contains: schedule() is dropped
                refresher.schedule(this::refresh, 1, TimeUnit.SECONDS);
              }

              final class Retry implements Runnable {
                private final ScheduledExecutorService pool;

                Retry(ScheduledExecutorService pool) {
                  this.pool = pool;
                }

                @Override
                public void run() {
                  try {
                    send("attempt");
                  } catch (IOException e) {
                    LOG.warning("retrying: " + e);
                    // BUG: Diagnostic contains: schedule() is dropped
                    pool.schedule(this, 1, TimeUnit.SECONDS);
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void workThatCanStillFailOnPurposeIsNotCredited() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;

            abstract class A extends Base {
              abstract CompletableFuture<String> fetch();

              volatile boolean running = true;

              void positives(ExecutorService pool, boolean closed) {
                // A helper throws an unchecked exception on purpose.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> sendOrLogUnlessClosed("x", closed));
                // Another future's failure, rethrown unchecked outside the catch.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  sendOrLog(fetch().join());
                });
                // A service loop: the first unchecked exception ends it for good.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  while (running) {
                    sendOrLog("tick");
                  }
                });
                // Swallows a checked failure without a word.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  try {
                    send("quiet");
                  } catch (IOException e) {
                  }
                  sendOrLog("after");
                });
                // Handles only an interruption (cancellation, not a failure) and rethrows the rest.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  try {
                    TimeUnit.SECONDS.sleep(1);
                    fetch().get(1, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (java.util.concurrent.ExecutionException
                      | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(e);
                  }
                });
                // A Callable: what it declares goes to the dropped future.
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  sendOrLog("value");
                  return "done";
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void workThatSignalsItsWaiterOnlyOnSuccessIsNotCredited() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicInteger;

            abstract class A extends Base {
              void positives(ExecutorService pool, String[] nodes) throws InterruptedException {
                AtomicInteger done = new AtomicInteger();
                for (String node : nodes) {
                  // BUG: Diagnostic contains: submit() is dropped
                  pool.submit(() -> {
                    sendOrLog(node);
                    done.incrementAndGet();
                  });
                }
                while (done.get() < nodes.length) {
                  Thread.sleep(100);
                }
                CountDownLatch latch = new CountDownLatch(1);
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  sendOrLog("one");
                  latch.countDown();
                });
                latch.await();
              }

              void negatives(ExecutorService pool, String[] nodes) throws InterruptedException {
                CountDownLatch latch = new CountDownLatch(nodes.length);
                for (String node : nodes) {
                  // Signalled in finally: the waiter is told on every path.
                  pool.submit(() -> {
                    try {
                      sendOrLog(node);
                    } finally {
                      latch.countDown();
                    }
                  });
                }
                latch.await();
              }
            }
            """)
        .doTest();
  }
}
