package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FailurePolicy#SUPERVISE}: siblings keep running, join() returns, every task's Outcome is available. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupSuperviseTest {

  @Test
  void failureDoesNotCancelOrInterruptSiblings() throws Exception {
    IOException boom = new IOException("boom");
    AtomicBoolean siblingInterrupted = new AtomicBoolean();
    AtomicBoolean groupCancelledSeenBySibling = new AtomicBoolean();
    CountDownLatch failingMayGo = new CountDownLatch(1);
    AtomicReference<Task<String>> failingTask = new AtomicReference<>();
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<String> failing = group.fork(() -> {
        await(failingMayGo);
        throw boom;
      });
      failingTask.set(failing);
      Task<String> sibling = group.fork(() -> {
        failingMayGo.countDown();
        // Wait until the group has recorded the failure, then look around.
        TestSupport.awaitEnded(failingTask.get());
        siblingInterrupted.set(Thread.currentThread().isInterrupted());
        groupCancelledSeenBySibling.set(group.isCancelled());
        return "kept running";
      });
      group.join(); // returns normally
      assertEquals("kept running", sibling.get());
      assertEquals(Task.State.FAILED, failing.state());
      assertSame(boom, failing.exception());
    }
    assertFalse(siblingInterrupted.get());
    assertFalse(groupCancelledSeenBySibling.get());
  }

  @Test
  void joinReturnsNormally_outcomesInForkOrder() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<Integer> a = group.fork(() -> 1);
      Task<Integer> b = group.fork(() -> {
        throw boom;
      });
      Task<Integer> c = group.fork(() -> 3);
      group.join();
      assertFalse(group.isCancelled());

      List<Outcome<?>> outcomes = group.outcomes();
      assertEquals(3, outcomes.size());
      assertEquals(new Outcome.Success<>(1), outcomes.get(0));
      assertEquals(new Outcome.Failure<>(boom), outcomes.get(1));
      assertEquals(new Outcome.Success<>(3), outcomes.get(2));

      assertEquals(Outcome.success(1), a.outcome());
      assertSame(boom, ((Outcome.Failure<Integer>) b.outcome()).exception());
      assertEquals(3, c.get());
      assertEquals(List.of(boom), Outcome.failures(outcomes));
    }
  }

  @Test
  void closeAfterJoinDoesNotThrowTheFailures() throws Exception {
    try (var group = TaskGroup.builder().supervise().open()) {
      group.fork(() -> {
        throw new IOException("seen through the outcome");
      });
      group.join();
      assertEquals(1, Outcome.failures(group.outcomes()).size());
    } // no exception
  }

  @Test
  void closeWithoutJoinReportsFailuresSoNothingIsLost() {
    IOException boom = new IOException("nobody joined");
    TaskGroupException e = assertThrows(TaskGroupException.class, () -> {
      try (var group = TaskGroup.builder().supervise().open()) {
        group.fork(() -> {
          throw boom;
        });
      }
    });
    assertSame(boom, e.getCause());
  }

  @Test
  void outcomesBeforeJoinThrowsIllegalStateException() throws Exception {
    try (var group = TaskGroup.builder().supervise().open()) {
      group.fork(() -> 1);
      IllegalStateException e = assertThrows(IllegalStateException.class, group::outcomes);
      assertTrue(e.getMessage().contains("join"), e.getMessage());
      group.join();
      assertEquals(1, group.outcomes().size());
    }
  }

  @Test
  void outcomesAfterForkingMoreWithoutJoinThrow() throws Exception {
    try (var group = TaskGroup.builder().supervise().open()) {
      group.fork(() -> 1);
      group.join();
      group.fork(() -> 2);
      assertThrows(IllegalStateException.class, group::outcomes);
      group.join();
      assertEquals(2, group.outcomes().size());
    }
  }

  @Test
  void cancelledTasksHaveFailureOutcomeWithCancellationException() throws Exception {
    var sleepers = new TestSupport.Sleepers(2);
    try (var group = TaskGroup.builder().supervise().open()) {
      group.fork(sleepers.task());
      group.fork(sleepers.task());
      await(sleepers.started);
      group.cancel();
      group.join(); // cancellation is not a failure
      for (Outcome<?> outcome : group.outcomes()) {
        assertFalse(outcome.isSuccess());
        assertInstanceOf(CancellationException.class, ((Outcome.Failure<?>) outcome).exception());
      }
    }
  }

  @Test
  void errorsAreKeptInOutcomes() throws Exception {
    AssertionError error = new AssertionError("broken");
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<Object> task = group.fork(() -> {
        throw error;
      });
      Task<String> sibling = group.fork(() -> "fine");
      group.join();
      assertSame(error, task.exception());
      assertEquals("fine", sibling.get());
    }
  }

  @Test
  void everyTaskRunsEvenWhenMostFail() throws Exception {
    try (var group = TaskGroup.builder().supervise().maxConcurrency(2).open()) {
      for (int i = 0; i < 10; i++) {
        int n = i;
        group.fork(() -> {
          if (n % 2 == 0) {
            throw new IllegalArgumentException("even " + n);
          }
          return n;
        });
      }
      group.join();
      List<Outcome<?>> outcomes = group.outcomes();
      assertEquals(5, Outcome.failures(outcomes).size());
      assertEquals(List.of(1, 3, 5, 7, 9), Outcome.values(outcomes));
    }
  }

  @Test
  void forkStillAllowedAfterAFailure() throws Exception {
    try (var group = TaskGroup.builder().supervise().open()) {
      group.fork(() -> {
        throw new RuntimeException("boom");
      });
      group.join();
      Task<Integer> later = group.fork(() -> 7);
      group.join();
      assertEquals(7, later.get());
    }
  }

  @Test
  void timeoutStillThrowsTaskGroupTimeoutException() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    try (var group = TaskGroup.builder().supervise().timeout(Duration.ofMillis(100)).open()) {
      Task<String> task = group.fork(sleepers.task());
      assertThrows(TaskGroupTimeoutException.class, group::join);
      assertEquals(Task.State.CANCELLED, task.state());
    }
  }

  @Test
  void failurePolicyBuilderMethodEqualsSupervise() throws Exception {
    try (var group = TaskGroup.builder().failurePolicy(FailurePolicy.SUPERVISE).open()) {
      group.fork(() -> {
        throw new RuntimeException("boom");
      });
      group.join();
      assertFalse(group.isCancelled());
    }
  }
}
