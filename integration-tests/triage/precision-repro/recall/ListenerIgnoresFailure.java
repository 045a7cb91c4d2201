import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Recall loss: whenComplete/handle whose callback never reads its Throwable, on a fresh future nobody else holds. */
class ListenerIgnoresFailure {
  interface PubSub {
    CompletableFuture<Void> unsubscribe(String channel);
  }

  void release(PubSub service, String channel, Semaphore semaphore) {
    service.unsubscribe(channel).whenComplete((r, e) -> semaphore.release()); // NOT flagged today; should be
  }

  void destroyThenRetry(CompletableFuture<Void> destroy, Runnable retry) {
    destroy.whenComplete((v, th) -> retry.run()); // not flagged, correctly: destroy is a parameter (owned elsewhere)
  }

  CompletableFuture<String> returnedSource(java.util.function.Supplier<CompletableFuture<String>> call, Runnable metric) {
    CompletableFuture<String> result = call.get();
    result.whenComplete((r, t) -> metric.run()); // not flagged, correctly: result itself is returned
    return result;
  }
}
