package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The context hook: an MDC-style plain {@link ThreadLocal} of the owner is visible inside tasks with
 * {@link ContextHook#inheritThreadLocals}; a faulty hook fails the task instead of hanging the group.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupContextTest {

  private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();
  private static final ThreadLocal<String> USER = new ThreadLocal<>();

  @Test
  void withoutAHook_aPlainThreadLocalIsNotVisibleInTasks() throws Exception {
    REQUEST_ID.set("req-1");
    try (var group = TaskGroup.open()) {
      Task<String> seen = group.fork(REQUEST_ID::get);
      group.join();
      assertNull(seen.get());
    } finally {
      REQUEST_ID.remove();
    }
  }

  @Test
  void inheritThreadLocals_ownersValuesAreVisibleInTasks() throws Exception {
    REQUEST_ID.set("req-42");
    USER.set("ada");
    try (var group = TaskGroup.builder().contextHook(ContextHook.inheritThreadLocals(REQUEST_ID, USER)).open()) {
      Task<String> seen = group.fork(() -> REQUEST_ID.get() + "/" + USER.get());
      group.join();
      assertEquals("req-42/ada", seen.get());
    } finally {
      REQUEST_ID.remove();
      USER.remove();
    }
  }

  @Test
  void valuesAreCapturedAtForkTimeOnTheForkingThread() throws Exception {
    CountDownLatch changed = new CountDownLatch(1);
    REQUEST_ID.set("at-fork");
    try (var group = TaskGroup.builder().contextHook(ContextHook.inheritThreadLocals(REQUEST_ID)).open()) {
      Task<String> seen = group.fork(() -> {
        await(changed);
        return REQUEST_ID.get();
      });
      REQUEST_ID.set("changed-later");
      changed.countDown();
      group.join();
      assertEquals("at-fork", seen.get());
    } finally {
      REQUEST_ID.remove();
    }
  }

  @Test
  void aTaskForkingATaskPassesItsOwnContextOn() throws Exception {
    REQUEST_ID.set("owner");
    AtomicReference<Task<String>> grandchild = new AtomicReference<>();
    try (var group = TaskGroup.builder().contextHook(ContextHook.inheritThreadLocals(REQUEST_ID)).open()) {
      group.fork(() -> {
        REQUEST_ID.set("child-changed-it");
        grandchild.set(group.fork(REQUEST_ID::get));
      });
      group.join();
      assertEquals("child-changed-it", grandchild.get().get());
    } finally {
      REQUEST_ID.remove();
    }
  }

  @Test
  void pooledThreadGetsItsOwnValueBackAfterTheTask() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      single.submit(() -> REQUEST_ID.set("pool-own")).get();
      REQUEST_ID.set("owner");
      try (var group = TaskGroup.builder().executor(single)
          .contextHook(ContextHook.inheritThreadLocals(REQUEST_ID)).open()) {
        Task<String> seen = group.fork(REQUEST_ID::get);
        group.join();
        assertEquals("owner", seen.get());
      }
      assertEquals("pool-own", single.submit(REQUEST_ID::get).get());
      // A value the owner did not have is removed afterwards, not left behind.
      REQUEST_ID.remove();
      single.submit(REQUEST_ID::remove).get();
      try (var group = TaskGroup.builder().executor(single)
          .contextHook(ContextHook.inheritThreadLocals(REQUEST_ID)).open()) {
        Task<String> seen = group.fork(REQUEST_ID::get);
        group.join();
        assertNull(seen.get());
      }
      assertNull(single.submit(REQUEST_ID::get).get());
    } finally {
      REQUEST_ID.remove();
      single.shutdownNow();
    }
  }

  @Test
  void hookIsCalledOnTheForkingThreadAndItsRunnableOnTheTaskThread() throws Exception {
    AtomicReference<Thread> wrapThread = new AtomicReference<>();
    AtomicReference<Thread> runThread = new AtomicReference<>();
    ContextHook hook = task -> {
      wrapThread.set(Thread.currentThread());
      return () -> {
        runThread.set(Thread.currentThread());
        task.run();
      };
    };
    try (var group = TaskGroup.builder().contextHook(hook).open()) {
      Task<Thread> task = group.fork(Thread::currentThread);
      group.join();
      assertSame(Thread.currentThread(), wrapThread.get());
      assertSame(task.get(), runThread.get());
    }
  }

  @Test
  void hooksRunnableRunsAsPartOfTheTask_aGroupItOpensIsNestedAndCancelledWithIt() throws Exception {
    // The runnable runs on the task's thread inside the task: a group it opens before task.run() is nested in the
    // task's group, so cancelling that group cancels it. The hook's own thread ignores the interrupt of the
    // cancellation, so only the nesting can reach the nested group's blocked task.
    CountDownLatch nestedTaskBlocked = new CountDownLatch(1);
    CountDownLatch nestedTaskInterrupted = new CountDownLatch(1);
    CountDownLatch hookMayGoOn = new CountDownLatch(1);
    AtomicReference<TaskGroup> groupSeenByTheHook = new AtomicReference<>();
    ContextHook hook = task -> () -> {
      groupSeenByTheHook.set(CurrentGroup.get());
      try (var nested = TaskGroup.open()) {
        nested.fork(() -> {
          nestedTaskBlocked.countDown();
          try {
            TestSupport.blockUntilInterrupted();
          } finally {
            nestedTaskInterrupted.countDown();
          }
          return null;
        });
        TestSupport.awaitIgnoringInterrupts(hookMayGoOn);
        Thread.interrupted(); // the outer cancellation's interrupt: the nested group is closed, not joined
      }
      task.run();
    };
    try (var group = TaskGroup.builder().contextHook(hook).open()) {
      group.fork(() -> 1);
      await(nestedTaskBlocked);
      group.cancel();
      await(nestedTaskInterrupted); // hangs (and times out) if the nested group is not the task group's child
      hookMayGoOn.countDown();
      group.join();
      assertSame(group, groupSeenByTheHook.get());
    }
  }

  @Test
  void cancellationInterruptsTheHooksRunnableBeforeTheBodyStarts() throws Exception {
    // ContextHook Javadoc: "Cancellation interrupts the task's thread while the runnable runs". A hook that blocks
    // before task.run() (acquiring a permit, a connection, a rate limiter) must be interrupted by cancel(), or
    // join() waits for it, and fail-fast and timeouts lose their promptness.
    CountDownLatch inHook = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interruptedInHook = new AtomicBoolean();
    ContextHook blockingPrologue = task -> () -> {
      inHook.countDown();
      try {
        never.await(2, java.util.concurrent.TimeUnit.SECONDS); // bounded only so the bug shows as a failure
      } catch (InterruptedException e) {
        interruptedInHook.set(true);
        Thread.currentThread().interrupt();
      }
      task.run();
    };
    try (var group = TaskGroup.builder().contextHook(blockingPrologue).open()) {
      Task<Integer> task = group.fork(() -> 1);
      await(inHook);
      group.cancel();
      group.join();
      assertTrue(interruptedInHook.get(), "cancel() did not interrupt the hook's runnable");
      assertEquals(Task.State.CANCELLED, task.state());
    }
  }

  @Test
  void hookThatNeverRunsTheTask_failsTheTaskInsteadOfHanging() throws Exception {
    ContextHook forgetful = task -> () -> {};
    try (var group = TaskGroup.builder().contextHook(forgetful).open()) {
      Task<Integer> task = group.fork(() -> 1);
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertInstanceOf(IllegalStateException.class, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void hookThatNeverRunsTheTask_supervised_failsOnlyThatTask() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ContextHook everySecond = task -> {
      boolean skip = calls.getAndIncrement() % 2 == 0;
      return () -> {
        if (!skip) {
          task.run();
        }
      };
    };
    try (var group = TaskGroup.builder().supervise().contextHook(everySecond).open()) {
      Task<Integer> skipped = group.fork(() -> 1);
      Task<Integer> ran = group.fork(() -> 2);
      group.join();
      assertEquals(Task.State.FAILED, skipped.state());
      assertEquals(2, ran.get());
    }
  }

  @Test
  void hookThatRunsTheTaskLaterOnAnotherThread_theBodyNeverRunsAfterItsTaskEnded() throws Exception {
    // A broken hook hands task.run() to another thread and returns at once. The task is failed ("the hook did not
    // run the task"); the body must then refuse to run when that other thread gets to it — otherwise task code
    // runs after the group reported the task and after close(), outside any owner.
    CountDownLatch lateRunMayStart = new CountDownLatch(1);
    AtomicInteger bodyRuns = new AtomicInteger();
    List<Thread> late = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Throwable> lateFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    ContextHook async = task -> () -> {
      Thread t = new Thread(() -> {
        TestSupport.awaitIgnoringInterrupts(lateRunMayStart);
        try {
          task.run();
        } catch (Throwable e) {
          lateFailures.add(e);
        }
      });
      late.add(t);
      t.start();
    };
    try (var group = TaskGroup.builder().supervise().contextHook(async).open()) {
      Task<Integer> task = group.fork(bodyRuns::incrementAndGet);
      group.join();
      assertEquals(Task.State.FAILED, task.state());
      assertInstanceOf(IllegalStateException.class, task.exception());
    }
    lateRunMayStart.countDown();
    for (Thread t : late) {
      t.join();
    }
    assertEquals(0, bodyRuns.get(), "the task's body ran after its task had ended and its group was closed");
  }

  @Test
  void hookThatThrowsInsteadOfRunning_failsTheTaskWithWhatItThrew() throws Exception {
    IllegalArgumentException thrown = new IllegalArgumentException("hook broke");
    ContextHook broken = task -> () -> {
      throw thrown;
    };
    try (var group = TaskGroup.builder().contextHook(broken).open()) {
      group.fork(() -> 1);
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(thrown, e.getCause());
    }
  }

  @Test
  void hookThatThrowsAfterRunningTheTask_failureIsNotSilentlyLost() throws Exception {
    // "Never a silent loss": a hook whose cleanup throws after task.run() (an MDC restore that fails, say) has
    // failed. The task itself succeeded and may already be joined, but the hook's exception must surface
    // somewhere: thrown by close() (which waits for the group's threads), or at least handed to the thread's
    // uncaught-exception handler. Today it is caught in GroupTask.execute() and dropped.
    IllegalStateException cleanupFailure = new IllegalStateException("cleanup failed");
    ContextHook failingCleanup = task -> () -> {
      task.run();
      throw cleanupFailure;
    };
    List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ThreadFactory recording = r -> {
      Thread t = new Thread(r);
      t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
      return t;
    };
    AtomicReference<Throwable> thrownByClose = new AtomicReference<>();
    try (var group = TaskGroup.builder().contextHook(failingCleanup).threadFactory(recording).open()) {
      Task<Integer> task = group.fork(() -> 1);
      group.join();
      assertEquals(1, task.get());
    } catch (TaskGroupException e) {
      thrownByClose.set(e);
    }
    boolean reportedByClose = thrownByClose.get() instanceof TaskGroupException
        && ((TaskGroupException) thrownByClose.get()).failures().contains(cleanupFailure);
    assertTrue(reportedByClose || uncaught.contains(cleanupFailure),
        "the hook's exception vanished: close() threw " + thrownByClose.get() + ", uncaught " + uncaught);
  }

  @Test
  void hookWhoseWrapThrows_forkThrowsAndNoTaskStarts() throws Exception {
    IllegalStateException thrown = new IllegalStateException("cannot capture");
    AtomicInteger ran = new AtomicInteger();
    try (var group = TaskGroup.builder().contextHook(task -> {
      throw thrown;
    }).open()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.fork(ran::incrementAndGet));
      assertSame(thrown, e);
      group.join(); // nothing to wait for, nothing failed
    }
    assertEquals(0, ran.get());
  }

  @Test
  void hookWhoseWrapReturnsNull_forkThrowsNullPointerException() throws Exception {
    try (var group = TaskGroup.builder().contextHook(task -> null).open()) {
      assertThrows(NullPointerException.class, () -> group.fork(() -> 1));
      group.join();
    }
  }

  @Test
  void andThen_appliesThisHookOutermost() throws Exception {
    List<String> events = new ArrayList<>();
    ContextHook outer = task -> () -> {
      synchronized (events) {
        events.add("outer-in");
      }
      task.run();
      synchronized (events) {
        events.add("outer-out");
      }
    };
    ContextHook inner = task -> () -> {
      synchronized (events) {
        events.add("inner-in");
      }
      task.run();
      synchronized (events) {
        events.add("inner-out");
      }
    };
    try (var group = TaskGroup.builder().contextHook(outer.andThen(inner)).open()) {
      group.fork(() -> {
        synchronized (events) {
          events.add("task");
        }
      });
      group.join();
    }
    assertEquals(List.of("outer-in", "inner-in", "task", "inner-out", "outer-out"), events);
  }

  @Test
  void hookArgumentsAreChecked() {
    assertThrows(NullPointerException.class, () -> ContextHook.inheritThreadLocals((ThreadLocal<?>[]) null));
    assertThrows(NullPointerException.class, () -> ContextHook.inheritThreadLocals(REQUEST_ID, null));
    assertThrows(NullPointerException.class, () -> ContextHook.inheritThreadLocals().andThen(null));
  }
}
