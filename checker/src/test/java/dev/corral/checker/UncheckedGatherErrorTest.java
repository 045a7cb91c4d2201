package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;

final class UncheckedGatherErrorTest {
  @Test
  void identification() {
    CompilationTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.MoreExecutors;
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import dev.corral.TaskGroup;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Objects;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              private List<Outcome<String>> lastOutcomes;
              private TaskGroup sharedGroup;

              int invokeAllWithGet(ExecutorService pool, List<Callable<Integer>> tasks) throws Exception {
                int sum = 0;
                for (Future<Integer> future : pool.invokeAll(tasks)) {
                  sum += future.get();
                }
                return sum;
              }

              List<Future<Integer>> invokeAllReturned(ExecutorService pool, List<Callable<Integer>> tasks)
                  throws InterruptedException {
                return pool.invokeAll(tasks);
              }

              List<Integer> invokeAllStream(ExecutorService pool, List<Callable<Integer>> tasks)
                  throws InterruptedException {
                return pool.invokeAll(tasks).stream().map(Future::resultNow).toList();
              }

              void invokeAllState(ExecutorService pool, List<Callable<Integer>> tasks) throws InterruptedException {
                List<Future<Integer>> futures = pool.invokeAll(tasks);
                for (int i = 0; i < futures.size(); i++) {
                  if (futures.get(i).state() == Future.State.FAILED) {
                    System.err.println(futures.get(i).exceptionNow());
                  }
                }
              }

              List<Integer> invokeAllPassedOn(ExecutorService pool, List<Callable<Integer>> tasks)
                  throws InterruptedException {
                return Gather.all(pool.invokeAll(tasks));
              }

              List<String> successfulAsListNullTested(List<ListenableFuture<String>> futures) throws Exception {
                List<String> names = new ArrayList<>();
                for (String name : Futures.successfulAsList(futures).get()) {
                  if (name == null) {
                    throw new IllegalStateException("a lookup failed");
                  }
                  names.add(name);
                }
                return names;
              }

              long successfulAsListFiltered(List<ListenableFuture<String>> futures) {
                List<String> names = Futures.getUnchecked(Futures.successfulAsList(futures));
                return names.stream().filter(Objects::nonNull).count();
              }

              ListenableFuture<List<String>> successfulAsListReturned(List<ListenableFuture<String>> futures) {
                return Futures.successfulAsList(futures);
              }

              ListenableFuture<Integer> successfulAsListTransformed(List<ListenableFuture<String>> futures) {
                return Futures.transform(
                    Futures.successfulAsList(futures),
                    names -> names.contains(null) ? -1 : names.size(),
                    MoreExecutors.directExecutor());
              }

              void settledSwitch(List<Future<String>> futures) throws InterruptedException {
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  switch (outcome) {
                    case Outcome.Success<String>(var value) -> System.out.println(value);
                    case Outcome.Failure<String>(var error) -> System.err.println(error);
                  }
                }
              }

              void settledInstanceOf(List<Future<String>> futures) throws InterruptedException {
                List<Outcome<String>> outcomes = Gather.settled(futures);
                for (Outcome<String> outcome : outcomes) {
                  if (outcome instanceof Outcome.Failure<String> failure) {
                    System.err.println(failure.exception());
                  }
                }
              }

              List<String> settledThrowIfAnyFailed(List<Future<String>> futures) throws InterruptedException {
                return Outcome.throwIfAnyFailed(Gather.settled(futures));
              }

              void settledGetOrThrowOnEach(List<CompletableFuture<String>> stages) throws InterruptedException {
                for (Outcome<String> outcome : Gather.settledStages(stages)) {
                  System.out.println(outcome.getOrThrow());
                }
              }

              List<String> settledMapGetOrThrow(List<Future<String>> futures) throws InterruptedException {
                return Gather.settled(futures).stream().map(Outcome::getOrThrow).toList();
              }

