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
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Gather.settled}: every input's {@link Outcome} in input order, never throwing for a failed input (asyncio's
 * {@code return_exceptions=True}); interruption and timeouts cancel every input.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherSettledTest {
  private final GatherFixtures fixtures = new GatherFixtures();

  @AfterEach
  void shutDown() {
    fixtures.close();
  }

  @Test
  void outcomesInInputOrder_failuresAsValues() throws Exception {
    IOException failure = new IOException("boom");
    List<Outcome<String>> outcomes = Gather.settled(List.of(
        CompletableFuture.completedFuture("a"), failed(failure), CompletableFuture.completedFuture("c")));
    assertEquals(3, outcomes.size());
    assertEquals(Outcome.success("a"), outcomes.get(0));
    assertSame(failure, assertInstanceOf(Outcome.Failure.class, outcomes.get(1)).exception());
    assertEquals(Outcome.success("c"), outcomes.get(2));
    assertThrows(UnsupportedOperationException.class, () -> outcomes.add(Outcome.success("d")));
  }

  @Test
  void aFailureDoesNotCancelTheOtherInputs() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<List<Outcome<String>>> settled = Gather.settledAsync(List.of(failed(new IOException()), pending));
    assertFalse(pending.isCancelled());
    assertFalse(settled.isDone(), "settled waits for every input");
    pending.complete("later");
    List<Outcome<String>> outcomes = settled.get();
    assertFalse(outcomes.get(0).isSuccess());
    assertEquals(Outcome.success("later"), outcomes.get(1));
  }

  @Test
  void completionOrderDoesNotMatter_executorFutures() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Future<Integer> first = fixtures.jobReturning(1, releaseFirst);
    FutureTask<Integer> failing = new FutureTask<>(() -> {
      throw new IllegalStateException("second fails first");
    });
    failing.run();
    new Thread(() -> {
      TestSupport.awaitCondition("failure done", failing::isDone);
      releaseFirst.countDown();
    }).start();
    List<Outcome<Integer>> outcomes = Gather.settled(first, failing);
    assertEquals(Outcome.success(1), outcomes.get(0));
    assertInstanceOf(IllegalStateException.class, ((Outcome.Failure<Integer>) outcomes.get(1)).exception(),
        "unwrapped from ExecutionException");
  }

  @Test
  void inputCancelledBySomeoneElseIsAFailureOutcome() throws Exception {
    CompletableFuture<String> cancelled = new CompletableFuture<>();
    cancelled.cancel(false);
    List<Outcome<String>> outcomes = Gather.settled(List.of(cancelled));
    assertInstanceOf(CancellationException.class, ((Outcome.Failure<String>) outcomes.get(0)).exception());
  }

  @Test
  void emptyInputGivesAnEmptyList() throws Exception {
    assertEquals(List.of(), Gather.settled(List.of()));
    assertEquals(List.of(), Gather.<Object>settled());
    assertEquals(List.of(), Gather.settledStages(List.of()));
    assertEquals(List.of(), Gather.settledAsync(List.of()).get());
    assertEquals(List.of(), Gather.settled(List.of(), Duration.ofMillis(1)));
  }

  @Test
  void interruptingTheWaiterCancelsEveryInput() throws Exception {
    fixtures.interruptTheWaiterAndAssertEveryInputCancelled(inputs -> Gather.settled(inputs));
  }

  @Test
  void timeout_cancelsEveryInput_failuresSoFarAttached() throws Exception {
    var job = fixtures.blockingJob();
    IOException early = new IOException("failed before the timeout");
    CompletableFuture<String> pending = new CompletableFuture<>();
    TimeoutException e = assertThrows(TimeoutException.class,
        () -> Gather.settled(List.of(job.future, failed(early), pending), Duration.ofMillis(50)));
    assertEquals(List.of(early), List.of(e.getSuppressed()));
    assertTrue(job.future.isCancelled());
    assertTrue(pending.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void stagesWithTimeout() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    assertThrows(TimeoutException.class, () -> Gather.settledStages(List.of(pending), Duration.ofMillis(20)));
    assertTrue(pending.isCancelled());
    assertEquals(List.of(Outcome.success("x")),
        Gather.settledStages(List.of(CompletableFuture.completedFuture("x")), Duration.ofSeconds(30)));
  }

  @Test
  void badTimeoutRejected() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThrows(IllegalArgumentException.class, () -> Gather.settled(List.of(stage), Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> Gather.settledStages(List.of(stage), null));
    assertEquals(0, stage.getNumberOfDependents());
  }

  @Test
  void nullElementThrowsBeforeAnythingIsAwaitedOrCancelled() {
    var recording = new GatherFixtures.RecordingFuture<String>();
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThrows(NullPointerException.class, () -> Gather.settled(Arrays.asList(recording, stage, null)));
    assertThrows(NullPointerException.class, () -> Gather.settled(recording, null));
    assertThrows(NullPointerException.class, () -> Gather.settledAsync(Arrays.asList(recording, null)));
    assertThrows(NullPointerException.class, () -> Gather.settledStages(stage, null));
    assertThrows(NullPointerException.class, () -> Gather.settledStagesAsync(Arrays.asList(stage, null)));
    assertThrows(NullPointerException.class, () -> Gather.settled((Future<Object>[]) null));
    assertEquals(List.of(), recording.calls());
    assertEquals(0, stage.getNumberOfDependents());
  }

  @Test
  void async_cancellingTheResultCancelsEveryInput() throws Exception {
    var job = fixtures.blockingJob();
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<List<Outcome<String>>> settled = Gather.settledAsync(List.of(job.future, stage));
    settled.cancel(true);
    assertTrue(job.future.isCancelled());
    assertTrue(stage.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void stagesAsync_resultAndCancellation() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletionStage<Integer> derived = source.thenApply(x -> x * 10);
    CompletableFuture<List<Outcome<Integer>>> settled = Gather.settledStagesAsync(List.of(source, derived));
    source.complete(4);
    assertEquals(List.of(Outcome.success(4), Outcome.success(40)), settled.get());

    CompletableFuture<Integer> never = new CompletableFuture<>();
    Gather.settledStagesAsync(List.of(never)).cancel(false);
    assertTrue(never.isCancelled());
  }

  @Test
  void settledOutcomesWorkWithTheOutcomeHelpers() throws Exception {
    IOException failure = new IOException("boom");
    List<Outcome<Integer>> outcomes = Gather.settled(List.of(CompletableFuture.completedFuture(1), failed(failure),
        CompletableFuture.completedFuture(3)));
    assertEquals(List.of(1, 3), Outcome.values(outcomes));
    assertEquals(List.of(failure), Outcome.failures(outcomes));
    OutcomeException e = assertThrows(OutcomeException.class, () -> Outcome.throwIfAnyFailed(outcomes));
    assertSame(failure, e.getCause());
  }
}
