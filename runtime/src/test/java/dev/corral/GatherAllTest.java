package dev.corral;

import static dev.corral.GatherFixtures.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Gather.all}: results in input order; the first failure cancels (interrupts) the remaining inputs and is
 * thrown with the other failures attached; interrupting the waiter cancels every input; timeouts; async variants;
 * {@code Future} / {@code CompletableFuture} / {@code CompletionStage} inputs as collections and varargs.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherAllTest {
  private final GatherFixtures fixtures = new GatherFixtures();

  @AfterEach
  void shutDown() {
    fixtures.close();
  }

  @Test
  void resultsInInputOrderNotCompletionOrder() throws Exception {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    CompletableFuture<String> c = new CompletableFuture<>();
    CompletableFuture<List<String>> all = Gather.allAsync(List.of(a, b, c));
    c.complete("c");
    a.complete("a");
    assertFalse(all.isDone());
    b.complete("b");
    assertEquals(List.of("a", "b", "c"), all.get());
  }

  @Test
  void blockingAll_executorFutures_inInputOrder() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch releaseSecond = new CountDownLatch(1);
    Future<Integer> first = fixtures.jobReturning(1, releaseFirst);
    Future<Integer> second = fixtures.jobReturning(2, releaseSecond);
    releaseSecond.countDown(); // the second finishes first
    new Thread(() -> {
      TestSupport.awaitCondition("second done", second::isDone);
      releaseFirst.countDown();
    }).start();
    assertEquals(List.of(1, 2), Gather.all(List.of(first, second)));
  }

  @Test
  void varargsAndNullValues() throws Exception {
    List<String> result = Gather.all(CompletableFuture.completedFuture("x"), CompletableFuture.completedFuture(null));
    assertEquals(Arrays.asList("x", null), result);
    assertThrows(UnsupportedOperationException.class, () -> result.add("y"), "the result is unmodifiable");
  }

  @Test
  void emptyInputGivesAnEmptyList() throws Exception {
    assertEquals(List.of(), Gather.all(List.of()));
    assertEquals(List.of(), Gather.<Object>all());
    assertEquals(List.of(), Gather.allStages(List.of()));
    assertEquals(List.of(), Gather.all(List.of(), Duration.ofMillis(1)));
    assertEquals(List.of(), Gather.allAsync(List.of()).get());
  }

  @Test
  void firstFailureCancelsTheRemainingInputsAndInterruptsTheirTasks() throws Exception {
    var job1 = fixtures.blockingJob();
    var job2 = fixtures.blockingJob();
    CompletableFuture<String> pendingStage = new CompletableFuture<>();
    IOException failure = new IOException("boom");
    CompletableFuture<String> failing = new CompletableFuture<>();
    Thread failer = new Thread(() -> {
      TestSupport.awaitCondition("gather follows the stage", () -> failing.getNumberOfDependents() > 0);
      failing.completeExceptionally(failure);
    });
    failer.start();
    GatherException e = assertThrows(GatherException.class,
        () -> Gather.all(List.of(job1.future, pendingStage, failing, job2.future)));
    assertSame(failure, e.getCause(), "unwrapped from CompletionException");
    assertEquals(List.of(failure), e.failures(), "cancelled inputs are not failures");
    assertTrue(job1.future.isCancelled());
    assertTrue(job2.future.isCancelled());
    assertTrue(pendingStage.isCancelled());
    assertTrue(job1.wasInterrupted(), "the task behind a cancelled input was interrupted");
    assertTrue(job2.wasInterrupted());
  }

  @Test
  void failureOfAnExecutorFutureIsUnwrappedFromExecutionException() throws Exception {
    IOException failure = new IOException("in the task");
    FutureTask<String> task = new FutureTask<>(() -> {
      throw failure;
    });
    task.run();
    GatherException e = assertThrows(GatherException.class, () -> Gather.all(List.of(task)));
    assertSame(failure, e.getCause());
  }

  @Test
  void failureWrappedInCompletionExceptionIsUnwrapped() throws Exception {
    IOException failure = new IOException("in the stage");
    CompletableFuture<String> stage = CompletableFuture.completedFuture("x").thenApply(x -> {
      throw new CompletionException(failure);
    });
    GatherException e = assertThrows(GatherException.class, () -> Gather.allStages(List.of(stage)));
    assertSame(failure, e.getCause());
  }

  @Test
  void everyFailureAlreadyPresentIsReported() throws Exception {
    // Nothing is ever lost: inputs that had already failed when all() was called cannot be cancelled, and their
    // failures must be attached to the GatherException, not silently dropped.
    IOException first = new IOException("first");
    IllegalStateException second = new IllegalStateException("second");
    GatherException e = assertThrows(GatherException.class,
        () -> Gather.all(List.of(failed(first), new CompletableFuture<>(), failed(second))));
    assertSame(first, e.getCause());
    assertEquals(List.of(first, second), e.failures());
    assertEquals(List.of(second), List.of(e.getSuppressed()));
  }

  @Test
  void inputWhoseCancelThrowsDoesNotHangTheGather() throws Exception {
    // A third-party Future whose cancel() throws is broken, but bad input must give an answer, never a hang:
    // the failure that decided the gather must still be thrown.
    Future<String> brokenCancel = new GatherFixtures.CancelThrowingFuture<>();
    IOException failure = new IOException("boom");
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        Gather.all(List.of(brokenCancel, failed(failure)));
        thrown.complete(null);
      } catch (Throwable e) {
        thrown.complete(e);
      }
    });
    waiter.setDaemon(true); // stuck for good if the bug is present
    waiter.start();
    Throwable e = thrown.get(2, java.util.concurrent.TimeUnit.SECONDS); // TimeoutException here = the hang
    assertSame(failure, assertInstanceOf(GatherException.class, e).getCause());
  }

  @Test
  void inputWhoseCancelThrows_theOtherInputsAreStillCancelled() throws Exception {
    Future<String> brokenCancel = new GatherFixtures.CancelThrowingFuture<>();
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> failing = new CompletableFuture<>();
    CompletableFuture<List<String>> all = Gather.allAsync(List.of(failing, brokenCancel, pending));
    failing.completeExceptionally(new IOException("boom"));
    assertThrows(ExecutionException.class, () -> all.get(2, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(pending.isCancelled(), "one input's broken cancel() stopped the cancellation of the others");
  }

  @Test
  void inputCancelledBySomeoneElseIsAFailure() throws Exception {
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.cancel(true);
    GatherException e = assertThrows(GatherException.class,
        () -> Gather.all(List.of(CompletableFuture.completedFuture("x"), cancelled)));
    assertInstanceOf(CancellationException.class, e.getCause());
  }

  @Test
  void interruptingTheWaiterCancelsEveryInput() throws Exception {
    boolean statusAfter = fixtures.interruptTheWaiterAndAssertEveryInputCancelled(inputs -> Gather.all(inputs));
    assertFalse(statusAfter, "the interrupt status is cleared, as by any method that throws it");
  }

  @Test
  void alreadyInterruptedWaiter_cancelsEveryInputAndThrows() throws Exception {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletableFuture<String> b = new CompletableFuture<>();
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> Gather.all(List.of(a, b)));
    assertTrue(a.isCancelled());
    assertTrue(b.isCancelled());
  }

  @Test
  void nullElementThrowsBeforeAnythingIsAwaitedOrCancelled() {
    var recording = new GatherFixtures.RecordingFuture<String>();
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThrows(NullPointerException.class, () -> Gather.all(Arrays.asList(recording, stage, null)));
    assertThrows(NullPointerException.class, () -> Gather.all(recording, stage, null));
    assertThrows(NullPointerException.class, () -> Gather.allAsync(Arrays.asList(recording, stage, null)));
    assertThrows(NullPointerException.class,
        () -> Gather.all(Arrays.asList(recording, stage, null), Duration.ofSeconds(1)));
    assertThrows(NullPointerException.class, () -> Gather.allStages(Arrays.asList(stage, null)));
    assertThrows(NullPointerException.class, () -> Gather.allStagesAsync(Arrays.asList(stage, null)));
    assertEquals(List.of(), recording.calls(), "nothing was awaited, polled or cancelled");
    assertFalse(stage.isCancelled());
    assertEquals(0, stage.getNumberOfDependents(), "no callback was registered");
  }

  @Test
  void nullCollectionOrArrayThrowsNullPointerException() {
    assertThrows(NullPointerException.class, () -> Gather.all((Collection<Future<Object>>) null));
    assertThrows(NullPointerException.class, () -> Gather.all((Future<Object>[]) null));
    assertThrows(NullPointerException.class, () -> Gather.allStages((CompletionStage<Object>[]) null));
    assertThrows(NullPointerException.class, () -> Gather.allAsync(null));
  }

  @Test
  void timeout_cancelsEveryInputAndThrowsTimeoutException() throws Exception {
    var job = fixtures.blockingJob();
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> done = CompletableFuture.completedFuture("done");
    long start = System.nanoTime();
    assertThrows(TimeoutException.class, () -> Gather.all(List.of(job.future, stage, done), Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - start < 3_000_000_000L, "not prompt");
    assertTrue(job.future.isCancelled());
    assertTrue(stage.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void timeoutOverload_aFailureBeforeTheTimeoutIsAGatherException() throws Exception {
    IOException failure = new IOException("boom");
    CompletableFuture<String> pending = new CompletableFuture<>();
    GatherException e = assertThrows(GatherException.class,
        () -> Gather.all(List.of(pending, failed(failure)), Duration.ofSeconds(30)));
    assertSame(failure, e.getCause());
    assertTrue(pending.isCancelled());
    GatherException stages = assertThrows(GatherException.class,
        () -> Gather.allStages(List.of(new CompletableFuture<String>(), failed(failure)), Duration.ofSeconds(30)));
    assertSame(failure, stages.getCause());
  }

  @Test
  void timeoutNotReachedReturnsTheResults() throws Exception {
    assertEquals(List.of(1, 2), Gather.all(List.of(CompletableFuture.completedFuture(1),
        CompletableFuture.completedFuture(2)), Duration.ofSeconds(30)));
    assertEquals(List.of(1), Gather.all(List.of(CompletableFuture.completedFuture(1)), Duration.ZERO),
        "a zero timeout is allowed when everything is already done");
    assertEquals(List.of(3), Gather.allStages(List.of(CompletableFuture.completedFuture(3)), Duration.ofSeconds(30)));
  }

  @Test
  void badTimeoutsAreRejectedBeforeAnythingIsAwaited() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThrows(IllegalArgumentException.class, () -> Gather.all(List.of(stage), Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> Gather.all(List.of(stage), null));
    assertThrows(IllegalArgumentException.class, () -> Gather.allStages(List.of(stage), Duration.ofMillis(-1)));
    assertFalse(stage.isCancelled());
    assertEquals(0, stage.getNumberOfDependents());
  }

  @Test
  void hugeTimeoutDoesNotOverflow() throws Exception {
    assertEquals(List.of(1), Gather.all(List.of(CompletableFuture.completedFuture(1)),
        Duration.ofSeconds(Long.MAX_VALUE)));
  }

  @Test
  void async_completesWithTheResults() throws Exception {
    CompletableFuture<Integer> a = new CompletableFuture<>();
    CompletableFuture<List<Integer>> all = Gather.allAsync(List.of(a, CompletableFuture.completedFuture(2)));
    assertFalse(all.isDone(), "non-blocking");
    a.complete(1);
    assertEquals(List.of(1, 2), all.get());
  }

  @Test
  void async_completesExceptionallyWithTheGatherException() throws Exception {
    IOException failure = new IOException("boom");
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<List<String>> all = Gather.allAsync(List.of(pending, failed(failure)));
    ExecutionException e = assertThrows(ExecutionException.class, all::get);
    GatherException gather = assertInstanceOf(GatherException.class, e.getCause());
    assertSame(failure, gather.getCause());
    assertTrue(pending.isCancelled());
  }

  @Test
  void async_cancellingTheResultCancelsEveryInput() throws Exception {
    var job = fixtures.blockingJob();
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<List<String>> all = Gather.allAsync(List.of(job.future, stage));
    assertTrue(all.cancel(true));
    assertTrue(job.future.isCancelled());
    assertTrue(stage.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void stagesAsync_cancellingTheResultCancelsEveryInput() throws Exception {
    CompletableFuture<String> a = new CompletableFuture<>();
    CompletionStage<String> derived = a.thenApply(s -> s + "!");
    CompletableFuture<List<String>> all = Gather.allStagesAsync(List.of(a, derived));
    all.cancel(false);
    assertTrue(a.isCancelled());
    assertTrue(derived.toCompletableFuture().isCompletedExceptionally());
  }

  @Test
  void stages_varargsAndDerivedStages() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletionStage<Integer> plusOne = source.thenApply(x -> x + 1);
    CompletionStage<Integer> timesTwo = source.thenApplyAsync(x -> x * 2);
    new Thread(() -> source.complete(10)).start();
    assertEquals(List.of(11, 20), Gather.allStages(plusOne, timesTwo));
  }

  @Test
  void stageThatCannotBeCancelledIsNoLongerAwaitedAfterAFailure() throws Exception {
    CompletionStage<String> minimal = new CompletableFuture<String>().minimalCompletionStage();
    IOException failure = new IOException("boom");
    GatherException e = assertThrows(GatherException.class,
        () -> Gather.allStages(List.of(minimal, failed(failure))));
    assertSame(failure, e.getCause());
  }

  @Test
  void waiterThreadsOfPlainFuturesEndWhenTheInputsAreCancelled_java17() throws Exception {
    // Gather Javadoc: a plain Future gets one waiter thread "that ends when the input completes or is cancelled".
    // Only visible on 17, where those threads are platform threads (virtual threads are not enumerable).
    org.junit.jupiter.api.Assumptions.assumeFalse(TestSupport.virtualThreadsExpected(), "virtual waiter threads");
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    var job1 = fixtures.blockingJob();
    var job2 = fixtures.blockingJob();
    assertThrows(GatherException.class, () -> Gather.all(List.of(job1.future, job2.future,
        failed(new IOException("boom")))));
    TestSupport.awaitCondition("waiter threads ended", () -> Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .noneMatch(t -> t.getName().startsWith("corral-gather-waiter")));
  }

  @Test
  void gatherInsideATaskOfACancelledGroup_cancelsItsInputs_taskEndsCancelled() throws Exception {
    var job1 = fixtures.blockingJob();
    var job2 = fixtures.blockingJob();
    CountDownLatch gathering = new CountDownLatch(1);
    try (var group = TaskGroup.open()) {
      Task<List<String>> task = group.fork(() -> {
        gathering.countDown();
        return Gather.all(List.of(job1.future, job2.future)); // interrupted by the group's cancellation
      });
      TestSupport.await(gathering);
      group.cancel();
      group.join(); // the InterruptedException from Gather is the group's own cancellation, not a failure
      assertEquals(Task.State.CANCELLED, task.state());
    }
    assertTrue(job1.future.isCancelled());
    assertTrue(job2.future.isCancelled());
    assertTrue(job1.wasInterrupted());
    assertTrue(job2.wasInterrupted());
  }

  @Test
  void mixedPlainFutureKinds() throws Exception {
    FutureTask<String> plain = new FutureTask<>(() -> "plain");
    Thread runner = new Thread(plain);
    CompletableFuture<String> completable = new CompletableFuture<>();
    CompletableFuture<List<String>> all = Gather.allAsync(List.of(plain, completable));
    runner.start();
    completable.complete("cf");
    assertEquals(List.of("plain", "cf"), all.get());
  }
}
