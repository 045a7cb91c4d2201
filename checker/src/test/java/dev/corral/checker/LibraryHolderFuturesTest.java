package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A same-build method that returns a library's future holder it only ever completes normally (Artemis's {@code
 * SimpleFutureImpl} set in a {@code finally}): the future can only succeed, so a caller that drops it loses
 * nothing. Kept when the holder can be failed.
 */
final class LibraryHolderFuturesTest {
  private static final Map<String, String> LIBRARY =
      Map.of(
          "org/example/utils/SimpleFuture.java",
          """
          package org.example.utils;

          import java.util.concurrent.CountDownLatch;
          import java.util.concurrent.Future;
          import java.util.concurrent.TimeUnit;

          public class SimpleFuture<V> implements Future<V> {
            private final CountDownLatch latch = new CountDownLatch(1);
            private volatile V value;
            private volatile Exception failure;

            public void set(V v) { value = v; latch.countDown(); }
            public void fail(Exception e) { failure = e; latch.countDown(); }
            @Override public boolean cancel(boolean interrupt) { return false; }
            @Override public boolean isCancelled() { return false; }
            @Override public boolean isDone() { return latch.getCount() == 0; }
            @Override public V get() throws InterruptedException { latch.await(); return value; }
            @Override public V get(long t, TimeUnit u) throws InterruptedException { latch.await(t, u); return value; }
          }
          """);

  @Test
  void aHolderOnlyEverCompletedNormally() {
    Path library = PrecompiledLibrary.compile(LIBRARY);
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(library))
        .addSourceLines(
            "Cleaner.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.Future;
            import org.example.utils.SimpleFuture;

            final class Cleaner {
              private final Executor executor;

              Cleaner(Executor executor) {
                this.executor = executor;
              }

              Future<Boolean> scheduleCleanup() {
                SimpleFuture<Boolean> future = new SimpleFuture<>();
                executor.execute(
                    () -> {
                      try {
                        cleanup();
                      } finally {
                        future.set(true);
                      }
                    });
                return future;
              }

              Future<Boolean> scheduleFailingCleanup() {
                SimpleFuture<Boolean> future = new SimpleFuture<>();
                executor.execute(
                    () -> {
                      try {
                        cleanup();
                        future.set(true);
                      } catch (RuntimeException e) {
                        future.fail(e);
                      }
                    });
                return future;
              }

              void cleanup() {}

              void close() {
                scheduleCleanup();
                // BUG: Diagnostic contains: LeakedFuture
                scheduleFailingCleanup();
              }
            }
            """)
        .doTest();
  }
}
