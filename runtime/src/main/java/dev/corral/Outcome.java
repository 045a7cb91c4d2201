package dev.corral;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The settled result of one piece of concurrent work: a {@link Success} holding its value or a {@link Failure}
 * holding its exception.
 *
 * <p>Outcomes are what {@link Gather#settled} returns and what a {@linkplain FailurePolicy#SUPERVISE supervised}
 * {@link TaskGroup} reports per task: failures come back as values, in place, instead of being thrown. Every
 * failure in such a list must be looked at; on Java 21+ a {@code switch} does that exhaustively:
 *
 * <pre>{@code
 * for (Outcome<Quote> outcome : Gather.settled(quotes)) {
 *   switch (outcome) {
 *     case Outcome.Success<Quote>(var quote) -> best = cheaper(best, quote);
 *     case Outcome.Failure<Quote>(var error) -> log.warn("quote failed", error);
 *   }
 * }
 * }</pre>
 *
 * <p>On Java 17 use {@link #isSuccess()}, {@link #getOrThrow()}, {@link #values(Collection)} /
 * {@link #failures(Collection)} or {@link #throwIfAnyFailed(Collection)}.
 *
 * <h2>Threads</h2>
 * An outcome is a value: creating or reading one never blocks, cancels or interrupts anything, and outcomes are
 * immutable and safe to share between threads.
 *
 * <h2>General exceptions</h2>
 * Outcomes are immutable and thread-safe. A {@code Success} may hold {@code null} (a task that returns nothing);
 * a {@code Failure} never does: passing {@code null} throws {@link NullPointerException}. Every static helper
 * throws {@link NullPointerException} for a {@code null} list or element.
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

  /**
   * A successful outcome.
   *
   * @param value the value, possibly {@code null}
   * @param <T> the type of the value
   */
  record Success<T>(T value) implements Outcome<T> {
    @Override
    public boolean isSuccess() {
      return true;
    }

    @Override
    public T getOrThrow() {
      return value;
    }
  }

  /**
   * A failed outcome.
   *
   * @param exception the failure, never {@code null}
   * @param <T> the type the work would have produced
   */
  record Failure<T>(Throwable exception) implements Outcome<T> {
    /**
     * Creates a failed outcome.
     *
     * @throws NullPointerException if {@code exception} is {@code null}
     */
    public Failure {
      Objects.requireNonNull(exception, "exception");
    }

    @Override
    public boolean isSuccess() {
      return false;
    }

    /** Throws {@link OutcomeException} whose cause is {@link #exception()}. */
    @Override
    public T getOrThrow() {
      throw new OutcomeException(exception);
    }
  }

  /** Returns a successful outcome holding {@code value} (which may be {@code null}). */
  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  /**
   * Returns a failed outcome holding {@code exception}.
   *
   * @throws NullPointerException if {@code exception} is {@code null}
   */
  static <T> Outcome<T> failure(Throwable exception) {
    return new Failure<>(exception);
  }

  /** Whether this is a {@link Success}. */
  boolean isSuccess();

  /**
   * Returns the value of a {@link Success}; for a {@link Failure} throws an unchecked {@link OutcomeException}
   * whose cause is the failure (checked exceptions are never thrown sneakily).
   *
   * @throws OutcomeException if this is a failure
   */
  T getOrThrow();

  /**
   * Returns the values of every success, in list order; failures are skipped. Use it together with
   * {@link #failures(Collection)}: calling only this one drops the failures.
   */
  static <T> List<T> values(Collection<? extends Outcome<? extends T>> outcomes) {
    List<T> values = new ArrayList<>();
    for (Outcome<? extends T> outcome : outcomes) {
      if (Objects.requireNonNull(outcome, "outcome").isSuccess()) {
        values.add(outcome.getOrThrow());
      }
    }
    return values;
  }

  /** Returns the exception of every failure, in list order. */
  static List<Throwable> failures(Collection<? extends Outcome<?>> outcomes) {
    List<Throwable> failures = new ArrayList<>();
    for (Outcome<?> outcome : outcomes) {
      if (Objects.requireNonNull(outcome, "outcome") instanceof Failure<?> failure) {
        failures.add(failure.exception());
      }
    }
    return failures;
  }

  /**
   * Returns every value in list order if all outcomes succeeded; otherwise throws an {@link OutcomeException}
   * whose cause is the first failure, carrying every failure (see {@link OutcomeException#failures()}).
   *
   * @throws OutcomeException if any outcome failed
   */
  static <T> List<T> throwIfAnyFailed(Collection<? extends Outcome<? extends T>> outcomes) {
    List<Throwable> failures = failures(outcomes);
    if (!failures.isEmpty()) {
      throw new OutcomeException(failures);
    }
    return values(outcomes);
  }
}
