package dev.corral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model-checks {@link Admission}, the lock-free gate behind {@code maxConcurrency}, under concurrent submit,
 * finish (release) and cancel: never more than {@code MAX} tasks run, no task is both started and abandoned, and
 * no task waits while a permit is free (the lost-wakeup bug such gates are prone to).
 */
public class AdmissionLincheckTest {
  private static final int MAX = 2;

  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger runningNow = new AtomicInteger();
  private final ConcurrentLinkedQueue<Integer> running = new ConcurrentLinkedQueue<>();
  private final Set<Integer> launched = ConcurrentHashMap.newKeySet();
  private final Set<Integer> abandoned = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Admission<Integer> admission = new Admission<>(MAX, new Admission.Gate<>() {
    @Override
    public void launch(Integer task) {
      if (runningNow.incrementAndGet() > MAX) {
        throw new AssertionError("more than " + MAX + " tasks running");
      }
      launched.add(task);
      running.add(task);
    }

    @Override
    public void abandon(Integer task) {
      abandoned.add(task);
    }

    @Override
    public boolean cancelled() {
      return cancelled.get();
    }
  });

  @Operation
  public void submit() {
    admission.submit(ids.incrementAndGet());
  }

  /** A running task ends and gives its permit back. */
  @Operation
  public void finishOne() {
    if (running.poll() != null) {
      runningNow.decrementAndGet();
      admission.release();
    }
  }

  @Operation
  public void cancel() {
    cancelled.set(true);
    admission.abandonWaiting();
  }

  @Validate
  public void invariants() {
    for (Integer task : launched) {
      if (abandoned.contains(task)) {
        throw new AssertionError("task " + task + " was started and abandoned");
      }
    }
    int decided = launched.size() + abandoned.size();
    int waiting = ids.get() - decided;
    if (waiting > 0 && runningNow.get() < MAX) {
      throw new AssertionError(waiting + " task(s) wait while only " + runningNow.get() + " of " + MAX + " run");
    }
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions().iterations(Integer.getInteger("corral.lincheck.iterations", 12))
        .invocationsPerIteration(500).threads(2).actorsPerThread(3).actorsBefore(1).actorsAfter(0)
        .check(AdmissionLincheckTest.class);
  }

  @Test
  void stress() {
    new StressOptions().iterations(Integer.getInteger("corral.lincheck.iterations", 12))
        .invocationsPerIteration(500).threads(3).actorsPerThread(3).actorsAfter(0)
        .check(AdmissionLincheckTest.class);
  }

  @Test
  void sequentialSanity() {
    AdmissionLincheckTest gate = new AdmissionLincheckTest();
    for (int i = 0; i < 5; i++) {
      gate.submit();
    }
    assertEquals(MAX, gate.launched.size());
    gate.finishOne();
    assertEquals(MAX + 1, gate.launched.size());
    gate.cancel();
    assertEquals(5 - (MAX + 1), gate.abandoned.size());
    gate.invariants();
  }
}
