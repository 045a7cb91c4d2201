package dev.corral;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A scope for concurrent tasks: every task forked in it is waited for, and every failure is reported, before the
 * block that opened it is left. The Java answer to Python's {@code asyncio.TaskGroup}.
 *
 * <pre>{@code
 * try (var group = TaskGroup.open()) {
 *   Task<User> user = group.fork(() -> users.load(id));
 *   Task<List<Order>> orders = group.fork(() -> orders.load(id));
 *   group.join();                       // waits for all; rethrows failures
 *   return new Page(user.get(), orders.get());
 * }
 * }</pre>
 *
 * <p>A group is opened with {@link #open()} or {@link #builder()}, always in a try-with-resources statement. Tasks
 * are forked with {@link #fork(Callable)} or {@link #fork(Runnable)}, possibly from inside other tasks of the same
 * group; {@link #join()} waits for all of them; {@link #close()} makes sure none outlives the block.
 *
 * <h2>Threads</h2>
 * By default each task runs on Java 21+ in a new virtual thread named after the group: {@code <name>-task-<n>} for
 * a group given a {@link Builder#name(String) name}, and plain {@code corral-<n>}, the group's own default name,
 * shared by all its threads, for a group opened without one (a per-thread name would cost each task a string; the
 * shared one costs nothing and still shows the group in a thread dump). On Java 17-20 each task runs on a thread
 * of one JVM-wide cached pool of daemon platform threads ({@code corral-worker-<n>}, unbounded like
 * {@link java.util.concurrent.Executors#newCachedThreadPool()}, idle threads end after 60 s). A pooled thread
 * carries nothing from one task to the next: its interrupt status is cleared, Corral's own thread-local is removed
 * and the forking thread's context class loader is set for the task and reset after it
 * (thread-locals the task sets itself are its own business, as on any pool thread; use a {@link ContextHook}, which
 * undoes what it installs). {@link Builder#threadFactory} and {@link Builder#executor} replace the default.
 * Forking never blocks, even with {@link Builder#maxConcurrency(int) maxConcurrency}: tasks over the limit wait in
 * a queue and start as running ones finish, so nested bounded groups cannot deadlock (with the default threads).
 *
 * <h2>Thread confinement</h2>
 * The thread that opens the group is its <em>owner</em>. Only the owner may call {@link #join()},
 * {@link #close()} and {@link #outcomes()}; otherwise they throw {@link IllegalStateException} naming both threads.
 * {@link #fork} may be called by the owner and by any thread that runs a task of this group (or of a group nested
 * in one of its tasks); from any other thread it throws {@link IllegalStateException}. (On Java 25+ Corral marks a
 * task's thread with a {@code ScopedValue}, which the subtasks of a {@code StructuredTaskScope} opened in the task
 * inherit: there they count as running inside the task.) {@link #cancel()}, {@link #isCancelled()} and
 * {@link #name()} may be called from any thread.
 *
 * <h2>Failure</h2>
 * With the default {@link FailurePolicy#FAIL_FAST}, the first task that fails cancels all others, and
 * {@link #join()} throws a {@link TaskGroupException}: its cause is the first failure exactly as thrown (checked
 * exceptions and {@link Error}s included), and every other failure is attached as suppressed and listed by
 * {@link TaskGroupException#failures()}. With {@link FailurePolicy#SUPERVISE}, failures do not affect siblings and
 * {@code join()} returns normally; each failure is in its task's {@link Task#outcome()} and in {@link #outcomes()}.
 * A task that ends with an interruption or {@link java.util.concurrent.CancellationException} after the group
 * cancelled it is {@link Task.State#CANCELLED}, not failed. Each failure is thrown once: after {@code join()}
 * reported it, {@code close()} does not throw it again.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()}, the first failure (fail-fast), the timeout or deadline, an interrupt of the owner in
 * {@code join()} or {@code close()}, and a try block that threw all cancel the group: tasks that have not started
 * never will, running tasks are interrupted, groups opened inside its tasks are cancelled too, and further
 * {@code fork} calls throw {@link IllegalStateException}. Cancellation does not stop a task that ignores
 * interrupts; {@code join()} and {@code close()} still wait for it.
 *
 * <h2>Closing</h2>
 * {@link #close()} waits until every task has ended (its body returned or threw, its {@link ContextHook} returned,
 * and the group recorded the outcome) and every thread the group started for a task (the default virtual threads, a
 * {@link Builder#threadFactory}'s) has terminated; a thread of the default pool on Java 17 or of an executor goes
 * back to it, and no code of the group's tasks runs on it any more. If the
 * block ended normally without joining, it waits for the tasks like leaving an {@code async with} block and throws
 * their failures. If the block threw, the tasks are cancelled first, then awaited, and their failures reach the
 * block's exception as a suppressed {@link TaskGroupException}; the block's exception keeps its identity.
 *
 * <h2>Interruption</h2>
 * If the owner is interrupted while in {@code join()}, the group is cancelled, {@code join()} waits for the tasks to
 * stop and then throws {@link InterruptedException} (with any task failures suppressed on it). If it is interrupted
 * in {@code close()}, the group is cancelled, {@code close()} keeps waiting until the tasks have stopped, and it
 * returns with the interrupt status set.
 *
 * <h2>Timeouts</h2>
 * {@link Builder#timeout(Duration)} and {@link Builder#deadline(Instant)} bound the whole group. The owner enforces
 * the deadline (no timer thread): when it passes while the owner waits in {@code join()} or {@code close()}, or
 * before a {@code fork}, the group is cancelled and {@code join()} (or {@code close()}) throws
 * {@link TaskGroupTimeoutException} once the tasks have stopped.
 *
 * <h2>Memory consistency</h2>
 * Actions of the owner before {@code fork} happen-before the task runs; actions of a task happen-before
 * {@code join()} returns or throws, and before {@link Task#get()} returns its result.
 *
 * <h2>General exceptions</h2>
 * Passing {@code null} to any method throws {@link NullPointerException}. Misuse (fork after close or cancel,
 * a foreign thread, join after close, join from inside the group's own task) throws {@link IllegalStateException}
 * at once; nothing waits forever because of a usage error.
 */
public final class TaskGroup implements AutoCloseable {
  private static final AtomicLong GROUP_NUMBERS = new AtomicLong();
  private static final GroupTask<?>[] NO_TASKS = {};
  /** The settings of {@link #open()}; never changed (no one else can reach it). */
  private static final Builder DEFAULTS = new Builder();

  private enum Reason {
    FAILURE,
    CANCEL,
    TIMEOUT,
    INTERRUPT,
    BLOCK_THREW,
    PARENT
  }

  private final String name;
  private final Thread owner;
  private final FailurePolicy policy;
  private final Executor executor;
  private final ThreadFactory threadFactory;
  private final boolean threadsShareName; // default threads of an unnamed group: each is named `name` itself
  private final ContextHook contextHook;
  private final int maxConcurrency;
  private final boolean hasDeadline;
  private final long deadline; // System.nanoTime() based, valid if hasDeadline
  private final String limit;
  private final TaskGroup parent;
  private final Object binding; // marks a thread as running a task of this group (CurrentGroup.runIn)

  private final Object lock = new Object();
  // Guarded by lock, in fork order. Only ever appended to: elements below taskCount never change, and a full array
  // is replaced by a larger copy, so an (array, count) pair read under the lock stays valid after it is released
  // (cancel, joinThreads and outcomes iterate such a pair without copying it).
  private GroupTask<?>[] tasks = NO_TASKS;
  private int taskCount;
  private final ArrayList<Throwable> failures = new ArrayList<>(); // guarded by lock, in order of occurrence
  private List<TaskGroup> children; // guarded by lock
  private int reportedFailures; // guarded by lock
  private boolean timeoutReported; // guarded by lock
  private boolean everJoined; // owner only

  private volatile boolean cancelled;
  private volatile boolean closed;
  private volatile Reason reason;
  private volatile int joinedUpTo;

  private final AtomicInteger unfinished = new AtomicInteger();
  private volatile Thread waiter;

  private final Admission<GroupTask<?>> admission; // maxConcurrency > 0 only

  private TaskGroup(Builder builder) {
    this.owner = Thread.currentThread();
    this.name = builder.name != null ? builder.name : "corral-" + GROUP_NUMBERS.incrementAndGet();
    this.policy = builder.policy;
    this.executor = builder.executor;
    this.threadFactory =
        builder.executor != null ? null
            : builder.threadFactory != null ? builder.threadFactory
            : !TaskThreads.virtualThreadsAvailable() ? null // Java 17-20: the shared pool (TaskThreads.runPooled)
            // A group given a name numbers its threads; the threads of one without share its name (launch), which
            // costs them nothing: a name built per thread was the largest per-task cost after the thread itself.
            : builder.name != null ? TaskThreads.newFactory(name + "-task-")
            : TaskThreads.unnamedVirtualFactory();
    this.threadsShareName = builder.executor == null && builder.threadFactory == null && builder.name == null
        && TaskThreads.virtualThreadsAvailable();
    this.contextHook = builder.contextHook;
    this.maxConcurrency = builder.maxConcurrency;
    this.admission = maxConcurrency > 0 ? new Admission<>(maxConcurrency, new Admission.Gate<>() {
      @Override
      public void launch(GroupTask<?> task) {
        task.holdsPermit = true;
        TaskGroup.this.launch(task);
      }

      @Override
      public void abandon(GroupTask<?> task) {
        task.abandon(null);
      }

      @Override
      public boolean cancelled() {
        return cancelled;
      }
    }) : null;
    long deadlineNanos = 0;
    String limitText = null;
    long now = System.nanoTime();
    if (builder.timeout != null) {
      deadlineNanos = now + saturatedNanos(builder.timeout);
      limitText = "timeout " + builder.timeout;
    }
    if (builder.deadline != null) {
      long untilDeadline = now + saturatedNanos(Duration.between(Instant.now(), builder.deadline));
      if (limitText == null || untilDeadline - deadlineNanos < 0) {
        deadlineNanos = untilDeadline;
        limitText = "deadline " + builder.deadline;
      }
    }
    this.hasDeadline = limitText != null;
    this.deadline = deadlineNanos;
    this.limit = limitText;
    this.parent = CurrentGroup.get();
    this.binding = CurrentGroup.bindingFor(this);
    if (parent != null) {
      parent.adopt(this);
    }
  }

  /**
   * Opens a fail-fast group with default settings, owned by the current thread. Use it in try-with-resources.
   *
   * @return the new group
   */
  public static TaskGroup open() {
    return new TaskGroup(DEFAULTS);
  }

  /** Returns a builder for a group with a name, bounds, a timeout, a failure policy, threads or a context hook. */
  public static Builder builder() {
    return new Builder();
  }

  /** The group's name, used in its thread names and exception messages. */
  public String name() {
    return name;
  }

  /** Whether the group has been cancelled, for any reason. */
  public boolean isCancelled() {
    return cancelled;
  }

  Thread owner() {
    return owner;
  }

  Object binding() {
    return binding;
  }

  boolean joinedSince(int taskIndex) {
    return taskIndex < joinedUpTo || closed;
  }

  /**
   * Starts {@code task} in a new task of this group and returns its handle. The callable may throw checked
   * exceptions; they are reported by {@link #join()} unchanged, as the cause of a {@link TaskGroupException}.
   *
   * <p>Never blocks: with {@code maxConcurrency} reached, the task waits in a queue (its state is
   * {@link Task.State#RUNNING}) and starts when a running task finishes. If the executor rejects the task or a
   * thread cannot be started, the task fails with that exception (and, fail-fast, cancels the group).
   *
   * @param task the work to run
   * @param <T> the type of the result
   * @return the task's handle; ignoring it is fine, the group owns the task
   * @throws NullPointerException if {@code task} is {@code null}
   * @throws IllegalStateException if the group is closed, or if the calling thread is neither the owner nor one of
   *     the group's tasks
   * @throws CancellationException (an {@code IllegalStateException}) if the group is cancelled, including after a
   *     failure in fail-fast mode or after its deadline; a task that lets it propagate ends cancelled, not failed
   */
  public <T> Task<T> fork(Callable<? extends T> task) {
    Objects.requireNonNull(task, "task");
    checkForkingThread();
    if (hasDeadline && !cancelled && System.nanoTime() - deadline >= 0) {
      timeOut();
    }
    GroupTask<T> forked = new GroupTask<>(this, task);
    forked.setBody(contextHook == null ? forked : Objects.requireNonNull(contextHook.wrap(forked),
        "ContextHook.wrap returned null"));
    synchronized (lock) {
      checkOpen("fork()");
      if (taskCount == tasks.length) {
        // Grown like an ArrayList (10, then by half); the old array stays intact for snapshots taken before.
        tasks = Arrays.copyOf(tasks, taskCount == 0 ? 10 : taskCount + (taskCount >> 1));
      }
      forked.index = taskCount;
      tasks[taskCount++] = forked;
      unfinished.incrementAndGet();
    }
    if (admission == null) {
      launch(forked);
    } else {
      admission.submit(forked);
    }
    return forked;
  }

  /**
   * Starts {@code task} in a new task of this group; its result is {@code null}. See {@link #fork(Callable)}.
   *
   * @throws NullPointerException if {@code task} is {@code null}
   * @throws IllegalStateException as for {@link #fork(Callable)}
   */
  public Task<Void> fork(Runnable task) {
    Objects.requireNonNull(task, "task");
    return fork(() -> {
      task.run();
      return null;
    });
  }

  /**
   * Waits until every task forked so far has finished, then reports failures.
   *
   * <p>Fail-fast: throws {@link TaskGroupException} if any task failed (the first failure is the cause, all are
   * listed). Supervise: returns normally; failures are in the tasks' outcomes. Either way, throws
   * {@link TaskGroupTimeoutException} if the group's deadline passed first. {@code join()} may be called again
   * after forking more tasks; each failure is thrown only once.
   *
   * @throws InterruptedException if the owner is interrupted while waiting, or was already interrupted when it
   *     called {@code join()} (as {@link java.util.concurrent.CountDownLatch#await()}, even when every task has
   *     finished): the group is cancelled and the tasks have stopped by the time it is thrown; failures that
   *     happened are attached as suppressed
   * @throws TaskGroupException if tasks failed (fail-fast)
   * @throws TaskGroupTimeoutException if the timeout or deadline passed
   * @throws IllegalStateException if called by a thread other than the owner (e.g. from one of the group's own
   *     tasks, which would wait for itself), or after {@link #close()}
   */
  public void join() throws InterruptedException {
    checkOwner("join()");
    if (closed) {
      throw new IllegalStateException("TaskGroup '" + name + "' is closed: join() must be called inside its block");
    }
    try {
      awaitTasks();
    } catch (InterruptedException e) {
      cancel(Reason.INTERRUPT);
      awaitTasksUninterruptibly();
      markJoined();
      InterruptedException interrupted = new InterruptedException(
          "TaskGroup '" + name + "': the owner was interrupted in join(); the group was cancelled and its tasks have"
              + " stopped");
      takeUnreportedFailures().forEach(interrupted::addSuppressed);
      throw interrupted;
    }
    markJoined();
    reportFailures(false);
  }

  /**
   * Cancels the group: tasks that have not started never will, running tasks are interrupted (except the calling
   * thread itself when a task cancels its own group), groups nested in its tasks are cancelled, and later
   * {@code fork} calls throw. Does not wait; {@link #join()} or {@link #close()} does. A group cancelled this way
   * reports no failure for the tasks it cancelled; {@code join()} still reports failures that happened before.
   * Any thread may call it; calling it again, or after {@code close()}, does nothing.
   */
  public void cancel() {
    cancel(Reason.CANCEL);
  }

  /**
   * Returns the outcome of every task, in fork order: for {@link FailurePolicy#SUPERVISE} groups the way to see
   * each failure. Cancelled tasks are failures holding a {@link java.util.concurrent.CancellationException}.
   *
   * @throws IllegalStateException if called by a thread other than the owner, or before {@link #join()}
   */
  public List<Outcome<?>> outcomes() {
    checkOwner("outcomes()");
    GroupTask<?>[] all;
    int count;
    synchronized (lock) {
      if (joinedUpTo < taskCount && !closed) {
        throw new IllegalStateException(
            "outcomes() called before join(): call join() on TaskGroup '" + name + "' first");
      }
      all = tasks;
      count = taskCount;
    }
    List<Outcome<?>> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outcomes.add(all[i].outcomeUnchecked());
    }
    return outcomes;
  }

  /**
   * Closes the group; no task, and no thread it started for a task, outlives this call (threads of the default pool
   * on Java 17, or of an executor, go back to it).
   *
   * <p>If every task was joined, this only waits for the group's threads to terminate. Otherwise: when the try
   * block ended normally, waits for the tasks; when the block threw, cancels them first and then waits. (Java's
   * {@code close()} cannot see the block's exception; Corral recognises the exceptional path of a try-with-resources
   * statement compiled by javac. In a hand-written {@code finally}, in code from another compiler, or in a class a
   * bytecode agent such as JaCoCo rewrote at load time, {@code close()} waits: call {@link #cancel()} before it on
   * the exceptional path, or {@code join()} inside the block.) Then throws what {@code join()} would have thrown and has not yet: a
   * {@link TaskGroupException} with unreported failures (fail-fast, or supervise without a {@code join()}), or a
   * {@link TaskGroupTimeoutException}. In try-with-resources, when the block threw, that exception is attached to
   * the block's exception as suppressed. Calling {@code close()} again does nothing.
   *
   * @throws TaskGroupException if tasks failed and the failures were not reported yet
   * @throws IllegalStateException if called by a thread other than the owner
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    checkOwner("close()");
    boolean interrupted = false;
    if (unfinished.get() != 0) {
      if (!cancelled && joinedUpTo < taskCount() && TryBlockExit.ofCaller() == TryBlockExit.Exit.EXCEPTIONAL) {
        cancel(Reason.BLOCK_THREW);
      }
      try {
        awaitTasks();
      } catch (InterruptedException e) {
        interrupted = true;
        cancel(Reason.INTERRUPT);
      }
      interrupted |= awaitTasksUninterruptibly();
    }
    interrupted |= joinThreads();
    synchronized (lock) {
      closed = true;
    }
    if (parent != null) {
      parent.disown(this);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    reportFailures(true);
  }

  @Override
  public String toString() {
    return "TaskGroup[" + name + (closed ? ", closed" : cancelled ? ", cancelled" : "") + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Called by a task, on its thread, once it has finished. */
  void taskFinished(GroupTask<?> task, Throwable failure) {
    if (failure != null) {
      synchronized (lock) {
        failures.add(failure);
      }
      if (policy == FailurePolicy.FAIL_FAST) {
        cancel(Reason.FAILURE);
      }
    }
    if (task.holdsPermit) {
      admission.release();
    }
    if (unfinished.decrementAndGet() == 0) {
      Thread w = waiter;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }
  }

  /** Records a failure that reached a task of this group inside the exception of its cancellation. */
  void failureCarriedByCancellation(Throwable failure) {
    if (!GroupTask.isCancellation(failure)) {
      synchronized (lock) {
        failures.add(failure);
      }
    }
  }

  private void launch(GroupTask<?> task) {
    try {
      if (executor != null) {
        executor.execute(task::execute);
      } else if (threadFactory == null) {
        TaskThreads.runPooled(task::execute);
      } else {
        Thread thread = threadFactory.newThread(task::execute);
        if (thread == null) {
          throw new IllegalStateException("the ThreadFactory of TaskGroup '" + name + "' returned null");
        }
        if (threadsShareName) {
          thread.setName(name);
        }
        task.thread = thread;
        thread.start();
      }
    } catch (Throwable e) {
      task.thread = null;
      task.abandon(e);
    }
  }

  private boolean cancel(Reason why) {
    GroupTask<?>[] running;
    int count;
    TaskGroup[] nested;
    synchronized (lock) {
      if (cancelled || closed) {
        return false;
      }
      cancelled = true;
      reason = why;
      running = tasks;
      count = taskCount;
      nested = children == null ? new TaskGroup[0] : children.toArray(new TaskGroup[0]);
    }
    for (int i = 0; i < count; i++) {
      GroupTask<?> task = running[i];
      // Not begun yet (its thread not yet running it, or queued in a busy executor): it never will. Begun: interrupt.
      if (task.state() == Task.State.RUNNING && !task.abandon(null)) {
        task.interrupt();
      }
    }
    if (admission != null) {
      admission.abandonWaiting();
    }
    for (TaskGroup child : nested) {
      child.cancel(Reason.PARENT);
    }
    return true;
  }

  private void timeOut() {
    cancel(Reason.TIMEOUT);
  }

  private boolean timedOut() {
    return reason == Reason.TIMEOUT;
  }

  private void adopt(TaskGroup child) {
    boolean cancelChild;
    synchronized (lock) {
      if (children == null) {
        children = new ArrayList<>();
      }
      children.add(child);
      cancelChild = cancelled;
    }
    if (cancelChild) {
      child.cancel(Reason.PARENT);
    }
  }

  private void disown(TaskGroup child) {
    synchronized (lock) {
      if (children != null) {
        children.remove(child);
      }
    }
  }

  private int taskCount() {
    synchronized (lock) {
      return taskCount;
    }
  }

  private void markJoined() {
    everJoined = true;
    joinedUpTo = taskCount();
  }

  /** Waits for all tasks, enforcing the deadline; throws if the owner is interrupted. */
  private void awaitTasks() throws InterruptedException {
    // An interrupt is never lost, however the race with the tasks' ends goes: a task whose group its parent
    // cancelled was interrupted, and must not return normally because its nested tasks happened to finish first.
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (unfinished.get() == 0) {
      return;
    }
    waiter = Thread.currentThread();
    try {
      while (unfinished.get() != 0) {
        if (hasDeadline && !cancelled) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            timeOut();
            continue;
          }
          LockSupport.parkNanos(this, remaining);
        } else {
          LockSupport.park(this);
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    } finally {
      waiter = null;
    }
  }

  /** Waits for all tasks whatever happens; returns whether the owner was interrupted meanwhile. */
  private boolean awaitTasksUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        awaitTasks();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /**
   * Waits until every thread this group started (one per task, from a ThreadFactory: the user's, or virtual threads
   * on Java 21+) has terminated; returns whether the owner was interrupted. Threads of an executor or of the shared
   * pool are not the group's: they go back to it once the task has ended, which awaitTasks waited for.
   */
  private boolean joinThreads() {
    if (threadFactory == null) {
      return false;
    }
    GroupTask<?>[] all;
    int count;
    synchronized (lock) {
      all = tasks;
      count = taskCount;
    }
    boolean interrupted = false;
    for (int i = 0; i < count; i++) {
      Thread thread = all[i].thread;
      while (thread != null && thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    return interrupted;
  }

  private List<Throwable> takeUnreportedFailures() {
    synchronized (lock) {
      if (reportedFailures == failures.size()) {
        return List.of(); // the common case: nothing to report, nothing allocated
      }
      List<Throwable> unreported = new ArrayList<>(failures.subList(reportedFailures, failures.size()));
      reportedFailures = failures.size();
      return unreported;
    }
  }

  private void reportFailures(boolean closing) {
    boolean reportTimeout;
    synchronized (lock) {
      reportTimeout = timedOut() && !timeoutReported;
      timeoutReported |= reportTimeout;
    }
    boolean throwFailures = policy == FailurePolicy.FAIL_FAST || (closing && !everJoined);
    List<Throwable> unreported = takeUnreportedFailures();
    if (reportTimeout) {
      throw new TaskGroupTimeoutException(name, limit, unreported);
    }
    if (throwFailures && !unreported.isEmpty()) {
      throw TaskGroupException.of(name, unreported);
    }
  }

  private void checkOwner(String method) {
    Thread current = Thread.currentThread();
    // A task of this group may run on the owner thread (a direct or caller-runs executor): it must not wait for
    // its own group either. With the default threads (new virtual threads, or the pool on 17, whose threads a
    // blocked owner cannot be) or a ThreadFactory, every task runs on a thread other than the owner.
    boolean insideTask = (current != owner || executor != null) && runsInsideThisGroup();
    if (current != owner || insideTask) {
      String who = insideTask ? "one of its own tasks (" + current + "), which would wait for itself" : current.toString();
      throw new IllegalStateException("TaskGroup '" + name + "': " + method + " may only be called by its owner "
          + owner + ", not by " + who);
    }
  }

  /** Whether the current thread runs a task of this group, or of a group opened inside one of its tasks. */
  private boolean runsInsideThisGroup() {
    for (TaskGroup group = CurrentGroup.get(); group != null; group = group.parent) {
      if (group == this) {
        return true;
      }
    }
    return false;
  }

  private void checkForkingThread() {
    Thread current = Thread.currentThread();
    if (current == owner || runsInsideThisGroup()) {
      return;
    }
    throw new IllegalStateException("TaskGroup '" + name + "': fork() may only be called by its owner " + owner
        + " or by its tasks, not by " + current);
  }

  private void checkOpen(String method) {
    if (closed) {
      throw new IllegalStateException("TaskGroup '" + name + "' is closed: " + method + " is not allowed after"
          + " close()");
    }
    if (cancelled) {
      String why = switch (reason) {
        case FAILURE -> "a task failed (fail-fast): " + (failures.isEmpty() ? "?" : failures.get(0));
        case CANCEL -> "cancel() was called";
        case TIMEOUT -> "its " + limit + " passed";
        case INTERRUPT -> "its owner was interrupted";
        case BLOCK_THREW -> "its block threw";
        case PARENT -> "the group around it was cancelled";
      };
      // A CancellationException (an IllegalStateException): a task whose follow-up fork is refused because the
      // group is cancelled ends CANCELLED, not FAILED, so the refusal is not reported as a failure.
      throw new CancellationException("TaskGroup '" + name + "' is cancelled because " + why + ": " + method
          + " is not allowed after cancellation");
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return Math.min(duration.toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
    }
  }

  /**
   * Configures a {@link TaskGroup}; {@link #open()} opens it, owned by the calling thread. Each setter checks its
   * argument at once: {@code null} throws {@link NullPointerException}, an out-of-range value
   * {@link IllegalArgumentException}. A builder may open several groups; it is not thread-safe.
   */
  public static final class Builder {
    private String name;
    private int maxConcurrency;
    private Duration timeout;
    private Instant deadline;
    private FailurePolicy policy = FailurePolicy.FAIL_FAST;
    private Executor executor;
    private ThreadFactory threadFactory;
    private ContextHook contextHook;

    private Builder() {}

    /**
     * Names the group; its default threads on Java 21+ are named {@code <name>-task-<n>}, numbered from 0 in
     * start order (on 17 the shared pool's threads keep their {@code corral-worker-<n>} names). Default:
     * {@code corral-<n>}, and then every default thread of the group is named just {@code corral-<n>}.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Runs at most {@code max} tasks of this group at once; further tasks wait in fork order. {@code fork} never
     * blocks. Default: unbounded.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxConcurrency(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + max);
      }
      this.maxConcurrency = max;
      return this;
    }

    /**
     * Bounds the group's lifetime, counted from {@link #open()}: when it passes, the group is cancelled and
     * {@code join()} throws {@link TaskGroupTimeoutException}. With {@link #deadline(Instant)} too, the earlier
     * one applies.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Cancels the group at {@code deadline} (wall-clock); a deadline already past makes the group time out at
     * once. See {@link #timeout(Duration)}.
     */
    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** Sets the failure policy; default {@link FailurePolicy#FAIL_FAST}. */
    public Builder failurePolicy(FailurePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Shorthand for {@code failurePolicy(FailurePolicy.SUPERVISE)}. */
    public Builder supervise() {
      return failurePolicy(FailurePolicy.SUPERVISE);
    }

    /**
     * Runs tasks on {@code executor} instead of the default threads (replaces a {@link #threadFactory}). The executor's
     * threads are not the group's: {@code close()} waits for the tasks, not for those threads. A bounded executor
     * shared by nested groups can starve them; prefer {@link #maxConcurrency(int)}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      this.threadFactory = null;
      return this;
    }

    /** Starts each task in a new thread from {@code factory} (replaces an {@link #executor}). */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = Objects.requireNonNull(factory, "factory");
      this.executor = null;
      return this;
    }

    /** Carries context from the forking thread into each task; see {@link ContextHook}. */
    public Builder contextHook(ContextHook hook) {
      this.contextHook = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** Opens the group, owned by the calling thread. Use it in try-with-resources. */
    public TaskGroup open() {
      return new TaskGroup(this);
    }
  }
}
