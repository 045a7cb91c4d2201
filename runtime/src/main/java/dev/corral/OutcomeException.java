package dev.corral;

import java.util.List;

/**
 * Thrown by {@link Outcome#getOrThrow()} and {@link Outcome#throwIfAnyFailed} when an outcome is a failure. Its
 * cause is the first failure; every further failure is attached as suppressed and listed by {@link #failures()}.
 * It is thrown on the thread that called the helper; nothing is cancelled or interrupted by it.
 */
public final class OutcomeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> failures;

  OutcomeException(Throwable failure) {
    this(List.of(failure));
  }

  OutcomeException(List<Throwable> failures) {
    super(failures.size() + " outcome(s) failed: " + FailureCollection.describe(failures), failures.get(0));
    this.failures = FailureCollection.attach(this, failures);
  }

  /** Every failure, in list order; the first is {@link #getCause()}. */
  public List<Throwable> failures() {
    return failures != null ? failures : FailureCollection.rebuilt(this); // null after deserialization
  }
}
