package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.awaitParkedIn;
import static dev.corral.TestSupport.blockUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interrupting the owner: in {@code join()} the group is cancelled and {@code InterruptedException} is thrown once
 * the tasks stopped; in {@code close()} the group is cancelled, close keeps waiting and returns with the interrupt
 * status set.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupInterruptTest {

  @Test
  void interruptingTheJoinerCancelsTheGroup_joinThrowsOnceTheTasksStopped() throws Exception {
    Thread owner = Thread.currentThread();
    var sleepers = new TestSupport.Sleepers(3);
    CountDownLatch slowCleanupMayEnd = new CountDownLatch(1);
    List<Task<String>> tasks = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 3; i++) {
        tasks.add(group.fork(sleepers.task()));
      }
      // One task takes its time to stop: join() must not throw before it has.
      Task<String> slow = group.fork(() -> {
        try {
          blockUntilInterrupted();
          return "x";
        } catch (InterruptedException e) {
          TestSupport.awaitIgnoringInterrupts(slowCleanupMayEnd);
          throw e;
        }
      });
      await(sleepers.started);
      Thread interrupter = new Thread(() -> {
        awaitParkedIn(owner, group);
        owner.interrupt();
        try {
          await(sleepers.interrupted); // the group was cancelled...
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        awaitParkedIn(owner, group); // ...and the owner waits again, for the slow task
        slowCleanupMayEnd.countDown();
      });
      interrupter.start();
      InterruptedException e = assertThrows(InterruptedException.class, group::join);
      assertTrue(group.isCancelled());
      assertEquals(Task.State.CANCELLED, slow.state(), "join() threw before every task had stopped");
      for (Task<String> task : tasks) {
        assertEquals(Task.State.CANCELLED, task.state());
      }
      assertEquals(0, e.getSuppressed().length, "cancellations are not failures");
      interrupter.join();
    }
  }

  @Test
  void ownerAlreadyInterruptedBeforeJoin_cancelsAndThrows() throws Exception {
    var sleepers = new TestSupport.Sleepers(2);
    try (var group = TaskGroup.open()) {
      group.fork(sleepers.task());
      group.fork(sleepers.task());
      await(sleepers.started);
      Thread.currentThread().interrupt();
      assertThrows(InterruptedException.class, group::join);
      assertTrue(group.isCancelled());
      assertEquals(0, sleepers.stopped.getCount());
    }
  }

  @Test
  void failuresThatHappenedAreSuppressedOnTheInterruptedException() throws Exception {
    Thread owner = Thread.currentThread();
    CountDownLatch started = new CountDownLatch(1);
    IOException onStop = new IOException("failed while stopping");
    try (var group = TaskGroup.open()) {
      group.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
        } catch (InterruptedException e) {
          throw onStop;
        }
        return null;
      });
      await(started);
      Thread interrupter = new Thread(() -> {
        awaitParkedIn(owner, group);
        owner.interrupt();
      });
      interrupter.start();
      InterruptedException e = assertThrows(InterruptedException.class, group::join);
      assertArrayEquals(new Throwable[] {onStop}, e.getSuppressed());
      interrupter.join();
    } // reported once: close() does not rethrow it
  }

  @Test
  void afterJoinWasInterrupted_resultsAreReadableByTheOwner() throws Exception {
    var sleepers = new TestSupport.Sleepers(1);
    try (var group = TaskGroup.open()) {
      Task<Integer> done = group.fork(() -> 1);
      Task<String> cancelled = group.fork(sleepers.task());
      await(sleepers.started);
      TestSupport.awaitFinished(done);
      Thread.currentThread().interrupt();
      assertThrows(InterruptedException.class, group::join);
      assertEquals(1, done.get(), "join() ended (by an interrupt): the results may be read");
      assertEquals(Task.State.CANCELLED, cancelled.state());
    }
  }

  @Test
  void interruptDuringClose_closeKeepsWaitingAndReturnsWithInterruptStatusSet() throws Exception {
    Thread owner = Thread.currentThread();
    CountDownLatch stubbornMayEnd = new CountDownLatch(1);
    CountDownLatch sleeperInterrupted = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    AtomicBoolean stubbornStillRunningWhenOwnerWaitedAgain = new AtomicBoolean();
    Task<String> stubborn;
    Task<String> sleeper;
    TaskGroup group;
    try (var g = TaskGroup.open()) {
      group = g;
      stubborn = g.fork(() -> {
        started.countDown();
        TestSupport.awaitIgnoringInterrupts(stubbornMayEnd);
        return "ignored the interrupt";
      });
      sleeper = g.fork(() -> {
        started.countDown();
        try {
          blockUntilInterrupted();
          return "x";
        } catch (InterruptedException e) {
          sleeperInterrupted.countDown();
          throw e;
        }
      });
      await(started);
      Thread interrupter = new Thread(() -> {
        awaitParkedIn(owner, g); // the owner is in close()
        owner.interrupt();
        try {
          await(sleeperInterrupted); // close() cancelled the group...
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        awaitParkedIn(owner, g); // ...and keeps waiting
        stubbornStillRunningWhenOwnerWaitedAgain.set(stubborn.state() == Task.State.RUNNING);
        stubbornMayEnd.countDown();
      });
      interrupter.setDaemon(true);
      interrupter.start();
    } // close() must not throw
    assertTrue(Thread.interrupted(), "close() returned without the interrupt status set");
    assertTrue(stubbornStillRunningWhenOwnerWaitedAgain.get());
    assertTrue(group.isCancelled());
    assertEquals(Task.State.SUCCESS, stubborn.state());
    assertEquals(Task.State.CANCELLED, sleeper.state());
  }

  @Test
  void interruptDuringCloseAfterTheBlockThrew_blockExceptionKeepsIdentity() throws Exception {
    Thread owner = Thread.currentThread();
    CountDownLatch stubbornMayEnd = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    RuntimeException bodyFailure = new RuntimeException("the block failed");
    AtomicReference<TaskGroup> group = new AtomicReference<>();
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      try (var g = TaskGroup.open()) {
        group.set(g);
        g.fork(() -> {
          started.countDown();
          TestSupport.awaitIgnoringInterrupts(stubbornMayEnd);
          return "late";
        });
        await(started);
        Thread interrupter = new Thread(() -> {
          awaitParkedIn(owner, g);
          owner.interrupt();
          awaitParkedIn(owner, g);
          stubbornMayEnd.countDown();
        });
        interrupter.setDaemon(true);
        interrupter.start();
        throw bodyFailure;
      }
    });
    assertSame(bodyFailure, thrown);
    assertTrue(Thread.interrupted(), "interrupt status was not restored");
    assertTrue(group.get().isCancelled());
  }

  @Test
  void interruptedOwnerClosingAGroupWithNoTasks_keepsItsInterruptStatus() throws Exception {
    TaskGroup group = TaskGroup.open();
    group.fork(() -> 1);
    group.join();
    Thread.currentThread().interrupt();
    group.close();
    assertTrue(Thread.interrupted(), "close() swallowed the owner's interrupt status");
  }

  @Test
  void ownerAlreadyInterruptedJoiningFinishedTasks_throwsAndClearsTheStatus() throws Exception {
    // As CountDownLatch.await: an interrupt is never lost to the tasks having finished first (a task whose nested
    // group was cancelled with its parent would otherwise return normally, interrupted).
    try (var group = TaskGroup.open()) {
      Task<Integer> task = group.fork(() -> 1);
      group.join();
      Thread.currentThread().interrupt();
      assertThrows(InterruptedException.class, group::join);
      assertFalse(Thread.currentThread().isInterrupted(), "the InterruptedException carries the interrupt");
      assertEquals(1, task.get());
    }
  }

  @Test
  void interruptingATaskThreadFromOutsideIsThatTasksFailure() throws Exception {
    // Only the group's own cancellation makes an interruption a cancellation. Anyone else interrupting a task is
    // just a failure of that task, reported as such.
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Thread> taskThread = new AtomicReference<>();
    try (var group = TaskGroup.builder().supervise().open()) {
      Task<String> task = group.fork(() -> {
        taskThread.set(Thread.currentThread());
        started.countDown();
        blockUntilInterrupted();
        return "x";
      });
      await(started);
      taskThread.get().interrupt();
      group.join();
      assertEquals(Task.State.FAILED, task.state());
      assertTrue(task.exception() instanceof InterruptedException);
      assertFalse(group.isCancelled());
    }
  }
}
