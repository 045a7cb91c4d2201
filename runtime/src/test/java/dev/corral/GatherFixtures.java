package dev.corral;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Inputs for the Gather tests: executor jobs that record interruption, failed futures, a recording Future. */
final class GatherFixtures implements AutoCloseable {
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "gather-test-job");
    t.setDaemon(true);
    return t;
  });

  /** An executor job that blocks until interrupted (cancel(true)) and records that it was. */
  final class BlockingJob {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final Future<String> future;

    BlockingJob() {
      future = pool.submit(() -> {
        started.countDown();
        try {
          TestSupport.blockUntilInterrupted();
          return "not reached";
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
      });
    }

    /** Waits until the job runs, so that cancelling it interrupts its thread. */
    BlockingJob running() throws InterruptedException {
      TestSupport.await(started);
      return this;
    }

    boolean wasInterrupted() throws InterruptedException {
      return interrupted.await(TestSupport.GUARD_SECONDS, TimeUnit.SECONDS);
    }
  }

  BlockingJob blockingJob() throws InterruptedException {
    return new BlockingJob().running();
  }

  /** A blocking Gather call over the inputs it is given ({@code inputs -> Gather.all(inputs)}). */
  @FunctionalInterface
  interface GatherCall {
    void gather(List<Future<String>> inputs) throws Exception;
  }

  /**
   * Runs {@code call} on a waiter thread over a blocked executor job and a pending stage, interrupts the waiter once
   * it waits, and asserts that the call threw {@link InterruptedException} and cancelled (and interrupted) every
   * input. Returns the waiter's interrupt status right after the call threw.
   */
  boolean interruptTheWaiterAndAssertEveryInputCancelled(GatherCall call) throws Exception {
    BlockingJob job = blockingJob();
    CompletableFuture<String> stage = new CompletableFuture<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean statusAfter = new AtomicBoolean();
    Thread waiter = new Thread(() -> {
      try {
        call.gather(List.of(job.future, stage));
      } catch (Throwable e) {
        thrown.set(e);
        statusAfter.set(Thread.currentThread().isInterrupted());
      }
    });
    waiter.start();
    TestSupport.awaitWaiting(waiter);
    waiter.interrupt();
    waiter.join();
    assertInstanceOf(InterruptedException.class, thrown.get());
    assertTrue(job.future.isCancelled());
    assertTrue(stage.isCancelled());
    assertTrue(job.wasInterrupted());
    return statusAfter.get();
  }

  /** An executor job that returns {@code value} once {@code release} opens. */
  <T> Future<T> jobReturning(T value, CountDownLatch release) {
    return pool.submit(() -> {
      TestSupport.await(release);
      return value;
    });
  }

  static <T> CompletableFuture<T> failed(Throwable failure) {
    CompletableFuture<T> future = new CompletableFuture<>();
    future.completeExceptionally(failure);
    return future;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** A Future that never completes and whose cancel() throws: a broken third-party input. */
  static final class CancelThrowingFuture<T> implements Future<T> {
    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      throw new IllegalStateException("cannot cancel");
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public T get() throws InterruptedException {
      never.await();
      throw new AssertionError("unreachable");
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException {
      never.await();
      throw new AssertionError("unreachable");
    }
  }

  /** A Future that never completes and records every call made on it. */
  static final class RecordingFuture<T> implements Future<T> {
    final List<String> calls = new ArrayList<>();

    @Override
    public synchronized boolean cancel(boolean mayInterruptIfRunning) {
      calls.add("cancel");
      return false;
    }

    @Override
    public synchronized boolean isCancelled() {
      calls.add("isCancelled");
      return false;
    }

    @Override
    public synchronized boolean isDone() {
      calls.add("isDone");
      return false;
    }

    @Override
    public T get() {
      synchronized (this) {
        calls.add("get");
      }
      throw new AssertionError("get() must not be called");
    }

    @Override
    public T get(long timeout, TimeUnit unit) {
      synchronized (this) {
        calls.add("get(timeout)");
      }
      throw new AssertionError("get(timeout) must not be called");
    }

    synchronized List<String> calls() {
      return new ArrayList<>(calls);
    }
  }
}
