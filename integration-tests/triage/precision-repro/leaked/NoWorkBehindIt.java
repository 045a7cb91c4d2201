import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** FP: a future with no work behind it (already completed, or a fresh promise nobody completes) cannot fail. */
class NoWorkBehindIt {
  CompletionStage<String> overwriteCompleted(String value, boolean remap, Function<String, String> f, Executor e) {
    CompletableFuture<String> next = CompletableFuture.completedFuture(value); // flagged today
    if (remap) {
      next = CompletableFuture.supplyAsync(() -> f.apply(value), e);
    }
    return next.thenApply(String::trim);
  }

  Future<String> unusedPromise(boolean resolved, Future<String> viaResolver) {
    Promise<String> promise = ImmediateEventExecutor.INSTANCE.newPromise(); // flagged today
    if (!resolved) {
      return viaResolver;
    }
    return promise.setSuccess("addr");
  }
}
