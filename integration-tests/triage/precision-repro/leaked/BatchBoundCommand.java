import java.util.List;
import java.util.concurrent.CompletableFuture;

/** FP: commands queued into a batch report through the batch's execute() result (Redisson's CommandBatchService). */
class BatchBoundCommand {
  interface Batch {
    CompletableFuture<Void> writeAsync(String key);
    CompletableFuture<List<Object>> executeAsync();
  }

  CompletableFuture<List<Object>> localBatch(Batch b) {
    b.writeAsync("k1"); // flagged today: b's executeAsync() below is returned
    b.writeAsync("k2"); // flagged today
    return b.executeAsync();
  }

  // Known limit (needs the caller): the batch is a parameter that the caller executes.
  interface TransactionalOperation {
    void commit(Batch batch);
  }

  static final class PutOperation implements TransactionalOperation {
    @Override
    public void commit(Batch batch) {
      batch.writeAsync("k"); // flagged today; only the caller's batch.executeAsync() shows the owner
    }
  }
}
