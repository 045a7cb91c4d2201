package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Default threads: virtual on Java 21+, platform on 17, named after the group; a custom ThreadFactory or Executor is
 * honoured. The suite runs on both JDKs, so each test branches on {@code Runtime.version().feature()}.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupThreadsTest {

  @Test
  void defaultThreads_virtualOn21PlusPlatformOn17() throws Exception {
    try (var group = TaskGroup.open()) {
      Task<Thread> task = group.fork(Thread::currentThread);
      group.join();
      Thread thread = task.get();
      assertEquals(TestSupport.virtualThreadsExpected(), TestSupport.isVirtual(thread),
          "Java " + Runtime.version().feature() + ": " + thread);
      assertNotSame(Thread.currentThread(), thread);
    }
    assertEquals(TestSupport.virtualThreadsExpected(), TaskThreads.virtualThreadsAvailable());
  }

  @Test
  void threadNamesCarryTheGroupName() throws Exception {
    List<Task<String>> names = new ArrayList<>();
    try (var group = TaskGroup.builder().name("orders").open()) {
      for (int i = 0; i < 3; i++) {
        names.add(group.fork(() -> Thread.currentThread().getName()));
      }
      group.join();
    }
    Set<String> distinct = new HashSet<>();
    for (Task<String> name : names) {
      assertTrue(name.get().startsWith("orders-task-"), name.get());
      distinct.add(name.get());
    }
    assertEquals(3, distinct.size(), "each task gets its own numbered thread: " + distinct);
  }

  @Test
  void defaultGroupNameIsCorralN_andThreadsCarryIt() throws Exception {
    try (var group = TaskGroup.open()) {
      assertTrue(group.name().matches("corral-\\d+"), group.name());
      Task<String> name = group.fork(() -> Thread.currentThread().getName());
      group.join();
      assertTrue(name.get().startsWith(group.name() + "-task-"), name.get());
    }
  }

  @Test
  void twoGroupsHaveDifferentDefaultNames() {
    try (var a = TaskGroup.open(); var b = TaskGroup.open()) {
      assertFalse(a.name().equals(b.name()));
    }
  }

  @Test
  void everyTaskGetsItsOwnThread() throws Exception {
    CountDownLatch together = new CountDownLatch(10);
    List<Task<Thread>> tasks = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      for (int i = 0; i < 10; i++) {
        tasks.add(group.fork(() -> {
          together.countDown();
          await(together); // all ten run at once: no thread can serve two of them
          return Thread.currentThread();
        }));
      }
      group.join();
    }
    Set<Thread> threads = new HashSet<>();
    tasks.forEach(t -> threads.add(t.get()));
    assertEquals(10, threads.size());
  }

  @Test
  void customThreadFactoryIsHonoured() throws Exception {
    AtomicInteger made = new AtomicInteger();
    List<Thread> created = new ArrayList<>();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "mine-" + made.getAndIncrement());
      synchronized (created) {
        created.add(t);
      }
      return t;
    };
    List<Task<Thread>> tasks = new ArrayList<>();
    try (var group = TaskGroup.builder().threadFactory(factory).open()) {
      for (int i = 0; i < 4; i++) {
        tasks.add(group.fork(Thread::currentThread));
      }
      group.join();
    }
    assertEquals(4, made.get());
    for (Task<Thread> task : tasks) {
      assertTrue(created.contains(task.get()));
      assertTrue(task.get().getName().startsWith("mine-"));
    }
  }

  @Test
  void customExecutorIsHonoured() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "pool-thread"));
    AtomicInteger executed = new AtomicInteger();
    Executor counting = command -> {
      executed.incrementAndGet();
      pool.execute(command);
    };
    try {
      List<Task<String>> tasks = new ArrayList<>();
      try (var group = TaskGroup.builder().executor(counting).open()) {
        for (int i = 0; i < 6; i++) {
          tasks.add(group.fork(() -> Thread.currentThread().getName()));
        }
        group.join();
      }
      assertEquals(6, executed.get());
      for (Task<String> task : tasks) {
        assertEquals("pool-thread", task.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lastOfExecutorAndThreadFactoryWins() throws Exception {
    AtomicInteger executed = new AtomicInteger();
    AtomicInteger made = new AtomicInteger();
    Executor direct = command -> {
      executed.incrementAndGet();
      new Thread(command).start();
    };
    ThreadFactory factory = r -> {
      made.incrementAndGet();
      return new Thread(r);
    };
    try (var group = TaskGroup.builder().executor(direct).threadFactory(factory).open()) {
      group.fork(() -> 1);
      group.join();
    }
    assertEquals(0, executed.get());
    assertEquals(1, made.get());
    try (var group = TaskGroup.builder().threadFactory(factory).executor(direct).open()) {
      group.fork(() -> 1);
      group.join();
    }
    assertEquals(1, executed.get());
    assertEquals(1, made.get());
  }

  @Test
  void noLockIsHeldWhileAThreadIsCreated_otherForksProceed() throws Exception {
    // Fork is on the hot path: a slow ThreadFactory (here: one blocked until another fork went through) must not
    // hold up forks from other threads. If fork held the group's lock across thread creation, this deadlocks.
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<CountDownLatch> ownerForked = new AtomicReference<>();
    ThreadFactory slow = r -> {
      if (calls.incrementAndGet() == 2) {
        try {
          await(ownerForked.get());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return new Thread(r);
    };
    for (int bound : new int[] {0, 2}) {
      calls.set(0);
      ownerForked.set(new CountDownLatch(1));
      TaskGroup.Builder builder = TaskGroup.builder().threadFactory(slow);
      if (bound > 0) {
        builder.maxConcurrency(bound);
      }
      try (var group = builder.open()) {
        Task<Task<Integer>> a = group.fork(() -> group.fork(() -> 2)); // its fork is the factory's call #2
        TestSupport.awaitCondition("call #2 in the factory", () -> calls.get() >= 2);
        Task<Integer> c = group.fork(() -> 3); // must not wait for call #2
        ownerForked.get().countDown();
        group.join();
        assertEquals(2, a.get().get());
        assertEquals(3, c.get());
      }
    }
  }

  @Test
  void executorThatRejects_taskFailsWithTheRejection() throws Exception {
    RejectedExecutionException rejection = new RejectedExecutionException("full");
    try (var group = TaskGroup.builder().executor(command -> {
      throw rejection;
    }).open()) {
      Task<Integer> task = group.fork(() -> 1); // fork itself does not throw
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      assertSame(rejection, e.getCause());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void threadFactoryThatReturnsNull_taskFailsWithAClearException() throws Exception {
    try (var group = TaskGroup.builder().threadFactory(r -> null).open()) {
      Task<Integer> task = group.fork(() -> 1);
      TaskGroupException e = assertThrows(TaskGroupException.class, group::join);
      IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
      assertTrue(cause.getMessage().contains("ThreadFactory"), cause.getMessage());
      assertEquals(Task.State.FAILED, task.state());
    }
  }

  @Test
  void pooledThreadDoesNotInheritACancellationInterrupt() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      var sleepers = new TestSupport.Sleepers(1);
      try (var group = TaskGroup.builder().executor(single).open()) {
        group.fork(sleepers.task());
        await(sleepers.started);
        group.cancel();
        group.join();
      }
      // The same pool thread runs the next command: it must not start out interrupted.
      AtomicReference<Boolean> interrupted = new AtomicReference<>();
      single.submit(() -> interrupted.set(Thread.currentThread().isInterrupted())).get();
      assertFalse(interrupted.get());
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void anInterruptTheGroupDidNotDeliverSurvives_whenTheTaskCancelsItsOwnGroup() throws Exception {
    // cancel() does not interrupt the task that calls it. So when that task's thread is interrupted by someone
    // else (here: the task itself, standing for any outside interrupt), that interrupt is not the group's and must
    // survive the task, even though the group was cancelled meanwhile.
    try (var group = TaskGroup.builder().supervise().executor(Runnable::run).open()) {
      group.fork(() -> {
        Thread.currentThread().interrupt(); // not the group's doing
        group.cancel();                     // does not interrupt the calling task
      });
      assertTrue(Thread.interrupted(), "the group cleared an interrupt it did not deliver");
      group.join();
    }
  }

  @Test
  void pooledThreadKeepsAnInterruptThatWasNotTheGroups() throws Exception {
    // A direct executor runs the task on the forking thread (the owner). An interrupt of the owner that the group
    // did not cause must survive the task.
    try (var group = TaskGroup.builder().supervise().executor(Runnable::run).open()) {
      Task<Boolean> task = group.fork(() -> {
        Thread.currentThread().interrupt();
        return true;
      });
      assertTrue(Thread.interrupted(), "the task's own interrupt of its thread was cleared by the group");
      group.join();
      assertTrue(task.get());
    }
  }
}
