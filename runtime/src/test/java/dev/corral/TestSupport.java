package dev.corral;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Helpers shared by the runtime tests. Nothing here sleeps for ordering: threads meet on latches, and the few
 * waits for a condition that has no latch (a thread parking inside {@code join()}, a task reaching a state) poll
 * that condition with a hard bound, so a runtime bug shows as a failure instead of a hang.
 */
final class TestSupport {
  /** Upper bound for anything a test waits for; well under the class-level {@code @Timeout(10)}. */
  static final long GUARD_SECONDS = 8;

  private TestSupport() {}

  /** Awaits {@code latch}, failing the test (or the task) if it does not open within the guard time. */
  static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("latch did not open within " + GUARD_SECONDS + " s (count " + latch.getCount() + ")");
    }
  }

  /** Awaits {@code latch} ignoring interrupts (a task that does not respond to cancellation); re-sets the status. */
  static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (true) {
      try {
        if (latch.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break;
        }
        throw new AssertionError("latch did not open within " + GUARD_SECONDS + " s");
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until the calling thread is interrupted; fails if that never happens within the guard time. */
  static void blockUntilInterrupted() throws InterruptedException {
    if (!new CountDownLatch(1).await(GUARD_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("never interrupted within " + GUARD_SECONDS + " s");
    }
    throw new AssertionError("unreachable");
  }

  /** Polls {@code condition} until it holds; fails after the guard time. Polling, not ordering by sleep. */
  static void awaitCondition(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.onSpinWait();
      LockSupport.parkNanos(50_000);
    }
  }

  /** Waits until {@code thread} is parked inside {@code group} (its join() or close() parks on the group). */
  static void awaitParkedIn(Thread thread, TaskGroup group) {
    awaitCondition(thread + " parked in " + group, () -> LockSupport.getBlocker(thread) == group);
  }

  /**
   * Starts a daemon thread that opens {@code release} once {@code owner} is parked inside {@code group} (in
   * {@code join()} or {@code close()}), or at once if the group got cancelled meanwhile (so a test of "close waits
   * without cancelling" fails on its assertions instead of hanging when the runtime cancels by mistake).
   */
  static Thread releaseWhenOwnerWaits(Thread owner, TaskGroup group, CountDownLatch release) {
    Thread releaser = new Thread(() -> {
      awaitCondition(owner + " parked in " + group + " (or the group cancelled)",
          () -> LockSupport.getBlocker(owner) == group || group.isCancelled());
      release.countDown();
    }, "releaser");
    releaser.setDaemon(true);
    releaser.start();
    return releaser;
  }

  /** Waits until {@code thread} is waiting (any blocking wait, e.g. inside a Gather call). */
  static void awaitWaiting(Thread thread) {
    awaitCondition(thread + " waiting", () -> {
      Thread.State s = thread.getState();
      return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    });
  }

  /**
   * Waits until the Java 17 pool's {@code worker} is idle again (parked in the pool's timed poll). The pool hands a
   * task to the worker that went idle last, so a test that wants a task on a given worker waits for this first.
   */
  static void awaitIdleInPool(Thread worker) {
    awaitCondition(worker + " idle in the pool", () -> worker.getState() == Thread.State.TIMED_WAITING);
  }

  /** Waits until {@code task} has left {@link Task.State#RUNNING}; any thread may read a task's state. */
  static void awaitFinished(Task<?> task) {
    awaitCondition(task + " finished", () -> task.state() != Task.State.RUNNING);
  }

  /** {@code Thread.isVirtual()} through reflection: the tests compile with {@code --release 17}. */
  static boolean isVirtual(Thread thread) {
    try {
      Method isVirtual = Thread.class.getMethod("isVirtual");
      return (Boolean) isVirtual.invoke(thread);
    } catch (NoSuchMethodException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  static boolean virtualThreadsExpected() {
    return Runtime.version().feature() >= 21;
  }

  /**
   * Waits until {@code task} has ended and its group has recorded it: what joining a task's own thread used to
   * tell, before the default threads on Java 17 became a shared pool whose threads outlive their tasks. Polls.
   */
  static void awaitEnded(Task<?> task) {
    awaitCondition("task recorded as ended: " + task, ((GroupTask<?>) task)::ended);
  }

  /**
   * After {@code close()}, a default thread that ran a task of the group is done with it: a virtual thread (Java
   * 21+) has terminated; a thread of the shared pool (Java 17) has gone back to the pool, so it is alive, and a
   * pool worker. Callers check separately that the tasks ended.
   */
  static void assertReleasedAfterClose(Thread thread) {
    if (virtualThreadsExpected()) {
      if (thread.isAlive()) {
        throw new AssertionError(thread + " outlived close()");
      }
    } else if (!thread.getName().startsWith("corral-worker-")) {
      throw new AssertionError(thread + " is not a thread of Corral's pool");
    }
  }

  /**
   * A family of tasks that block until the group cancels them, and record what happened: how many started, how
   * many were interrupted, how many stopped, and the threads they ran on.
   */
  static final class Sleepers {
    final int count;
    final CountDownLatch started;
    final CountDownLatch interrupted;
    final CountDownLatch stopped;
    final AtomicInteger startedCount = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    Sleepers(int count) {
      this.count = count;
      started = new CountDownLatch(count);
      interrupted = new CountDownLatch(count);
      stopped = new CountDownLatch(count);
    }

    /** A task that blocks until interrupted, then ends with the InterruptedException. */
    Callable<String> task() {
      return () -> {
        synchronized (threads) {
          threads.add(Thread.currentThread());
        }
        startedCount.incrementAndGet();
        started.countDown();
        try {
          blockUntilInterrupted();
          return "not reached";
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        } finally {
          stopped.countDown();
        }
      };
    }

    /**
     * Whether every task that started was interrupted and has stopped. Under a timeout a task may be cancelled
     * before it ever starts (then it never runs); that is fine too.
     */
    boolean everyStartedTaskWasInterruptedAndStopped() {
      int begun = startedCount.get();
      return count - interrupted.getCount() == begun && count - stopped.getCount() == begun;
    }

    List<Thread> threads() {
      synchronized (threads) {
        return new ArrayList<>(threads);
      }
    }
  }

  /** How often {@code target} is reachable from {@code root} through causes and suppressed exceptions (any path). */
  static int occurrences(Throwable root, Throwable target) {
    return occurrences(root, target, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static int occurrences(Throwable e, Throwable target, Set<Throwable> path) {
    if (e == null || !path.add(e)) {
      return 0;
    }
    int count = e == target ? 1 : occurrences(e.getCause(), target, path);
    if (e != target) {
      for (Throwable suppressed : e.getSuppressed()) {
        count += occurrences(suppressed, target, path);
      }
    }
    path.remove(e);
    return count;
  }
}
