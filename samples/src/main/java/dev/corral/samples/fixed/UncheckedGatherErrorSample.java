package dev.corral.samples.fixed;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import dev.corral.Gather;
import dev.corral.Outcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The same batches, each failure examined. */
public final class UncheckedGatherErrorSample {
  private static final Logger LOG = Logger.getLogger(UncheckedGatherErrorSample.class.getName());

  /** Gather.all throws if any migration failed, with every failure attached. */
  public void runMigrations(ExecutorService pool, List<Callable<Void>> migrations) throws InterruptedException {
    Gather.all(pool.invokeAll(migrations));
  }

  /** allAsList fails as soon as one lookup fails, instead of handing back a null. */
  public List<BigDecimal> prices(List<ListenableFuture<BigDecimal>> lookups) {
    return Futures.getUnchecked(Futures.allAsList(lookups));
  }

  /** A switch over each outcome: the compiler makes sure the Failure branch exists. */
  public BigDecimal cheapest(List<Future<BigDecimal>> quotes) throws InterruptedException {
    BigDecimal best = null;
    for (Outcome<BigDecimal> outcome : Gather.settled(quotes)) {
      switch (outcome) {
        case Outcome.Success<BigDecimal>(BigDecimal quote) -> {
          if (best == null || quote.compareTo(best) < 0) {
            best = quote;
          }
        }
        case Outcome.Failure<BigDecimal>(Throwable error) -> LOG.log(Level.WARNING, "quote failed", error);
      }
    }
    return best;
  }
}
