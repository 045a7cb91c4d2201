package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Task}: {@code get()}, {@code state()}, {@code exception()}, {@code outcome()}; not a {@code Future}. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskTest {

  @Test
  void taskIsNotAFuture() throws Exception {
    assertFalse(Future.class.isAssignableFrom(Task.class));
    assertFalse(CompletionStage.class.isAssignableFrom(Task.class));
    assertTrue(Task.class.isSealed(), "only the runtime implements Task");
    try (var group = TaskGroup.open()) {
      Object task = group.fork(() -> 1);
      assertFalse(task instanceof Future);
      assertFalse(task instanceof CompletionStage);
      group.join();
    }
  }

  @Test
  void get_beforeJoin_byTheOwner_throwsEvenIfTheTaskFinished() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<Integer> task = group.fork(() -> 1);
      TestSupport.awaitFinished(task);
      IllegalStateException e = assertThrows(IllegalStateException.class, task::get);
      assertTrue(e.getMessage().contains("join"), e.getMessage());
      assertThrows(IllegalStateException.class, task::outcome);
      group.join();
      assertEquals(1, task.get());
    }
  }

  @Test
  void get_whileRunning_throws() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<Integer> task = group.fork(() -> {
        await(release);
        return 1;
      });
      assertEquals(Task.State.RUNNING, task.state());
      IllegalStateException e = assertThrows(IllegalStateException.class, task::get);
      assertTrue(e.getMessage().contains("join"), e.getMessage());
      assertThrows(IllegalStateException.class, task::exception);
      assertThrows(IllegalStateException.class, task::outcome);
      release.countDown();
      group.join();
      assertEquals(1, task.get());
    }
  }

  @Test
  void get_afterFailure_throwsIllegalStateExceptionWithTheFailureAsCause() throws Exception {
    IOException failure = new IOException("boom");
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<Integer> task = group.fork(() -> {
        throw failure;
      });
      group.join();
      IllegalStateException e = assertThrows(IllegalStateException.class, task::get);
      assertSame(failure, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
      assertSame(failure, task.exception());
      Outcome.Failure<?> outcome = assertInstanceOf(Outcome.Failure.class, task.outcome());
      assertSame(failure, outcome.exception());
    }
  }

  @Test
  void get_afterFailFastFailure_sameDocumentedBehaviour() throws Exception {
    IOException failure = new IOException("boom");
    try (var group = TaskGroup.open()) {
      Task<Integer> task = group.fork(() -> {
        throw failure;
      });
      assertThrows(TaskGroupException.class, group::join);
      assertSame(failure, assertThrows(IllegalStateException.class, task::get).getCause());
    }
  }

  @Test
  void cancelledTask_getThrows_exceptionThrows_outcomeIsCancellation() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    try (var group = TaskGroup.open()) {
      Task<String> task = group.fork(sleepers.task());
      await(sleepers.started);
      group.cancel();
      group.join();
      assertEquals(Task.State.CANCELLED, task.state());
      IllegalStateException e = assertThrows(IllegalStateException.class, task::get);
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      assertThrows(IllegalStateException.class, task::exception);
      Outcome.Failure<?> outcome = assertInstanceOf(Outcome.Failure.class, task.outcome());
      assertInstanceOf(CancellationException.class, outcome.exception());
    }
  }

  @Test
  void taskCancelledBeforeItStarted_isCancelled() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    try (var group = TaskGroup.builder().maxConcurrency(1).open()) {
      group.fork(sleepers.task());
      Task<Integer> queued = group.fork(() -> 1);
      await(sleepers.started);
      group.cancel();
      group.join();
      assertEquals(Task.State.CANCELLED, queued.state());
      assertInstanceOf(CancellationException.class, ((Outcome.Failure<Integer>) queued.outcome()).exception());
    }
  }

  @Test
  void stateGoesFromRunningToSuccess() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<String> task = group.fork(() -> {
        await(release);
        return "v";
      });
      assertEquals(Task.State.RUNNING, task.state());
      release.countDown();
      group.join();
      assertEquals(Task.State.SUCCESS, task.state());
      assertEquals(Outcome.success("v"), task.outcome());
      IllegalStateException e = assertThrows(IllegalStateException.class, task::exception);
      assertTrue(e.getMessage().contains("SUCCESS"), e.getMessage());
    }
  }

  @Test
  void stateMayBeReadFromAnyThreadAtAnyTime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<String> task = group.fork(() -> {
        await(release);
        return "v";
      });
      AtomicReference<Task.State> seen = new AtomicReference<>();
      Thread other = new Thread(() -> seen.set(task.state()));
      other.start();
      other.join();
      assertEquals(Task.State.RUNNING, seen.get());
      release.countDown();
      group.join();
    }
  }

  @Test
  void nullResultIsASuccess() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<String> task = group.fork(() -> null);
      group.join();
      assertNull(task.get());
      assertEquals(new Outcome.Success<String>(null), task.outcome());
    }
  }

  @Test
  void otherThreadsMayReadAFinishedTasksResultBeforeJoin() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<Integer> first = group.fork(() -> 20);
      Task<Integer> second = group.fork(() -> {
        TestSupport.awaitFinished(first);
        return first.get() + 1; // a task may read a finished sibling
      });
      group.join();
      assertEquals(21, second.get());
    }
  }

  @Test
  void taskForkedAfterJoin_notReadableByTheOwnerUntilTheNextJoin() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<Integer> first = group.fork(() -> 1);
      group.join();
      Task<Integer> second = group.fork(() -> 2);
      TestSupport.awaitFinished(second);
      assertEquals(1, first.get());
      assertThrows(IllegalStateException.class, second::get);
      group.join();
      assertEquals(2, second.get());
    }
  }

  @Test
  void resultsReadableAfterJoinThrewAndAfterClose() throws Exception {
    AtomicReference<Task<Integer>> ok = new AtomicReference<>();
    try (var group = TaskGroup.builder().supervise().open()) {
      ok.set(group.fork(() -> 5));
      group.fork(() -> {
        throw new IllegalStateException("x");
      });
    } catch (TaskGroupException expected) {
      // supervise without join: close() reports the failure
    }
    assertEquals(5, ok.get().get());
  }

  @Test
  void stateEnumHasExactlyTheFourDocumentedStates() {
    assertEquals(List.of(Task.State.RUNNING, Task.State.SUCCESS, Task.State.FAILED, Task.State.CANCELLED),
        List.of(Task.State.values()));
  }

  @Test
  void toStringNamesTheGroupAndState() throws Exception {
    try (var group = TaskGroup.builder().name("named").open()) {
      Task<Integer> task = group.fork(() -> 1);
      group.join();
      assertTrue(task.toString().contains("named"), task.toString());
      assertTrue(task.toString().contains("SUCCESS"), task.toString());
    }
  }
}
