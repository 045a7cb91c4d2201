package dev.corral.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.jupiter.api.Test;

final class OwnedFuturesTest {
  /** Flags each call that hands its caller a future to observe. */
  @BugPattern(summary = "owned", severity = BugPattern.SeverityLevel.WARNING)
  public static final class Owned extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;
    private final transient OwnedFutures ownedFutures =
        new OwnedFutures(new FutureTypes(CorralFlags.from(ErrorProneFlags.empty())));

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return ownedFutures.returnsOwnedFuture(tree, state)
          ? describeMatch(tree)
          : Description.NO_MATCH;
    }
  }

  @Test
  void callsThatHandOverAFuture() {
    CompilationTestHelper.newInstance(Owned.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.FutureCallback;
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionService;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinTask;
            import java.util.concurrent.Future;
            import java.util.function.BiConsumer;

            abstract class A {
              interface Context {
                void record(Object result);

                void recordException(Throwable failure);

                boolean isDone();

                void cancel();
              }

              abstract CompletableFuture<String> send(BiConsumer<String, Throwable> done);

              abstract CompletableFuture<String> sendWithCallback(FutureCallback<String> done);

              abstract CompletableFuture<String> sendInContext(Context context);

              abstract <T> CompletableFuture<T> track(CompletableFuture<T> future);

              abstract CompletableFuture<Boolean> abort(Throwable cause);

              void m(
                  ExecutorService executor,
                  CompletionService<String> service,
                  CompletableFuture<String> cf,
                  ListenableFuture<String> lf,
                  ForkJoinTask<?> task,
                  Map<String, Future<?>> map,
                  Context context,
                  FutureCallback<String> callback) {
                // The declared return type decides: V, not a future.
                map.get("k");
                // Owned elsewhere by contract, like FRVI.
                task.fork();
                service.submit(() -> "x");
                // A failure callback.
                cf.whenComplete((r, e) -> {});
                cf.exceptionally(e -> "x");
                Futures.catching(lf, Throwable.class, e -> "x", Runnable::run);
                send((r, e) -> {});
                sendWithCallback(callback);
                // Hands back its argument.
                track(cf);
                // Delivers a failure; the future says whether it was delivered.
                abort(new IllegalStateException());
                // The work reports its own failure.
                executor.submit(
                    () -> {
                      try {
                        System.out.println();
                      } catch (RuntimeException e) {
                        e.printStackTrace();
                      }
                    });

                // BUG: Diagnostic contains: owned
                executor.submit(() -> {});
                // BUG: Diagnostic contains: owned
                cf.thenApply(String::length);
                // BUG: Diagnostic contains: owned
                Futures.catching(lf, IllegalStateException.class, e -> "x", Runnable::run);
                // BUG: Diagnostic contains: owned
                sendInContext(context);
                // A null callback observes nothing.
                // BUG: Diagnostic contains: owned
                sendWithCallback(null);
              }
            }
            """)
        .doTest();
  }
}
