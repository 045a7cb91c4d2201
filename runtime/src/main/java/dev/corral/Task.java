package dev.corral;

/**
 * The handle of one task forked in a {@link TaskGroup}.
 *
 * <p>A {@code Task} is <em>not</em> a {@link java.util.concurrent.Future}: its owner is the group, which waits for
 * it and reports its failure, so ignoring the handle that {@link TaskGroup#fork fork} returns is correct code.
 * Keep it to read the result once the group has been joined.
 *
 * <h2>Thread confinement</h2>
 * Any thread may call {@link #state()}. The group's owner may read the result ({@link #get()},
 * {@link #exception()}, {@link #outcome()}) only after {@link TaskGroup#join()} returned or threw; other threads
 * may read it as soon as the task has finished.
 *
 * <h2>Failure, cancellation and interruption</h2>
 * A task's failure is reported by the group ({@link TaskGroup#join()}); the handle only lets you read it.
 * Cancelling the group interrupts the task's thread; a task that then ends with an interruption or a
 * {@link java.util.concurrent.CancellationException} is {@link State#CANCELLED}. No method of {@code Task} blocks
 * or is interruptible.
 *
 * <h2>Memory consistency</h2>
 * Actions of the task happen-before a successful {@link #get()}, {@link #exception()} or {@link #outcome()}, and
 * before {@link TaskGroup#join()} returns.
 *
 * @param <T> the type of the result
 */
public sealed interface Task<T> permits GroupTask {

  /** The state of a task. */
  enum State {
    /** Not finished: waiting for a concurrency permit, or running. */
    RUNNING,
    /** Completed with a result. */
    SUCCESS,
    /** Threw an exception that was not caused by the group's own cancellation. */
    FAILED,
    /**
     * Cancelled by the group (fail-fast, {@link TaskGroup#cancel()}, timeout, interrupt, or a block that threw)
     * before it started, or ended with an interruption or {@link java.util.concurrent.CancellationException}
     * after the group cancelled it. Never reported as a failure.
     */
    CANCELLED
  }

  /**
   * Returns the task's result.
   *
   * @throws IllegalStateException if the task has not finished, if the caller is the group's owner and has not
   *     joined the group yet, if the task failed (the failure is the exception's cause), or if it was cancelled
   */
  T get();

  /** Returns the current state; any thread may call it at any time. */
  State state();

  /**
   * Returns the exception the task failed with.
   *
   * @throws IllegalStateException if the task has not {@linkplain State#FAILED failed} (or, for the group's
   *     owner, before the group was joined)
   */
  Throwable exception();

  /**
   * Returns the task's outcome: a {@link Outcome.Success} with its result, or a {@link Outcome.Failure} with its
   * exception; a cancelled task's outcome is a failure holding a {@link java.util.concurrent.CancellationException}.
   *
   * @throws IllegalStateException if the task has not finished (or, for the group's owner, before the group was
   *     joined)
   */
  Outcome<T> outcome();
}
