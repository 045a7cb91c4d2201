package dev.corral;

import java.util.List;

/**
 * Thrown by {@link Gather#all} when an input failed, and by {@link Gather#any} when every input failed.
 *
 * <p>Its cause is the first failure (unwrapped from {@link java.util.concurrent.ExecutionException} and
 * {@link java.util.concurrent.CompletionException}); every other failure seen before it was thrown is attached as
 * suppressed and listed by {@link #failures()}, in the order they happened. Inputs that {@code Gather} cancelled
 * itself are not failures and are not listed.
 *
 * <p>It is thrown on the thread that called {@code Gather} (or completes an {@code ...Async} result); by then
 * every input that was still running has been cancelled with interruption.
 */
public final class GatherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> failures;

  GatherException(String message, List<Throwable> failures) {
    super(message + ": " + FailureCollection.describe(failures), failures.get(0));
    this.failures = FailureCollection.attach(this, failures);
  }

  /** Every failure, in the order they happened; the first is {@link #getCause()}. */
  public List<Throwable> failures() {
    return failures != null ? failures : FailureCollection.rebuilt(this); // null after deserialization
  }
}
