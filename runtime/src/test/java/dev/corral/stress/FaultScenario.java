package dev.corral.stress;

import dev.corral.Outcome;
import dev.corral.Task;
import dev.corral.TaskGroup;
import dev.corral.TaskGroupException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One random schedule: a group (fail-fast or supervise, maybe bounded, maybe with a timeout) whose tasks succeed,
 * fail (checked, unchecked, {@link Error}), block until cancelled, cancel the group, or open a nested group; and an
 * owner that joins or not, cancels, gets cancelled from outside, is interrupted, or throws from the block.
 *
 * <p>Invariants checked afterwards: every failure a task threw is reachable from what {@code join()} and
 * {@code close()} threw (or, supervised, from the outcomes) exactly once; no cancellation the group caused is
 * reported as a failure; no task of the group (or of a group nested in it) is still running after {@code close()},
 * and no thread it started is alive: with a user {@link java.util.concurrent.ThreadFactory} (some scenarios) and
 * with the default virtual threads (Java 21+), not with the default shared pool on Java 17, whose threads outlive
 * their tasks by design; {@code close()} returned within a bound.
 */
final class FaultScenario {
  private static final long CLOSE_BOUND_SECONDS = 20;

  private final Random random;
  private final long seed;
  private final Set<Throwable> thrownByTasks = ConcurrentHashMap.newKeySet();
  private final Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
  private final Set<Thread> factoryThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger runningBodies = new AtomicInteger();
  private final CountDownLatch never = new CountDownLatch(1);
  private volatile boolean blockingAllowed;
  private String config = "";
  private final List<Throwable> reportedForDiagnosis = new ArrayList<>();

