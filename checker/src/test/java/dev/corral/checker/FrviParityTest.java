package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.FutureReturnValueIgnored;
import org.junit.jupiter.api.Test;

/**
 * Runs Error Prone's FutureReturnValueIgnored (FRVI) and LeakedFuture on the same source. Each site
 * is marked {@code // EXPECT: both}, {@code frvi} or {@code corral}; each run turns its marks into
 * {@code // BUG:} lines, so the source is a table of every class of difference.
 */
final class FrviParityTest {
  private static final String SOURCE =
      """
      import com.google.common.util.concurrent.Futures;
      import com.google.common.util.concurrent.ListenableFuture;
      import com.google.common.util.concurrent.ListeningExecutorService;
      import com.google.common.util.concurrent.MoreExecutors;
      import dev.corral.TaskGroup;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CompletionStage;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.ForkJoinTask;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;

      class A {
        void neither(ForkJoinTask<?> task, CompletableFuture<String> cf) throws Exception {
          task.fork();
          cf.exceptionally(e -> "x");
          cf.orTimeout(1, TimeUnit.SECONDS);
          try (var group = TaskGroup.open()) {
            group.fork(() -> "x");
            group.join();
          }
        }

        void droppedByBoth(ExecutorService executor, ListeningExecutorService guava,
            ListenableFuture<String> lf, CompletableFuture<String> cf, List<Runnable> tasks) {
          // EXPECT: both
          executor.submit(() -> {});
          // EXPECT: both
          CompletableFuture.supplyAsync(() -> "x");
          // EXPECT: both
          cf.thenApply(String::length);
          // EXPECT: both
          CompletableFuture.supplyAsync(() -> "x").thenApply(String::length);
          // EXPECT: both
          guava.submit(() -> "x");
          // EXPECT: both
          Futures.transform(lf, String::length, MoreExecutors.directExecutor());
          // EXPECT: both
          tasks.forEach(t -> executor.submit(t));
          // EXPECT: both
          tasks.forEach(executor::submit);
          // EXPECT: both
          CompletableFuture.supplyAsync(() -> "x").whenComplete((r, e) -> tasks.clear());
        }

        // FRVI only: the failure is observed by the callback, or the future has an owner.

        void callbackObservesTheFailure(CompletableFuture<String> cf) {
          // EXPECT: frvi
          cf.whenComplete((r, e) -> {});
          // EXPECT: frvi
          cf.handle((r, e) -> r);
          // EXPECT: frvi
          cf.exceptionallyCompose(e -> CompletableFuture.completedFuture("x"));
        }

        private final CompletableFuture<String> pending = new CompletableFuture<>();

        void derivedFromAField() {
          // The field's failure is its holder's, this object's; only the action's own throw would be lost.
          // EXPECT: frvi
          pending.thenApply(String::length);
        }

        void noNewWork(CompletableFuture<String> cf, java.util.function.Supplier<BatchLike> batches) {
          BatchLike batch = batches.get();
          // EXPECT: frvi
          CompletableFuture.completedFuture("x");
          // EXPECT: frvi
          cf.toCompletableFuture();
          // EXPECT: frvi
          batch.queue("k");
          batch.execute().join();
        }

        interface BatchLike {
          CompletableFuture<Void> queue(String key);

          CompletableFuture<Void> execute();
        }

        Object returnedToTheCaller() {
          // EXPECT: frvi
          return CompletableFuture.supplyAsync(() -> "x");
        }

        // LeakedFuture only: the failure vanishes, but FRVI does not look there.

        void completionStageTyped(CompletionStage<String> stage) {
          // EXPECT: corral
          stage.thenApply(String::length);
        }

        void freshFutureWithTimeout() {
          // EXPECT: corral
          CompletableFuture.supplyAsync(() -> "x").orTimeout(1, TimeUnit.SECONDS);
        }

        void localAwaitedOnOnePath(ExecutorService executor, boolean b) throws Exception {
          // EXPECT: corral
          Future<?> f = executor.submit(() -> {});
          if (b) {
            f.get();
          }
        }

        void collectedButNeverRead(ExecutorService executor, List<Runnable> tasks) {
          // EXPECT: corral
          List<Future<?>> futures = new ArrayList<>();
          for (Runnable t : tasks) {
            futures.add(executor.submit(t));
          }
        }
      }
      """;

  @Test
  void frviFindings() {
    run(FutureReturnValueIgnored.class, "frvi");
  }

  @Test
  void leakedFutureFindings() {
    run(LeakedFuture.class, "corral");
  }

  private void run(Class<? extends BugChecker> checker, String mine) {
    StringBuilder source = new StringBuilder();
    for (String line : SOURCE.split("\\n", -1)) {
      String mark = line.strip();
      if (mark.equals("// EXPECT: both") || mark.equals("// EXPECT: " + mine)) {
        source.append(line, 0, line.indexOf("//")).append("// BUG: Diagnostic contains:");
      } else if (!mark.startsWith("// EXPECT: ")) {
        source.append(line);
      }
      source.append('\n');
    }
    CompilationTestHelper.newInstance(checker, getClass())
        .addSourceLines("A.java", source.toString())
        .doTest();
  }
}
