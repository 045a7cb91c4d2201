package dev.corral;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@link Gather} call: listens to every input, decides as soon as the mode allows (first failure for ALL,
 * first success for ANY, last completion for SETTLED), and cancels what is no longer needed.
 *
 * <p>{@link CompletionStage} inputs (including {@link CompletableFuture}) are followed with {@code whenComplete};
 * a plain {@link Future} that is not done yet has no callback, so one waiter thread blocks in its {@code get()}
 * (a virtual thread on Java 21+). Those waiters end as soon as their input completes or is cancelled.
 */
final class Gathering<T> {
  enum Mode {
    ALL,
    SETTLED,
    ANY
  }

  private static final ThreadFactory WAITERS = TaskThreads.newFactory("corral-gather-waiter-");

  private final Mode mode;
  private final String operation;
  private final Object[] inputs; // Future or CompletionStage
  private final Object[] values;
  private final boolean[] recorded; // guarded by this: the input's completion was taken into account
  private final AtomicInteger remaining;
  private final List<Throwable> failures = new ArrayList<>(); // guarded by this
  private final CompletableFuture<Void> decided = new CompletableFuture<>();
  private volatile boolean cancelledByUs;
  private int winner = -1; // guarded by this

  private Gathering(Mode mode, String operation, Object[] inputs) {
    this.mode = mode;
    this.operation = operation;
    this.inputs = inputs;
    this.values = new Object[inputs.length];
    this.recorded = new boolean[inputs.length];
    this.remaining = new AtomicInteger(inputs.length);
  }

  static <T> Gathering<T> ofFutures(Mode mode, String operation, Collection<? extends Future<? extends T>> futures) {
    return start(mode, operation, checked(futures, operation));
  }

  static <T> Gathering<T> ofStages(
      Mode mode, String operation, Collection<? extends CompletionStage<? extends T>> stages) {
    return start(mode, operation, checked(stages, operation));
  }

  private static Object[] checked(Collection<?> inputs, String operation) {
    Objects.requireNonNull(inputs, operation + ": inputs");
    Object[] array = inputs.toArray();
    for (int i = 0; i < array.length; i++) {
      if (array[i] == null) {
        throw new NullPointerException(operation + ": input " + i + " is null");
      }
    }
    return array;
  }

  private static <T> Gathering<T> start(Mode mode, String operation, Object[] inputs) {
    if (mode == Mode.ANY && inputs.length == 0) {
      throw new IllegalArgumentException(operation + " needs at least one input");
    }
    Gathering<T> gathering = new Gathering<>(mode, operation, inputs);
    if (inputs.length == 0) {
      gathering.decided.complete(null);
    }
    for (int i = 0; i < inputs.length && !gathering.decided.isDone(); i++) {
      gathering.follow(i);
    }
    return gathering;
  }

  private void follow(int index) {
    Object input = inputs[index];
    if (input instanceof CompletionStage<?> stage) {
      stage.whenComplete((value, error) -> completed(index, value, error));
      return;
    }
    Future<?> future = (Future<?>) input;
    if (future.isDone()) {
      read(index, future);
      return;
    }
    Thread waiter = WAITERS.newThread(() -> read(index, future));
    waiter.setDaemon(true);
    waiter.start();
  }

