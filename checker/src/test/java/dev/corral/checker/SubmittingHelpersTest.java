package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A same-build helper that submits its caller's task ({@code return executor.submit(task);}) hands back fresh work
 * only when the caller's task can fail unseen.
 */
final class SubmittingHelpersTest {
  @Test
  void theCallersTaskDecides() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Executions.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            final class Executions {
              private final ExecutorService executor;

              Executions(ExecutorService executor) {
                this.executor = executor;
              }

              <T> Future<T> submit(String name, Callable<T> task) {
                return executor.submit(task);
              }
            }
            """)
        .addSourceLines(
            "Coordinator.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;
            import java.util.logging.Level;
            import java.util.logging.Logger;

            class Coordinator {
              private static final Logger LOG = Logger.getLogger("C");
              private static final ThreadLocal<Boolean> ON_COORDINATOR = ThreadLocal.withInitial(() -> false);
              private final Executions executions;

              Coordinator(Executions executions) {
                this.executions = executions;
              }

              Future<Void> submitToCoordinator(Runnable action) {
                return submitToCoordinator(
                    () -> {
                      action.run();
                      return null;
                    });
              }

              <T> Future<T> submitToCoordinator(Callable<T> action) {
                if (ON_COORDINATOR.get()) {
                  try {
                    return CompletableFuture.completedFuture(action.call());
                  } catch (Throwable e) {
                    LOG.log(Level.WARNING, "coordinator action failed", e);
                    return failed(e);
                  }
                }
                return executions.submit(
                    "coordinator",
                    () -> {
                      try {
                        return action.call();
                      } catch (Throwable e) {
                        LOG.log(Level.WARNING, "coordinator action failed", e);
                        throw e;
                      }
                    });
              }

              <T> Future<T> submitRaw(Callable<T> task) {
                return executions.submit("raw", task);
              }

              static <T> CompletableFuture<T> failed(Throwable failure) {
                CompletableFuture<T> future = new CompletableFuture<>();
                future.completeExceptionally(failure);
                return future;
              }

              void terminate(long id) {
                submitToCoordinator(
                    () -> {
                      if (id < 0) {
                        throw new IllegalStateException("no job " + id);
                      }
                    });
                submitRaw(
                    () -> {
                      try {
                        return check(id);
                      } catch (Throwable e) {
                        LOG.log(Level.WARNING, "check failed", e);
                        return null;
                      }
                    });
                // BUG: Diagnostic contains: LeakedFuture
                submitRaw(() -> check(id));
              }

              private Void check(long id) {
                if (id < 0) {
                  throw new IllegalStateException("no job " + id);
                }
                return null;
              }
            }
            """)
        .doTest();
  }
}
