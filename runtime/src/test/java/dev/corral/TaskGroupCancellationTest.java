package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.blockUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cancel()} from the owner, from a task, from another thread; nested groups cancelled with the parent;
 * cancellation the group caused is not a failure, but a real exception thrown after cancellation is.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupCancellationTest {

  @Test
  void cancelFromOwner_interruptsRunningTasks_joinReturnsNormally() throws Exception {
    var sleepers = new TestSupport.Sleepers(3);
    List<Task<String>> tasks = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 3; i++) {
        tasks.add(group.fork(sleepers.task()));
      }
      await(sleepers.started);
      group.cancel();
      assertTrue(group.isCancelled());
      group.join(); // cancellation by the group is not a failure
      assertEquals(0, sleepers.interrupted.getCount());
      for (Task<String> task : tasks) {
        assertEquals(Task.State.CANCELLED, task.state());
      }
    } // nor does close() report anything
  }

  @Test
  void cancelDoesNotWait() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<String> stubborn = group.fork(() -> {
        started.countDown();
        TestSupport.awaitIgnoringInterrupts(release);
        return "ignored the interrupt";
      });
      await(started);
      group.cancel(); // returns although the task keeps running
      assertEquals(Task.State.RUNNING, stubborn.state());
      release.countDown();
      group.join();
      assertEquals(Task.State.SUCCESS, stubborn.state(), "a task that ignores the interrupt and returns succeeded");
    }
  }

  @Test
  void cancelFromATask_cancelsSiblingsButDoesNotInterruptTheCaller() throws Exception {
    var sleepers = new TestSupport.Sleepers(2);
    AtomicBoolean callerInterrupted = new AtomicBoolean(true);
    try (var group = TaskGroup.open()) {
      group.fork(sleepers.task());
      group.fork(sleepers.task());
      Task<String> canceller = group.fork(() -> {
        await(sleepers.started);
        group.cancel();
        callerInterrupted.set(Thread.currentThread().isInterrupted());
        return "cancelled my group";
      });
      group.join();
      assertEquals(Task.State.SUCCESS, canceller.state());
      assertEquals("cancelled my group", canceller.get());
      assertEquals(0, sleepers.interrupted.getCount());
    }
    assertFalse(callerInterrupted.get());
  }

  @Test
  void cancelFromAnUnrelatedThread() throws Exception {
    var sleepers = new TestSupport.Sleepers(2);
    try (var group = TaskGroup.open()) {
      Task<String> a = group.fork(sleepers.task());
      Task<String> b = group.fork(sleepers.task());
      await(sleepers.started);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread stranger = new Thread(group::cancel, "stranger");
      stranger.setUncaughtExceptionHandler((t, e) -> failure.set(e));
      stranger.start();
      stranger.join();
      assertEquals(null, failure.get(), "any thread may cancel");
      group.join();
      assertEquals(Task.State.CANCELLED, a.state());
      assertEquals(Task.State.CANCELLED, b.state());
    }
  }

  @Test
  void cancelTwiceAndAfterCloseDoesNothing() throws Exception {
    TaskGroup group = TaskGroup.open();
    try (group) {
      group.fork(() -> 1);
      group.cancel();
      group.cancel();
      group.join();
    }
    group.cancel();
    assertTrue(group.isCancelled());
  }

  @Test
  void cancelBeforeTasksStart_queuedTasksNeverRun() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    var sleepers = new TestSupport.Sleepers(1);
    try (var group = TaskGroup.builder().maxConcurrency(1).open()) {
      Task<String> running = group.fork(sleepers.task());
      List<Task<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        queued.add(group.fork(ran::incrementAndGet));
      }
      await(sleepers.started);
      group.cancel();
      group.join();
      assertEquals(0, ran.get());
      assertEquals(Task.State.CANCELLED, running.state());
      for (Task<Integer> task : queued) {
        assertEquals(Task.State.CANCELLED, task.state());
      }
    }
  }

  @Test
  void cancel_taskStillQueuedInABusyExecutor_isAbandonedAtOnce() throws Exception {
    // "Tasks that have not started never will": a task the executor has not started yet (its only thread is busy
    // with unrelated work) is finished as CANCELLED by cancel(); join() does not wait for the executor to get to
    // it, and its body (and hook) never run, not even later.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(1);
    CountDownLatch unrelatedWork = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    try {
      // Unrelated work keeps the pool's only thread busy for up to 2 s (bounded, so the bug shows as a failure).
      pool.execute(() -> {
        try {
          unrelatedWork.await(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      try (var group = TaskGroup.builder().executor(pool).open()) {
        Task<Integer> queued = group.fork(ran::incrementAndGet);
        long start = System.nanoTime();
        group.cancel();
        group.join();
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1_000, "join() waited " + millis + " ms for the busy executor");
        assertEquals(Task.State.CANCELLED, queued.state());
      }
      unrelatedWork.countDown();
      pool.submit(() -> null).get(); // the executor has run whatever it had queued
      assertEquals(0, ran.get(), "the abandoned task's body ran later on the executor");
    } finally {
      unrelatedWork.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void cancel_taskWhoseThreadHasNotRunItYet_isAbandoned_neitherHookNorBodyRunsLater() throws Exception {
    // The group's thread for the task exists and is started, but has not reached the task yet (held by the
    // factory's wrapper): cancel() finishes the task as CANCELLED at once, and when the thread finally gets to it,
    // neither the ContextHook nor the body runs.
    CountDownLatch threadMayRun = new CountDownLatch(1);
    AtomicInteger hookRuns = new AtomicInteger();
    AtomicInteger bodyRuns = new AtomicInteger();
    java.util.concurrent.ThreadFactory late = r -> new Thread(() -> {
      TestSupport.awaitIgnoringInterrupts(threadMayRun);
      r.run();
    });
    ContextHook counting = task -> () -> {
      hookRuns.incrementAndGet();
      task.run();
    };
    Task<Integer> task;
    try (var group = TaskGroup.builder().threadFactory(late).contextHook(counting).open()) {
      task = group.fork(bodyRuns::incrementAndGet);
      group.cancel();
      group.join(); // does not wait for the held thread
      assertEquals(Task.State.CANCELLED, task.state());
      threadMayRun.countDown();
    } // close() still waits for the group's thread to end
    assertEquals(0, hookRuns.get());
    assertEquals(0, bodyRuns.get());
  }

  @Test
  void forkAfterCancelThrowsIllegalStateExceptionSayingWhy() throws Exception {
    try (var group = TaskGroup.open()) {
      group.cancel();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.fork(() -> 1));
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      // Documented: a CancellationException, which is an IllegalStateException, so a task that lets it propagate
      // ends CANCELLED (see forkFromATaskDuringCancellationIsNotReportedAsAFailure).
      assertInstanceOf(CancellationException.class, e);
      assertThrows(IllegalStateException.class, () -> group.fork(() -> {}));
    }
  }

  @Test
  void nestedGroupInsideATaskIsCancelledWithItsParent() throws Exception {
    var inner = new TestSupport.Sleepers(3);
    AtomicReference<TaskGroup> nested = new AtomicReference<>();
    AtomicReference<Throwable> nestedJoin = new AtomicReference<>();
    try (var group = TaskGroup.open()) {
      Task<Object> outer = group.fork(() -> {
        try (var child = TaskGroup.open()) {
          nested.set(child);
          for (int i = 0; i < 3; i++) {
            child.fork(inner.task());
          }
          try {
            child.join();
          } catch (Throwable e) {
            nestedJoin.set(e);
            throw e;
          }
        }
        return null;
      });
      await(inner.started);
      group.cancel();
      group.join();
      assertEquals(0, inner.interrupted.getCount(), "tasks of the nested group were interrupted");
      assertTrue(nested.get().isCancelled());
      assertEquals(Task.State.CANCELLED, outer.state());
      assertTrue(nestedJoin.get() instanceof InterruptedException, String.valueOf(nestedJoin.get()));
    }
    for (Thread thread : inner.threads()) {
      TestSupport.assertReleasedAfterClose(thread);
    }
  }

  @Test
  void nestedGroupsTwoLevelsDeepAreCancelled() throws Exception {
    var deepest = new TestSupport.Sleepers(2);
    List<TaskGroup> groups = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        try (var child = TaskGroup.open()) {
          synchronized (groups) {
            groups.add(child);
          }
          child.fork(() -> {
            try (var grandchild = TaskGroup.open()) {
              synchronized (groups) {
                groups.add(grandchild);
              }
              grandchild.fork(deepest.task());
              grandchild.fork(deepest.task());
              grandchild.join();
            }
            return null;
          });
          child.join();
        }
        return null;
      });
      await(deepest.started);
      group.cancel();
      group.join();
    }
    assertEquals(0, deepest.interrupted.getCount());
    assertEquals(2, groups.size());
    for (TaskGroup g : groups) {
      assertTrue(g.isCancelled(), g.toString());
    }
  }

  @Test
  void nestedGroupInsideATaskIsCancelledByASiblingFailure() throws Exception {
    var inner = new TestSupport.Sleepers(1);
    IOException boom = new IOException("sibling failed");
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        try (var child = TaskGroup.open()) {
          child.fork(inner.task());
          child.join();
        }
        return null;
      });
      await(inner.started);
      group.fork(() -> {
        throw boom;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(List.of(boom), e.failures(), "the nested group's cancellation is not a failure");
    }
    assertEquals(0, inner.interrupted.getCount());
  }

  @Test
  void failuresOfANestedGroupCarriedByItsCancellationAreNotLost() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    IOException innerFailure = new IOException("nested task failed while being cancelled");
    try (var group = TaskGroup.open()) {
      Task<Object> outer = group.fork(() -> {
        try (var child = TaskGroup.open()) {
          child.fork(() -> {
            started.countDown();
            try {
              blockUntilInterrupted();
            } catch (InterruptedException e) {
              throw innerFailure;
            }
            return null;
          });
          child.join();
        }
        return null;
      });
      await(started);
      group.cancel();
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertTrue(e.failures().contains(innerFailure) || e.getCause() instanceof TaskGroupException
          && ((TaskGroupException) e.getCause()).failures().contains(innerFailure), String.valueOf(e.failures()));
      assertTrue(outer.state() != Task.State.RUNNING);
    }
  }

  /**
   * Issue 7 (a failure lost on JDK 17 by the fault-schedule stress test): a failure two groups deep, carried by a
   * cancellation-shaped exception that a nested group reported as a failure. Task {@code t1} of group {@code n}
   * lets the {@link CancellationException} of a refused fork propagate; its own nested group's failure is attached
   * to it (by try-with-resources, as {@code close()} reports it). {@code n} is not cancelled, so that exception is
   * {@code n}'s failure, and {@code n.join()} throws a {@link TaskGroupException} whose <em>cause</em> is a
   * cancellation. The outer task ends with it after its own group was cancelled, so it is CANCELLED; the
   * {@code IOException} two levels inside must still be reported.
   */
  @Test
  void failureInsideACancellationExceptionThatANestedGroupReportedIsNotLost() throws Exception {
    IOException deep = new IOException("deepest task failed");
    try (var group = TaskGroup.open()) {
      Task<Object> outer = group.fork(() -> {
        try (var n = TaskGroup.open()) {
          n.fork(() -> {
            try (var n2 = TaskGroup.open()) {
              CountDownLatch failing = new CountDownLatch(1);
              n2.fork(() -> {
                failing.countDown();
                throw deep;
              });
              await(failing);
              n2.cancel();
              n2.fork(() -> "refused"); // throws CancellationException; n2.close() attaches n2's failure to it
            }
            return null;
          });
          n.join();
        } catch (TaskGroupException nested) {
          assertInstanceOf(CancellationException.class, nested.getCause());
          group.cancel(); // the outer group is cancelled before this task ends with the nested report
          throw nested;
        }
        return null;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(1, TestSupport.occurrences(e, deep), "reported exactly once: " + e.failures());
      assertEquals(Task.State.CANCELLED, outer.state());
    }
  }

  /**
   * Issue 7, second shape: an {@link InterruptedException} from a nested {@code join()} (carrying that group's
   * failure as suppressed) that a middle group reported as a failure, inside the report of a task that ends
   * cancelled.
   */
  @Test
  void failureSuppressedOnANestedInterruptedExceptionIsNotLost() throws Exception {
    IOException deep = new IOException("deepest task failed");
    try (var group = TaskGroup.open()) {
      Task<Object> outer = group.fork(() -> {
        try (var n = TaskGroup.open()) {
          n.fork(() -> {
            try (var n2 = TaskGroup.builder().supervise().open()) { // its failure must not cancel it by itself
              CountDownLatch started = new CountDownLatch(2);
              n2.fork(() -> {
                started.countDown();
                throw deep;
              });
              n2.fork(() -> {
                started.countDown();
                blockUntilInterrupted(); // keeps n2 unfinished until n2.join() cancels it
                return null;
              });
              await(started);
              Thread.currentThread().interrupt(); // an interrupt that is not n's doing: n is not cancelled
              n2.join(); // throws InterruptedException with the IOException suppressed
            }
            return null;
          });
          n.join();
        } catch (TaskGroupException nested) {
          assertInstanceOf(InterruptedException.class, nested.getCause());
          group.cancel();
          throw nested;
        }
        return null;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(1, TestSupport.occurrences(e, deep), "reported exactly once: " + e.failures());
      assertEquals(Task.State.CANCELLED, outer.state());
    }
  }

  @Test
  void groupOpenedInATaskOfACancelledGroupIsCancelledAtOnce() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    AtomicReference<IllegalStateException> forkFailure = new AtomicReference<>();
    AtomicBoolean childCancelled = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        started.countDown();
        TestSupport.awaitIgnoringInterrupts(cancelled);
        Thread.interrupted();
        try (var child = TaskGroup.open()) {
          childCancelled.set(child.isCancelled());
          try {
            child.fork(() -> 1);
          } catch (IllegalStateException e) {
            forkFailure.set(e);
          }
        }
        return null;
      });
      await(started);
      group.cancel();
      cancelled.countDown();
      group.join();
    }
    assertTrue(childCancelled.get());
    assertNotNull(forkFailure.get());
  }

  @Test
  void realExceptionThrownAfterCancellationIsStillReported() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    IOException cleanupFailed = new IOException("cleanup after the interrupt failed");
    try (var group = TaskGroup.open()) {
      Task<Object> task = group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
        } catch (InterruptedException e) {
          throw cleanupFailed;
        }
        return null;
      });
      await(started);
      group.cancel();
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(cleanupFailed, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void failureBeforeCancelIsStillReported() throws Exception {
    IOException early = new IOException("before cancel");
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<Object> failing = group.fork(() -> {
        throw early;
      });
      TestSupport.awaitEnded(failing);
      group.cancel();
      group.join(); // supervise: join returns; the failure is in the outcome
      assertEquals(List.of(early), Outcome.failures(group.outcomes()));
    }
    IOException failFastEarly = new IOException("fail-fast, before cancel");
    try (var group = TaskGroup.open()) {
      Task<Object> failing = group.fork(() -> {
        throw failFastEarly;
      });
      TestSupport.awaitCondition("failure handled", group::isCancelled);
      group.cancel();
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(failFastEarly, e.getCause());
      assertEquals(Task.State.FAILED, failing.state());
    }
  }

  @Test
  void cancelledTaskThatWasNeverStartedDoesNotRunItsBody() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch hookMayRun = new CountDownLatch(1);
    // The hook holds the task on its thread until the group is cancelled; the body must then not run.
    ContextHook late = task -> () -> {
      TestSupport.awaitIgnoringInterrupts(hookMayRun);
      task.run();
    };
    try (var group = TaskGroup.builder().contextHook(late).open()) {
      Task<Integer> task = group.fork(ran::incrementAndGet);
      group.cancel();
      hookMayRun.countDown();
      group.join();
      assertEquals(0, ran.get());
      assertEquals(Task.State.CANCELLED, task.state());
    }
  }

  @Test
  void cancelRacingWithTasksThatKeepForking_noFailureNoHang() throws Exception {
    int forkers = 4;
    CountDownLatch ready = new CountDownLatch(forkers);
    List<Task<Object>> tasks = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < forkers; i++) {
        tasks.add(group.fork(() -> {
          // Keep forking (bounded, in case cancellation never comes) until fork() refuses: the group is cancelled
          // concurrently, at an arbitrary point of this loop.
          for (int j = 0; j < 2_000; j++) {
            group.fork(() -> 1);
            if (j == 10) {
              ready.countDown();
            }
          }
          return null;
        }));
      }
      await(ready);
      group.cancel();
      group.join(); // no failure: every refusal is the group's own cancellation
      for (Task<Object> task : tasks) {
        assertTrue(task.state() == Task.State.CANCELLED || task.state() == Task.State.SUCCESS, task.toString());
      }
      for (Outcome<?> outcome : group.outcomes()) {
        assertTrue(outcome.isSuccess() || ((Outcome.Failure<?>) outcome).exception() instanceof CancellationException,
            outcome.toString());
      }
    }
  }

  @Test
  void forkFromATaskDuringCancellationIsNotReportedAsAFailure() throws Exception {
    // A task that forks follow-up work while its group is being cancelled gets an IllegalStateException from
    // fork(). That exception is a consequence of the group's own cancellation, so it must not surface as a task
    // failure (fork could throw a CancellationException, which is an IllegalStateException).
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<Object> forker = group.fork(() -> {
        started.countDown();
        TestSupport.awaitIgnoringInterrupts(cancelled);
        group.fork(() -> "follow-up"); // throws: the group is cancelled
        return null;
      });
      await(started);
      group.cancel();
      cancelled.countDown();
      group.join(); // must not throw: the group itself caused this
      assertEquals(Task.State.CANCELLED, forker.state());
    }
  }
}
