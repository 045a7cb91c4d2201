package dev.corral;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/** A task of a {@link TaskGroup}: runs its callable once, records how it ended, and tells the group. */
final class GroupTask<T> implements Task<T>, Runnable {
  private final TaskGroup group;
  private final Callable<? extends T> callable;
  private Runnable body; // this task's run wrapped by the group's ContextHook, or this itself

  private volatile Task.State state = Task.State.RUNNING;
  private volatile boolean ended; // the group has recorded how the task ended (taskFinished returned)
  private T result;
  private Throwable failure;

  // Guarded by this. runner: the thread executing the task (the ContextHook's code included), so that cancel()
  // interrupts exactly while the task runs; started: execute() began, or the task was abandoned before it did.
  private Thread runner;
  private boolean started;
  private boolean bodyRan;
  private boolean interruptRequested;
  private boolean interruptDelivered; // the group itself interrupted this task's thread

  // Written by run() and read by execute(), on the task's thread.
  private T bodyValue;
  private Throwable bodyError;

  /** Whether the task took one of the group's maxConcurrency permits, returned when it finishes. */
  boolean holdsPermit;

  /** The thread the group started for this task (from a ThreadFactory, not a pool or executor), joined by close(). */
  volatile Thread thread;

  /** The task's position in the group's fork order. */
  int index;

  GroupTask(TaskGroup group, Callable<? extends T> callable) {
    this.group = group;
    this.callable = callable;
  }

  TaskGroup group() {
    return group;
  }

  void setBody(Runnable body) {
    this.body = body;
  }

  /**
   * Entry point on the task's thread: runs the (hooked) body and makes sure the task always finishes, once. A
   * task abandoned by cancellation before its executor got to it returns at once: neither its body nor the
   * ContextHook runs after the group gave up on it.
   */
  void execute() {
    synchronized (this) {
      if (started) {
        return;
      }
      started = true;
      runner = Thread.currentThread();
      if (interruptRequested) {
        runner.interrupt();
        interruptDelivered = true;
      }
    }
    Throwable hookFailure = null;
    try {
      // The thread runs a task of the group (CurrentGroup) while the hooked body runs, the ContextHook included.
      CurrentGroup.runIn(group.binding(), body);
    } catch (Throwable e) {
      hookFailure = e;
    }
    boolean ran;
    boolean interruptedByGroup;
    synchronized (this) {
      runner = null;
      ran = bodyRan;
      interruptedByGroup = interruptDelivered;
    }
    if (interruptedByGroup) {
      // The group's interrupt must not leak into whatever a pooled thread (or a direct executor's caller) runs
      // next. An interrupt from anyone else is left alone here (Corral's own pool clears it too: TaskThreads).
      Thread.interrupted();
    }
    if (!ran) {
      // The ContextHook never called the body: fail the task instead of leaving join() waiting (or, if the group
      // was cancelled meanwhile, count it as cancelled: the hook reacted to the cancellation).
      Throwable error = hookFailure != null ? hookFailure
          : group.isCancelled() ? new CancellationException("cancelled before the ContextHook ran the task")
          : new IllegalStateException("the group's ContextHook did not run the task");
      finish(null, error, true);
      return;
    }
    Throwable error = bodyError;
    if (hookFailure != null) {
      // A hook that fails after the task ran (a cleanup that throws) is reported, never dropped.
      if (error == null) {
        error = hookFailure;
      } else if (error != hookFailure) {
        error.addSuppressed(hookFailure);
      }
    }
    finish(error == null ? bodyValue : null, error, true);
  }

  /** The task body itself; a ContextHook calls this, once, on the task's thread. */
  @Override
  public void run() {
    synchronized (this) {
      if (bodyRan || runner == null) {
        // Twice, or after the task ended (a hook that handed task.run() to another thread and returned): task
        // code must never run after its group has reported it.
        throw new IllegalStateException("a task body may run only once, while its task runs");
      }
      bodyRan = true;
    }
    try {
      if (group.isCancelled()) {
        throw new CancellationException("TaskGroup '" + group.name() + "' was cancelled before the task started");
      }
      bodyValue = callable.call();
    } catch (Throwable e) {
      bodyError = e;
    }
  }

  /** Interrupts the task if it is running, or marks it so it is interrupted at once when it starts. */
  synchronized void interrupt() {
    interruptRequested = true;
    if (runner != null && runner != Thread.currentThread()) {
      runner.interrupt();
      interruptDelivered = true;
    }
  }

