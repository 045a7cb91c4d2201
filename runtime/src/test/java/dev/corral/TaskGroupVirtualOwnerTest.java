package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.awaitParkedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * On Java 21+ the owner of a group is typically itself a virtual thread (a request handler, a task of another
 * group). The core paths — join, fail-fast, close without join, a block that throws, interrupts in join and in
 * close, timeouts — must behave the same with a virtual owner. Skipped on Java 17 (no virtual threads).
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupVirtualOwnerTest {

  @BeforeEach
  void needsVirtualThreads() {
    org.junit.jupiter.api.Assumptions.assumeTrue(TestSupport.virtualThreadsExpected(), "Java 21+ only");
  }

  /** Runs {@code body} on a new virtual thread and rethrows what it threw (assertion failures included). */
  private static void onVirtualOwner(Executable body) throws Throwable {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread owner = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
        (Runnable) () -> {
          try {
            assertTrue(TestSupport.isVirtual(Thread.currentThread()));
            body.execute();
            done.complete(null);
          } catch (Throwable e) {
            done.completeExceptionally(e);
          }
        });
    try {
      done.get(TestSupport.GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    } finally {
      owner.join(TimeUnit.SECONDS.toMillis(1));
    }
  }

  @Test
  void forkJoin() throws Throwable {
    onVirtualOwner(() -> {
      try (var group = TaskGroup.open()) {
        Task<Integer> a = group.fork(() -> 1);
        Task<Integer> b = group.fork(() -> 2);
        group.join();
        assertEquals(3, a.get() + b.get());
      }
    });
  }

  @Test
  void failFast() throws Throwable {
    onVirtualOwner(() -> {
      var sleepers = new TestSupport.Sleepers(2);
      IOException boom = new IOException("boom");
      try (var group = TaskGroup.open()) {
        group.fork(sleepers.task());
        group.fork(sleepers.task());
        await(sleepers.started);
        group.fork(() -> {
          throw boom;
        });
        TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
        assertSame(boom, e.getCause());
        assertEquals(0, sleepers.interrupted.getCount());
      }
    });
  }

  @Test
  void closeWithoutJoinWaits_blockThatThrowsCancels() throws Throwable {
    onVirtualOwner(() -> {
      Thread owner = Thread.currentThread();
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean interrupted = new AtomicBoolean();
      Task<String> task;
      try (var group = TaskGroup.open()) {
        task = group.fork(() -> {
          try {
            await(release);
            return "done";
          } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
          }
        });
        TestSupport.releaseWhenOwnerWaits(owner, group, release);
      }
      assertFalse(interrupted.get());
      assertEquals("done", task.get());

      var sleepers = new TestSupport.Sleepers(1);
      RuntimeException bodyFailure = new RuntimeException("block failed");
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
        try (var group = TaskGroup.open()) {
          group.fork(sleepers.task());
          await(sleepers.started);
          throw bodyFailure;
        }
      });
      assertSame(bodyFailure, thrown);
      assertEquals(0, sleepers.stopped.getCount());
    });
  }

  @Test
  void interruptInJoin() throws Throwable {
    onVirtualOwner(() -> {
      Thread owner = Thread.currentThread();
      var sleepers = new TestSupport.Sleepers(2);
      try (var group = TaskGroup.open()) {
        group.fork(sleepers.task());
        group.fork(sleepers.task());
        await(sleepers.started);
        Thread interrupter = new Thread(() -> {
          awaitParkedIn(owner, group);
          owner.interrupt();
        });
        interrupter.start();
        assertThrows(InterruptedException.class, group::join);
        assertEquals(0, sleepers.stopped.getCount(), "tasks stopped before join() threw");
        interrupter.join();
      }
    });
  }

  @Test
  void interruptInClose_keepsWaitingAndRestoresTheStatus() throws Throwable {
    onVirtualOwner(() -> {
      Thread owner = Thread.currentThread();
      CountDownLatch stubbornMayEnd = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      AtomicReference<Task<String>> stubborn = new AtomicReference<>();
      try (var group = TaskGroup.open()) {
        stubborn.set(group.fork(() -> {
          started.countDown();
          TestSupport.awaitIgnoringInterrupts(stubbornMayEnd);
          return "late";
        }));
        await(started);
        Thread interrupter = new Thread(() -> {
          awaitParkedIn(owner, group);
          owner.interrupt();
          TestSupport.awaitCondition("group cancelled", group::isCancelled);
          awaitParkedIn(owner, group);
          stubbornMayEnd.countDown();
        });
        interrupter.setDaemon(true);
        interrupter.start();
      }
      assertTrue(Thread.interrupted(), "close() must return with the interrupt status set");
      assertEquals(Task.State.SUCCESS, stubborn.get().state());
    });
  }

  @Test
  void timeout() throws Throwable {
    onVirtualOwner(() -> {
      var sleepers = new TestSupport.Sleepers(1);
      try (var group = TaskGroup.builder().timeout(Duration.ofMillis(50)).open()) {
        Task<String> task = group.fork(sleepers.task());
        assertThrows(TaskGroupTimeoutException.class, group::join);
        assertEquals(Task.State.CANCELLED, task.state());
      }
    });
  }

  @Test
  void groupOpenedInsideATaskIsNestedAndCancelledWithItsParent() throws Throwable {
    onVirtualOwner(() -> {
      var inner = new TestSupport.Sleepers(1);
      try (var group = TaskGroup.open()) {
        group.fork(() -> {
          try (var nested = TaskGroup.open()) { // owned by a virtual task thread
            nested.fork(inner.task());
            nested.join();
          }
          return null;
        });
        await(inner.started);
        group.cancel();
        group.join();
      }
      assertEquals(0, inner.interrupted.getCount());
    });
  }
}
