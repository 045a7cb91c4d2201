package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code maxConcurrency(n)}: never more than n tasks at once, {@code fork} never blocks, and nested bounded groups
 * in a pool-starvation shape do not deadlock.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupBoundedTest {

  /** Counts concurrently running bodies and remembers the maximum. */
  private static final class Gauge {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();

    void enter() {
      int now = running.incrementAndGet();
      max.accumulateAndGet(now, Math::max);
    }

    void exit() {
      running.decrementAndGet();
    }
  }

  @Test
  void neverMoreThanNAtOnce_andTheLimitIsReached() throws Exception {
    Gauge gauge = new Gauge();
    CountDownLatch firstWave = new CountDownLatch(3);
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.builder().maxConcurrency(3).open()) {
      for (int i = 0; i < 24; i++) {
        group.fork(() -> {
          gauge.enter();
          try {
            firstWave.countDown();
            await(release);
            for (int spin = 0; spin < 200; spin++) {
              Thread.yield(); // give other tasks every chance to overlap
            }
          } finally {
            gauge.exit();
          }
          return null;
        });
      }
      await(firstWave); // three tasks are inside...
      assertEquals(3, gauge.running.get()); // ...and no fourth, though 21 more are queued
      release.countDown();
      group.join();
    }
    assertEquals(3, gauge.max.get());
  }

  @Test
  void limitOfOneRunsTasksOneAtATimeInForkOrder() throws Exception {
    Gauge gauge = new Gauge();
    List<Integer> order = new ArrayList<>();
    try (var group = TaskGroup.builder().maxConcurrency(1).open()) {
      for (int i = 0; i < 20; i++) {
        int n = i;
        group.fork(() -> {
          gauge.enter();
          try {
            synchronized (order) {
              order.add(n);
            }
            Thread.yield();
          } finally {
            gauge.exit();
          }
        });
      }
      group.join();
    }
    assertEquals(1, gauge.max.get());
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add(i);
    }
    assertEquals(expected, order);
  }

  @Test
  void forkNeverBlocks_queuedTasksAreRunning() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<Task<Integer>> queued = new ArrayList<>();
    try (var group = TaskGroup.builder().maxConcurrency(1).open()) {
      group.fork(() -> {
        started.countDown();
        await(release);
        return -1;
      });
      await(started);
      for (int i = 0; i < 1_000; i++) { // all while the only permit is held: fork must return every time
        int n = i;
        queued.add(group.fork(() -> n));
      }
      for (Task<Integer> task : queued) {
        assertEquals(Task.State.RUNNING, task.state(), "a queued task's state is RUNNING");
      }
      release.countDown();
      group.join();
    }
    for (int i = 0; i < queued.size(); i++) {
      assertEquals(i, queued.get(i).get());
    }
  }

  @Test
  void forkFromTheOnlyRunningTaskNeverBlocks() throws Exception {
    try (var group = TaskGroup.builder().maxConcurrency(1).open()) {
      Task<Integer> parent = group.fork(() -> {
        for (int i = 0; i < 50; i++) {
          group.fork(() -> 1);
        }
        return 0;
      });
      group.join();
      assertEquals(0, parent.get());
      assertEquals(51, group.outcomes().size());
    }
  }

  @Test
  void nestedBoundedGroups_poolStarvationShape_noDeadlock() throws Exception {
    // The classic starvation shape: every outer task occupies a slot of the outer limit and waits for work of its
    // own, which must run somewhere. With a fixed pool of 2 this deadlocks; here every level has its own slots, and
    // the inner tasks of both running outer tasks must even meet at a barrier (they need to run at the same time).
    int outerLimit = 2;
    CyclicBarrier innerMeet = new CyclicBarrier(2 * outerLimit);
    AtomicInteger leaves = new AtomicInteger();
    try (var outer = TaskGroup.builder().name("outer").maxConcurrency(outerLimit).open()) {
      for (int i = 0; i < 4; i++) {
        int n = i;
        outer.fork(() -> {
          try (var inner = TaskGroup.builder().name("inner-" + n).maxConcurrency(2).open()) {
            for (int j = 0; j < 4; j++) {
              int m = j;
              inner.fork(() -> {
                if (n < outerLimit && m < 2) {
                  innerMeet.await(TestSupport.GUARD_SECONDS, TimeUnit.SECONDS);
                }
                try (var leaf = TaskGroup.builder().maxConcurrency(1).open()) {
                  leaf.fork(leaves::incrementAndGet);
                  leaf.fork(leaves::incrementAndGet);
                  leaf.join();
                }
                return null;
              });
            }
            inner.join();
          }
          return null;
        });
      }
      outer.join();
    }
    assertEquals(4 * 4 * 2, leaves.get());
  }

  @Test
  void taskOfANestedGroupMayForkIntoTheBoundedOuterGroup() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    try (var outer = TaskGroup.builder().maxConcurrency(1).open()) {
      outer.fork(() -> {
        try (var inner = TaskGroup.builder().maxConcurrency(1).open()) {
          for (int i = 0; i < 5; i++) {
            inner.fork(() -> outer.fork(ran::incrementAndGet)); // queued behind the running outer task
          }
          inner.join();
        }
        return null;
      });
      outer.join();
    }
    assertEquals(5, ran.get());
  }

  @Test
  void permitIsReturnedWhenATaskFails() throws Exception {
    try (var group = TaskGroup.builder().supervise().maxConcurrency(1).open()) {
      group.fork(() -> {
        throw new IllegalStateException("boom");
      });
      Task<Integer> next = group.fork(() -> 2);
      group.join();
      assertEquals(2, next.get());
    }
  }

  @Test
  void permitIsReturnedWhenALaunchFails() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (var group = TaskGroup.builder().supervise().maxConcurrency(1).threadFactory(r -> {
      if (calls.getAndIncrement() == 0) {
        throw new IllegalStateException("no thread for you");
      }
      return new Thread(r);
    }).open()) {
      Task<Integer> first = group.fork(() -> 1);
      Task<Integer> second = group.fork(() -> 2);
      group.join();
      assertEquals(Task.State.FAILED, first.state());
      assertEquals(2, second.get());
    }
  }

  @Test
  void limitHoldsWithACustomExecutor() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    Gauge gauge = new Gauge();
    try (var group = TaskGroup.builder().executor(pool).maxConcurrency(2).open()) {
      for (int i = 0; i < 20; i++) {
        group.fork(() -> {
          gauge.enter();
          try {
            for (int spin = 0; spin < 100; spin++) {
              Thread.yield();
            }
          } finally {
            gauge.exit();
          }
        });
      }
      group.join();
    } finally {
      pool.shutdownNow();
    }
    assertTrue(gauge.max.get() <= 2, "max was " + gauge.max.get());
  }

  @Test
  void cancelWhileQueued_queuedTasksAreCancelledWithoutRunning() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    var sleepers = new TestSupport.Sleepers(2);
    try (var group = TaskGroup.builder().maxConcurrency(2).open()) {
      group.fork(sleepers.task());
      group.fork(sleepers.task());
      List<Task<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        queued.add(group.fork(ran::incrementAndGet));
      }
      await(sleepers.started);
      group.cancel();
      group.join();
      for (Task<Integer> task : queued) {
        assertEquals(Task.State.CANCELLED, task.state());
      }
    }
    assertEquals(0, ran.get());
  }
}
