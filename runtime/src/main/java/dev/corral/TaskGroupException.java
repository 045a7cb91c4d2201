package dev.corral;

import java.util.List;

/**
 * Thrown by {@link TaskGroup#join()} and {@link TaskGroup#close()} when tasks of a group failed.
 *
 * <p>Its {@linkplain #getCause() cause} is the first failure, exactly as the task threw it (a checked exception
 * stays checked, an {@link Error} stays an {@code Error}); every later failure is attached with
 * {@link #addSuppressed} and {@link #failures()} lists them all in the order they happened. Cancellations the group
 * caused itself are never listed. A failure is reported once: after {@code join()} threw it, {@code close()} does
 * not throw it again.
 *
 * <p>It is thrown on the group's owner thread, after every task of the group has stopped; by then the group is
 * cancelled (fail-fast) and no task of it is still running.
 */
public class TaskGroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> failures;

  static TaskGroupException of(String groupName, List<Throwable> failures) {
    return new TaskGroupException(
        "TaskGroup '" + groupName + "': " + failures.size() + " task(s) failed: " + FailureCollection.describe(failures),
        failures);
  }

  TaskGroupException(String message, List<Throwable> failures) {
    super(message, failures.isEmpty() ? null : failures.get(0));
    this.failures = FailureCollection.attach(this, failures);
  }

  /** Every failure of the group's tasks, in the order they happened; the first is {@link #getCause()}. */
  public List<Throwable> failures() {
    return failures != null ? failures : FailureCollection.rebuilt(this); // null after deserialization
  }
}
