package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input anywhere: a clear exception at once, never a hang, never a silent loss. Null arguments throw
 * {@link NullPointerException}; out-of-range builder values {@link IllegalArgumentException}; a closed or cancelled
 * group, a foreign thread, or a re-entrant join/close {@link IllegalStateException} with a message saying why.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@SuppressWarnings("try") // explicit close() calls from a task are the misuse under test
class TaskGroupMisuseTest {

  @Test
  void forkNullThrowsNullPointerException() throws Exception {
    try (var group = TaskGroup.open()) {
      assertThrows(NullPointerException.class, () -> group.fork((Callable<Object>) null));
      assertThrows(NullPointerException.class, () -> group.fork((Runnable) null));
      group.join();
      assertEquals(0, group.outcomes().size(), "a rejected fork leaves no task behind");
    }
  }

  @Test
  void builderRejectsBadValuesAtOnce() {
    TaskGroup.Builder builder = TaskGroup.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrency(0));
    assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrency(-1));
    assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrency(Integer.MIN_VALUE));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> builder.timeout(Duration.ofSeconds(Long.MIN_VALUE)));
    assertThrows(IllegalArgumentException.class, () -> builder.name(""));
    assertThrows(IllegalArgumentException.class, () -> builder.name("   "));
  }

  @Test
  void builderRejectsNullsAtOnce() {
    TaskGroup.Builder builder = TaskGroup.builder();
    assertThrows(NullPointerException.class, () -> builder.name(null));
    assertThrows(NullPointerException.class, () -> builder.timeout(null));
    assertThrows(NullPointerException.class, () -> builder.deadline(null));
    assertThrows(NullPointerException.class, () -> builder.failurePolicy(null));
    assertThrows(NullPointerException.class, () -> builder.executor(null));
    assertThrows(NullPointerException.class, () -> builder.threadFactory(null));
    assertThrows(NullPointerException.class, () -> builder.contextHook(null));
  }

  @Test
  void builderStaysUsableAfterARejectedValue() throws Exception {
    TaskGroup.Builder builder = TaskGroup.builder().maxConcurrency(2);
    assertThrows(IllegalArgumentException.class, () -> builder.maxConcurrency(0));
    try (var group = builder.name("reused").open()) {
      Task<Integer> task = group.fork(() -> 1);
      group.join();
      assertEquals(1, task.get());
    }
  }

  @Test
  void forkAfterCloseThrowsIllegalStateExceptionSayingWhy() {
    TaskGroup group = TaskGroup.open();
    group.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.fork(() -> 1));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertFalse(e instanceof java.util.concurrent.CancellationException, "closed is misuse, not cancellation");
    assertThrows(IllegalStateException.class, () -> group.fork(() -> {}));
  }

  @Test
  void forkFromAnUnrelatedThreadThrowsIllegalStateException() throws Exception {
    try (var group = TaskGroup.builder().name("mine").open()) {
      Throwable thrown = onOtherThread(() -> group.fork(() -> 1));
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
      assertTrue(e.getMessage().contains("owner"), e.getMessage());
      assertTrue(e.getMessage().contains("mine"), e.getMessage());
      group.join();
      assertEquals(0, group.outcomes().size());
    }
  }

  @Test
  void forkFromATaskOfAnotherGroupThrowsIllegalStateException() throws Exception {
    try (var mine = TaskGroup.open(); var other = TaskGroup.builder().supervise().open()) {
      Task<Task<Integer>> stranger = other.fork(() -> mine.fork(() -> 1));
      other.join();
      assertInstanceOf(IllegalStateException.class, stranger.exception());
    }
  }

  @Test
  void joinFromANonOwnerThreadThrowsAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        await(release);
        return null;
      });
      Throwable thrown = onOtherThread(group::join); // must not wait for the blocked task
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
      assertTrue(e.getMessage().contains("owner"), e.getMessage());
      // "naming both threads"
      assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
      assertTrue(e.getMessage().contains("stranger"), e.getMessage());
      release.countDown();
      group.join();
    }
  }

  @Test
  void closeFromANonOwnerThreadThrowsAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        await(release);
        return null;
      });
      Throwable thrown = onOtherThread(group::close);
      assertInstanceOf(IllegalStateException.class, thrown);
      assertTrue(thrown.getMessage().contains("owner"), thrown.getMessage());
      release.countDown();
      group.join();
    }
  }

  @Test
  void outcomesFromANonOwnerThreadThrows() throws Exception {
    try (var group = TaskGroup.builder().supervise().open()) {
      group.fork(() -> 1);
      group.join();
      assertInstanceOf(IllegalStateException.class, onOtherThread(group::outcomes));
    }
  }

  @Test
  void joinFromInsideTheGroupsOwnTaskThrowsInsteadOfHanging() throws Exception {
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        group.join();
        return null;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
      assertTrue(cause.getMessage().contains("own task"), cause.getMessage());
    }
  }

  @Test
  void closeFromInsideTheGroupsOwnTaskThrowsInsteadOfHanging() throws Exception {
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        group.close();
        return null;
      });
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertInstanceOf(IllegalStateException.class, e.getCause());
    }
  }

  @Test
  void joinFromInsideItsOwnTask_onADirectExecutor_throwsInsteadOfHanging() throws Exception {
    // With a direct executor a task runs on the thread that forks it, here the owner: join() must still see that
    // it is called from one of the group's own tasks (it would wait for itself forever).
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread owner = new Thread(() -> {
      try (var group = TaskGroup.builder().supervise().executor(Runnable::run).open()) {
        Task<Object> task = group.fork(() -> {
          group.join();
          return null;
        });
        group.join();
        outcome.complete(task.exception());
      } catch (Throwable e) {
        outcome.complete(e);
      }
    }, "direct-executor-owner");
    owner.setDaemon(true); // if join() waits for itself, this thread is stuck for good
    owner.start();
    Throwable thrown = outcome.get(2, TimeUnit.SECONDS); // TimeoutException here = the hang
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
    assertTrue(e.getMessage().contains("own task"), e.getMessage());
  }

  @Test
  void closeFromInsideItsOwnTask_onADirectExecutor_throwsInsteadOfHanging() throws Exception {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread owner = new Thread(() -> {
      try (var group = TaskGroup.builder().supervise().executor(Runnable::run).open()) {
        Task<Object> task = group.fork(() -> {
          group.close();
          return null;
        });
        group.join();
        outcome.complete(task.exception());
      } catch (Throwable e) {
        outcome.complete(e);
      }
    }, "direct-executor-owner");
    owner.setDaemon(true);
    owner.start();
    Throwable thrown = outcome.get(2, TimeUnit.SECONDS);
    assertInstanceOf(IllegalStateException.class, thrown);
  }

  @Test
  void joinFromInsideANestedGroupsTaskOnTheOuterGroupThrows() throws Exception {
    try (var outer = TaskGroup.builder().supervise().open()) {
      Task<Object> task = outer.fork(() -> {
        try (var inner = TaskGroup.open()) {
          inner.fork(() -> {
            outer.join();
            return null;
          });
          inner.join();
        }
        return null;
      });
      outer.join();
      TaskGroupException e = assertInstanceOf(TaskGroupException.class, task.exception());
      assertInstanceOf(IllegalStateException.class, e.getCause());
    }
  }

  @Test
  void joinAfterCloseThrowsIllegalStateException() {
    TaskGroup group = TaskGroup.open();
    group.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, group::join);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void misuseNeverHangs_evenWhileTasksAreBlocked() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        await(release);
        return null;
      });
      // Everything below answers at once although a task is blocked.
      assertInstanceOf(IllegalStateException.class, onOtherThread(() -> group.fork(() -> 1)));
      assertInstanceOf(IllegalStateException.class, onOtherThread(group::join));
      assertInstanceOf(IllegalStateException.class, onOtherThread(group::close));
      assertInstanceOf(IllegalStateException.class, onOtherThread(group::outcomes));
      release.countDown();
      group.join();
    }
  }

  @Test
  void deadlineOfAnyInstantIsAccepted() {
    try (var group = TaskGroup.builder().deadline(Instant.EPOCH).open()) {
      assertNotNull(group); // a past deadline is legal: the group times out at once (see TaskGroupTimeoutTest)
    }
    try (var group = TaskGroup.builder().deadline(Instant.MIN).open()) {
      assertNotNull(group);
    }
  }

  /** Runs {@code action} on a new thread and returns what it threw (or fails if it did not throw promptly). */
  private static Throwable onOtherThread(Executable action) throws Exception {
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        action.execute();
        thrown.complete(null);
      } catch (Throwable e) {
        thrown.complete(e);
      }
    }, "stranger");
    thread.setDaemon(true);
    thread.start();
    try {
      Throwable result = thrown.get(TestSupport.GUARD_SECONDS, TimeUnit.SECONDS);
      assertNotNull(result, "expected an exception from the other thread");
      return result;
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    } finally {
      thread.interrupt(); // in case it hangs (a bug): do not leave it blocked

    }
  }
}
