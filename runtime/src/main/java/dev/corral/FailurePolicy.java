package dev.corral;

/**
 * What a {@link TaskGroup} does when one of its tasks fails. Chosen once, with
 * {@link TaskGroup.Builder#failurePolicy}; cancellation and interruption behave the same under both policies
 * (see {@link TaskGroup}). An enum: immutable, usable from any thread.
 */
public enum FailurePolicy {
  /**
   * The default, like asyncio's {@code TaskGroup} and Kotlin's {@code coroutineScope}: the first failure cancels
   * every other task of the group, and {@link TaskGroup#join()} throws a {@link TaskGroupException} whose cause is
   * that failure and which carries every other failure.
   */
  FAIL_FAST,

  /**
   * Like Kotlin's {@code supervisorScope}: a failure does not touch the other tasks, {@link TaskGroup#join()}
   * returns normally once every task has finished, and each failure is reported as that task's {@link Outcome}
   * ({@link Task#outcome()}, {@link TaskGroup#outcomes()}). The caller must examine those outcomes; Corral's
   * {@code UncheckedGatherError} check flags code that does not.
   */
  SUPERVISE
}
