package dev.corral;

import dev.corral.Gathering.Mode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Waits for futures that already exist ({@link Future}, {@link CompletableFuture}, {@link CompletionStage}) as one
 * batch: the Java answer to {@code asyncio.gather}, with cancellation done right.
 *
 * <ul>
 *   <li>{@link #all(Collection) all}: every result in input order; the first failure cancels the remaining inputs
 *       (unlike asyncio, whose other tasks keep running and lose their errors) and is thrown with every other
 *       failure attached.
 *   <li>{@link #settled(Collection) settled}: every {@link Outcome} in input order; failures come back as values
 *       ({@code return_exceptions=True}).
 *   <li>{@link #any(Collection) any}: the first success; the others are cancelled; if all fail, every failure is
 *       thrown together.
 * </ul>
 *
 * <p>Each comes for {@code Future}s (collection or varargs), for {@code CompletionStage}s ({@code ...Stages}),
 * with a {@link Duration} timeout, and non-blocking ({@code ...Async}, returning a {@link CompletableFuture}).
 *
 * <pre>{@code
 * List<Price> prices = Gather.all(shops.stream().map(shop -> executor.submit(() -> shop.price(item))).toList());
 * }</pre>
 *
 * <h2>Failure</h2>
 * Failures are unwrapped from {@link java.util.concurrent.ExecutionException} and
 * {@link java.util.concurrent.CompletionException}. An input cancelled by someone else counts as failed with its
 * {@link java.util.concurrent.CancellationException}; inputs that {@code Gather} cancels itself are not failures.
 *
 * <h2>Cancellation and interruption</h2>
 * Inputs are cancelled with {@code cancel(true)}: tasks of an executor are interrupted. If the waiting thread is
 * interrupted, every input is cancelled and {@link InterruptedException} is thrown (the interrupt status is
 * cleared, as by any method that throws it). Cancelling the future returned by an {@code ...Async} method
 * cancels every input. A {@link CompletionStage} whose {@code toCompletableFuture()} is unsupported cannot be
 * cancelled; it is simply no longer awaited.
 *
 * <h2>Threads</h2>
 * Any thread may call these methods. {@code CompletionStage} inputs are followed with callbacks; a plain
 * {@code Future} that is not done has none, so each such input gets one waiter thread (virtual on Java 21+) that
 * ends when the input completes or is cancelled.
 *
 * <h2>Memory consistency</h2>
 * Actions of the computation behind each input happen-before the return of the {@code Gather} call that reads it.
 *
 * <h2>General exceptions</h2>
 * A {@code null} collection, array, element or timeout throws {@link NullPointerException} before anything is
 * awaited; a negative timeout throws {@link IllegalArgumentException}.
 */
public final class Gather {
  private Gather() {}

  /**
   * Waits for every future and returns their results in input order. On the first failure (in completion order,
   * not input order) the remaining futures are cancelled with interruption and a {@link GatherException} is thrown:
   * its cause is that failure and every other failure seen by then is attached.
   *
   * @return the results in input order (unmodifiable; elements may be {@code null}); empty for an empty input
   * @throws GatherException if any input failed or was cancelled by someone else
   * @throws InterruptedException if the caller is interrupted while waiting; every input is cancelled first
   * @throws NullPointerException if the collection or one of its elements is {@code null}, before anything is awaited
   */
  public static <T> List<T> all(Collection<? extends Future<? extends T>> futures) throws InterruptedException {
    return await(Gathering.ofFutures(Mode.ALL, "Gather.all", futures), -1);
  }

  /** Varargs form of {@link #all(Collection)}. */
  @SafeVarargs
  public static <T> List<T> all(Future<? extends T>... futures) throws InterruptedException {
    return all(Arrays.asList(Objects.requireNonNull(futures, "futures")));
  }

  /**
   * {@link #all(Collection)} bounded by {@code timeout}: when it passes, every input is cancelled and
   * {@link TimeoutException} is thrown (failures seen so far are attached as suppressed).
   *
   * @throws TimeoutException if {@code timeout} passed first
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static <T> List<T> all(Collection<? extends Future<? extends T>> futures, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = nanos(timeout);
    return awaitTimed(Gathering.ofFutures(Mode.ALL, "Gather.all", futures), nanos);
  }

  /** {@link #all(Collection)} for {@link CompletionStage}s. */
  public static <T> List<T> allStages(Collection<? extends CompletionStage<? extends T>> stages)
      throws InterruptedException {
    return await(Gathering.ofStages(Mode.ALL, "Gather.allStages", stages), -1);
  }

  /** Varargs form of {@link #allStages(Collection)}. */
  @SafeVarargs
  public static <T> List<T> allStages(CompletionStage<? extends T>... stages) throws InterruptedException {
    return allStages(Arrays.asList(Objects.requireNonNull(stages, "stages")));
  }

  /** {@link #all(Collection, Duration)} for {@link CompletionStage}s. */
  public static <T> List<T> allStages(Collection<? extends CompletionStage<? extends T>> stages, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = nanos(timeout);
    return awaitTimed(Gathering.ofStages(Mode.ALL, "Gather.allStages", stages), nanos);
  }

  /**
   * Non-blocking {@link #all(Collection)}: the returned future completes with what {@code all} would return,
   * or exceptionally with what it would throw. Cancelling the returned future cancels every input.
   */
  public static <T> CompletableFuture<List<T>> allAsync(Collection<? extends Future<? extends T>> futures) {
    return Gathering.<T>ofFutures(Mode.ALL, "Gather.allAsync", futures).toFuture();
  }

  /** Non-blocking {@link #allStages(Collection)}; see {@link #allAsync(Collection)}. */
  public static <T> CompletableFuture<List<T>> allStagesAsync(
      Collection<? extends CompletionStage<? extends T>> stages) {
    return Gathering.<T>ofStages(Mode.ALL, "Gather.allStagesAsync", stages).toFuture();
  }

  /**
   * Waits for every future and returns each one's {@link Outcome} in input order; never throws for a failed
   * input. Like {@code asyncio.gather(..., return_exceptions=True)}. Every {@link Outcome.Failure} in the result
   * must be examined ({@code switch}, {@link Outcome#failures}, {@link Outcome#throwIfAnyFailed}).
   *
   * @return the outcomes in input order (unmodifiable); empty for an empty input
   * @throws InterruptedException if the caller is interrupted while waiting; every input is cancelled first
   * @throws NullPointerException if the collection or one of its elements is {@code null}, before anything is awaited
   */
  public static <T> List<Outcome<T>> settled(Collection<? extends Future<? extends T>> futures) throws InterruptedException {
    return await(Gathering.ofFutures(Mode.SETTLED, "Gather.settled", futures), -1);
  }

  /** Varargs form of {@link #settled(Collection)}. */
  @SafeVarargs
  public static <T> List<Outcome<T>> settled(Future<? extends T>... futures) throws InterruptedException {
    return settled(Arrays.asList(Objects.requireNonNull(futures, "futures")));
  }

  /**
   * {@link #settled(Collection)} bounded by {@code timeout}: when it passes, every input is cancelled and
   * {@link TimeoutException} is thrown (failures seen so far are attached as suppressed).
   *
   * @throws TimeoutException if {@code timeout} passed first
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static <T> List<Outcome<T>> settled(Collection<? extends Future<? extends T>> futures, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = nanos(timeout);
    return awaitTimed(Gathering.ofFutures(Mode.SETTLED, "Gather.settled", futures), nanos);
  }

  /** {@link #settled(Collection)} for {@link CompletionStage}s. */
  public static <T> List<Outcome<T>> settledStages(Collection<? extends CompletionStage<? extends T>> stages)
      throws InterruptedException {
    return await(Gathering.ofStages(Mode.SETTLED, "Gather.settledStages", stages), -1);
  }

  /** Varargs form of {@link #settledStages(Collection)}. */
  @SafeVarargs
  public static <T> List<Outcome<T>> settledStages(CompletionStage<? extends T>... stages) throws InterruptedException {
    return settledStages(Arrays.asList(Objects.requireNonNull(stages, "stages")));
  }

  /** {@link #settled(Collection, Duration)} for {@link CompletionStage}s. */
  public static <T> List<Outcome<T>> settledStages(Collection<? extends CompletionStage<? extends T>> stages, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = nanos(timeout);
    return awaitTimed(Gathering.ofStages(Mode.SETTLED, "Gather.settledStages", stages), nanos);
  }

  /**
   * Non-blocking {@link #settled(Collection)}: the returned future completes with what {@code settled} would return,
   * or exceptionally with what it would throw. Cancelling the returned future cancels every input.
   */
  public static <T> CompletableFuture<List<Outcome<T>>> settledAsync(Collection<? extends Future<? extends T>> futures) {
    return Gathering.<T>ofFutures(Mode.SETTLED, "Gather.settledAsync", futures).toFuture();
  }

  /** Non-blocking {@link #settledStages(Collection)}; see {@link #settledAsync(Collection)}. */
  public static <T> CompletableFuture<List<Outcome<T>>> settledStagesAsync(
      Collection<? extends CompletionStage<? extends T>> stages) {
    return Gathering.<T>ofStages(Mode.SETTLED, "Gather.settledStagesAsync", stages).toFuture();
  }

  /**
   * Returns the result of the first future to succeed and cancels (with interruption) all others. If every input
   * fails, throws a {@link GatherException} carrying every failure.
   *
   * @return the first successful result
   * @throws GatherException if every input failed
   * @throws InterruptedException if the caller is interrupted while waiting; every input is cancelled first
   * @throws IllegalArgumentException if there are no inputs
   * @throws NullPointerException if the collection or one of its elements is {@code null}, before anything is awaited
   */
  public static <T> T any(Collection<? extends Future<? extends T>> futures) throws InterruptedException {
    return await(Gathering.ofFutures(Mode.ANY, "Gather.any", futures), -1);
  }

  /** Varargs form of {@link #any(Collection)}. */
  @SafeVarargs
  public static <T> T any(Future<? extends T>... futures) throws InterruptedException {
    return any(Arrays.asList(Objects.requireNonNull(futures, "futures")));
  }

  /**
   * {@link #any(Collection)} bounded by {@code timeout}: when it passes, every input is cancelled and
   * {@link TimeoutException} is thrown (failures seen so far are attached as suppressed).
   *
   * @throws TimeoutException if {@code timeout} passed first
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static <T> T any(Collection<? extends Future<? extends T>> futures, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = nanos(timeout);
    return awaitTimed(Gathering.ofFutures(Mode.ANY, "Gather.any", futures), nanos);
  }

  /** {@link #any(Collection)} for {@link CompletionStage}s. */
  public static <T> T anyStages(Collection<? extends CompletionStage<? extends T>> stages)
      throws InterruptedException {
    return await(Gathering.ofStages(Mode.ANY, "Gather.anyStages", stages), -1);
  }

  /** Varargs form of {@link #anyStages(Collection)}. */
  @SafeVarargs
  public static <T> T anyStages(CompletionStage<? extends T>... stages) throws InterruptedException {
    return anyStages(Arrays.asList(Objects.requireNonNull(stages, "stages")));
  }

  /** {@link #any(Collection, Duration)} for {@link CompletionStage}s. */
  public static <T> T anyStages(Collection<? extends CompletionStage<? extends T>> stages, Duration timeout)
      throws InterruptedException, TimeoutException {
    long nanos = nanos(timeout);
    return awaitTimed(Gathering.ofStages(Mode.ANY, "Gather.anyStages", stages), nanos);
  }

  /**
   * Non-blocking {@link #any(Collection)}: the returned future completes with what {@code any} would return,
   * or exceptionally with what it would throw. Cancelling the returned future cancels every input.
   */
  public static <T> CompletableFuture<T> anyAsync(Collection<? extends Future<? extends T>> futures) {
    return Gathering.<T>ofFutures(Mode.ANY, "Gather.anyAsync", futures).toFuture();
  }

  /** Non-blocking {@link #anyStages(Collection)}; see {@link #anyAsync(Collection)}. */
  public static <T> CompletableFuture<T> anyStagesAsync(
      Collection<? extends CompletionStage<? extends T>> stages) {
    return Gathering.<T>ofStages(Mode.ANY, "Gather.anyStagesAsync", stages).toFuture();
  }

  private static long nanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static <R> R await(Gathering<?> gathering, long nanos) throws InterruptedException {
    try {
      gathering.await(nanos);
    } catch (TimeoutException e) {
      throw new AssertionError("no timeout was set", e);
    }
    return gathering.result();
  }

  private static <R> R awaitTimed(Gathering<?> gathering, long nanos) throws InterruptedException, TimeoutException {
    gathering.await(nanos);
    return gathering.result();
  }
}
