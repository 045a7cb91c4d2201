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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Gather.any}: the first success wins and every other input is cancelled (interrupted); failures do not
 * decide; if every input fails, one exception carries all the failures.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatherAnyTest {
  private final GatherFixtures fixtures = new GatherFixtures();

  @AfterEach
  void shutDown() {
    fixtures.close();
  }

  @Test
  void firstSuccessWins_othersAreCancelledAndInterrupted() throws Exception {
    var job1 = fixtures.blockingJob();
    var job2 = fixtures.blockingJob();
    CountDownLatch release = new CountDownLatch(1);
    Future<String> winner = fixtures.jobReturning("winner", release);
    release.countDown();
    assertEquals("winner", Gather.any(List.of(job1.future, winner, job2.future)));
    assertTrue(job1.future.isCancelled());
    assertTrue(job2.future.isCancelled());
    assertTrue(job1.wasInterrupted());
    assertTrue(job2.wasInterrupted());
  }

  @Test
  void failuresDoNotDecide_aLaterSuccessWins() throws Exception {
    CompletableFuture<String> later = new CompletableFuture<>();
    CompletableFuture<String> any = Gather.anyAsync(List.of(failed(new IOException("a")), later,
        failed(new IllegalStateException("b"))));
    assertFalse(any.isDone());
    later.complete("ok");
    assertEquals("ok", any.get());
  }

  @Test
  void alreadyCompletedSuccessWinsAtOnce_pendingInputsCancelled() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    var job = fixtures.blockingJob();
    assertEquals("fast", Gather.any(pending, CompletableFuture.completedFuture("fast"), job.future));
    assertTrue(pending.isCancelled());
    assertTrue(job.future.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void allFail_throwsWithEveryFailureAttached() throws Exception {
    IOException first = new IOException("first");
    IllegalStateException second = new IllegalStateException("second");
    CompletableFuture<String> third = new CompletableFuture<>();
    IllegalArgumentException thirdFailure = new IllegalArgumentException("third");
    CompletableFuture<String> any = Gather.anyAsync(List.of(failed(first), third, failed(second)));
    third.completeExceptionally(thirdFailure);
    ExecutionException wrapped = assertThrows(ExecutionException.class, any::get);
    GatherException e = assertInstanceOf(GatherException.class, wrapped.getCause());
    assertSame(first, e.getCause());
    assertEquals(List.of(first, second, thirdFailure), e.failures(), "every failure, in the order they happened");
    assertEquals(List.of(second, thirdFailure), List.of(e.getSuppressed()));
  }

  @Test
  void allFail_plainFutures_everyFailureAttached() throws Exception {
    java.util.concurrent.FutureTask<String> a = new java.util.concurrent.FutureTask<>(() -> {
      throw new IOException("a");
    });
    java.util.concurrent.FutureTask<String> b = new java.util.concurrent.FutureTask<>(() -> {
      throw new IllegalStateException("b");
    });
    new Thread(a).start();
    new Thread(b).start();
    GatherException e = assertThrows(GatherException.class, () -> Gather.any(a, b));
    assertEquals(2, e.failures().size());
    assertTrue(e.getMessage().contains("2"), e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> e.failures().clear());
  }

  @Test
  void allFail_blocking() throws Exception {
    IOException failure = new IOException("only");
    GatherException e = assertThrows(GatherException.class, () -> Gather.any(List.of(failed(failure))));
    assertSame(failure, e.getCause());
    assertEquals(List.of(failure), e.failures());
  }

  @Test
  void emptyInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Gather.any(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Gather.<Object>any());
    assertThrows(IllegalArgumentException.class, () -> Gather.anyStages(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Gather.anyAsync(List.of()));
  }

  @Test
  void nullElementThrowsBeforeAnythingIsAwaitedOrCancelled() {
    var recording = new GatherFixtures.RecordingFuture<String>();
    CompletableFuture<String> stage = new CompletableFuture<>();
    assertThrows(NullPointerException.class, () -> Gather.any(Arrays.asList(recording, stage, null)));
    assertThrows(NullPointerException.class, () -> Gather.any(recording, null));
    assertThrows(NullPointerException.class, () -> Gather.anyAsync(Arrays.asList(recording, null)));
    assertThrows(NullPointerException.class, () -> Gather.anyStages(stage, null));
    assertThrows(NullPointerException.class, () -> Gather.anyStagesAsync(Arrays.asList(stage, null)));
    assertThrows(NullPointerException.class, () -> Gather.any(Arrays.asList(recording, null), Duration.ZERO));
    assertEquals(List.of(), recording.calls());
    assertEquals(0, stage.getNumberOfDependents());
    assertFalse(stage.isCancelled());
  }

  @Test
  void timeout_cancelsEveryInput_failuresSoFarAttached() throws Exception {
    var job = fixtures.blockingJob();
    IOException early = new IOException("failed before the timeout");
    CompletableFuture<String> pending = new CompletableFuture<>();
    TimeoutException e = assertThrows(TimeoutException.class,
        () -> Gather.any(List.of(failed(early), job.future, pending), Duration.ofMillis(50)));
    assertEquals(List.of(early), List.of(e.getSuppressed()));
    assertTrue(job.future.isCancelled());
    assertTrue(pending.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void stagesWithTimeout() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    assertThrows(TimeoutException.class, () -> Gather.anyStages(List.of(pending), Duration.ofMillis(20)));
    assertTrue(pending.isCancelled());
    assertEquals("x", Gather.anyStages(List.of(pending, CompletableFuture.completedFuture("x")),
        Duration.ofSeconds(30)));
    assertThrows(IllegalArgumentException.class,
        () -> Gather.any(List.of(CompletableFuture.completedFuture(1)), Duration.ofNanos(-1)));
  }

  @Test
  void interruptingTheWaiterCancelsEveryInput() throws Exception {
    fixtures.interruptTheWaiterAndAssertEveryInputCancelled(inputs -> Gather.any(inputs));
  }

  @Test
  void async_cancellingTheResultCancelsEveryInput() throws Exception {
    var job = fixtures.blockingJob();
    CompletableFuture<String> stage = new CompletableFuture<>();
    CompletableFuture<String> any = Gather.anyAsync(List.of(job.future, stage));
    any.cancel(true);
    assertTrue(job.future.isCancelled());
    assertTrue(stage.isCancelled());
    assertTrue(job.wasInterrupted());
  }

  @Test
  void stages_varargsAsyncAndDerivedStages() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    CompletionStage<Integer> derived = source.thenApply(x -> x + 1);
    CompletableFuture<Integer> never = new CompletableFuture<>();
    CompletableFuture<Integer> any = Gather.anyStagesAsync(List.of(never, derived));
    source.complete(1);
    assertEquals(2, any.get());
    assertTrue(never.isCancelled());
    assertEquals(7, Gather.anyStages(CompletableFuture.completedFuture(7), new CompletableFuture<>()));
  }

  @Test
  void nullResultCanWin() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    assertEquals(null, Gather.any(CompletableFuture.completedFuture((String) null), pending));
    assertTrue(pending.isCancelled());
  }
}
