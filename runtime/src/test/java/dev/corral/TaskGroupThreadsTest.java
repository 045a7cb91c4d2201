package dev.corral;

import static dev.corral.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
 * Default threads: on Java 21+ a virtual thread per task, named after the group; on 17 the shared pool of daemon
 * platform threads {@code corral-worker-<n>}, which carry nothing from one task to the next. A custom ThreadFactory or
 * Executor is honoured. The suite runs on both JDKs, so each test branches on {@code Runtime.version().feature()}.
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
      if (TestSupport.virtualThreadsExpected()) {
        assertTrue(name.get().startsWith("orders-task-"), name.get());
      } else {
        assertTrue(name.get().startsWith("corral-worker-"), name.get()); // the shared pool's threads
      }
      distinct.add(name.get());
    }
    if (TestSupport.virtualThreadsExpected()) {
      // Numbered from 0 in start order; the three forks come from the owner one after another.
      assertEquals(Set.of("orders-task-0", "orders-task-1", "orders-task-2"), distinct);
    }
  }

  @Test
  void defaultGroupNameIsCorralN_andItsThreadsAllShareIt() throws Exception {
    List<Task<String>> names = new ArrayList<>();
    try (var group = TaskGroup.open()) {
      assertTrue(group.name().matches("corral-\\d+"), group.name());
      for (int i = 0; i < 3; i++) {
        names.add(group.fork(() -> Thread.currentThread().getName()));
      }
      group.join();
      for (Task<String> name : names) {
        if (TestSupport.virtualThreadsExpected()) {
          // Not a copy per thread: the group's own name string, so a thread of an unnamed group costs no name.
          assertSame(group.name(), name.get());
        } else {
          assertTrue(name.get().startsWith("corral-worker-"), name.get()); // the shared pool's threads
        }
      }
    }
  }

  @Test
  void namedAndUnnamedGroupsNestedInEachOther_eachNamesItsOwnThreads() throws Exception {
    try (var outer = TaskGroup.builder().name("outer").open()) {
      Task<String[]> names = outer.fork(() -> {
        try (var inner = TaskGroup.open()) {
          Task<String> innerName = inner.fork(() -> Thread.currentThread().getName());
          inner.join();
          return new String[] {Thread.currentThread().getName(), innerName.get(), inner.name()};
        }
      });
      outer.join();
      if (TestSupport.virtualThreadsExpected()) {
        assertEquals("outer-task-0", names.get()[0]);
        assertEquals(names.get()[2], names.get()[1]); // the unnamed inner group's thread carries its corral-<n>
      } else {
        assertTrue(names.get()[0].startsWith("corral-worker-"), names.get()[0]);
        assertTrue(names.get()[1].startsWith("corral-worker-"), names.get()[1]);
      }
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

  // --- Java 17: the shared pool. Where a test needs the pool it is skipped on 21+; the others hold on both. ---

  @Test
  void onJava17_aPoolThreadIsReusedAcrossGroups() throws Exception {
    assumeFalse(TestSupport.virtualThreadsExpected(), "Java 21+: a virtual thread per task, no pool");
    Thread first;
    try (var group = TaskGroup.open()) {
      Task<Thread> task = group.fork(Thread::currentThread);
      group.join();
      first = task.get();
    }
    assertTrue(first.getName().startsWith("corral-worker-"), first.getName());
    assertTrue(first.isDaemon(), "pool threads never keep the JVM alive");
    assertTrue(first.isAlive(), "the thread went back to the pool");
    // The first thread is idle in the pool now (its task ended before close() returned); a single task of the next
    // group takes an idle thread. Other tests may run concurrently and take it first, so allow a few rounds.
    boolean reused = false;
    for (int round = 0; round < 50 && !reused; round++) {
      TestSupport.awaitIdleInPool(first);
      try (var group = TaskGroup.open()) {
        Task<Thread> task = group.fork(Thread::currentThread);
        group.join();
        reused = task.get() == first;
      }
    }
    assertTrue(reused, "a second group never ran on the first group's pool thread " + first.getName());
  }

  @Test
  void aCancellationInterruptDoesNotReachTheNextTaskOnTheSameThread() throws Exception {
    // Task A is cancelled (interrupted) and its thread goes back to the pool; task B of the next group may run on
    // that very thread and must start with a clear interrupt status. On 21+ B has a fresh thread: trivially true.
    var sleepers = new TestSupport.Sleepers(1);
    Thread aThread;
    try (var group = TaskGroup.open()) {
      group.fork(sleepers.task());
      await(sleepers.started);
      group.cancel();
      group.join();
      aThread = sleepers.threads().get(0);
    }
    boolean ranOnTheSameThread = false;
    for (int round = 0; round < 50 && !ranOnTheSameThread; round++) {
      if (!TestSupport.virtualThreadsExpected()) {
        TestSupport.awaitIdleInPool(aThread);
      }
      try (var group = TaskGroup.open()) {
        // The task reports its own thread: the pool hands work to whichever idle worker it picks, so only a task
        // that ran on A's thread says anything about reuse; every task, reused thread or not, must start clear.
        Task<Thread> b =
            group.fork(
                () -> {
                  if (Thread.currentThread().isInterrupted()) {
                    throw new AssertionError("a task started out interrupted");
                  }
                  return Thread.currentThread();
                });
        group.join();
        ranOnTheSameThread = b.get() == aThread || TestSupport.virtualThreadsExpected();
      }
    }
    assertTrue(ranOnTheSameThread, "the cancelled task's thread was never reused");
  }

  @Test
  void anInterruptATaskLeftSetDoesNotReachTheNextTask() throws Exception {
    assumeFalse(TestSupport.virtualThreadsExpected(), "Java 21+: a thread per task, nothing to leak into");
    // A task that restores its interrupt status (the usual catch-and-reinterrupt idiom) and ends: the pool clears
    // it. Then many single tasks run; none starts interrupted, and at least one reuses the thread.
    Thread leftInterrupted;
    try (var group = TaskGroup.open()) {
      Task<Thread> task = group.fork(() -> {
        Thread.currentThread().interrupt();
        return Thread.currentThread();
      });
      group.join();
      leftInterrupted = task.get();
    }
    boolean reused = false;
    for (int round = 0; round < 50 && !reused; round++) {
      TestSupport.awaitIdleInPool(leftInterrupted);
      try (var group = TaskGroup.open()) {
        Task<Thread> task =
            group.fork(
                () -> {
                  if (Thread.currentThread().isInterrupted()) {
                    throw new AssertionError("a task started out interrupted");
                  }
                  return Thread.currentThread();
                });
        group.join();
        reused = task.get() == leftInterrupted;
      }
    }
    assertTrue(reused, "the thread was never reused");
  }

  @Test
  void aLateInterruptAimedAtAnEndedTaskNeverHitsTheNextTaskOnItsThread() throws Exception {
    // The group's interrupt reaches a task only while it runs. Cancel a group whose only task has ended (its
    // thread is back in the pool, possibly running someone else's task): nothing is interrupted.
    CountDownLatch bRunning = new CountDownLatch(1);
    CountDownLatch bMayEnd = new CountDownLatch(1);
    AtomicReference<Boolean> bInterrupted = new AtomicReference<>();
    try (var groupA = TaskGroup.builder().supervise().open()) {
      Task<Thread> a = groupA.fork(Thread::currentThread);
      TestSupport.awaitEnded(a);
      try (var groupB = TaskGroup.open()) {
        // B runs on A's former thread if the pool hands it out (likely: it is idle); the check holds either way.
        groupB.fork(() -> {
          bRunning.countDown();
          TestSupport.awaitIgnoringInterrupts(bMayEnd);
          bInterrupted.set(Thread.currentThread().isInterrupted());
        });
        await(bRunning);
        groupA.cancel(); // A has ended: must not interrupt whatever its thread runs now
        bMayEnd.countDown();
        groupB.join();
      }
      groupA.join();
    }
    assertFalse(bInterrupted.get(), "the cancellation of an ended task interrupted the next task on its thread");
  }

  @Test
  void corralsThreadLocalsAreGoneAfterTheTask() throws Exception {
    // CurrentGroup marks the group whose task a thread runs (it parents nested groups and lets a task fork). Once the task
    // has ended, its thread must not carry the marker into whatever it runs next.
    try (var group = TaskGroup.builder().executor(Runnable::run).open()) { // the task runs on this thread
      group.fork(() -> assertNotNull(CurrentGroup.get(), "set while the task runs"));
      group.join();
    }
    assertNull(CurrentGroup.get(), "the marker outlived the task on the thread that ran it");
    if (TestSupport.virtualThreadsExpected()) {
      return; // the default threads are one per task: nothing runs after the task on them
    }
    Thread used;
    try (var group = TaskGroup.open()) {
      Task<Thread> task = group.fork(() -> {
        try (var nested = TaskGroup.open()) { // sets and restores the marker on this thread once more
          nested.fork(() -> 1);
        }
        return Thread.currentThread();
      });
      group.join();
      used = task.get();
    }
    // Plain work on the pool (no group) until it lands on the thread that ran the task: it sees no marker. The
    // pool hands work to the worker that went idle last (here maybe the nested task's), so every piece of work that
    // lands elsewhere stays busy until the end: the next one must take another idle worker, and one of them is it.
    TestSupport.awaitIdleInPool(used);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int round = 0; round < 50; round++) {
        AtomicReference<Thread> where = new AtomicReference<>();
        AtomicReference<Object> marker = new AtomicReference<>("unset");
        CountDownLatch done = new CountDownLatch(1);
        TaskThreads.runPooled(() -> {
          where.set(Thread.currentThread());
          marker.set(CurrentGroup.get());
          done.countDown();
          if (Thread.currentThread() != used) {
            TestSupport.awaitIgnoringInterrupts(release);
          }
        });
        await(done);
        assertNull(marker.get(), "a pool thread carried a task's marker");
        if (where.get() == used) {
          return;
        }
      }
    } finally {
      release.countDown();
    }
    throw new AssertionError("the pool never reused " + used.getName());
  }

  @Test
  void currentGroupMarker_isAScopedValueOn25_aThreadLocalBefore() {
    // Java 25+: a ScopedValue binding per task (one carrier per group) instead of a ThreadLocalMap per virtual thread.
    assertEquals(Runtime.version().feature() >= 25, CurrentGroup.scoped());
  }

  @Test
  void markerIsRestoredAfterANestedTaskRanOnTheSameThread() throws Exception {
    // With direct executors a task, and the task of a group nested in it, run on the owner's thread, one inside
    // the other: after the inner task, the thread runs the outer group's task again, so it may still fork into that
    // group; after both, the owner runs no task.
    try (var outer = TaskGroup.builder().executor(Runnable::run).open()) {
      Task<Integer> outerTask = outer.fork(() -> {
        assertSame(outer, CurrentGroup.get());
        Task<TaskGroup> inner;
        TaskGroup nestedGroup;
        try (var nested = TaskGroup.builder().executor(Runnable::run).open()) {
          nestedGroup = nested;
          inner = nested.fork(CurrentGroup::get);
          nested.join();
        }
        assertSame(nestedGroup, inner.get(), "the inner task did not run as a task of the nested group");
        assertSame(outer, CurrentGroup.get(), "the outer task's marker was not restored");
        outer.fork(() -> 2); // allowed only from a task of the group: throws if the marker was lost
        return 1;
      });
      outer.join();
      assertEquals(1, outerTask.get());
    }
    assertNull(CurrentGroup.get());
  }

  @Test
  void onJava17_aPooledTaskRunsWithTheForkingThreadsContextClassLoader() throws Exception {
    assumeFalse(TestSupport.virtualThreadsExpected(), "Java 21+: a new virtual thread inherits it");
    ClassLoader custom = new ClassLoader() {};
    Thread owner = Thread.currentThread();
    ClassLoader before = owner.getContextClassLoader();
    Task<ClassLoader> seen;
    owner.setContextClassLoader(custom);
    try (var group = TaskGroup.open()) {
      seen = group.fork(() -> Thread.currentThread().getContextClassLoader());
      group.join();
    } finally {
      owner.setContextClassLoader(before);
    }
    assertSame(custom, seen.get());
    try (var group = TaskGroup.open()) { // and the pool thread does not keep it for the next task
      Task<ClassLoader> next = group.fork(() -> Thread.currentThread().getContextClassLoader());
      group.join();
      assertSame(before, next.get());
    }
  }
}
