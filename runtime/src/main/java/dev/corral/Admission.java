package dev.corral;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gate of {@link TaskGroup.Builder#maxConcurrency}: at most {@code max} tasks hold a permit; the others wait in
 * fork order and start as permits come back. Lock-free and never blocking, so {@code fork} never waits and a
 * nested bounded group cannot deadlock its parent.
 *
 * <p>Liveness rests on one ordering: {@link #submit} enqueues before it looks for a permit, and {@link #release}
 * returns the permit before it looks at the queue, so of two racing threads at least one sees both the task and
 * the permit. Model-checked by {@code AdmissionLincheckTest}.
 *
 * @param <T> the task type
 */
final class Admission<T> {
  /** What the gate does with a task once decided. */
  interface Gate<T> {
    /** Starts a task that now holds a permit; it must call {@link #release()} when it ends. */
    void launch(T task);

    /** Ends a task that will never start because its group was cancelled. */
    void abandon(T task);

    /** Whether the group is cancelled: waiting tasks are then abandoned instead of started. */
    boolean cancelled();
  }

  private final AtomicInteger permits;
  private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
  private final Gate<T> gate;

  Admission(int max, Gate<T> gate) {
    this.permits = new AtomicInteger(max);
    this.gate = gate;
  }

  /** Starts {@code task} now if a permit is free, else queues it. */
  void submit(T task) {
    waiting.add(task);
    drain();
  }

  /** Returns a permit and starts the next waiting task, if any. */
  void release() {
    permits.incrementAndGet();
    drain();
  }

  /** Abandons every waiting task (the group was cancelled). */
  void abandonWaiting() {
    for (T task; (task = waiting.poll()) != null; ) {
      gate.abandon(task);
    }
  }

  private void drain() {
    while (!waiting.isEmpty()) {
      int free = permits.get();
      if (free == 0) {
        return; // the task holding the permit will drain when it releases it
      }
      if (!permits.compareAndSet(free, free - 1)) {
        continue;
      }
      T next = waiting.poll();
      if (next == null) {
        permits.incrementAndGet(); // another thread took it; give the permit back and look again
      } else if (gate.cancelled()) {
        permits.incrementAndGet();
        gate.abandon(next);
      } else {
        gate.launch(next);
      }
    }
  }
}
