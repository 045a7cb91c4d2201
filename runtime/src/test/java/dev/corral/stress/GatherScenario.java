package dev.corral.stress;

import dev.corral.Gather;
import dev.corral.GatherException;
import dev.corral.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One random {@link Gather} schedule: inputs that succeed, fail, or block until cancelled, as
 * {@link CompletableFuture}s or executor {@link Future}s, gathered with {@code all} or {@code settled}, maybe with
 * a timeout. Invariants: {@code all} returns every value in input order or throws with the first failure and
 * leaves no input running (every blocked input is cancelled); {@code settled} reports every input in order.
 */
final class GatherScenario {
  private final long seed;
  private final Random random;

  GatherScenario(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  void run() throws Exception {
    int size = random.nextInt(6);
    boolean settled = random.nextBoolean();
    boolean timed = random.nextInt(4) == 0;
    ExecutorService pool = Executors.newCachedThreadPool(); // unbounded: blocked inputs must not starve the others
    CountDownLatch never = new CountDownLatch(1);
    List<Future<Integer>> inputs = new ArrayList<>();
    int[] kinds = new int[size];
    boolean anyBlocks = false;
    boolean anyFails = false;
    try {
      for (int i = 0; i < size; i++) {
        int value = i;
        kinds[i] = random.nextInt(4); // 0 success, 1 failure, 2 blocks until cancelled, 3 success later
        anyBlocks |= kinds[i] == 2;
        anyFails |= kinds[i] == 1;
        boolean completable = random.nextBoolean();
        switch (kinds[i]) {
          case 0 -> inputs.add(CompletableFuture.completedFuture(value));
          case 1 -> inputs.add(completable
              ? CompletableFuture.failedFuture(new IOException("input " + value))
              : pool.submit(() -> {
                throw new IOException("input " + value);
              }));
          case 2 -> inputs.add(completable ? new CompletableFuture<>() : pool.submit(() -> {
            never.await();
            return value;
          }));
          default -> inputs.add(completable
              ? CompletableFuture.supplyAsync(() -> value, pool)
              : pool.submit(() -> value));
        }
      }
      // A settled gather, or an all without a failure, can only finish if nothing blocks: give it a timeout then.
      boolean needsTimeout = anyBlocks && (settled || !anyFails);
      Duration timeout = Duration.ofMillis(1 + random.nextInt(20));
      try {
        if (settled) {
          List<Outcome<Integer>> outcomes = timed || needsTimeout
              ? Gather.settled(inputs, timeout) : Gather.settled(inputs);
          check(outcomes.size() == size, "settled returned " + outcomes.size() + " of " + size);
          for (int i = 0; i < size; i++) {
            check(outcomes.get(i).isSuccess() == (kinds[i] != 1), "outcome " + i + " is " + outcomes.get(i));
          }
        } else {
          List<Integer> values = timed || needsTimeout ? Gather.all(inputs, timeout) : Gather.all(inputs);
          check(!anyFails, "all returned although an input failed");
          for (int i = 0; i < size; i++) {
            check(values.get(i) == i, "value " + i + " is " + values.get(i));
          }
        }
      } catch (GatherException e) {
        check(!settled && anyFails, "unexpected " + e);
        check(e.getCause() instanceof IOException, "cause is " + e.getCause());
        assertNothingRunning(inputs);
      } catch (TimeoutException e) {
        check(timed || needsTimeout, "timed out without a timeout");
        assertNothingRunning(inputs);
      }
    } finally {
      never.countDown();
      pool.shutdownNow();
      check(pool.awaitTermination(10, TimeUnit.SECONDS), "pool did not stop");
    }
  }

  private void assertNothingRunning(List<Future<Integer>> inputs) {
    for (Future<Integer> input : inputs) {
      check(input.isDone(), "an input is still running after Gather gave up: " + input);
    }
  }

  private void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message + " (gather seed " + seed + ")");
    }
  }
}