  /**
   * Ends a task whose execution has not begun: cancelled while queued (for a permit, or in an executor's queue),
   * or whose launch failed. Returns false if it has begun; then {@link #interrupt()} is what stops it.
   */
  boolean abandon(Throwable launchFailure) {
    synchronized (this) {
      if (started) {
        return false;
      }
      started = true;
    }
    finish(null, launchFailure == null ? new CancellationException() : launchFailure, launchFailure == null);
    return true;
  }

  private void finish(T value, Throwable error, boolean mayBeCancellation) {
    Task.State end;
    if (error == null) {
      result = value;
      end = Task.State.SUCCESS;
    } else if (mayBeCancellation && group.isCancelled() && isCancellation(error)) {
      failure = error;
      end = Task.State.CANCELLED;
    } else {
      failure = error;
      end = Task.State.FAILED;
    }
    if (end == Task.State.CANCELLED) {
      // A cancellation may carry real failures, e.g. the InterruptedException of a nested group's join() with
      // that group's failures suppressed on it: those are not the group's doing and must not be lost. They may sit
      // at any depth: a nested group's TaskGroupException whose cause (its first failure) is itself a
      // cancellation-shaped exception carrying failures, e.g. a refused fork's CancellationException with a
      // deeper group's report attached by try-with-resources. Recorded before taskFinished, so join() cannot
      // return without them.
      recordCarriedFailures(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }
    state = end; // volatile write publishes result/failure
    group.taskFinished(this, end == Task.State.FAILED ? error : null);
    ended = true;
  }

  /** Whether the task has ended and its group has recorded it (its failure, if any, is in the group's list). */
  boolean ended() {
    return ended;
  }

  /**
   * Records every real failure inside a cancellation: walks its cause chain and suppressed exceptions, and records
   * each exception that is not itself a cancellation (see {@link #isCancellation}) as a whole, without looking
   * inside it (it carries what it carries, and is reported with it). Each failure is recorded once.
   */
  private void recordCarriedFailures(Throwable cancellation, Set<Throwable> seen) {
    if (cancellation == null || !seen.add(cancellation)) {
      return;
    }
    if (!isCancellation(cancellation)) {
      group.failureCarriedByCancellation(cancellation);
      return;
    }
    recordCarriedFailures(cancellation.getCause(), seen);
    for (Throwable suppressed : cancellation.getSuppressed()) {
      recordCarriedFailures(suppressed, seen);
    }
  }

  /**
   * An exception (not an {@link Error}) that is the task's reaction to being interrupted or cancelled, anywhere in
   * its cause chain.
   */
  static boolean isCancellation(Throwable error) {
    if (error instanceof Error) {
      return false; // an Error is never swallowed, even one caused by an interrupt
    }
    Throwable e = error;
    for (int depth = 0; e != null && depth < 16; depth++, e = e.getCause()) {
      if (e instanceof InterruptedException
          || e instanceof CancellationException
          || e instanceof InterruptedIOException
          || e instanceof ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Task.State state() {
    return state;
  }

  @Override
  public T get() {
    Task.State s = checkReadable("get()");
    if (s == Task.State.SUCCESS) {
      return result;
    }
    if (s == Task.State.FAILED) {
      throw new IllegalStateException("the task failed: " + failure, failure);
    }
    throw new IllegalStateException("the task was cancelled by TaskGroup '" + group.name() + "'");
  }

  @Override
  public Throwable exception() {
    Task.State s = checkReadable("exception()");
    if (s != Task.State.FAILED) {
      throw new IllegalStateException("exception() needs a failed task, but the task's state is " + s);
    }
    return failure;
  }

  @Override
  public Outcome<T> outcome() {
    checkReadable("outcome()");
    return outcomeUnchecked();
  }

  /** The outcome of a finished task, without the owner's join() check (for {@link TaskGroup#outcomes()}). */
  Outcome<T> outcomeUnchecked() {
    return switch (state) {
      case SUCCESS -> Outcome.success(result);
      case FAILED -> Outcome.failure(failure);
      default -> Outcome.failure(cancellation());
    };
  }

  private CancellationException cancellation() {
    CancellationException e = new CancellationException("the task was cancelled by TaskGroup '" + group.name() + "'");
    if (failure != null) {
      e.initCause(failure);
    }
    return e;
  }

  private Task.State checkReadable(String method) {
    Task.State s = state;
    if (s == Task.State.RUNNING) {
      throw new IllegalStateException(method + " called before the task finished: call join() on TaskGroup '"
          + group.name() + "' first");
    }
    if (Thread.currentThread() == group.owner() && !group.joinedSince(index)) {
      throw new IllegalStateException(method + " called by the owner before join(): call join() on TaskGroup '"
          + group.name() + "' first");
    }
    return s;
  }

  @Override
  public String toString() {
    return "Task[" + group.name() + ", " + state + "]";
  }
}
