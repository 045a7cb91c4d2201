package dev.corral.stress;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs random fault schedules through {@link FaultScenario} and checks its invariants after each one.
 *
 * <p>Bounded by {@code corral.stress.seconds} (default 3 s, so that the default build stays short; the long runs of
 * issue 7 pass a larger value) and {@code corral.stress.scenarios}; a failure prints
 * the seed and the command that replays it: {@code -Dcorral.stress.seed=<seed>}.
 */
class FaultScheduleStressTest {

  @Test
  @Timeout(value = 3, unit = TimeUnit.HOURS) // bounded by corral.stress.seconds; each scenario by its own 30 s watchdog
  void randomSchedulesKeepTheInvariants() throws Exception {
    String replay = System.getProperty("corral.stress.seed");
    if (replay != null) {
      runOne(Long.parseLong(replay));
      return;
    }
    long seconds = Long.getLong("corral.stress.seconds", 3);
    long maxScenarios = Long.getLong("corral.stress.scenarios", Long.MAX_VALUE);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Random seeds = new Random();
    long count = 0;
    List<String> failures = new ArrayList<>();
    while (System.nanoTime() < end && count < maxScenarios && failures.size() < 5) {
      long seed = seeds.nextLong();
      count++;
      try {
        runOne(seed);
      } catch (Throwable e) {
        failures.add("seed " + seed + ": " + e + "\n  replay: ./mvnw -pl runtime verify -Dtest=FaultScheduleStressTest"
            + " -Dcorral.stress.seed=" + seed);
        e.printStackTrace();
      }
    }
    System.out.println("FaultScheduleStressTest: " + count + " scenarios on Java " + Runtime.version().feature());
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + count + " scenarios broke an invariant:\n" + String.join("\n", failures));
    }
  }

  /** Runs one scenario on its own thread so that a hang is reported with its seed instead of stalling the suite. */
  private static void runOne(long seed) throws Exception {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    Thread runner = new Thread(() -> {
      try {
        if (seed % 4 == 0) {
          new GatherScenario(seed).run();
        } else {
          new FaultScenario(seed).run();
        }
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "stress-" + seed);
    runner.setDaemon(true);
    runner.start();
    try {
      done.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      AssertionError hang = new AssertionError("scenario hung (seed " + seed + ")");
      hang.setStackTrace(runner.getStackTrace());
      throw hang;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw (Error) e.getCause();
    }
  }
}
