import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/** FP: the thread only hands an already-known outcome to a future that is returned (Vert.x VertxImpl.close). */
class ThreadCompletesPromise {
  CompletableFuture<Void> close(CompletableFuture<Void> closing, ThreadFactory factory) {
    CompletableFuture<Void> p = new CompletableFuture<>();
    closing.whenComplete((v, failure) -> {
      factory.newThread(() -> {
        if (failure == null) {
          p.complete(null);
        } else {
          p.completeExceptionally(failure);
        }
      }).start(); // flagged today
    });
    return p;
  }
}
