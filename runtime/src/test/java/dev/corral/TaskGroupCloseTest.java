package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.blockUntilInterrupted;
import static dev.corral.TestSupport.releaseWhenOwnerWaits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()}: no task, and no thread the group started, outlives the try-with-resources block. Without
 * {@code join()} it waits (like leaving {@code async with}); if the block threw, the tasks are cancelled first, the
 * block's exception keeps its identity and task failures are attached to it as suppressed.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupCloseTest {

  @Test
  void closeWithoutJoin_waitsForTheTasksWithoutCancellingThem() throws Exception {
    Thread owner = Thread.currentThread();
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Task<String> task;
    TaskGroup group;
    try (var g = TaskGroup.open()) {
      group = g;
      task = g.fork(() -> {
        try {
          await(release);
          return "done";
        } catch (InterruptedException e) {
          interrupted.set(true);
          throw e;
        }
      });
      releaseWhenOwnerWaits(owner, g, release);
    } // close() must wait here for the task, not cancel it
    assertFalse(interrupted.get(), "close() after a normal block interrupted the task");
    assertFalse(group.isCancelled());
    assertEquals(Task.State.SUCCESS, task.state());
    assertEquals("done", task.get(), "results are readable after close()");
  }

  @Test
  void closeWithoutJoin_afterReturnFromInsideTheBlock_waits() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    Task<String> task = forkAndReturn(interrupted);
    assertFalse(interrupted.get(), "close() on a return path interrupted the task");
    assertEquals("done", task.get());
  }

  private static Task<String> forkAndReturn(AtomicBoolean interrupted) {
    Thread owner = Thread.currentThread();
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<String> task = group.fork(() -> {
        try {
          await(release);
          return "done";
        } catch (InterruptedException e) {
          interrupted.set(true);
          throw e;
        }
      });
      releaseWhenOwnerWaits(owner, group, release);
      return task;
    }
  }

  @Test
  void closeWithoutJoin_inALoopWithBreakAndContinue_waits() throws Exception {
    Thread owner = Thread.currentThread();
    AtomicInteger interrupted = new AtomicInteger();
    List<Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CountDownLatch release = new CountDownLatch(1);
      try (var group = TaskGroup.open()) {
        int n = i;
        tasks.add(group.fork(() -> {
          try {
            await(release);
            return n;
          } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
          }
        }));
        releaseWhenOwnerWaits(owner, group, release);
        if (i == 0) {
          continue;
        }
        if (i == 1) {
          break;
        }
      }
    }
    assertEquals(0, interrupted.get());
    assertEquals(2, tasks.size());
    assertEquals(1, tasks.get(1).get());
  }

  @Test
  void blockThrows_tasksAreCancelledAndAwaited_blockExceptionKeepsIdentity() throws Exception {
    var sleepers = new TestSupport.Sleepers(3);
    IllegalArgumentException bodyFailure = new IllegalArgumentException("the block failed");
    List<Task<String>> tasks = new ArrayList<>();
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> {
      try (var group = TaskGroup.open()) {
        for (int i = 0; i < 3; i++) {
          tasks.add(group.fork(sleepers.task()));
        }
        await(sleepers.started);
        throw bodyFailure;
      }
    });
    assertSame(bodyFailure, thrown);
    assertEquals(0, sleepers.interrupted.getCount(), "every task was interrupted");
    assertEquals(0, sleepers.stopped.getCount(), "every task had stopped before the exception left the block");
    for (Task<String> task : tasks) {
      assertEquals(Task.State.CANCELLED, task.state());
    }
    assertEquals(0, thrown.getSuppressed().length, "cancellations are not failures");
    for (Thread thread : sleepers.threads()) {
      TestSupport.assertReleasedAfterClose(thread);
    }
  }

  @Test
  void blockThrows_taskFailuresAreAttachedAsSuppressed() throws Exception {
    IOException early = new IOException("failed before the block threw");
    IllegalStateException late = new IllegalStateException("failed while being cancelled");
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Task<?>> earlyTask = new AtomicReference<>();
    RuntimeException bodyFailure = new RuntimeException("the block failed");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      try (var group = TaskGroup.builder().supervise().open()) {
        earlyTask.set(group.fork(() -> {
          throw early;
        }));
        group.fork(() -> {
          started.countDown();
          try {
            blockUntilInterrupted();
          } catch (InterruptedException e) {
            throw late;
          }
          return null;
        });
        await(started);
        // Once the early task is recorded as ended, the order of the failures is known.
        TestSupport.awaitEnded(earlyTask.get());
        throw bodyFailure;
      }
    });
    assertSame(bodyFailure, thrown);
    assertEquals(1, thrown.getSuppressed().length);
    TaskGroupException attached = assertInstanceOf(TaskGroupException.class, thrown.getSuppressed()[0]);
    assertEquals(List.of(early, late), attached.failures());
  }

  @Test
  void blockThrows_failFastFailureAttached() throws Exception {
    IOException failure = new IOException("task failed");
    RuntimeException bodyFailure = new RuntimeException("the block failed");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      try (var group = TaskGroup.open()) {
        Task<Object> failing = group.fork(() -> {
          throw failure;
        });
        TestSupport.awaitFinished(failing);
        throw bodyFailure;
      }
    });
    assertSame(bodyFailure, thrown);
    TaskGroupException attached = assertInstanceOf(TaskGroupException.class, thrown.getSuppressed()[0]);
    assertSame(failure, attached.getCause());
  }

  @Test
  void blockThrowsError_identityKept_tasksCancelled() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    AssertionError error = new AssertionError("the block failed hard");
    AssertionError thrown = assertThrows(AssertionError.class, () -> {
      try (var group = TaskGroup.open()) {
        group.fork(sleepers.task());
        await(sleepers.started);
        throw error;
      }
    });
    assertSame(error, thrown);
    assertEquals(0, sleepers.stopped.getCount());
  }

  @Test
  void blockThrowsCheckedException_identityKept_tasksCancelled() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    IOException checked = new IOException("checked from the block");
    IOException thrown = assertThrows(IOException.class, () -> {
      try (var group = TaskGroup.open()) {
        group.fork(sleepers.task());
        await(sleepers.started);
        throw checked;
      }
    });
    assertSame(checked, thrown);
    assertEquals(0, sleepers.stopped.getCount());
  }

  @Test
  void blockThrowsAfterJoin_laterForksAreCancelled() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    RuntimeException bodyFailure = new RuntimeException("after join");
    AtomicReference<Task<Integer>> first = new AtomicReference<>();
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      try (var group = TaskGroup.open()) {
        first.set(group.fork(() -> 1));
        group.join();
        group.fork(sleepers.task());
        await(sleepers.started);
        throw bodyFailure;
      }
    });
    assertSame(bodyFailure, thrown);
    assertEquals(0, sleepers.interrupted.getCount());
    assertEquals(1, first.get().get());
  }

  @Test
  void noThreadStartedByTheGroupIsAliveAfterClose_normalExit() throws Exception {
    ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 20; i++) {
        group.fork(() -> {
          threads.add(Thread.currentThread());
          group.fork(() -> threads.add(Thread.currentThread())); // a task forked by a task
          try (var nested = TaskGroup.open()) { // and a group nested in a task
            nested.fork(() -> threads.add(Thread.currentThread()));
          }
          return null;
        });
      }
    }
    assertEquals(60, threads.size());
    for (Thread thread : threads) {
      TestSupport.assertReleasedAfterClose(thread);
    }
  }

  @Test
  void noThreadStartedByTheGroupIsAliveAfterClose_afterJoin() throws Exception {
    ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 20; i++) {
        group.fork(() -> threads.add(Thread.currentThread()));
      }
      group.join();
    }
    for (Thread thread : threads) {
      TestSupport.assertReleasedAfterClose(thread);
    }
  }

  @Test
  void noThreadStartedByTheGroupIsAliveAfterClose_evenWhenAContextHookCleansUpAfterTheTask() throws Exception {
    ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    AtomicInteger cleanedUp = new AtomicInteger();
    ContextHook slowCleanup = task -> () -> {
      try {
        task.run();
      } finally {
        threads.add(Thread.currentThread());
        for (int i = 0; i < 100; i++) {
          Thread.yield();
        }
        cleanedUp.incrementAndGet();
      }
    };
    try (var group = TaskGroup.builder().contextHook(slowCleanup).open()) {
      for (int i = 0; i < 10; i++) {
        group.fork(() -> 1);
      }
      group.join();
    }
    assertEquals(10, cleanedUp.get(), "a task thread was still running its hook after close()");
    for (Thread thread : threads) {
      TestSupport.assertReleasedAfterClose(thread);
    }
  }

  @Test
  void noThreadStartedByTheGroupIsAliveAfterClose_failureCancelAndTimeout() throws Exception {
    var failed = new TestSupport.Sleepers(3);
    TaskGroup failFast = TaskGroup.open();
    assertThrows(TaskGroupException.class, () -> {
      try (failFast) {
        for (int i = 0; i < 3; i++) {
          failFast.fork(failed.task());
        }
        await(failed.started);
        failFast.fork(() -> {
          throw new RuntimeException("boom");
        });
      }
    });
    assertEquals(0, failed.stopped.getCount(), "every task had stopped before close() returned");
    for (Thread thread : failed.threads()) {
      TestSupport.assertReleasedAfterClose(thread);
    }

    var cancelled = new TestSupport.Sleepers(3);
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 3; i++) {
        group.fork(cancelled.task());
      }
      await(cancelled.started);
      group.cancel();
    }
    assertEquals(0, cancelled.stopped.getCount(), "every task had stopped before close() returned");
    for (Thread thread : cancelled.threads()) {
      TestSupport.assertReleasedAfterClose(thread);
    }

    var timedOut = new TestSupport.Sleepers(3);
    assertThrows(TaskGroupTimeoutException.class, () -> {
      try (var group = TaskGroup.builder().timeout(Duration.ofMillis(50)).open()) {
        for (int i = 0; i < 3; i++) {
          group.fork(timedOut.task());
        }
      }
    });
    assertTrue(timedOut.everyStartedTaskWasInterruptedAndStopped(), "every task had stopped before close() returned");
    for (Thread thread : timedOut.threads()) {
      TestSupport.assertReleasedAfterClose(thread);
    }
  }

  @Test
  void noThreadAliveAfterClose_withACustomThreadFactory() throws Exception {
    List<Thread> created = new ArrayList<>();
    try (var group = TaskGroup.builder().threadFactory(r -> {
      Thread t = new Thread(r, "custom");
      synchronized (created) {
        created.add(t);
      }
      return t;
    }).open()) {
      for (int i = 0; i < 5; i++) {
        group.fork(() -> 1);
      }
    }
    assertEquals(5, created.size());
    for (Thread thread : created) {
      assertFalse(thread.isAlive());
    }
  }

  @Test
  void closeWaitsForTasksForkedByTasksDuringClose() throws Exception {
    AtomicReference<Task<String>> grandchild = new AtomicReference<>();
    CountDownLatch forked = new CountDownLatch(1);
    Thread owner = Thread.currentThread();
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        await(release); // released only once the owner waits in close()
        grandchild.set(group.fork(() -> {
          await(forked);
          return "late";
        }));
        forked.countDown();
        return null;
      });
      releaseWhenOwnerWaits(owner, group, release);
    }
    assertNotNull(grandchild.get());
    assertEquals("late", grandchild.get().get());
  }

  @Test
  void closeTwiceDoesNothing() throws Exception {
    TaskGroup group = TaskGroup.open();
    Task<Integer> task = group.fork(() -> 1);
    group.join();
    group.close();
    group.close();
    assertEquals(1, task.get());
  }

  @Test
  void closeWithAnExecutor_waitsForTheTasks() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Thread owner = Thread.currentThread();
      CountDownLatch release = new CountDownLatch(1);
      Task<String> task;
      try (var group = TaskGroup.builder().executor(pool).open()) {
        task = group.fork(() -> {
          await(release);
          return "pooled";
        });
        releaseWhenOwnerWaits(owner, group, release);
      }
      assertEquals(Task.State.SUCCESS, task.state());
      assertEquals("pooled", task.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeMarksTheGroupClosed() throws Exception {
    TaskGroup group = TaskGroup.open();
    group.close();
    assertTrue(group.toString().contains("closed"), group.toString());
    group.close();
  }
}
