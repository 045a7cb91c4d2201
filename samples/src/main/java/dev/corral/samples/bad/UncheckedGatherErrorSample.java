package dev.corral.samples.bad;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import dev.corral.Gather;
import dev.corral.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Batches whose failed elements nobody looks at. */
public final class UncheckedGatherErrorSample {
  /** invokeAll waits for every task, but a task that threw reports it only through its Future: ignored here. */
  public void runMigrations(ExecutorService pool, List<Callable<Void>> migrations) throws InterruptedException {
    pool.invokeAll(migrations);
  }

  /** successfulAsList turns every failed price lookup into null; the loop adds them as if they were prices. */
  public List<BigDecimal> prices(List<ListenableFuture<BigDecimal>> lookups) {
    List<BigDecimal> prices = new ArrayList<>();
    for (BigDecimal price : Futures.getUnchecked(Futures.successfulAsList(lookups))) {
      prices.add(price);
    }
    return prices;
  }

  /** Only the successes are used; failed quotes disappear without a trace. */
  public BigDecimal cheapest(List<Future<BigDecimal>> quotes) throws InterruptedException {
    BigDecimal best = null;
    List<Outcome<BigDecimal>> outcomes = Gather.settled(quotes);
    for (Outcome<BigDecimal> outcome : outcomes) {
      if (outcome.isSuccess() && (best == null || outcome.getOrThrow().compareTo(best) < 0)) {
        best = outcome.getOrThrow();
      }
    }
    return best;
  }
}