              int settledIfElse(List<Future<String>> futures) throws InterruptedException {
                int failed = 0;
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  if (outcome.isSuccess()) {
                    System.out.println(outcome.getOrThrow());
                  } else {
                    failed++;
                  }
                }
                return failed;
              }

              void settledPassedOn(List<Future<String>> futures) throws InterruptedException {
                report(Gather.settled(futures));
              }

              void report(List<Outcome<String>> outcomes) {}

              void settledInField(List<Future<String>> futures) throws InterruptedException {
                lastOutcomes = Gather.settled(futures);
              }

              void failFastOutcomes(Runnable r) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.join();
                  System.out.println(group.outcomes().size());
                }
              }

              void supervisedFailures(Runnable r) throws InterruptedException {
                try (var group = TaskGroup.builder().supervise().open()) {
                  group.fork(r);
                  group.join();
                  Outcome.failures(group.outcomes()).forEach(Throwable::printStackTrace);
                }
              }

              void settledAsyncDiscardedIsLeakedFuture(List<Future<String>> futures) {
                Gather.settledAsync(futures);
              }

              void invokeAllDiscarded(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                // BUG: Diagnostic contains: The futures invokeAll returns are never examined
                pool.invokeAll(tasks);
              }

              boolean invokeAllOnlyDone(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                List<Future<Void>> futures = pool.invokeAll(tasks);
                return futures.stream().allMatch(Future::isDone);
              }

              void invokeAllTimed(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                for (Future<Void> future : pool.invokeAll(tasks, 1, java.util.concurrent.TimeUnit.SECONDS)) {
                  System.out.println(future.isCancelled());
                }
              }

              List<String> successfulAsListCollected(List<ListenableFuture<String>> futures)
                  throws ExecutionException, InterruptedException {
                List<String> names = new ArrayList<>();
                // BUG: Diagnostic contains: successfulAsList puts null in place of every input
                for (String name : Futures.successfulAsList(futures).get()) {
                  names.add(name);
                }
                return names;
              }

              int successfulAsListSum(List<ListenableFuture<Integer>> futures) {
                // BUG: Diagnostic contains: UncheckedGatherError
                List<Integer> sizes = Futures.getUnchecked(Futures.successfulAsList(futures));
                return sizes.stream().mapToInt(Integer::intValue).sum();
              }

              void successfulAsListWaitOnly(List<ListenableFuture<Integer>> futures) throws Exception {
                // BUG: Diagnostic contains: UncheckedGatherError
                Futures.successfulAsList(futures).get();
              }

              void settledOnlySuccesses(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: The Failure outcomes of this batch are never examined
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  if (outcome.isSuccess()) {
                    System.out.println(outcome.getOrThrow());
                  }
                }
              }

              void settledOnlySuccessPatterns(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: The Failure outcomes of this batch are never examined
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  if (outcome instanceof Outcome.Success<String>(var value)) {
                    System.out.println(value);
                  }
                }
              }

              void settledSuccessPatternWithElse(List<Future<String>> futures) throws InterruptedException {
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  if (outcome instanceof Outcome.Success<String> success) {
                    System.out.println(success.value());
                  } else {
                    System.err.println("failed: " + outcome);
                  }
                }
              }

              void settledFailurePattern(List<Future<String>> futures) throws InterruptedException {
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  if (outcome instanceof Outcome.Failure<String>(var error)) {
                    error.printStackTrace();
                  }
                }
              }

              void settledSkipsFailures(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                List<Outcome<String>> outcomes = Gather.settled(futures);
                for (Outcome<String> outcome : outcomes) {
                  if (!outcome.isSuccess()) {
                    continue;
                  }
                  System.out.println(outcome.getOrThrow());
                }
              }

              List<String> settledFilteredStream(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                return Gather.settled(futures).stream().filter(Outcome::isSuccess).map(Outcome::getOrThrow).toList();
              }

              void settledDiscarded(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                Gather.settled(futures);
              }

              List<String> settledValuesOnly(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                return Outcome.values(Gather.settled(futures));
              }

              void settledAsyncJoined(List<Future<String>> futures) {
                // BUG: Diagnostic contains: UncheckedGatherError
                var outcomes = Gather.settledAsync(futures).join();
                outcomes.forEach(outcome -> {
                  if (outcome.isSuccess()) {
                    System.out.println(outcome.getOrThrow());
                  }
                });
              }

              void supervisedOnlySuccesses(Runnable r) throws InterruptedException {
                try (var group = TaskGroup.builder().supervise().open()) {
                  group.fork(r);
                  group.join();
                  // BUG: Diagnostic contains: UncheckedGatherError
                  for (Outcome<?> outcome : group.outcomes()) {
                    if (outcome.isSuccess()) {
                      System.out.println(outcome.getOrThrow());
                    }
                  }
                }
              }

              int fieldGroupOutcomes() {
                // BUG: Diagnostic contains: UncheckedGatherError
                return sharedGroup.outcomes().size();
              }
            }
            """)
        .doTest();
  }

  /**
   * {@code successfulAsList} used as a barrier: the failures are examined through the input futures themselves (real
   * code: Gerrit's site indexers), or not at all; and {@code Futures.transform} whose lambda drops the list.
   */
  /** A reference to a method of the user's code is handed each element, as a lambda calling it would be. */
  @Test
  void elementsHandedToAMethodReference() {
    CompilationTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .addSourceLines(
            "Shards.java",
            """
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Shards {
              List<String> unwrapped(ExecutorService pool, List<Callable<String>> tasks) throws InterruptedException {
                return pool.invokeAll(tasks).stream().map(this::unwrap).toList();
              }

              void each(ExecutorService pool, List<Callable<String>> tasks) throws InterruptedException {
                pool.invokeAll(tasks).forEach(this::unwrap);
              }

              List<String> settled(List<CompletableFuture<String>> futures) throws InterruptedException {
                return Gather.settled(futures).stream().map(this::orLog).toList();
              }

              long onlyCounted(ExecutorService pool, List<Callable<String>> tasks) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                return pool.invokeAll(tasks).stream().filter(Future::isDone).count();
              }

              String unwrap(Future<String> future) {
                try {
                  return future.get();
                } catch (InterruptedException | ExecutionException e) {
                  throw new IllegalStateException(e);
                }
              }

              String orLog(Outcome<String> outcome) {
                return switch (outcome) {
                  case Outcome.Success<String> success -> success.value();
                  case Outcome.Failure<String> failure -> {
                    System.err.println(failure.exception());
                    yield "";
                  }
                };
              }
            }
            """)
        .doTest();
  }

  @Test
  void successfulAsListInputs() {
    CompilationTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .addSourceLines(
            "C.java",
            """
            import com.google.common.util.concurrent.FutureCallback;
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.atomic.AtomicBoolean;

            class C {
              void watch(ListenableFuture<?> future, AtomicBoolean ok) {
                future.addListener(() -> {
                  try {
                    future.get();
                  } catch (Exception e) {
                    ok.set(false);
                  }
                }, MoreExecutors.directExecutor());
              }

              void await(ListenableFuture<?> done) {}

              boolean listenerOnEachInput(ListeningExecutorService pool, List<Runnable> work) {
                AtomicBoolean ok = new AtomicBoolean(true);
                List<ListenableFuture<?>> futures = new ArrayList<>();
                for (Runnable r : work) {
                  ListenableFuture<?> future = pool.submit(r);
                  watch(future, ok);
                  futures.add(future);
                }
                try {
                  Futures.successfulAsList(futures).get();
                } catch (ExecutionException | InterruptedException e) {
                  return false;
                }
                return ok.get();
              }

              void callbackOnEachInput(ListeningExecutorService pool, List<Runnable> work, FutureCallback<Object> log)
                  throws Exception {
                List<ListenableFuture<?>> futures = new ArrayList<>();
                for (Runnable r : work) {
                  ListenableFuture<?> future = pool.submit(r);
                  futures.add(future);
                  Futures.addCallback(future, log, MoreExecutors.directExecutor());
                }
                Futures.successfulAsList(futures).get();
              }

              int inputsExaminedAfterWaiting(List<ListenableFuture<String>> futures) throws Exception {
                Futures.successfulAsList(futures).get();
                int failed = 0;
                for (ListenableFuture<String> future : futures) {
                  try {
                    future.get();
                  } catch (ExecutionException e) {
                    failed++;
                  }
                }
                return failed;
              }

              ListenableFuture<List<String>> transformKeepsList(List<ListenableFuture<String>> futures) {
                ListenableFuture<List<String>> names =
                    Futures.transform(
                        Futures.successfulAsList(futures), list -> list, MoreExecutors.directExecutor());
                return names;
              }

              void inputsOnlyWaitedFor(ListeningExecutorService pool, List<Runnable> work) throws Exception {
                List<ListenableFuture<?>> futures = new ArrayList<>();
                for (Runnable r : work) {
                  ListenableFuture<?> future = pool.submit(r);
                  futures.add(future);
                }
                // BUG: Diagnostic contains: UncheckedGatherError
                Futures.successfulAsList(futures).get();
              }

              void inputsOnlyCounted(List<ListenableFuture<String>> futures) throws Exception {
                // BUG: Diagnostic contains: UncheckedGatherError
                Futures.successfulAsList(futures).get();
                System.out.println(futures.size() + " done");
              }

              void transformDropsList(List<ListenableFuture<String>> futures) {
                await(
                    Futures.transform(
                        // BUG: Diagnostic contains: UncheckedGatherError
                        Futures.successfulAsList(futures),
                        names -> {
                          System.out.println("all done");
                          return null;
                        },
                        MoreExecutors.directExecutor()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void modernSyntax() {
    CompilationTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .addSourceLines(
            "B.java",
            """
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import java.util.List;
            import java.util.concurrent.Future;

            class B {
              record Batch(List<Future<String>> futures) {
                int failures() throws InterruptedException {
                  return (int) Gather.settled(futures).stream()
                      .filter(o -> o instanceof Outcome.Failure<String>)
                      .count();
                }
              }

              String describe(List<Future<String>> futures) throws InterruptedException {
                var outcomes = Gather.settled(futures);
                return switch (outcomes.get(0)) {
                  case Outcome.Success<String>(var value) -> value;
                  case Outcome.Failure<String>(var error) -> error.getMessage();
                };
              }
            }
            """)
        .doTest();
  }

  /** Unnamed variables ({@code _}, Java 22) and module imports (Java 25). */
  @Test
  @EnabledForJreRange(minVersion = 25)
  void modernSyntaxJava25() {
    CompilationTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .addSourceLines(
            "C.java",
            """
            import module java.base;
            import dev.corral.Gather;
            import dev.corral.Outcome;

            class C {
              int count(List<Future<String>> futures) throws InterruptedException {
                int settled = 0;
                // BUG: Diagnostic contains: UncheckedGatherError
                for (Outcome<String> _ : Gather.settled(futures)) {
                  settled++;
                }
                return settled;
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .addInputLines(
            "A.java",
            """
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void invokeAll(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                pool.invokeAll(tasks);
              }

              void invokeAllLocal(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                List<Future<Void>> futures = pool.invokeAll(tasks);
                System.out.println(futures.size());
              }

              void successfulAsList(List<ListenableFuture<String>> futures) {
                for (String name : Futures.getUnchecked(Futures.successfulAsList(futures))) {
                  System.out.println(name.length());
                }
              }

              void settled(List<Future<String>> futures) throws InterruptedException {
                List<Outcome<String>> outcomes = Gather.settled(futures);
                for (Outcome<String> outcome : outcomes) {
                  if (outcome.isSuccess()) {
                    System.out.println(outcome.getOrThrow());
                  }
                }
              }

              void settledDiscarded(List<Future<String>> futures) throws InterruptedException {
                Gather.settled(futures);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void invokeAll(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                Gather.all(pool.invokeAll(tasks));
              }

              void invokeAllLocal(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
                List<Future<Void>> futures = pool.invokeAll(tasks);
                Gather.all(futures);
                System.out.println(futures.size());
              }

              void successfulAsList(List<ListenableFuture<String>> futures) {
                for (String name : Futures.getUnchecked(Futures.allAsList(futures))) {
                  System.out.println(name.length());
                }
              }

              void settled(List<Future<String>> futures) throws InterruptedException {
                List<Outcome<String>> outcomes = Gather.settled(futures);
                Outcome.throwIfAnyFailed(outcomes);
                for (Outcome<String> outcome : outcomes) {
                  if (outcome.isSuccess()) {
                    System.out.println(outcome.getOrThrow());
                  }
                }
              }

              void settledDiscarded(List<Future<String>> futures) throws InterruptedException {
                Outcome.throwIfAnyFailed(Gather.settled(futures));
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementSecondFix() {
    BugCheckerRefactoringTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "A.java",
            """
            import dev.corral.Gather;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void invokeAll(ExecutorService pool, List<Callable<Void>> tasks)
                  throws InterruptedException, ExecutionException {
                pool.invokeAll(tasks);
              }

              void settledStages(List<CompletionStage<String>> stages) throws InterruptedException {
                Gather.settledStages(stages);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import dev.corral.Gather;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void invokeAll(ExecutorService pool, List<Callable<Void>> tasks)
                  throws InterruptedException, ExecutionException {
                for (Future<?> future : pool.invokeAll(tasks)) {
                  future.get();
                }
              }

              void settledStages(List<CompletionStage<String>> stages) throws InterruptedException {
                Gather.allStages(stages);
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementWithoutCorral() {
    BugCheckerRefactoringTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .setArgs("-classpath", TestClasspath.without(dev.corral.Gather.class))
        .addInputLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;

            class A {
              void invokeAll(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
                pool.invokeAll(tasks);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void invokeAll(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
                for (Future<?> future : pool.invokeAll(tasks)) {
                  future.get();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementRethrowsWhereExecutionExceptionIsNotHandled() {
    // Hadoop's MultipleOutputs.close(): the method throws IOException only and catches InterruptedException
    // around invokeAll; without Corral the loop rethrows a task's failure unchecked.
    BugCheckerRefactoringTestHelper.newInstance(UncheckedGatherError.class, getClass())
        .setArgs("-classpath", TestClasspath.without(dev.corral.Gather.class))
        .addInputLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;

            class A {
              void close(ExecutorService pool, List<Callable<Void>> tasks) throws IOException {
                try {
                  pool.invokeAll(tasks);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  pool.shutdown();
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void close(ExecutorService pool, List<Callable<Void>> tasks) throws IOException {
                try {
                  for (Future<?> future : pool.invokeAll(tasks)) {
                    try {
                      future.get();
                    } catch (ExecutionException failure) {
                      throw new CompletionException(failure.getCause());
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  pool.shutdown();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void documentationExists() {
    assertTrue(
        Files.isRegularFile(Path.of("..", "docs", "checks", "UncheckedGatherError.md")),
        "the @BugPattern link points at docs/checks/UncheckedGatherError.md");
  }
}