  private void read(int index, Future<?> future) {
    Object value = null;
    Throwable error = null;
    boolean interrupted = false;
    while (true) {
      try {
        value = future.get();
        break;
      } catch (ExecutionException | CancellationException e) {
        error = e;
        break;
      } catch (InterruptedException e) {
        interrupted = true; // only waiter threads block here; nobody interrupts them but a shutdown
      } catch (Throwable e) {
        error = e;
        break;
      }
    }
    completed(index, value, error);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void completed(int index, Object value, Throwable rawError) {
    Throwable error = unwrap(rawError);
    boolean decide;
    synchronized (this) {
      if (recorded[index]) {
        return; // already swept in by cancelInputs()
      }
      recorded[index] = true;
      if (error != null && cancelledByUs && error instanceof CancellationException) {
        decide = false; // our own cancellation is not a failure
      } else if (error == null) {
        values[index] = mode == Mode.SETTLED ? Outcome.success(value) : value;
        decide = mode == Mode.ANY && winner < 0;
        if (decide) {
          winner = index;
        }
      } else {
        failures.add(error);
        values[index] = mode == Mode.SETTLED ? Outcome.failure(error) : null;
        decide = mode == Mode.ALL;
      }
    }
    if (decide) {
      try {
        cancelInputs();
      } finally {
        decided.complete(null); // whatever an input's cancel() did, the waiter must not hang
      }
    } else if (remaining.decrementAndGet() == 0) {
      decided.complete(null);
    }
  }

  static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * Cancels (with interruption) every input that is still running, and sweeps in the failures of inputs that had
   * already failed but were not recorded yet (inputs not followed because the decision came first, or whose
   * callback has not run yet): nothing that failed is lost.
   */
  void cancelInputs() {
    cancelledByUs = true;
    for (int i = 0; i < inputs.length; i++) {
      try {
        Future<?> future = asFuture(inputs[i]);
        if (future != null && !future.cancel(true) && future.isDone()) {
          sweep(i, future);
        }
      } catch (UnsupportedOperationException e) {
        // e.g. minimalCompletionStage(): cannot be cancelled or inspected; it is simply no longer awaited
      } catch (RuntimeException e) {
        // A broken cancel(): keep cancelling the others, and report it rather than hide it.
        synchronized (this) {
          failures.add(e);
        }
      }
    }
  }

  private void sweep(int index, Future<?> done) {
    Throwable failure;
    try {
      done.get();
      return;
    } catch (CancellationException e) {
      failure = e; // cancelled by someone else: we could not cancel it ourselves
    } catch (ExecutionException e) {
      failure = unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // cannot happen for a done future; keep the status if it does
      return;
    }
    synchronized (this) {
      if (recorded[index]) {
        return;
      }
      recorded[index] = true;
      failures.add(failure);
      if (mode == Mode.SETTLED) {
        values[index] = Outcome.failure(failure);
      }
    }
  }

  private static Future<?> asFuture(Object input) {
    if (input instanceof Future<?> future) {
      return future;
    }
    try {
      return ((CompletionStage<?>) input).toCompletableFuture();
    } catch (UnsupportedOperationException e) {
      return null; // a CompletionStage that cannot be turned into a future cannot be cancelled; no longer awaited
    }
  }

  /** Waits for the decision; on interrupt or timeout cancels every input first. */
  void await(long timeoutNanos) throws InterruptedException, TimeoutException {
    try {
      if (timeoutNanos < 0) {
        decided.get();
      } else {
        decided.get(timeoutNanos, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      cancelInputs();
      throw e;
    } catch (TimeoutException e) {
      cancelInputs();
      TimeoutException timeout = new TimeoutException(
          operation + " timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; the "
              + remaining.get() + " unfinished input(s) were cancelled");
      failuresSnapshot().forEach(timeout::addSuppressed);
      throw timeout;
    } catch (ExecutionException e) {
      throw new AssertionError("never completed exceptionally", e);
    }
  }

  /** The result once decided: a list of values, a list of outcomes, or the winning value; or throws. */
  @SuppressWarnings("unchecked")
  <R> R result() {
    synchronized (this) {
      switch (mode) {
        case ALL:
          if (!failures.isEmpty()) {
            throw new GatherException(operation + ": " + failures.size() + " of " + inputs.length
                + " input(s) failed; the others were cancelled", failures);
          }
          return (R) Collections.unmodifiableList(Arrays.asList(values.clone()));
        case SETTLED:
          return (R) Collections.unmodifiableList(Arrays.asList(values.clone()));
        default:
          if (winner < 0) {
            throw new GatherException(operation + ": all " + inputs.length + " input(s) failed", failures);
          }
          return (R) values[winner];
      }
    }
  }

  /** A future completed with {@link #result()}; cancelling it cancels every input. */
  <R> CompletableFuture<R> toFuture() {
    CompletableFuture<R> future = new CompletableFuture<>();
    decided.whenComplete((ignored, error) -> {
      try {
        future.complete(this.<R>result());
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    });
    future.whenComplete((ignored, error) -> {
      if (future.isCancelled()) {
        cancelInputs();
      }
    });
    return future;
  }

  private synchronized List<Throwable> failuresSnapshot() {
    return new ArrayList<>(failures);
  }
}
