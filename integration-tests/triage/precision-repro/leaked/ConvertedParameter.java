import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/** FP: toCompletableFuture() of a caller's stage is a view of the caller's future, and a done future that
 * did not fail has nothing left to observe. */
class ConvertedParameter {
  private static final Logger LOG = Logger.getLogger("x");

  void warnIfFailed(CompletionStage<Void> stage) {
    CompletableFuture<Void> future = stage.toCompletableFuture(); // flagged today
    assert future.isDone();
    if (future.isCompletedExceptionally()) {
      LOG.log(Level.WARNING, "close failed", future.exceptionNow());
    }
  }
}
