import java.util.concurrent.ExecutorService;

/** FP: delivering the caller's callback on the caller-supplied callback pool is the API's contract (HBase
 * AsyncTableImpl, Redisson pub/sub listeners); the failure belongs to the callback. */
class CallbackDispatch {
  interface ScanResultConsumer {
    void onNext(String row);
    void onError(Throwable error);
    void onComplete();
  }

  private final ExecutorService pool;

  CallbackDispatch(ExecutorService pool) {
    this.pool = pool;
  }

  void onError(ScanResultConsumer consumer, Throwable error) {
    pool.execute(() -> consumer.onError(error)); // flagged today
  }

  void onComplete(ScanResultConsumer consumer) {
    pool.execute(consumer::onComplete); // flagged today
  }
}