  FaultScenario(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  void run() throws Exception {
    boolean supervise = random.nextInt(3) == 0;
    TaskGroup.Builder builder = TaskGroup.builder().name("stress-" + Long.toHexString(seed));
    if (supervise) {
      builder.supervise();
    }
    if (random.nextInt(3) == 0) {
      builder.maxConcurrency(1 + random.nextInt(3));
    }
    // Drawn apart from the scenario's random sequence, so that a seed replays the same schedule as before.
    boolean ownThreadFactory = new Random(~seed).nextInt(4) == 0;
    if (ownThreadFactory) {
      builder.threadFactory(runnable -> {
        Thread thread = new Thread(runnable, "stress-factory-thread");
        factoryThreads.add(thread);
        return thread;
      });
    }
    boolean timeout = random.nextInt(5) == 0;
    if (timeout) {
      builder.timeout(Duration.ofMillis(1 + random.nextInt(20)));
    }
    int tasks = random.nextInt(8);
    int ownerAction = random.nextInt(6); // 0,1 join; 2 no join; 3 cancel then join; 4 body throws; 5 outside cancel
    // A task may block until cancelled only when something is sure to cancel the group.
    blockingAllowed = timeout || ownerAction >= 3;
    boolean interruptOwner = random.nextInt(8) == 0;
    config = (supervise ? "supervise" : "fail-fast") + ", timeout=" + timeout + ", tasks=" + tasks
        + ", ownerAction=" + ownerAction + ", interruptOwner=" + interruptOwner + ", ownThreadFactory=" + ownThreadFactory;
    List<Throwable> reported = reportedForDiagnosis;
    List<Outcome<?>> outcomes = List.of();
    RuntimeException bodyException = new IllegalStateException("body threw (seed " + seed + ")");
    Thread ownerThread = Thread.currentThread();
    Thread interrupter = null;
    long closeStart = 0;
    try (TaskGroup group = builder.open()) {
      List<Task<?>> handles = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        try {
          handles.add(group.fork(() -> taskBody(group, 0)));
        } catch (IllegalStateException refused) {
          check(group.isCancelled(), "fork refused by a group that is not cancelled: " + refused);
          break; // a task failed (fail-fast), cancelled the group, or the timeout passed
        }
      }
      if (interruptOwner) {
        interrupter = new Thread(ownerThread::interrupt);
        interrupter.start();
      }
      if (ownerAction == 5) {
        Thread outside = new Thread(group::cancel);
        outside.start();
        joinQuietly(outside);
      }
      if (ownerAction == 3) {
        group.cancel();
      }
      if (ownerAction == 4) {
        closeStart = System.nanoTime();
        throw bodyException;
      }
      if (ownerAction != 2) {
        try {
          group.join();
        } catch (TaskGroupException e) {
          reported.add(e);
        } catch (InterruptedException e) {
          reported.add(e);
        }
        if (supervise) {
          outcomes = group.outcomes();
        }
      }
      closeStart = System.nanoTime();
    } catch (TaskGroupException e) {
      reported.add(e);
    } catch (IllegalStateException e) {
      if (e != bodyException) {
        throw e;
      }
      reported.add(e);
    } finally {
      if (interrupter != null) {
        joinQuietly(interrupter);
      }
      Thread.interrupted();
    }
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart);
    check(closeMillis < TimeUnit.SECONDS.toMillis(CLOSE_BOUND_SECONDS), "close() took " + closeMillis + " ms");
    check(runningBodies.get() == 0, runningBodies.get() + " task(s) still running after close()");
    for (Thread thread : factoryThreads) {
      check(!thread.isAlive(), "thread " + thread + " of the group's ThreadFactory is alive after close()");
    }
    if (Runtime.version().feature() >= 21) {
      // Virtual threads, one per task (and a ThreadFactory's for the outer group's tasks): all ended.
      for (Thread thread : taskThreads) {
        check(!thread.isAlive(), "thread " + thread + " is alive after close()");
      }
    }
    Map<Throwable, Integer> reachable = new IdentityHashMap<>();
    for (Throwable e : reported) {
      collect(e, reachable, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    // What join()/close() threw must hold each failure at most once; outcomes may repeat a thrown one.
    Map<Throwable, Integer> inOutcomes = new IdentityHashMap<>();
    for (Outcome<?> outcome : outcomes) {
      if (outcome instanceof Outcome.Failure<?> failure) {
        collect(failure.exception(), inOutcomes, Collections.newSetFromMap(new IdentityHashMap<>()));
      }
    }
    inOutcomes.keySet().forEach(e -> reachable.putIfAbsent(e, 1));
    for (Throwable thrown : thrownByTasks) {
      if (supervise && ownerAction != 2 && ownerAction != 4 && outcomes.isEmpty() && !reported.isEmpty()) {
        continue; // the owner was interrupted before outcomes() could be read; join threw InterruptedException
      }
      check(reachable.containsKey(thrown), "failure lost: " + thrown);
      check(reachable.get(thrown) == 1, "failure reported " + reachable.get(thrown) + " times: " + thrown);
    }
  }

  private Object taskBody(TaskGroup group, int depth) throws Exception {
    runningBodies.incrementAndGet();
    try {
      return body(group, depth);
    } finally {
      runningBodies.decrementAndGet();
    }
  }

  private Object body(TaskGroup group, int depth) throws Exception {
    taskThreads.add(Thread.currentThread());
    switch (random(10)) {
      case 0:
        return "ok";
      case 1:
        throw record(new IOException("checked failure"));
      case 2:
        throw record(new IllegalArgumentException("unchecked failure"));
      case 3:
        throw record(new AssertionError("error failure"));
      case 4:
        if (blockingAllowed) {
          never.await(); // blocks until the group cancels it
        }
        return "unblocked";
      case 5:
        group.cancel();
        return "cancelled my group";
      case 6:
        if (depth < 2) {
          try (TaskGroup nested = TaskGroup.open()) {
            for (int i = random(3); i > 0; i--) {
              nested.fork(() -> taskBody(nested, depth + 1));
            }
            nested.join();
          } catch (TaskGroupException e) {
            throw e; // carries the nested failures up; reachability is checked through it
          }
        }
        return "nested";
      case 7:
        Thread.sleep(random(3));
        return "slept";
      case 8:
        try {
          group.fork(() -> "late fork");
        } catch (IllegalStateException cancelledOrClosed) {
          // forking into a cancelled group is refused: fine
        }
        return "forked";
      default:
        Thread.yield();
        return "yielded";
    }
  }

  /** Joins a helper thread; the scenario may interrupt its own owner meanwhile, which must not abort the join. */
  private static void joinQuietly(Thread thread) {
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        // the interrupt the scenario sent to its owner on purpose
      }
    }
  }

  private synchronized int random(int bound) {
    return random.nextInt(bound);
  }

  private <T extends Throwable> T record(T failure) {
    thrownByTasks.add(failure);
    return failure;
  }

  private static void collect(Throwable e, Map<Throwable, Integer> seen, Set<Throwable> path) {
    if (e == null || !path.add(e)) {
      return;
    }
    seen.merge(e, 1, Integer::sum);
    collect(e.getCause(), seen, path);
    for (Throwable suppressed : e.getSuppressed()) {
      collect(suppressed, seen, path);
    }
    if (e instanceof TaskGroupException group) {
      // failures() lists exactly the cause and the suppressed failures, already walked above.
      List<Throwable> attached = new ArrayList<>();
      attached.add(e.getCause());
      attached.addAll(List.of(e.getSuppressed()));
      attached.remove(null);
      if (!group.failures().equals(attached)) {
        throw new AssertionError("failures() " + group.failures() + " differs from cause + suppressed " + attached);
      }
    }
    path.remove(e);
  }

  private void check(boolean condition, String message) {
    if (!condition) {
      AssertionError error = new AssertionError(message + " (seed " + seed + "; " + config + ")");
      reportedForDiagnosis.forEach(error::addSuppressed); // what join()/close() threw, for diagnosis
      throw error;
    }
  }
}
