package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.blockUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FailurePolicy#FAIL_FAST}, the default: the first failure cancels (interrupts) every sibling, join() throws
 * one {@link TaskGroupException} whose cause is that failure, unchanged, and which carries every other failure.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupFailFastTest {

  @Test
  void firstFailureCancelsAndInterruptsEverySibling() throws Exception {
    var sleepers = new TestSupport.Sleepers(3);
    IllegalStateException boom = new IllegalStateException("boom");
    try (var group = TaskGroup.open()) {
      List<Task<String>> siblings = List.of(group.fork(sleepers.task()), group.fork(sleepers.task()),
          group.fork(sleepers.task()));
      await(sleepers.started);
      Task<String> failing = group.fork(() -> {
        throw boom;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(boom, e.getCause());
      assertEquals(List.of(boom), e.failures());
      assertEquals(0, sleepers.interrupted.getCount(), "every sibling was interrupted");
      for (Task<String> sibling : siblings) {
        assertEquals(Task.State.CANCELLED, sibling.state());
      }
      assertEquals(Task.State.FAILED, failing.state());
      assertTrue(group.isCancelled());
      assertFalse(Thread.currentThread().isInterrupted(), "cancelling the tasks must not interrupt the owner");
    }
  }

  @Test
  void cancellationCausedByTheGroupIsNotAFailure() throws Exception {
    var sleepers = new TestSupport.Sleepers(4);
    RuntimeException boom = new RuntimeException("boom");
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 4; i++) {
        group.fork(sleepers.task());
      }
      await(sleepers.started);
      group.fork(() -> {
        throw boom;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(List.of(boom), e.failures(), "interrupted siblings are not failures");
      assertEquals(0, e.getSuppressed().length);
    }
  }

  @Test
  void siblingThatWrapsItsInterruptIsCancelledNotFailed() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    try (var group = TaskGroup.open()) {
      Task<String> wraps = group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
          return "x";
        } catch (InterruptedException e) {
          throw new RuntimeException("wrapped", e);
        }
      });
      Task<String> cancellation = group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
          return "x";
        } catch (InterruptedException e) {
          throw new CancellationException("stopping");
        }
      });
      await(started);
      group.fork(() -> {
        throw new IOException("first");
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(1, e.failures().size());
      assertEquals(Task.State.CANCELLED, wraps.state());
      assertEquals(Task.State.CANCELLED, cancellation.state());
    }
  }

  @Test
  void checkedExceptionSurfacesUnchangedAsTheCause() throws Exception {
    IOException checked = new IOException("disk");
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        throw checked;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(checked, e.getCause());
      assertSame(checked, e.failures().get(0));
    }
  }

  @Test
  void errorIsNeverSwallowed_itIsTheCause() throws Exception {
    StackOverflowError error = new StackOverflowError("deep");
    try (var group = TaskGroup.open()) {
      Task<Object> task = group.fork(() -> {
        throw error;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(error, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
      assertSame(error, task.exception());
    }
  }

  @Test
  void errorThrownByACancelledSiblingIsStillReported() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AssertionError error = new AssertionError("invariant broken while stopping");
    RuntimeException first = new RuntimeException("first");
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
        } catch (InterruptedException e) {
          throw error;
        }
        return null;
      });
      await(started);
      group.fork(() -> {
        throw first;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(List.of(first, error), e.failures());
    }
  }

  @Test
  void errorWhoseCauseIsAnInterruptIsStillReported() throws Exception {
    // "Errors are never swallowed": a task that turns the interrupt into an Error (an assertion library's fail(msg,
    // cause), for instance) has failed, even after the group cancelled it.
    CountDownLatch started = new CountDownLatch(1);
    RuntimeException first = new RuntimeException("first");
    AtomicReference<AssertionError> error = new AtomicReference<>();
    try (var group = TaskGroup.open()) {
      Task<Object> task = group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
        } catch (InterruptedException e) {
          error.set(new AssertionError("unexpected interrupt", e));
          throw error.get();
        }
        return null;
      });
      await(started);
      group.fork(() -> {
        throw first;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(List.of(first, error.get()), e.failures());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void everyOtherFailureIsSuppressedAndListedInOrder() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    RuntimeException first = new RuntimeException("first");
    IOException second = new IOException("second, while cancelled");
    IllegalStateException third = new IllegalStateException("third, while cancelled");
    AtomicReference<Task<?>> secondTask = new AtomicReference<>();
    try (var group = TaskGroup.open()) {
      secondTask.set(group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
        } catch (InterruptedException e) {
          throw second;
        }
        return null;
      }));
      group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
        } catch (InterruptedException e) {
          // Fail strictly after the second task has ended and its failure is recorded: a known order.
          TestSupport.awaitEnded(secondTask.get());
          throw third;
        }
        return null;
      });
      await(started);
      group.fork(() -> {
        throw first;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(first, e.getCause());
      assertEquals(List.of(first, second, third), e.failures());
      assertArrayEquals(new Throwable[] {second, third}, e.getSuppressed());
    }
  }

  @Test
  void manySimultaneousFailures_noneIsLost() throws Exception {
    int n = 16;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(n);
    List<RuntimeException> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < n; i++) {
        int k = i;
        group.fork(() -> {
          try {
            together.await(TestSupport.GUARD_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
          } catch (java.util.concurrent.BrokenBarrierException | InterruptedException e) {
            // a sibling failed first and the group interrupted this task: fail anyway, for real
          }
          RuntimeException failure = new IllegalStateException("failure " + k);
          thrown.add(failure);
          throw failure;
        });
      }
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertEquals(n, e.failures().size(), "every real failure is reported, whatever the interleaving");
      assertEquals(new java.util.HashSet<>(thrown), new java.util.HashSet<>(e.failures()));
      assertSame(e.failures().get(0), e.getCause());
      assertEquals(n - 1, e.getSuppressed().length);
    }
  }

  @Test
  void failuresAreReportedOnce_joinThenCloseDoesNotRethrow() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    TaskGroup group = TaskGroup.open();
    try (group) {
      group.fork(() -> {
        throw boom;
      });
      assertThrows(TaskGroupException.class, group::join);
      group.join(); // a second join does not throw the same failure again
    } // and close() does not either
  }

  @Test
  void closeWithoutJoinThrowsTheFailures() {
    RuntimeException boom = new RuntimeException("boom");
    TaskGroupException e = assertThrows(TaskGroupException.class, () -> {
      try (var group = TaskGroup.open()) {
        group.fork(() -> {
          throw boom;
        });
      }
    });
    assertSame(boom, e.getCause());
  }

  @Test
  void forkAfterFailureThrowsIllegalStateExceptionSayingWhy() throws Exception {
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        throw new IOException("boom");
      });
      assertThrows(TaskGroupException.class, group::join);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.fork(() -> 1));
      assertTrue(e.getMessage().contains("failed"), e.getMessage());
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
    }
  }

  @Test
  void queuedTasksBehindABlockedFailureNeverStart() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch fail = new CountDownLatch(1);
    try (var group = TaskGroup.builder().maxConcurrency(1).open()) {
      group.fork(() -> {
        await(fail);
        throw new RuntimeException("boom");
      });
      List<Task<Integer>> queued = List.of(group.fork(ran::incrementAndGet), group.fork(ran::incrementAndGet));
      fail.countDown();
      assertThrows(TaskGroupException.class, group::join);
      assertEquals(0, ran.get(), "a queued task started after the group failed");
      for (Task<Integer> task : queued) {
        assertEquals(Task.State.CANCELLED, task.state());
      }
    }
  }

  @Test
  void taskThatThrowsInterruptedExceptionOnItsOwnIsAFailure() throws Exception {
    InterruptedException own = new InterruptedException("not caused by the group");
    try (var group = TaskGroup.open()) {
      Task<Object> task = group.fork(() -> {
        throw own;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(own, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void taskThatThrowsCancellationExceptionOnItsOwnIsAFailure() throws Exception {
    CancellationException own = new CancellationException("a future it awaited was cancelled by someone else");
    try (var group = TaskGroup.open()) {
      Task<Object> task = group.fork(() -> {
        throw own;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(own, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void siblingThatIgnoresTheInterruptIsAwaitedAndItsResultKept() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<String> stubborn = group.fork(() -> {
        started.countDown();
        TestSupport.awaitIgnoringInterrupts(release);
        return "finished anyway";
      });
      await(started);
      group.fork(() -> {
        try {
          throw new RuntimeException("boom");
        } finally {
          // The releaser below lets the stubborn task go only once this failure cancelled the group.
          new Thread(() -> {
            TestSupport.awaitCondition("group cancelled", group::isCancelled);
            release.countDown();
          }).start();
        }
      });
      assertThrows(TaskGroupException.class, group::join);
      assertEquals(Task.State.SUCCESS, stubborn.state());
    }
  }

  @Test
  void exceptionShape_messageNamesTheGroup_failuresUnmodifiable() throws Exception {
    IOException boom = new IOException("boom");
    try (var group = TaskGroup.builder().name("billing").open()) {
      group.fork(() -> {
        throw boom;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertTrue(e.getMessage().contains("billing"), e.getMessage());
      assertTrue(e.getMessage().contains("boom"), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> e.failures().add(new RuntimeException()));
    }
  }

  @Test
  void failureCollectionShape_exceptionTypeIsUnchecked() {
    assertInstanceOf(RuntimeException.class, new TaskGroupException("m", List.of(new IOException())));
    assertTrue(RuntimeException.class.isAssignableFrom(TaskGroupTimeoutException.class));
    assertTrue(TaskGroupException.class.isAssignableFrom(TaskGroupTimeoutException.class));
  }
}
