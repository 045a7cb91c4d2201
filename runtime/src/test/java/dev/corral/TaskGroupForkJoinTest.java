package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.awaitParkedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code fork(Callable)}, {@code fork(Runnable)} and {@code join()}: the happy path of DESIGN.md's example. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupForkJoinTest {

  @Test
  void designExample_forkTwoCallablesJoinThenGet() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<String> user = group.fork(() -> "ada");
      Task<List<Integer>> orders = group.fork(() -> List.of(1, 2, 3));
      group.join();
      assertEquals("ada", user.get());
      assertEquals(List.of(1, 2, 3), orders.get());
      assertEquals(Task.State.SUCCESS, user.state());
    }
  }

  @Test
  void forkRunnable_resultIsNull() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (var group = TaskGroup.open()) {
      Task<Void> task = group.fork(() -> {
        runs.incrementAndGet();
      });
      group.join();
      assertNull(task.get());
      assertEquals(Task.State.SUCCESS, task.state());
    }
    assertEquals(1, runs.get());
  }

  @Test
  void forkCallableMayThrowCheckedException() throws Exception {
    IOException checked = new IOException("checked");
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<String> task = group.fork(() -> {
        throw checked;
      });
      group.join();
      assertSame(checked, task.exception());
    }
  }

  @Test
  void join_waitsForEveryTask() throws Exception {
    Thread owner = Thread.currentThread();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(5);
    List<Task<Integer>> tasks = new ArrayList<>();
    AtomicInteger finishedBeforeRelease = new AtomicInteger(-1);
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 5; i++) {
        int n = i;
        tasks.add(group.fork(() -> {
          started.countDown();
          await(release);
          return n * n;
        }));
      }
      await(started);
      Thread releaser = new Thread(() -> {
        awaitParkedIn(owner, group); // the owner is inside join(), the tasks are all still blocked
        finishedBeforeRelease.set((int) tasks.stream().filter(t -> t.state() != Task.State.RUNNING).count());
        release.countDown();
      });
      releaser.start();
      group.join();
      releaser.join();
      for (Task<Integer> task : tasks) {
        assertEquals(Task.State.SUCCESS, task.state(), "join() returned before every task finished");
      }
      assertEquals(List.of(0, 1, 4, 9, 16), tasks.stream().map(Task::get).toList());
    }
    assertEquals(0, finishedBeforeRelease.get());
  }

  @Test
  void join_withNoTasksReturnsAtOnce() throws Exception {
    try (var group = TaskGroup.open()) {
      group.join();
    }
  }

  @Test
  void join_waitsForTasksForkedByTasks() throws Exception {
    AtomicReference<Task<String>> child = new AtomicReference<>();
    CountDownLatch childMayFinish = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<String> parent = group.fork(() -> {
        child.set(group.fork(() -> {
          await(childMayFinish);
          return "child";
        }));
        return "parent";
      });
      // Let the child finish only once the parent task has finished: join() must still wait for the child.
      Thread releaser = new Thread(() -> {
        TestSupport.awaitFinished(parent);
        childMayFinish.countDown();
      });
      releaser.start();
      group.join();
      releaser.join();
      assertEquals("parent", parent.get());
      assertNotNull(child.get());
      assertEquals(Task.State.SUCCESS, child.get().state());
      assertEquals("child", child.get().get());
    }
  }

  @Test
  void join_mayBeCalledAgainAfterForkingMore() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<Integer> first = group.fork(() -> 1);
      group.join();
      assertEquals(1, first.get());
      Task<Integer> second = group.fork(() -> 2);
      group.join();
      assertEquals(2, second.get());
      assertEquals(1, first.get());
    }
  }

  @Test
  void ignoringTheHandleIsFine_theGroupStillWaits() throws Exception {
    AtomicInteger done = new AtomicInteger();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 20; i++) {
        group.fork(done::incrementAndGet);
      }
      group.join();
      assertEquals(20, done.get());
    }
  }

  @Test
  void manyTasks_allResultsInForkOrder() throws Exception {
    List<Task<Integer>> tasks = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 500; i++) {
        int n = i;
        tasks.add(group.fork(() -> n));
      }
      group.join();
    }
    for (int i = 0; i < tasks.size(); i++) {
      assertEquals(i, tasks.get(i).get());
    }
  }

  @Test
  void concurrentForksFromManyTasks_allCountedAndJoined() throws Exception {
    int forkers = 8;
    int each = 200;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(forkers);
    AtomicInteger ran = new AtomicInteger();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < forkers; i++) {
        group.fork(() -> {
          start.await(TestSupport.GUARD_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
          for (int j = 0; j < each; j++) {
            group.fork(ran::incrementAndGet);
          }
          return null;
        });
      }
      group.join();
      assertEquals(forkers * each, ran.get());
      List<Outcome<?>> outcomes = group.outcomes();
      assertEquals(forkers + forkers * each, outcomes.size());
      assertTrue(outcomes.stream().allMatch(Outcome::isSuccess));
    }
  }

  @Test
  void memoryConsistency_ownerWritesVisibleToTask_taskWritesVisibleAfterJoin() throws Exception {
    int[] box = new int[1]; // deliberately not volatile
    box[0] = 41;
    int[] seenByTask = new int[1];
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        seenByTask[0] = box[0];
        box[0] = 42;
      });
      group.join();
      assertEquals(41, seenByTask[0]);
      assertEquals(42, box[0]);
    }
  }

  @Test
  void groupIsNotCancelledAfterSuccess() throws Exception {
    try (var group = TaskGroup.builder().name("happy").open()) {
      group.fork(() -> "x");
      group.join();
      assertFalse(group.isCancelled());
      assertEquals("happy", group.name());
      assertTrue(group.toString().contains("happy"));
    }
  }
}
