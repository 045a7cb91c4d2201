import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** FP: a local that reads a future someone else already holds (a getter, a container) is not new work. */
class GetterLocal {
  static final class LeaseRequest {
    private final CompletableFuture<String> future = new CompletableFuture<>();

    CompletableFuture<String> getFuture() {
      return future;
    }
  }

  void validatePending(List<LeaseRequest> pending) {
    Iterator<LeaseRequest> it = pending.iterator();
    while (it.hasNext()) {
      CompletableFuture<String> future = it.next().getFuture(); // flagged today
      if (future.isCancelled()) {
        it.remove();
      }
    }
  }

  // A non-generic holder (Jetty's Graceful.Shutdown in micrometer's TimedHandler). AtomicReference<F>.get()
  // is not flagged: its declared return type is a type variable.
  static final class Shutdown {
    private volatile CompletableFuture<Void> done;

    CompletableFuture<Void> get() {
      return done;
    }
  }

  private final Shutdown shutdown = new Shutdown();

  void onRequestDone(int active) {
    CompletableFuture<Void> callback = shutdown.get(); // flagged today
    if (callback != null && active == 0) {
      callback.complete(null);
    }
  }

  private CompletableFuture<Void> bridge = new CompletableFuture<>();

  private CompletableFuture<Void> bridge() {
    return bridge;
  }

  void removeTimeout() {
    bridge().orTimeout(1, java.util.concurrent.TimeUnit.SECONDS); // flagged today: returns the receiver, a field
  }
}
