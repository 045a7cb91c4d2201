package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A periodic task that only flushes output and reports the flush's {@code IOException} (logs it, or logs it and
 * rethrows) reports what it can fail with; one whose handler swallows nothing it says, or that does other work in
 * the {@code try}, is still flagged.
 */
final class FlushReportingTaskTest {
  private static final String LOGGER =
      """
      package org.example.log;

      public interface Logger {
        void error(String message, Throwable t);
      }
      """;

  @Test
  void aFlushWhoseFailureIsLogged() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("org/example/log/Logger.java", LOGGER)
        .addSourceLines(
            "EventLogger.java",
            """
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.io.Writer;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import org.example.log.Logger;

            final class EventLogger {
              private static Logger LOG;
              private final ScheduledExecutorService flushScheduler;
              private Writer writer;
              private volatile boolean dirty;

              EventLogger(ScheduledExecutorService flushScheduler) {
                this.flushScheduler = flushScheduler;
              }

              void logsThenRethrows() {
                flushScheduler.scheduleAtFixedRate(
                    () -> {
                      try {
                        if (dirty) {
                          writer.flush();
                          dirty = false;
                        }
                      } catch (IOException e) {
                        LOG.error("Error flushing", e);
                        throw new UncheckedIOException(e);
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }

              void onlyLogs() {
                flushScheduler.scheduleAtFixedRate(
                    () -> {
                      try {
                        writer.flush();
                      } catch (IOException e) {
                        LOG.error("Error flushing", e);
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }

              void onlyRethrows() {
                // BUG: Diagnostic contains: LeakedFuture
                flushScheduler.scheduleAtFixedRate(
                    () -> {
                      try {
                        writer.flush();
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }

              void writesToo() {
                // BUG: Diagnostic contains: LeakedFuture
                flushScheduler.scheduleAtFixedRate(
                    () -> {
                      try {
                        writer.write(render());
                        writer.flush();
                      } catch (IOException e) {
                        LOG.error("Error flushing", e);
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }

              String render() {
                return String.valueOf(dirty).repeat(2);
              }
            }
            """)
        .doTest();
  }
}
