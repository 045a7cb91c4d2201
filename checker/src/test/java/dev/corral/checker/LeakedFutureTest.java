package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class LeakedFutureTest {
  @Test
  void identification() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.FutureCallback;
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            import com.google.errorprone.annotations.CanIgnoreReturnValue;
            import dev.corral.TaskGroup;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionService;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinTask;
            import java.util.concurrent.Future;
            import java.util.concurrent.TimeUnit;
            import java.util.function.BiConsumer;
            import java.util.function.Consumer;
            import java.util.function.Supplier;

            class A {
              interface Client {
                CompletableFuture<String> send(String message, BiConsumer<String, Throwable> done);
              }

              interface Execution {
                void recordResult(Object result);

                void recordException(Throwable failure);

                boolean isComplete();

                void complete();
              }

              interface Tracker {
                <T> CompletableFuture<T> track(CompletableFuture<T> task);
              }

              private Future<?> field;
              private final List<Future<?>> all = new ArrayList<>();

              // Negatives, in the order of the checker's decisions.

              void corralTaskIsNotAFuture() throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(() -> "x");
                  group.join();
                }
              }

              void awaited(ExecutorService executor) throws Exception {
                executor.submit(() -> {}).get();
                CompletableFuture.runAsync(() -> {}).join();
              }

              void failureCallbacksObserve(CompletableFuture<String> cf) {
                cf.whenComplete((r, e) -> {});
                cf.handle((r, e) -> r);
                cf.exceptionally(e -> "fallback");
                cf.exceptionallyCompose(e -> CompletableFuture.completedFuture("x"));
              }

              void exemptLikeFrvi(ForkJoinTask<?> task, CompletionService<String> service,
                  CompletableFuture<String> cf) {
                task.fork();
                service.submit(() -> "x");
                cf.orTimeout(1, TimeUnit.SECONDS);
                cf.completeOnTimeout("x", 1, TimeUnit.SECONDS);
              }

              @CanIgnoreReturnValue
              Future<?> ignorable() {
                return CompletableFuture.completedFuture(null);
              }

              void canIgnoreReturnValue() {
                ignorable();
              }

              Future<?> returned(ExecutorService executor) {
                Future<?> f = executor.submit(() -> {});
                return f;
              }

              void storedInFieldAndArray(ExecutorService executor, Future<?>[] array) {
                field = executor.submit(() -> {});
                Future<?> f = executor.submit(() -> {});
                array[0] = f;
              }

              void passedOn(ExecutorService executor, List<Future<?>> sink) {
                Future<?> f = executor.submit(() -> {});
                sink.add(f);
                all.add(executor.submit(() -> {}));
              }

              void awaitedInFinally(ExecutorService executor, Runnable work) throws Exception {
                Future<?> f = executor.submit(() -> {});
                try {
                  work.run();
                } finally {
                  f.get();
                }
              }

              void awaitedOnEveryBranch(ExecutorService executor, boolean b) throws Exception {
                Future<?> f = executor.submit(() -> {});
                if (b) {
                  f.get();
                } else {
                  f.cancel(true);
                }
              }

              void nullChecked(Map<String, Future<?>> futures) {
                Future<?> f = futures.remove("k");
                if (f != null) {
                  f.cancel(true);
                }
              }

              void nullOnOneBranch(ExecutorService executor, boolean b) {
                CompletableFuture<String> cf = b ? CompletableFuture.supplyAsync(() -> "x") : null;
                if (cf != null) {
                  cf.join();
                }
              }

              CompletableFuture<Void> combined() {
                CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> "a");
                CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> "b");
                return CompletableFuture.allOf(a, b);
              }

              void capturedByEscapingLambda(ExecutorService executor, List<Runnable> later) {
                Future<?> f = executor.submit(() -> {});
                later.add(() -> f.cancel(true));
              }

              void capturedByAnonymousClass(ExecutorService executor, List<Runnable> later) {
                Future<?> f = executor.submit(() -> {});
                later.add(new Runnable() {
                  @Override
                  public void run() {
                    f.cancel(true);
                  }
                });
              }

              void guavaCallback(ListeningExecutorService executor, FutureCallback<Object> cb) {
                ListenableFuture<?> f = executor.submit(() -> {});
                Futures.addCallback(f, cb, MoreExecutors.directExecutor());
              }

              void derivedStageOwned(CompletableFuture<String> cf) {
                CompletableFuture<Integer> length = cf.thenApply(String::length);
                length.join();
              }

              Supplier<Future<?>> callableLambdaReturnsIt(ExecutorService executor) {
                return () -> executor.submit(() -> {});
              }

              void collectionIsRead(ExecutorService executor) throws Exception {
                List<Future<?>> futures = new ArrayList<>();
                futures.add(executor.submit(() -> {}));
                for (Future<?> f : futures) {
                  f.get();
                }
              }

              void mapLookupIsNotANewFuture(Map<String, Future<?>> futures) {
                futures.get("k");
              }

              void failureCallbackPassedIn(Client client, FutureCallback<Object> cb,
                  ListeningExecutorService executor) {
                client.send("m", (r, e) -> {});
                Futures.addCallback(executor.submit(() -> {}), cb, MoreExecutors.directExecutor());
              }

              void workReportsItsOwnFailure(ExecutorService executor, Runnable work) {
                executor.submit(() -> {
                  try {
                    work.run();
                  } catch (RuntimeException e) {
                    Thread.currentThread().getUncaughtExceptionHandler()
                        .uncaughtException(Thread.currentThread(), e);
                  }
                });
                CompletableFuture.supplyAsync(() -> {
                  try {
                    return "x";
                  } catch (Throwable t) {
                    return null;
                  }
                });
              }

              void handsBackTheArgument(Tracker tracker, CompletableFuture<String> cf) {
                tracker.track(cf);
                cf.join();
                tracker.track(CompletableFuture.supplyAsync(() -> "x"));
              }

              @SuppressWarnings("LeakedFuture")
              void suppressed(ExecutorService executor) {
                executor.submit(() -> {});
              }

              @SuppressWarnings("FutureReturnValueIgnored")
              void suppressedByFrviName(ExecutorService executor) {
                executor.submit(() -> {});
              }

              void namedUnusedLikeFrviAsks(ExecutorService executor) {
                Future<?> unused = executor.submit(() -> {});
                Future<?> unusedToo = executor.submit(() -> {});
              }

              void suppressedOnTheLocal(ExecutorService executor, boolean b) throws Exception {
                @SuppressWarnings("LeakedFuture")
                Future<?> f = executor.submit(() -> {});
                if (b) {
                  f.get();
                }
              }

              // Positives.

              void droppedSubmit(ExecutorService executor) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {});
              }

              void droppedSupplyAsync() {
                // BUG: Diagnostic contains: supplyAsync() is dropped
                CompletableFuture.supplyAsync(() -> "x");
                // BUG: Diagnostic contains: runAsync() is dropped
                CompletableFuture.runAsync(() -> {});
              }

              void droppedDerivedStage(CompletableFuture<String> cf, Supplier<String> work) {
                // BUG: Diagnostic contains: thenApply() is dropped
                cf.thenApply(String::length);
                // BUG: Diagnostic contains: thenApply() is dropped
                CompletableFuture.supplyAsync(work).thenApply(String::length);
                // BUG: Diagnostic contains: thenCompose() is dropped
                cf.thenCompose(s -> CompletableFuture.completedFuture(s));
              }

              void freshFutureWithTimeoutDropped() {
                // BUG: Diagnostic contains: orTimeout() is dropped
                CompletableFuture.supplyAsync(() -> "x").orTimeout(1, TimeUnit.SECONDS);
              }

              void droppedGuava(ListeningExecutorService executor, ListenableFuture<String> f) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> "x");
                // BUG: Diagnostic contains: transform() is dropped
                Futures.transform(f, String::length, MoreExecutors.directExecutor());
                // BUG: Diagnostic contains: transform() is dropped
                Futures.transform(executor.submit(() -> "y"), String::length, MoreExecutors.directExecutor());
                // BUG: Diagnostic contains: catching() is dropped
                Futures.catching(f, IllegalStateException.class, e -> "x", MoreExecutors.directExecutor());
              }

              void voidLambdaBody(ExecutorService executor, List<Runnable> tasks) {
                // BUG: Diagnostic contains: submit() is dropped
                tasks.forEach(t -> executor.submit(t));
              }

              void methodReference(ExecutorService executor, List<Runnable> tasks) {
                // BUG: Diagnostic contains: executor::submit is used as a method that returns nothing
                tasks.forEach(executor::submit);
              }

              void workRethrows(ExecutorService executor, Runnable work) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {
                  try {
                    work.run();
                  } catch (RuntimeException e) {
                    throw new IllegalStateException(e);
                  }
                });
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {
                  try {
                    work.run();
                  } catch (IllegalStateException e) {
                    System.err.println(e);
                  }
                });
              }

              CompletableFuture<Object> postExecute(Execution execution) {
                return CompletableFuture.supplyAsync(() -> null);
              }

              void richInterfaceIsNoFailureCallback(Execution execution) {
                // BUG: Diagnostic contains: postExecute() is dropped
                postExecute(execution);
              }

              void awaitedOnlyInIf(ExecutorService executor, boolean b) throws Exception {
                // BUG: Diagnostic contains: not observed on every path
                Future<?> f = executor.submit(() -> {});
                if (b) {
                  f.get();
                }
              }

              void neverAwaited() {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                System.out.println(cf.isDone());
                System.out.println(cf);
              }

              void switchYieldsAFutureNobodyReads(boolean now, ExecutorService executor) {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<String> cf =
                    switch (now ? 1 : 0) {
                      case 1 -> CompletableFuture.completedFuture("now");
                      default -> CompletableFuture.supplyAsync(() -> "later", executor);
                    };
              }

              String switchYieldsAFutureThatIsAwaited(int mode, ExecutorService executor) throws Exception {
                Future<String> f =
                    switch (mode) {
                      case 0 -> executor.submit(() -> "zero");
                      default -> {
                        Future<String> other = executor.submit(() -> "other");
                        yield other;
                      }
                    };
                return f.get();
              }

              void overwrittenInLoop(ExecutorService executor, List<Runnable> tasks) throws Exception {
                Future<?> last = null;
                for (Runnable task : tasks) {
                  // BUG: Diagnostic contains: not observed on every path
                  last = executor.submit(task);
                }
                if (last != null) {
                  last.get();
                }
              }

              void earlyReturnForgetsIt(ExecutorService executor, boolean b) throws Exception {
                // BUG: Diagnostic contains: not observed on every path
                Future<?> f = executor.submit(() -> {});
                if (b) {
                  return;
                }
                f.get();
              }

              void derivedLocalDropped(Supplier<String> work) {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<Integer> length = CompletableFuture.supplyAsync(work).thenApply(String::length);
              }

              void insideLambda(ExecutorService executor, List<Runnable> later) {
                later.add(() -> {
                  // BUG: Diagnostic contains: not observed on every path
                  Future<?> f = executor.submit(() -> {});
                });
              }

              void collectedButNeverRead(ExecutorService executor, List<Runnable> tasks) {
                // BUG: Diagnostic contains: never read
                List<Future<?>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(executor.submit(task));
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Supplier;

            class A {
              void getWhereExceptionsAreDeclared(ExecutorService executor, Runnable task)
                  throws InterruptedException, ExecutionException {
                executor.submit(task);
              }

              void getWhereExceptionsAreCaught(ExecutorService executor, Runnable task) {
                try {
                  executor.submit(task);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void guavaWhereExceptionsAreNotHandled(ExecutorService executor, Runnable task) {
                executor.submit(task);
              }

              void joinCompletableFuture(Runnable task) {
                CompletableFuture.runAsync(task);
              }

              interface Client {
                CompletionStage<String> fetch();
              }

              void joinCompletionStage(Client client) {
                client.fetch().thenApply(String::length);
              }

              void joinLocalAtEndOfBlock(boolean b) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
              }

              int joinLocalBeforeFinalReturn(boolean b) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
                return 1;
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import com.google.common.util.concurrent.Futures;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Supplier;

            class A {
              void getWhereExceptionsAreDeclared(ExecutorService executor, Runnable task)
                  throws InterruptedException, ExecutionException {
                executor.submit(task).get();
              }

              void getWhereExceptionsAreCaught(ExecutorService executor, Runnable task) {
                try {
                  executor.submit(task).get();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }

              void guavaWhereExceptionsAreNotHandled(ExecutorService executor, Runnable task) {
                Futures.getUnchecked(executor.submit(task));
              }

              void joinCompletableFuture(Runnable task) {
                CompletableFuture.runAsync(task).join();
              }

              interface Client {
                CompletionStage<String> fetch();
              }

              void joinCompletionStage(Client client) {
                client.fetch().thenApply(String::length).toCompletableFuture().join();
              }

              void joinLocalAtEndOfBlock(boolean b) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
                cf.join();
              }

              int joinLocalBeforeFinalReturn(boolean b) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
                cf.join();
                return 1;
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementReportFirstWhereBlockingIsWrong() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class A {
              void inCallback(List<Runnable> tasks) {
                tasks.forEach(t -> CompletableFuture.runAsync(t));
              }

              CompletableFuture<String> inAsyncMethod(CompletableFuture<String> cf) {
                CompletableFuture.runAsync(() -> {});
                return cf;
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class A {
              void inCallback(List<Runnable> tasks) {
                tasks.forEach(
                    t ->
                        CompletableFuture.runAsync(t)
                            .exceptionally(
                                failure -> {
                                  Thread.currentThread()
                                      .getUncaughtExceptionHandler()
                                      .uncaughtException(Thread.currentThread(), failure);
                                  return null;
                                }));
              }

              CompletableFuture<String> inAsyncMethod(CompletableFuture<String> cf) {
                CompletableFuture.runAsync(() -> {})
                    .exceptionally(
                        failure -> {
                          Thread.currentThread()
                              .getUncaughtExceptionHandler()
                              .uncaughtException(Thread.currentThread(), failure);
                          return null;
                        });
                return cf;
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementSecondFixReportsTheFailure() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;

            class A {
              void dropped(Runnable task) {
                CompletableFuture.runAsync(task);
              }

              void local(boolean b, String failure) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;

            class A {
              void dropped(Runnable task) {
                CompletableFuture.runAsync(task)
                    .exceptionally(
                        failure -> {
                          Thread.currentThread()
                              .getUncaughtExceptionHandler()
                              .uncaughtException(Thread.currentThread(), failure);
                          return null;
                        });
              }

              void local(boolean b, String failure) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                cf.exceptionally(
                    failure2 -> {
                      Thread.currentThread()
                          .getUncaughtExceptionHandler()
                          .uncaughtException(Thread.currentThread(), failure2);
                      return null;
                    });
                if (b) {
                  cf.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementThirdFixReturnsTheFuture() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .setFixChooser(FixChoosers.THIRD)
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;

            class A {
              private void dropped(Runnable task) {
                CompletableFuture.runAsync(task);
              }

              private static void local(boolean b) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;

            class A {
              private CompletableFuture<Void> dropped(Runnable task) {
                return CompletableFuture.runAsync(task);
              }

              private static CompletableFuture<String> local(boolean b) {
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
                return cf;
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementSecondFixWrapsThePlainFuturesTask() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            final class A {
              void runLastTask(ExecutorService executor, Runnable task) {
                executor.submit(task);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            final class A {
              void runLastTask(ExecutorService executor, Runnable task) {
                executor.submit(
                    () -> {
                      try {
                        task.run();
                      } catch (RuntimeException failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementThirdFixReturnsThePlainFuture() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .setFixChooser(FixChoosers.THIRD)
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            final class A {
              void runLastTask(ExecutorService executor, Runnable task) {
                executor.submit(task);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            final class A {
              Future<?> runLastTask(ExecutorService executor, Runnable task) {
                return executor.submit(task);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationWithExtraFutureTypes() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-XepOpt:Corral:ExtraFutureTypes=p.Promise")
        .addSourceLines(
            "p/Promise.java",
            """
            package p;

            public interface Promise<T> {
              T await() throws InterruptedException;
            }
            """)
        .addSourceLines(
            "p/Deferred.java",
            """
            package p;

            public interface Deferred<T> {}
            """)
        .addSourceLines(
            "p/A.java",
            """
            package p;

            abstract class A {
              abstract Promise<String> send();

              abstract Deferred<String> defer();

              void notListed() {
                defer();
              }

              void awaited() throws InterruptedException {
                send().await();
                Promise<String> p = send();
                p.await();
              }

              void dropped() {
                // BUG: Diagnostic contains: send() is dropped
                send();
              }

              void local(boolean b) throws InterruptedException {
                // BUG: Diagnostic contains: not observed on every path
                Promise<String> p = send();
                if (b) {
                  p.await();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationCommandsQueuedIntoALocalBatch() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "io/netty/channel/ChannelFuture.java",
            """
            package io.netty.channel;

            public interface ChannelFuture extends java.util.concurrent.Future<Void> {
              ChannelFuture addListener(Object listener);
            }
            """)
        .addSourceLines(
            "io/netty/channel/Channel.java",
            """
            package io.netty.channel;

            public interface Channel {
              ChannelFuture close();

              ChannelFuture disconnect();
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            abstract class A {
              interface Bucket {
                CompletableFuture<Void> setAsync(String value);
              }

              interface Batch {
                CompletableFuture<Void> writeAsync(String key);

                Bucket getBucket(String key);

                CompletableFuture<List<Object>> executeAsync();

                CompletableFuture<Void> closeAsync();
              }

              abstract Batch createBatch();

              // The same command observed in the other branch does not run what this one queued.
              void sameCommandInTheOtherBranch(Batch b, boolean quiet) {
                if (quiet) {
                  // BUG: Diagnostic contains: closeAsync() is dropped
                  b.closeAsync();
                } else {
                  b.closeAsync().whenComplete((v, e) -> System.err.println(e));
                }
              }

              void nettyChannelIsNoBatch(io.netty.channel.Channel channel) {
                // BUG: Diagnostic contains: disconnect() is dropped
                channel.disconnect();
                channel.close().addListener(null);
              }

              CompletableFuture<List<Object>> returnedBatch() {
                Batch b = createBatch();
                b.writeAsync("k1");
                b.getBucket("k2").setAsync("v");
                return b.executeAsync();
              }

              CompletableFuture<List<Object>> executedParameter(Batch b) {
                b.writeAsync("k");
                return b.executeAsync();
              }

              void awaitedBatch() throws Exception {
                Batch b = createBatch();
                b.writeAsync("k");
                b.executeAsync().get();
              }

              void batchNeverExecuted() {
                Batch b = createBatch();
                // BUG: Diagnostic contains: writeAsync() is dropped
                b.writeAsync("k");
              }

              void batchResultDropped() {
                Batch b = createBatch();
                // BUG: Diagnostic contains: writeAsync() is dropped
                b.writeAsync("k");
                // BUG: Diagnostic contains: executeAsync() is dropped
                b.executeAsync();
              }

              void queuedAfterExecute() {
                Batch b = createBatch();
                CompletableFuture<List<Object>> done = b.executeAsync();
                done.join();
                // BUG: Diagnostic contains: writeAsync() is dropped
                b.writeAsync("late");
              }

              // Known limit: the caller executes the batch it passes in.
              void batchParameter(Batch b) {
                // BUG: Diagnostic contains: writeAsync() is dropped
                b.writeAsync("k");
              }

              java.util.concurrent.Future<?> executorIsNoBatch(
                  java.util.concurrent.ExecutorService executor) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {});
                return executor.submit(() -> {});
              }

              void laterCallQueuesMore(Batch b) {
                // BUG: Diagnostic contains: writeAsync() is dropped
                b.writeAsync("k1");
                b.writeAsync("k2").join();
              }

              CompletableFuture<String> futureReceiverIsNoBatch(java.util.function.Supplier<String> work) {
                CompletableFuture<String> local = CompletableFuture.supplyAsync(work);
                // BUG: Diagnostic contains: thenApply() is dropped
                local.thenApply(String::trim);
                return local.thenApply(s -> s + "!");
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationNettyFutures() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "io/netty/util/concurrent/Future.java",
            """
            package io.netty.util.concurrent;

            public interface Future<V> extends java.util.concurrent.Future<V> {
              Future<V> addListener(Object listener);
            }
            """)
        .addSourceLines(
            "io/netty/util/concurrent/Promise.java",
            """
            package io.netty.util.concurrent;

            public interface Promise<V> extends Future<V> {
              Promise<V> setSuccess(V result);

              Promise<V> setFailure(Throwable cause);
            }
            """)
        .addSourceLines(
            "io/netty/util/concurrent/EventExecutorGroup.java",
            """
            package io.netty.util.concurrent;

            public interface EventExecutorGroup {
              Future<?> shutdownGracefully();

              Future<?> submit(Runnable task);

              <V> Promise<V> newPromise();
            }
            """)
        .addSourceLines(
            "io/netty/channel/ChannelFuture.java",
            """
            package io.netty.channel;

            public interface ChannelFuture extends io.netty.util.concurrent.Future<Void> {}
            """)
        .addSourceLines(
            "io/netty/channel/ChannelPromise.java",
            """
            package io.netty.channel;

            public interface ChannelPromise
                extends ChannelFuture, io.netty.util.concurrent.Promise<Void> {
              @Override
              ChannelPromise addListener(Object listener);
            }
            """)
        .addSourceLines(
            "io/netty/channel/ChannelHandlerContext.java",
            """
            package io.netty.channel;

            public interface ChannelHandlerContext {
              ChannelFuture write(Object msg);

              ChannelFuture write(Object msg, ChannelPromise promise);

              ChannelFuture writeAndFlush(Object msg, ChannelPromise promise);

              ChannelFuture close(ChannelPromise promise);

              ChannelPromise newPromise();

              ChannelPromise voidPromise();
            }
            """)
        .addSourceLines(
            "org/apache/hbase/thirdparty/io/netty/channel/Relocated.java",
            """
            package org.apache.hbase.thirdparty.io.netty.channel;

            public interface Relocated {
              interface ChannelFuture extends java.util.concurrent.Future<Void> {
                ChannelFuture addListener(Object listener);

                ChannelFuture sync() throws InterruptedException;
              }

              interface ChannelPromise extends ChannelFuture {
                ChannelPromise setSuccess();
              }

              interface Context {
                ChannelFuture write(Object msg);

                ChannelFuture close(ChannelPromise promise);

                ChannelPromise newPromise();
              }
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import io.netty.channel.ChannelHandlerContext;
            import io.netty.channel.ChannelPromise;
            import io.netty.util.concurrent.EventExecutorGroup;
            import io.netty.util.concurrent.Future;
            import io.netty.util.concurrent.Promise;
            import org.apache.hbase.thirdparty.io.netty.channel.Relocated;

            class A {
              private ChannelPromise pending;

              void promiseParameter(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ctx.write(msg, promise);
                ctx.close(promise);
              }

              void promiseField(ChannelHandlerContext ctx, Object msg) {
                ctx.write(msg, pending);
                ctx.write(msg, this.pending);
              }

              void voidPromise(ChannelHandlerContext ctx, Object msg) {
                ctx.write(msg, ctx.voidPromise());
              }

              void observedLocal(ChannelHandlerContext ctx, Object msg, Object listener, boolean b) {
                ChannelPromise withListener = ctx.newPromise().addListener(listener);
                ctx.write(msg, withListener);
                ChannelPromise either = b ? ctx.voidPromise() : ctx.newPromise().addListener(listener);
                ctx.write(msg, either);
                ChannelPromise listenedLater = ctx.newPromise();
                listenedLater.addListener(listener);
                ctx.write(msg, listenedLater);
              }

              void castOfCallersPromise(ChannelHandlerContext ctx, Object msg, Object promise, boolean b) {
                ChannelPromise cast = (ChannelPromise) promise;
                ctx.write(msg, cast);
                ChannelPromise either = b ? (ChannelPromise) promise : pending;
                ctx.close(either);
              }

              ChannelPromise returnedLocal(ChannelHandlerContext ctx, Object msg) {
                ChannelPromise p = ctx.newPromise();
                ctx.write(msg, p);
                return p;
              }

              void unobservedLocal(ChannelHandlerContext ctx, Object msg, Object listener, boolean b) {
                ChannelPromise p = ctx.newPromise();
                // BUG: Diagnostic contains: write() is dropped
                ctx.write(msg, p);
                ChannelPromise q = b ? ctx.voidPromise() : ctx.newPromise();
                // BUG: Diagnostic contains: write() is dropped
                ctx.write(msg, q);
                ChannelPromise castOfFresh = (ChannelPromise) ctx.newPromise();
                // BUG: Diagnostic contains: write() is dropped
                ctx.write(msg, castOfFresh);
                if (q.isDone()) {
                  return;
                }
              }

              void relocated(Relocated.Context ctx, Relocated.ChannelPromise promise, Object listener)
                  throws InterruptedException {
                ctx.close(promise);
                ctx.write("m").addListener(listener);
                ctx.write("m").sync();
                promise.setSuccess();
              }

              void relocatedWorkStillLeaks(Relocated.Context ctx) {
                // BUG: Diagnostic contains: write() is dropped
                ctx.write("m");
              }

              void shutdown(EventExecutorGroup boss, EventExecutorGroup workers) {
                boss.shutdownGracefully();
                workers.shutdownGracefully();
              }

              Future<String> unusedPromise(EventExecutorGroup executor, boolean b, Future<String> other) {
                Promise<String> promise = executor.newPromise();
                if (b) {
                  return other;
                }
                return promise.setSuccess("x");
              }

              interface PendingWrites {
                ChannelPromise remove();
              }

              void completedPromise(PendingWrites queue, Throwable cause) {
                // The promise it returns has just succeeded: nothing to lose (hold-out 12, quic's
                // queue.remove().setSuccess()).
                queue.remove().setSuccess(null);
                // A call handed the failure it delivers (see "deliver a failure" in LeakedFuture.md).
                queue.remove().setFailure(cause);
              }

              void freshPromiseStillLeaks(ChannelHandlerContext ctx, Object msg) {
                // BUG: Diagnostic contains: writeAndFlush() is dropped
                ctx.writeAndFlush(msg, ctx.newPromise());
                // BUG: Diagnostic contains: write() is dropped
                ctx.write(msg);
              }

              private final java.util.function.BiConsumer<ChannelHandlerContext, Object> inField =
                  (ctx, msg) -> {
                    ChannelPromise p = ctx.newPromise();
                    p.addListener(null);
                    // Known limit: a local outside a method is not seen through.
                    // BUG: Diagnostic contains: write() is dropped
                    ctx.write(msg, p);
                  };

              static {
                ChannelHandlerContext ctx = null;
                ChannelPromise p = ctx.newPromise();
                // BUG: Diagnostic contains: write() is dropped
                ctx.write("m", p);
              }

              void inLambda(ChannelHandlerContext ctx, Object listener) {
                Runnable r =
                    () -> {
                      ChannelPromise p = ctx.newPromise().addListener(listener);
                      ctx.write("m", p);
                    };
                r.run();
              }

              void relocatedFreshPromise(Relocated.Context ctx) {
                // BUG: Diagnostic contains: close() is dropped
                ctx.close(ctx.newPromise());
              }

              void otherWorkStillLeaks(EventExecutorGroup executor) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationCallbackThatIgnoresTheFailure() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Semaphore;
            import java.util.function.BiConsumer;

            abstract class A {
              interface PubSub {
                CompletableFuture<Void> unsubscribe(String channel);
              }

              abstract CompletableFuture<String> call();

              void ignored(PubSub service, Semaphore semaphore) {
                // BUG: Diagnostic contains: whenComplete() is dropped
                service.unsubscribe("c").whenComplete((r, e) -> semaphore.release());
                // BUG: Diagnostic contains: handleAsync() is dropped
                service.unsubscribe("c").handleAsync((r, e) -> {
                  semaphore.release();
                  return r;
                });
                // Read only to be thrown again: the failure goes on into the dropped stage (battery 2, CH16).
                // BUG: Diagnostic contains: handle() is dropped
                service.unsubscribe("c").handle((r, e) -> {
                  if (e != null) {
                    throw new java.util.concurrent.CompletionException(e);
                  }
                  return r;
                });
              }

              void ignoredOnALocal(PubSub service, Semaphore semaphore) {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<Void> f = service.unsubscribe("c");
                f.whenComplete((r, e) -> semaphore.release());
              }

              void readsTheFailure(PubSub service, Semaphore semaphore) {
                service.unsubscribe("c").whenComplete((r, e) -> {
                  if (e != null) {
                    semaphore.release();
                  }
                });
                service.unsubscribe("c").handle((r, e) -> e == null);
                service.unsubscribe("c").whenComplete((r, e) -> report(e));
              }

              void notALambda(PubSub service, BiConsumer<Void, Throwable> callback) {
                service.unsubscribe("c").whenComplete(callback);
                service.unsubscribe("c").whenComplete(this::done);
              }

              void parameterReceiver(CompletableFuture<Void> destroy, Runnable retry) {
                destroy.whenComplete((v, th) -> retry.run());
              }

              CompletableFuture<String> returnedSource(Runnable metric) {
                CompletableFuture<String> result = call();
                result.whenComplete((r, t) -> metric.run());
                return result;
              }

              CompletableFuture<Void> resultKept(PubSub service, Semaphore semaphore) {
                return service.unsubscribe("c").whenComplete((r, e) -> semaphore.release());
              }

              abstract void report(Throwable failure);

              abstract void done(Void result, Throwable failure);
            }
            """)
        .doTest();
  }

  @Test
  void identificationFuturesWithNoNewWork() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.Executor;

            abstract class A {
              static final class Request {
                private final CompletableFuture<String> future = new CompletableFuture<>();

                CompletableFuture<String> getFuture() {
                  return future;
                }

                CompletableFuture<String> start() {
                  return CompletableFuture.supplyAsync(() -> "x");
                }

                private CompletableFuture<String> lazy;

                synchronized CompletableFuture<String> lazy() {
                  if (lazy == null) {
                    lazy = new CompletableFuture<>();
                  }
                  return lazy;
                }

                CompletableFuture<String> fieldOrWork(boolean b) {
                  return b ? future : start();
                }

                CompletableFuture<String> fieldOrNewWork() {
                  if (lazy != null) {
                    return lazy;
                  }
                  return CompletableFuture.supplyAsync(() -> "y");
                }
              }

              interface Source {
                CompletionStage<Void> stage();
              }

              void heldByItsRequest(Request request) {
                CompletableFuture<String> future = request.getFuture();
                if (future.isCancelled()) {
                  return;
                }
                request.getFuture();
                request.lazy().orTimeout(1, java.util.concurrent.TimeUnit.SECONDS);
              }

              void accessorsThatMayStartWork(Request request) {
                // BUG: Diagnostic contains: fieldOrWork() is dropped
                request.fieldOrWork(true);
                // BUG: Diagnostic contains: fieldOrNewWork() is dropped
                request.fieldOrNewWork();
              }

              void accessorThatStartsWork(Request request) {
                // BUG: Diagnostic contains: start() is dropped
                request.start();
              }

              CompletionStage<String> completed(String value, boolean remap, Executor executor) {
                CompletableFuture<String> next = CompletableFuture.completedFuture(value);
                if (remap) {
                  next = CompletableFuture.supplyAsync(() -> value, executor);
                }
                return next.thenApply(String::trim);
              }

              void convertedParameter(CompletionStage<Void> stage) {
                CompletableFuture<Void> future = stage.toCompletableFuture();
                if (future.isCompletedExceptionally()) {
                  return;
                }
              }

              void convertedFreshWork(Source source) {
                // BUG: Diagnostic contains: toCompletableFuture() is dropped
                source.stage().toCompletableFuture();
              }

              void guavaViewsAndSettables(
                  com.google.common.util.concurrent.ListenableFuture<String> held,
                  com.google.common.util.concurrent.ListeningExecutorService executor) {
                com.google.common.util.concurrent.FluentFuture.from(held);
                com.google.common.util.concurrent.SettableFuture<String> settable =
                    com.google.common.util.concurrent.SettableFuture.create();
                settable.isDone();
                // BUG: Diagnostic contains: from() is dropped
                com.google.common.util.concurrent.FluentFuture.from(executor.submit(() -> "x"));
                com.google.common.util.concurrent.ListenableFuture<String> fresh =
                    executor.submit(() -> "x");
                // BUG: Diagnostic contains: not observed on every path
                com.google.common.util.concurrent.FluentFuture<String> view =
                    com.google.common.util.concurrent.FluentFuture.from(fresh);
                view.isDone();
              }

              void convertedLocal(Source source) {
                CompletionStage<Void> stage = source.stage();
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<Void> future = stage.toCompletableFuture();
                future.isDone();
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationCommandsTakenFromABatch() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            abstract class A {
              interface Bucket {
                CompletableFuture<Void> setAsync(String value);
              }

              interface Topic {
                CompletableFuture<Long> publishAsync(String message);
              }

              interface Batch {
                Bucket getBucket(String key);

                Topic getTopic(String name);

                List<Object> execute();

                CompletableFuture<List<Object>> executeAsync();
              }

              static final class BatchBucket implements Bucket {
                BatchBucket(Batch batch, String key) {}

                @Override
                public CompletableFuture<Void> setAsync(String value) {
                  return new CompletableFuture<>();
                }
              }

              /** The bucket a client hands out: a second implementation, so neither one decides alone. */
              static final class RemoteBucket implements Bucket {
                @Override
                public CompletableFuture<Void> setAsync(String value) {
                  return CompletableFuture.runAsync(() -> {});
                }
              }

              interface Client {
                Bucket getBucket(String key);

                CompletableFuture<Void> flushAsync();
              }

              private Batch batch;

              abstract Batch createBatch();

              void batchInAField() {
                batch.getBucket("k").setAsync("v");
              }

              void executedSynchronously() {
                Batch b = createBatch();
                b.getBucket("k").setAsync("v");
                b.execute();
              }

              void throughALocal(Batch b) {
                Topic topic = b.getTopic("t");
                topic.publishAsync("m");
              }

              void objectBuiltOnTheBatch(Batch b) {
                new BatchBucket(b, "k").setAsync("v");
              }

              void noBatch(Client client) {
                // BUG: Diagnostic contains: setAsync() is dropped
                client.getBucket("k").setAsync("v");
                // BUG: Diagnostic contains: flushAsync() is dropped
                client.flushAsync();
              }

              void theBatchsOwnResult(Batch b) {
                b.getBucket("k").setAsync("v");
                // BUG: Diagnostic contains: executeAsync() is dropped
                b.executeAsync();
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationParameterThatEveryCallerGivesABatch() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Executor.java",
            """
            import java.util.concurrent.CompletableFuture;

            interface Executor {
              CompletableFuture<Void> writeAsync(String key);
            }
            """)
        .addSourceLines(
            "BatchService.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class BatchService implements Executor {
              @Override
              public CompletableFuture<Void> writeAsync(String key) {
                return new CompletableFuture<>();
              }

              CompletableFuture<List<Object>> executeAsync() {
                return new CompletableFuture<>();
              }
            }
            """)
        .addSourceLines(
            "Lock.java",
            """
            import java.util.concurrent.CompletableFuture;

            class Lock {
              Lock(Executor executor, String name) {}

              CompletableFuture<Void> unlockAsync() {
                return CompletableFuture.runAsync(() -> {});
              }
            }
            """)
        .addSourceLines(
            "Operation.java",
            """
            abstract class Operation {
              abstract void commit(Executor executor);

              abstract void rollback(Executor executor);

              static Lock lockOf(Executor executor, String name) {
                return new Lock(executor, name);
              }
            }
            """)
        .addSourceLines(
            "SetOperation.java",
            """
            class SetOperation extends Operation {
              @Override
              void commit(Executor executor) {
                executor.writeAsync("k");
                Lock lock = new Lock(executor, "l");
                lock.unlockAsync();
                lockOf(executor, "m").unlockAsync();
              }

              @Override
              void rollback(Executor executor) {
                // BUG: Diagnostic contains: unlockAsync() is dropped
                new Lock(executor, "l").unlockAsync();
              }
            }
            """)
        .addSourceLines(
            "Store.java",
            """
            import java.util.concurrent.CompletableFuture;

            class Store {
              Store(Executor executor) {}

              CompletableFuture<Void> putAsync(String key) {
                return CompletableFuture.runAsync(() -> {});
              }
            }
            """)
        .addSourceLines(
            "StoreOperation.java",
            """
            abstract class StoreOperation extends Operation {
              @Override
              final void commit(Executor executor) {
                Store store = new Store(executor);
                commit(store);
              }

              @Override
              void rollback(Executor executor) {}

              abstract void commit(Store store);
            }
            """)
        .addSourceLines(
            "PutOperation.java",
            """
            class PutOperation extends StoreOperation {
              @Override
              void commit(Store store) {
                store.putAsync("k");
              }

              void notFromABatch(Store store) {
                // BUG: Diagnostic contains: putAsync() is dropped
                store.putAsync("k");
              }

              void caller(Executor direct) {
                notFromABatch(new Store(direct));
              }
            }
            """)
        .addSourceLines(
            "Transaction.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class Transaction {
              CompletableFuture<List<Object>> commit(List<Operation> operations) {
                BatchService batch = new BatchService();
                for (Operation operation : operations) {
                  operation.commit(batch);
                }
                return batch.executeAsync();
              }

              void rollback(List<Operation> operations, Executor direct) {
                for (Operation operation : operations) {
                  operation.rollback(direct);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationCalleeWatchesWhatItReturns() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.FutureCallback;
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.ExecutorService;
            import java.util.logging.Level;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");

              private final CompletableFuture<Void> closed = new CompletableFuture<>();

              abstract CompletableFuture<Void> sendJson(String message);

              CompletionStage<Void> sendLogged(String message) {
                try {
                  if (message.isEmpty()) {
                    return CompletableFuture.completedFuture(null);
                  }
                  return sendJson(message)
                      .whenComplete(
                          (v, e) -> {
                            if (e != null) {
                              LOG.log(Level.FINE, "send failed", e);
                            }
                          });
                } catch (RuntimeException e) {
                  LOG.log(Level.FINE, "unexpected", e);
                  return CompletableFuture.failedFuture(e);
                }
              }

              CompletableFuture<Void> sendWatched(String message) {
                CompletableFuture<Void> result = sendJson(message);
                result.exceptionally(
                    e -> {
                      LOG.log(Level.WARNING, "send failed", e);
                      return null;
                    });
                return result;
              }

              ListenableFuture<String> submitWatched(
                  ListeningExecutorService executor, FutureCallback<String> callback) {
                ListenableFuture<String> f = executor.submit(() -> "x");
                Futures.addCallback(f, callback, MoreExecutors.directExecutor());
                return f;
              }

              ListenableFuture<String> listenedTo(ListeningExecutorService executor) {
                ListenableFuture<String> f = executor.submit(() -> "x");
                f.addListener(() -> record(f), MoreExecutors.directExecutor());
                return f;
              }

              ListenableFuture<String> listenerIgnoresIt(ListeningExecutorService executor) {
                ListenableFuture<String> f = executor.submit(() -> "x");
                f.addListener(() -> LOG.fine("done"), MoreExecutors.directExecutor());
                return f;
              }

              abstract void record(ListenableFuture<String> f);

              CompletableFuture<Void> kept(String message) {
                CompletableFuture<Void> f = sendJson(message);
                pending = f;
                return f;
              }

              private CompletableFuture<Void> pending;

              CompletableFuture<Void> closeFuture() {
                return closed;
              }

              private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> cached =
                  new java.util.concurrent.atomic.AtomicReference<>();
              private final java.util.Map<String, CompletableFuture<Void>> byKey = new java.util.HashMap<>();

              CompletableFuture<Void> prepare(String message) {
                if (cached.get() == null) {
                  cached.set(sendJson(message));
                }
                return cached.get();
              }

              CompletableFuture<Void> requestFor(String key) {
                return byKey.get(key);
              }

              private final java.util.concurrent.ExecutorService pool =
                  java.util.concurrent.Executors.newSingleThreadExecutor();

              java.util.concurrent.Future<?> startOnTheFieldsPool(Runnable work) {
                return pool.submit(work);
              }

              <T> CompletableFuture<T> track(String name, CompletableFuture<T> given) {
                LOG.fine(name);
                return given;
              }

              private CompletableFuture<String> pendingString;
              private final java.util.List<CompletableFuture<String>> tracked =
                  new java.util.ArrayList<>();

              CompletableFuture<String> trackPending(CompletableFuture<String> given) {
                tracked.add(given);
                return given;
              }

              A self() {
                return this;
              }

              CompletableFuture<Void> twoCallsDeep(String message) {
                return message.isEmpty() ? null : sendWatched(message);
              }

              CompletableFuture<Void> fresh(String message) {
                LOG.fine(message);
                return sendJson(message);
              }

              CompletableFuture<Void> freshOnOneBranch(String message) {
                if (message.isEmpty()) {
                  return closed;
                }
                return sendJson(message);
              }

              CompletableFuture<Void> callbackIgnoresTheFailure(String message) {
                return sendJson(message).whenComplete((v, e) -> LOG.fine("sent"));
              }

              CompletableFuture<Void> failureHandedOnUnlogged(String message) {
                try {
                  return sendJson(message);
                } catch (RuntimeException e) {
                  return CompletableFuture.failedFuture(e);
                }
              }

              record Pending(CompletableFuture<Void> done) {}

              interface Sender {
                CompletableFuture<Void> send(String message);

                default CompletableFuture<Void> sendTwice(String message) {
                  return send(message).thenCompose(v -> send(message));
                }
              }

              void heldByARecordOrFreshFromADefault(Pending pending, Sender sender) {
                pending.done();
                // BUG: Diagnostic contains: sendTwice() is dropped
                sender.sendTwice("x");
              }

              void callers(ListeningExecutorService executor, FutureCallback<String> callback) {
                sendLogged("a");
                sendWatched("b");
                submitWatched(executor, callback);
                listenedTo(executor);
                // BUG: Diagnostic contains: listenerIgnoresIt() is dropped
                listenerIgnoresIt(executor);
                kept("c");
                closeFuture();
                prepare("p");
                requestFor("q");
                // BUG: Diagnostic contains: startOnTheFieldsPool() is dropped
                startOnTheFieldsPool(() -> {});
                track("d", pendingString);
                trackPending(new CompletableFuture<String>());
                // A fresh future handed back unfailed carries no work: no evidence, no finding (CalleeEvidence).
                track("d2", new CompletableFuture<String>());
                twoCallsDeep("e");
                // BUG: Diagnostic contains: fresh() is dropped
                fresh("f");
                // BUG: Diagnostic contains: freshOnOneBranch() is dropped
                freshOnOneBranch("g");
                // BUG: Diagnostic contains: callbackIgnoresTheFailure() is dropped
                callbackIgnoresTheFailure("h");
                // BUG: Diagnostic contains: failureHandedOnUnlogged() is dropped
                failureHandedOnUnlogged("i");
                // BUG: Diagnostic contains: sendJson() is dropped
                sendJson("j");
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSameBuildCalleesSeenThrough() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "io/netty/util/concurrent/GenericFutureListener.java",
            """
            package io.netty.util.concurrent;

            public interface GenericFutureListener<F extends Future<?>> {
              void operationComplete(F future) throws Exception;
            }
            """)
        .addSourceLines(
            "io/netty/util/concurrent/Future.java",
            """
            package io.netty.util.concurrent;

            public interface Future<V> extends java.util.concurrent.Future<V> {
              Future<V> addListener(GenericFutureListener<Future<V>> listener);

              boolean isSuccess();

              Throwable cause();
            }
            """)
        .addSourceLines(
            "io/netty/channel/Channel.java",
            """
            package io.netty.channel;

            public interface Channel {
              io.netty.util.concurrent.Future<Void> closeFuture();
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import io.netty.util.concurrent.Future;
            import io.netty.util.concurrent.GenericFutureListener;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.atomic.AtomicInteger;

            abstract class A {
              private final AtomicInteger sent = new AtomicInteger();
              private final GenericFutureListener<Future<Void>> countSent =
                  f -> {
                    if (f.isSuccess()) {
                      sent.incrementAndGet();
                    }
                  };
              private final Future<Void> heldPromise = null;

              abstract Future<Void> write(Object message);

              abstract Future<Void> newPromise();

              abstract Future<Void> write(Object message, Future<Void> promise);

              Future<Void> sendCounted(Object message) {
                Future<Void> result = write(message);
                result.addListener(countSent);
                return result;
              }

              Future<Void> sendLogged(Object message) {
                Future<Void> result = write(message);
                result.addListener(
                    f -> {
                      if (!f.isSuccess()) {
                        System.err.println(f.cause());
                      }
                    });
                return result;
              }

              Future<Void> release(Object channel, Future<Void> promise) {
                write(channel, promise);
                return promise;
              }

              Future<Void> release(Object channel) {
                return release(channel, newPromise());
              }

              static class Base {
                CompletableFuture<Void> cancelAsync() {
                  return CompletableFuture.completedFuture(null);
                }
              }

              static class Remote extends Base {
                @Override
                CompletableFuture<Void> cancelAsync() {
                  return CompletableFuture.runAsync(() -> {});
                }
              }

              Future<Void> closeAsync(io.netty.channel.Channel channel) {
                return channel.closeFuture();
              }

              void callers(Base base, io.netty.channel.Channel channel) {
                closeAsync(channel);
                sendLogged("a");
                release("b", heldPromise);
                // BUG: Diagnostic contains: sendCounted() is dropped
                sendCounted("c");
                // BUG: Diagnostic contains: release() is dropped
                release("d");
                // BUG: Diagnostic contains: release() is dropped
                release("e", newPromise());
                // BUG: Diagnostic contains: cancelAsync() is dropped
                base.cancelAsync();
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSelfReportingHelper() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            abstract class A {
              abstract CompletableFuture<String> attempt();

              private void attemptReported(CompletableFuture<String> result) {
                CompletableFuture<String> response;
                try {
                  response = attempt();
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                  return;
                }
                response.whenComplete(
                    (r, e) -> {
                      if (e != null) {
                        result.completeExceptionally(e);
                      } else {
                        result.complete(r);
                      }
                    });
              }

              private void poll() {
                try {
                  attempt().join();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }

              private void pollUnguarded() {
                attempt().join();
              }

              private volatile boolean closed;

              private void pollAfterSetUp() {
                if (closed) {
                  return;
                }
                String previous = Thread.currentThread().getName();
                java.util.logging.Logger.getLogger("poll").fine("polling from " + previous);
                try {
                  attempt().join();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }

              private final java.util.concurrent.Semaphore inProgress =
                  new java.util.concurrent.Semaphore(1);

              private void pollIfNotInProgress() {
                if (inProgress.tryAcquire()) {
                  try {
                    attempt().join();
                  } catch (Throwable t) {
                    System.err.println(t);
                  } finally {
                    inProgress.release();
                  }
                } else {
                  java.util.logging.Logger.getLogger("poll").warning("still in progress");
                }
              }

              private void pollOnOneBranchOnly(boolean b) {
                if (b) {
                  try {
                    attempt().join();
                  } catch (Throwable t) {
                    System.err.println(t);
                  }
                } else {
                  attempt().join();
                }
              }

              private void pollAfterWork() {
                attempt().join();
                try {
                  attempt().join();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }

              private void pollThenMore() {
                try {
                  attempt().join();
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
                System.out.println(attempt().join());
              }

              void selfReporting(ScheduledExecutorService scheduler, CompletableFuture<String> f) {
                scheduler.schedule(() -> attemptReported(f), 10, TimeUnit.MILLISECONDS);
                scheduler.submit(
                    () -> {
                      poll();
                    });
                scheduler.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
                scheduler.scheduleWithFixedDelay(this::pollAfterSetUp, 1, 1, TimeUnit.SECONDS);
                scheduler.scheduleWithFixedDelay(this::pollIfNotInProgress, 1, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(() -> pollOnOneBranchOnly(true), 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: scheduleWithFixedDelay() is dropped
                scheduler.scheduleWithFixedDelay(this::pollAfterWork, 1, 1, TimeUnit.SECONDS);
              }

              void timeoutGuards(ScheduledExecutorService scheduler, CompletableFuture<String> f) {
                scheduler.schedule(
                    () -> f.completeExceptionally(new java.util.concurrent.TimeoutException("t")),
                    10,
                    TimeUnit.MILLISECONDS);
                scheduler.schedule(
                    () -> {
                      f.cancel(false);
                    },
                    10,
                    TimeUnit.MILLISECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(
                    () -> {
                      f.cancel(false);
                      pollUnguarded();
                    },
                    10,
                    TimeUnit.MILLISECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(() -> f.complete(attempt().join()), 10, TimeUnit.MILLISECONDS);
              }

              void notSelfReporting(ExecutorService executor) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(this::pollUnguarded);
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> pollThenMore());
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(
                    () -> {
                      poll();
                      pollUnguarded();
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSelfReportingTaskClass() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.function.Consumer;

            class A {
              static final class ScheduledExecution implements Runnable {
                private final Consumer<Exception> callback;

                ScheduledExecution(Consumer<Exception> callback) {
                  this.callback = callback;
                }

                @Override
                public void run() {
                  try {
                    proceed();
                  } catch (Exception ex) {
                    callback.accept(ex);
                  }
                }

                void proceed() throws Exception {}
              }

              static final class Unguarded implements Runnable {
                @Override
                public void run() {
                  System.out.println("x");
                }
              }

              static final class Rethrows implements Callable<String> {
                @Override
                public String call() throws Exception {
                  try {
                    return "x";
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              }

              void selfReporting(ScheduledExecutorService scheduler, Consumer<Exception> callback) {
                scheduler.schedule(new ScheduledExecution(callback), 1, TimeUnit.MILLISECONDS);
                scheduler.submit(
                    new Runnable() {
                      @Override
                      public void run() {
                        try {
                          System.out.println("x");
                        } catch (RuntimeException e) {
                          callback.accept(e);
                        }
                      }
                    });
              }

              static class Refresher implements Runnable {
                @Override
                public void run() {
                  try {
                    System.out.println("refresh");
                  } catch (Throwable t) {
                    System.err.println(t);
                  }
                }
              }

              static class Replaced implements Runnable {
                @Override
                public void run() {
                  try {
                    System.out.println("refresh");
                  } catch (Throwable t) {
                    System.err.println(t);
                  }
                }
              }

              static final class Replacing extends Replaced {
                @Override
                public void run() {
                  throw new IllegalStateException();
                }
              }

              private final Refresher refresher = new Refresher();
              private final Replaced replaced = new Replacing();
              private final Unguarded unguarded = new Unguarded();

              void taskHeldInAFieldOrALocal(ScheduledExecutorService scheduler, long delay) {
                // Primitive (and array) arguments have type symbols without members.
                scheduler.scheduleWithFixedDelay(refresher, delay, delay, TimeUnit.SECONDS);
                Object[] arguments = {delay};
                // BUG: Diagnostic contains: submit() is dropped
                scheduler.submit(() -> System.out.println(arguments.length), arguments);
                Refresher local = new Refresher();
                scheduler.submit(local);
                // BUG: Diagnostic contains: scheduleWithFixedDelay() is dropped
                scheduler.scheduleWithFixedDelay(replaced, 1, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: submit() is dropped
                scheduler.submit(unguarded);
              }

              void notSelfReporting(ExecutorService executor) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(new Unguarded());
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(new Rethrows());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationDerivedStageOfAHeldSource() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.ArrayDeque;
            import java.util.Queue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Supplier;

            class A {
              private final CompletableFuture<Void> firstRequest = new CompletableFuture<>();
              private final Queue<CompletableFuture<Void>> waiters = new ArrayDeque<>();

              /** Hands out a permit it keeps: the semaphore completes it. */
              CompletableFuture<Void> acquire() {
                CompletableFuture<Void> permit = new CompletableFuture<>();
                waiters.add(permit);
                return permit;
              }

              private final ListenableFuture<String> loaded;

              A(ListenableFuture<String> loaded) {
                this.loaded = loaded;
              }

              void heldSources() {
                firstRequest.thenRun(() -> System.out.println("first"));
                this.firstRequest.thenAccept(v -> System.out.println(v));
                Futures.transform(loaded, String::length, MoreExecutors.directExecutor());
                acquire().thenAccept(v -> System.out.println("permit"));
                CompletableFuture<Void> permit = acquire();
                permit.thenRun(() -> System.out.println("permit"));
                CompletableFuture<Void> held = firstRequest;
                held.thenRun(() -> System.out.println("held"));
              }

              void localDerivedFromAHeldSource() {
                // Not a new obligation: the stage fails only with the field's failure (and its action's throw).
                CompletableFuture<Void> logged = firstRequest.thenRun(() -> System.out.println("first"));
              }

              void parameterIsContinuedHere(CompletableFuture<String> parameter, ListenableFuture<String> lf) {
                // BUG: Diagnostic contains: thenApply() is dropped
                parameter.thenApply(String::length);
                // BUG: Diagnostic contains: transform() is dropped
                Futures.transform(lf, String::length, MoreExecutors.directExecutor());
                CompletableFuture<String> copy = parameter;
                // BUG: Diagnostic contains: thenRun() is dropped
                copy.thenRun(() -> System.out.println("copy"));
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<Integer> length = parameter.thenApply(String::length);
              }

              void freshSources(ExecutorService executor, ListeningExecutorService guava, Supplier<String> work) {
                // BUG: Diagnostic contains: thenApply() is dropped
                CompletableFuture.supplyAsync(work).thenApply(String::length);
                // BUG: Diagnostic contains: thenAccept() is dropped
                CompletableFuture.supplyAsync(work).thenApply(String::length).thenAccept(System.out::println);
                // BUG: Diagnostic contains: transform() is dropped
                Futures.transform(guava.submit(work::get), String::length, MoreExecutors.directExecutor());
                CompletableFuture<String> fresh = CompletableFuture.supplyAsync(work);
                // BUG: Diagnostic contains: thenRun() is dropped
                fresh.thenRun(() -> System.out.println("done"));
                CompletableFuture<String> again = CompletableFuture.supplyAsync(work);
                while (again.isDone()) {
                  again = again.thenApply(String::trim);
                }
                // BUG: Diagnostic contains: thenRun() is dropped
                again.thenRun(() -> System.out.println("done"));
              }

              private final java.util.List<CompletableFuture<String>> pendingChannels = new java.util.ArrayList<>();

              void loopVariables(Supplier<String> work) {
                for (CompletableFuture<String> pending : pendingChannels) {
                  pending.thenAccept(System.out::println);
                }
                java.util.List<CompletableFuture<String>> mine = new java.util.ArrayList<>();
                mine.add(CompletableFuture.supplyAsync(work));
                for (CompletableFuture<String> f : mine) {
                  // BUG: Diagnostic contains: thenAccept() is dropped
                  f.thenAccept(System.out::println);
                }
              }

              void localDerivedFromFreshWork(Supplier<String> work) {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<Integer> length = CompletableFuture.supplyAsync(work).thenApply(String::length);
              }

              void composedWorkIsNewWork() {
                // BUG: Diagnostic contains: thenCompose() is dropped
                firstRequest.thenCompose(v -> CompletableFuture.runAsync(() -> {}));
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSelfReportingShapes() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "com/example/logging/InternalLogger.java",
            """
            package com.example.logging;

            public interface InternalLogger {
              boolean isDebugEnabled();

              void debug(String message);

              void warn(String message);
            }
            """)
        .addSourceLines(
            "com/example/report/Reporter.java",
            """
            package com.example.report;

            public interface Reporter {
              void warn(String message);
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicBoolean;
            import java.util.logging.Logger;

            class A {
              private static final Logger LOG = Logger.getLogger("A");
              private final AtomicBoolean busy = new AtomicBoolean();
              private long startedAt;
              private int runs;

              static final class Guarded implements Runnable {
                private final Runnable delegate;

                Guarded(Runnable delegate) {
                  this.delegate = delegate;
                }

                @Override
                public void run() {
                  try {
                    delegate.run();
                  } catch (Throwable t) {
                    System.err.println(t);
                  }
                }
              }

              static final class Bare implements Runnable {
                @Override
                public void run() {
                  System.out.println("bare");
                }
              }

              private final Runnable metrics;
              Runnable exposed = new Guarded(() -> {});

              A(boolean plain) {
                this.metrics = plain ? new Guarded(() -> {}) : new Guarded(System::gc);
              }

              private static Runnable wrap(Runnable task, boolean log) {
                return log ? new Guarded(task) : new Guarded(() -> task.run());
              }

              private static Runnable leaky(Runnable task) {
                return task;
              }

              /** An assignment before the guarding try is set-up, like a local. */
              void publishSafely() {
                if (busy.compareAndSet(false, true)) {
                  this.startedAt = System.nanoTime();
                  runs++;
                  try {
                    System.out.println("publish");
                  } catch (Throwable e) {
                    System.err.println(e);
                  } finally {
                    busy.set(false);
                  }
                }
              }

              /** A finally that returns discards every failure of the try. */
              @SuppressWarnings("finally")
              Void callDiscardingFailures() throws Exception {
                this.startedAt = System.nanoTime();
                LOG.info("start");
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  System.out.println("end");
                  return null;
                }
              }

              /** A finally that throws replaces the failure: it still leaves the work. */
              @SuppressWarnings("finally")
              Void callFailingInFinally() throws Exception {
                try {
                  Thread.sleep(1);
                } finally {
                  throw new IllegalStateException();
                }
              }

              private void runLoop() {
                long version = -1;
                try {
                  System.out.println(version);
                } catch (Exception e) {
                  System.err.println(e);
                }
              }

              private void submitToExecutor(ExecutorService executor, Runnable command) {
                executor.submit(command);
              }

              private void submitUnguarded(ExecutorService executor, Runnable command) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(command);
              }

              void callers(ExecutorService executor) {
                submitToExecutor(executor, new Guarded(System::gc));
                submitToExecutor(
                    executor,
                    () -> {
                      try {
                        System.gc();
                      } catch (RuntimeException e) {
                        System.err.println(e);
                      }
                    });
                submitUnguarded(executor, new Guarded(System::gc));
                submitUnguarded(executor, new Bare());
              }

              void signalsOnly(ExecutorService executor, AtomicBoolean notified) {
                executor.submit(
                    () -> {
                      synchronized (A.this) {
                        notified.set(true);
                        A.this.notifyAll();
                      }
                    });
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(
                    () -> {
                      synchronized (A.this) {
                        notified.set(Boolean.parseBoolean("true"));
                        A.this.notifyAll();
                      }
                    });
              }

              private volatile Object scheduled;

              /** Guards that log and return, flags, and a branch that only picks values come before the try. */
              private void reconnect(int attempt) throws Exception {
                busy.set(false);
                scheduled = null;
                if (scheduled != null) {
                  LOG.fine("already scheduled");
                  return;
                }
                String level;
                if (attempt > 3) {
                  level = "WARN";
                } else {
                  level = "DEBUG";
                  runs = attempt;
                }
                try {
                  Thread.sleep(attempt);
                } catch (Exception e) {
                  LOG.warning(level + e);
                }
              }

              /** A guard that does work before returning is no set-up. */
              private void reconnectOrReport(int attempt) throws Exception {
                if (scheduled != null) {
                  System.gc();
                  return;
                }
                try {
                  Thread.sleep(attempt);
                } catch (Exception e) {
                  LOG.warning(String.valueOf(e));
                }
              }

              private com.example.logging.InternalLogger facade;
              private com.example.report.Reporter reporter;

              /** A library's own logging facade logs too: the else branch only logs. */
              void publishOrSkip() {
                if (busy.compareAndSet(false, true)) {
                  this.startedAt = System.nanoTime();
                  try {
                    System.out.println("publish");
                  } catch (Throwable e) {
                    facade.warn(String.valueOf(e));
                  }
                } else {
                  facade.warn("skipped");
                }
              }

              /** A log line under a level test is a log line. */
              void publishOrSkipQuietly() {
                if (busy.compareAndSet(false, true)) {
                  try {
                    System.out.println("publish");
                  } catch (Throwable e) {
                    facade.warn(String.valueOf(e));
                  }
                } else {
                  if (facade.isDebugEnabled()) {
                    facade.debug("skipped");
                  }
                }
              }

              /** A reporter that is no logging facade may do anything. */
              void publishOrReport() {
                if (busy.compareAndSet(false, true)) {
                  try {
                    System.out.println("publish");
                  } catch (Throwable e) {
                    facade.warn(String.valueOf(e));
                  }
                } else {
                  reporter.warn("skipped");
                }
              }

              void selfReporting(ScheduledExecutorService scheduler, Runnable task, boolean log) {
                scheduler.scheduleAtFixedRate(this::publishOrSkip, 1, 1, TimeUnit.SECONDS);
                scheduler.scheduleAtFixedRate(this::publishOrSkipQuietly, 1, 1, TimeUnit.SECONDS);
                scheduler.submit(
                    () -> {
                      A.this.reconnect(1);
                      return null;
                    });
                scheduler.submit(
                    new java.util.concurrent.Callable<Object>() {
                      @Override
                      public Object call() {
                        runLoop();
                        return null;
                      }
                    });
                // Run once, with a helper that reports whatever fails in it (HandledFailures).
                scheduler.submit(
                    new java.util.concurrent.Callable<Object>() {
                      @Override
                      public Object call() {
                        runLoop();
                        return String.valueOf(runs);
                      }
                    });
                scheduler.scheduleAtFixedRate(this::publishSafely, 1, 1, TimeUnit.SECONDS);
                scheduler.submit(this::callDiscardingFailures);
                Runnable wrapped = wrap(task, log);
                scheduler.schedule(wrapped, 1, TimeUnit.SECONDS);
                scheduler.submit(wrap(task, false));
                scheduler.scheduleWithFixedDelay(this.metrics, 1, 1, TimeUnit.SECONDS);
              }

              void notSelfReporting(ScheduledExecutorService scheduler, ExecutorService executor, Runnable task) {
                // BUG: Diagnostic contains: submit() is dropped
                scheduler.submit(this::callFailingInFinally);
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(leaky(task));
                Runnable reassigned = new Guarded(task);
                if (task == null) {
                  reassigned = new Bare();
                }
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(reassigned);
                // BUG: Diagnostic contains: submit() is dropped
                scheduler.submit(
                    () -> {
                      reconnectOrReport(1);
                      return null;
                    });
                // BUG: Diagnostic contains: scheduleAtFixedRate() is dropped
                scheduler.scheduleAtFixedRate(this::publishOrReport, 1, 1, TimeUnit.SECONDS);
                // A package-private, non-final field may be assigned from anywhere in the package.
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(exposed);
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationCalleeHandsBackItsReceiver() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;

            class A {
              private final CompletableFuture<String> pending = new CompletableFuture<>();

              static final class Aggregate extends CompletableFuture<String> {
                CompletableFuture<String> done() {
                  return super.orTimeout(1, TimeUnit.SECONDS);
                }

                CompletableFuture<String> doneOrSelf(boolean now) {
                  if (now) {
                    return finish();
                  }
                  return this;
                }

                private CompletableFuture<String> finish() {
                  return completeOnTimeout("x", 1, TimeUnit.SECONDS);
                }
              }

              CompletableFuture<String> bounded() {
                return pending.orTimeout(1, TimeUnit.SECONDS);
              }

              CompletableFuture<String> freshBounded() {
                return CompletableFuture.supplyAsync(() -> "x").orTimeout(1, TimeUnit.SECONDS);
              }

              void callers(Aggregate aggregate) {
                aggregate.done();
                aggregate.doneOrSelf(true);
                bounded();
                // BUG: Diagnostic contains: freshBounded() is dropped
                freshBounded();
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationWithoutGuava() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .withClasspath()
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void m(ExecutorService executor, boolean b) throws Exception {
                Future<?> awaited = executor.submit(() -> {});
                awaited.get();
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {});
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  cf.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementWrapsTheTaskWhereAwaitingWouldStall() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            class A {
              private volatile boolean running;

              void periodic(ScheduledExecutorService scheduler, Runnable command) throws Exception {
                scheduler.scheduleAtFixedRate(command, 1, 1, TimeUnit.SECONDS);
              }

              void backgroundLoop(ExecutorService executor) throws Exception {
                executor.submit(new Callable<Object>() {
                  @Override
                  public Object call() throws Exception {
                    loop();
                    return null;
                  }
                });
              }

              void lambdaLoop(ExecutorService executor) {
                executor.submit(() -> {
                  while (running) {
                    Thread.onSpinWait();
                  }
                });
              }

              private void loop() throws InterruptedException {
                while (running) {
                  Thread.sleep(10);
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            class A {
              private volatile boolean running;

              void periodic(ScheduledExecutorService scheduler, Runnable command) throws Exception {
                scheduler.scheduleAtFixedRate(
                    () -> {
                      try {
                        command.run();
                      } catch (RuntimeException failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }

              void backgroundLoop(ExecutorService executor) throws Exception {
                executor.submit(
                    () -> {
                      try {
                        return new Callable<Object>() {
                          @Override
                          public Object call() throws Exception {
                            loop();
                            return null;
                          }
                        }.call();
                      } catch (Exception failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                        return null;
                      }
                    });
              }

              void lambdaLoop(ExecutorService executor) {
                executor.submit(
                    () -> {
                      try {
                        {
                          while (running) {
                            Thread.onSpinWait();
                          }
                        }
                      } catch (RuntimeException failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    });
              }

              private void loop() throws InterruptedException {
                while (running) {
                  Thread.sleep(10);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementNeverAwaitsALoopingTaskOfAClass() {
    // The loop is in the class's run() (or the referenced method), not in the submitted expression: awaiting the
    // future would never return.
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class A {
              private BlockingQueue<Object> queue;

              class Drainer implements Runnable {
                @Override
                public void run() {
                  while (true) {
                    if (queue.poll() == null) {
                      throw new IllegalStateException("empty");
                    }
                  }
                }
              }

              void drain() {
                for (;;) {
                  queue.remove();
                }
              }

              void start(ExecutorService pool) throws Exception {
                pool.submit(new Drainer());
                pool.submit(this::drain);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.ExecutorService;

            class A {
              private BlockingQueue<Object> queue;

              class Drainer implements Runnable {
                @Override
                public void run() {
                  while (true) {
                    if (queue.poll() == null) {
                      throw new IllegalStateException("empty");
                    }
                  }
                }
              }

              void drain() {
                for (;;) {
                  queue.remove();
                }
              }

              void start(ExecutorService pool) throws Exception {
                pool.submit(
                    () -> {
                      try {
                        new Drainer().run();
                      } catch (RuntimeException failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    });
                pool.submit(this::drain);
              }
            }
            """)
        .doTest();
  }

  /** Task values that a wrapping fix would move into a lambda; every submission is a finding. */
  private static final String MOVED_TASKS =
      """
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;

      class A {
        static final class Step implements Runnable {
          private final String name;

          Step(String name, long at) {
            this.name = name;
          }

          @Override
          public void run() {
            if (name.isEmpty()) {
              throw new IllegalStateException("no name");
            }
          }
        }

        private final String fallback = "step";

        long now() {
          return System.nanoTime();
        }

        void plain(ScheduledExecutorService scheduler, String name) {
        // BUG: Diagnostic contains: LeakedFuture
          scheduler.schedule(new Step(name, 0L), 1, TimeUnit.SECONDS);
        }

        void finalField(ScheduledExecutorService scheduler) {
        // BUG: Diagnostic contains: LeakedFuture
          scheduler.schedule(new Step(this.fallback, 1L), 1, TimeUnit.SECONDS);
        }

        void reassigned(ScheduledExecutorService scheduler, String name) {
          if (name == null) {
            name = "";
          }
        // BUG: Diagnostic contains: LeakedFuture
          scheduler.schedule(new Step(name, 0L), 1, TimeUnit.SECONDS);
        }

        void evaluatedAtTheCall(ScheduledExecutorService scheduler, String name) {
        // BUG: Diagnostic contains: LeakedFuture
          scheduler.schedule(new Step(name, now()), 1, TimeUnit.SECONDS);
        }

        Future<?> asynchronousApi(ExecutorService pool, String name) {
        // BUG: Diagnostic contains: LeakedFuture
          pool.submit(new Step(name, now()));
          return pool.submit(() -> {});
        }
      }
      """;

  @Test
  void identificationTasksWhoseWrappingWouldMoveThem() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("A.java", MOVED_TASKS)
        .doTest();
  }

  @Test
  void replacementWrapsOnlyTaskValuesThatMoveUnchanged() {
    // Wrapping moves the task expression into a lambda: a reassigned local would not compile there, and a call in
    // it would run later, on the pool thread. Where blocking is wrong too (a schedule, an asynchronous API), no
    // fix is offered rather than an await that may hang.
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines("A.java", MOVED_TASKS)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            class A {
              static final class Step implements Runnable {
                private final String name;

                Step(String name, long at) {
                  this.name = name;
                }

                @Override
                public void run() {
                  if (name.isEmpty()) {
                    throw new IllegalStateException("no name");
                  }
                }
              }

              private final String fallback = "step";

              long now() {
                return System.nanoTime();
              }

              void plain(ScheduledExecutorService scheduler, String name) {
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.schedule(
                    () -> {
                      try {
                        new Step(name, 0L).run();
                      } catch (RuntimeException failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    },
                    1,
                    TimeUnit.SECONDS);
              }

              void finalField(ScheduledExecutorService scheduler) {
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.schedule(
                    () -> {
                      try {
                        new Step(this.fallback, 1L).run();
                      } catch (RuntimeException failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    },
                    1,
                    TimeUnit.SECONDS);
              }

              void reassigned(ScheduledExecutorService scheduler, String name) {
                if (name == null) {
                  name = "";
                }
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.schedule(new Step(name, 0L), 1, TimeUnit.SECONDS);
              }

              void evaluatedAtTheCall(ScheduledExecutorService scheduler, String name) {
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.schedule(new Step(name, now()), 1, TimeUnit.SECONDS);
              }

              Future<?> asynchronousApi(ExecutorService pool, String name) {
                // BUG: Diagnostic contains: LeakedFuture
                pool.submit(new Step(name, now()));
                return pool.submit(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationCollectedStreamsOfNewWork() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Importer.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.stream.Collectors;
            import java.util.stream.IntStream;

            class Importer {
              void queued(ExecutorService pool, List<String> files) {
                // BUG: Diagnostic contains: never read
                List<Future<Integer>> imports = files.stream().map(f -> pool.submit(() -> load(f))).toList();
                System.out.println("queued " + imports.size());
              }

              void ranged(int n) {
                // BUG: Diagnostic contains: never read
                List<CompletableFuture<Integer>> parts =
                    IntStream.range(0, n)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> load("part" + i)))
                        .collect(Collectors.toList());
              }

              void awaited(ExecutorService pool, List<String> files) throws Exception {
                List<Future<Integer>> imports = files.stream().map(f -> pool.submit(() -> load(f))).toList();
                for (Future<Integer> done : imports) {
                  done.get();
                }
              }

              List<Future<Integer>> returned(ExecutorService pool, List<String> files) {
                List<Future<Integer>> imports = files.stream().map(f -> pool.submit(() -> load(f))).toList();
                return imports;
              }

              void ofHeldFutures(List<CompletableFuture<Integer>> held) {
                List<CompletableFuture<Integer>> copies = held.stream().map(f -> f).toList();
                System.out.println(copies.size());
              }

              int load(String file) {
                if (file.isEmpty()) {
                  throw new IllegalArgumentException("no file");
                }
                return 1;
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationMapsOfFuturesNeverRead() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Lookups.java",
            """
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Lookups {
              void started(ExecutorService pool, List<String> names) {
                // BUG: Diagnostic contains: never read
                Map<String, Future<String>> byName = new HashMap<>();
                for (String name : names) {
                  byName.put(name, pool.submit(() -> resolve(name)));
                }
                System.out.println("resolving " + byName.size());
              }

              String first(ExecutorService pool, List<String> names) throws Exception {
                Map<String, Future<String>> byName = new HashMap<>();
                for (String name : names) {
                  byName.putIfAbsent(name, pool.submit(() -> resolve(name)));
                }
                return byName.get(names.get(0)).get();
              }

              String resolve(String name) {
                if (name.isEmpty()) {
                  throw new IllegalArgumentException("no name");
                }
                return name;
              }
            }
            """)
        .doTest();
  }

  /** A method named as asynchronous keeps its contract: the first fix reports the failure instead of waiting. */
  @Test
  void replacementKeepsAMethodNamedAsynchronousAsynchronous() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "Cache.java",
            """
            import java.util.concurrent.ExecutorService;

            class Cache {
              private final ExecutorService pool;

              Cache(ExecutorService pool) {
                this.pool = pool;
              }

              void refreshAsync(String key) {
                pool.submit(() -> reload(key));
              }

              void refresh(String key) {
                pool.submit(() -> reload(key));
              }

              void reload(String key) {
                if (key.isEmpty()) {
                  throw new IllegalArgumentException("no key");
                }
              }
            }
            """)
        .addOutputLines(
            "Cache.java",
            """
            import com.google.common.util.concurrent.Futures;
            import java.util.concurrent.ExecutorService;

            class Cache {
              private final ExecutorService pool;

              Cache(ExecutorService pool) {
                this.pool = pool;
              }

              void refreshAsync(String key) {
                pool.submit(() -> { try { reload(key); } catch (RuntimeException failure) { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); } });
              }

              void refresh(String key) {
                Futures.getUnchecked(pool.submit(() -> reload(key)));
              }

              void reload(String key) {
                if (key.isEmpty()) {
                  throw new IllegalArgumentException("no key");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void replacementAwaitsAnUnreadCollection() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "A.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void completable(List<Runnable> tasks) {
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(CompletableFuture.runAsync(task));
                }
              }

              void plain(ExecutorService executor, List<Runnable> tasks) throws Exception {
                List<Future<?>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(executor.submit(task));
                }
              }

              void guava(ExecutorService executor, List<Runnable> tasks) {
                List<Future<?>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(executor.submit(task));
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import com.google.common.util.concurrent.Futures;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void completable(List<Runnable> tasks) {
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(CompletableFuture.runAsync(task));
                }
                CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
              }

              void plain(ExecutorService executor, List<Runnable> tasks) throws Exception {
                List<Future<?>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(executor.submit(task));
                }
                for (Future<?> future : futures) {
                  future.get();
                }
              }

              void guava(ExecutorService executor, List<Runnable> tasks) {
                List<Future<?>> futures = new ArrayList<>();
                for (Runnable task : tasks) {
                  futures.add(executor.submit(task));
                }
                for (Future<?> future : futures) {
                  Futures.getUnchecked(future);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementNeverAwaitsAPeriodicScheduleInALocal() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;

            final class A {
              void start(ScheduledExecutorService scheduler, Runnable tick, boolean once) {
                ScheduledFuture<?> ticking = scheduler.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);
                if (once) {
                  ticking.cancel(false);
                }
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledFuture;
            import java.util.concurrent.TimeUnit;

            final class A {
              ScheduledFuture<?> start(ScheduledExecutorService scheduler, Runnable tick, boolean once) {
                ScheduledFuture<?> ticking = scheduler.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);
                if (once) {
                  ticking.cancel(false);
                }
                return ticking;
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSameBuildFuturesThatCanOnlySucceed() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.SettableFuture;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.concurrent.FutureTask;

            abstract class A {
              static final String DONE = "done";

              static final class Marker extends CompletableFuture<Void> {}

              abstract void work();

              abstract void register(CompletableFuture<Void> f);

              CompletableFuture<Void> completedInTask(ExecutorService executor) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                executor.execute(
                    () -> {
                      work();
                      done.complete(null);
                    });
                return done;
              }

              SettableFuture<String> settable(ExecutorService executor) {
                SettableFuture<String> result = SettableFuture.create();
                if (result.isDone()) {
                  return result;
                }
                executor.execute(() -> result.set("x"));
                return result;
              }

              CompletableFuture<Void> sameBuildMarker() {
                Marker marker = new Marker();
                marker.complete(null);
                return marker;
              }

              CompletableFuture<Void> neverCompleted() {
                return new CompletableFuture<>();
              }

              Future<String> constantTask(ExecutorService executor) {
                FutureTask<String> task = new FutureTask<>(() -> DONE);
                executor.execute(task);
                return task;
              }

              Future<Void> emptyTask() {
                return new FutureTask<>(() -> {}, null);
              }

              CompletableFuture<Void> failedInTask(ExecutorService executor) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                executor.execute(
                    () -> {
                      try {
                        work();
                        done.complete(null);
                      } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                      }
                    });
                return done;
              }

              CompletableFuture<Void> handedToAnUnknownMethod() {
                CompletableFuture<Void> done = new CompletableFuture<>();
                register(done);
                return done;
              }

              CompletableFuture<Void> reassigned(ExecutorService executor) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                done = CompletableFuture.runAsync(this::work, executor);
                return done;
              }

              CompletableFuture<Void> timesOut() {
                CompletableFuture<Void> done = new CompletableFuture<>();
                done.orTimeout(1, java.util.concurrent.TimeUnit.SECONDS);
                return done;
              }

              Future<String> taskThatMayFail(ExecutorService executor) {
                FutureTask<String> task = new FutureTask<>(() -> String.valueOf(executor));
                executor.execute(task);
                return task;
              }

              /** Wraps a write it starts itself: its get() can fail. */
              final class WriteFuture implements Future<Boolean> {
                private final Future<Integer> written;

                WriteFuture() {
                  written = startWrite();
                }

                @Override
                public boolean cancel(boolean interrupt) {
                  return written.cancel(interrupt);
                }

                @Override
                public boolean isCancelled() {
                  return written.isCancelled();
                }

                @Override
                public boolean isDone() {
                  return written.isDone();
                }

                @Override
                public Boolean get() throws InterruptedException, java.util.concurrent.ExecutionException {
                  return written.get() >= 0;
                }

                @Override
                public Boolean get(long timeout, java.util.concurrent.TimeUnit unit)
                    throws InterruptedException, java.util.concurrent.ExecutionException,
                        java.util.concurrent.TimeoutException {
                  return written.get(timeout, unit) >= 0;
                }
              }

              abstract Future<Integer> startWrite();

              Future<Boolean> flush() {
                return new WriteFuture();
              }

              static class Base {
                CompletableFuture<Void> start() {
                  CompletableFuture<Void> done = new CompletableFuture<>();
                  done.complete(null);
                  return done;
                }
              }

              static class Remote extends Base {
                @Override
                CompletableFuture<Void> start() {
                  return CompletableFuture.runAsync(() -> {});
                }
              }

              void callers(ExecutorService executor, Base base) {
                completedInTask(executor);
                settable(executor);
                sameBuildMarker();
                neverCompleted();
                constantTask(executor);
                emptyTask();
                // BUG: Diagnostic contains: failedInTask() is dropped
                failedInTask(executor);
                // BUG: Diagnostic contains: handedToAnUnknownMethod() is dropped
                handedToAnUnknownMethod();
                // BUG: Diagnostic contains: reassigned() is dropped
                reassigned(executor);
                // BUG: Diagnostic contains: timesOut() is dropped
                timesOut();
                // BUG: Diagnostic contains: taskThatMayFail() is dropped
                taskThatMayFail(executor);
                // BUG: Diagnostic contains: start() is dropped
                base.start();
                // BUG: Diagnostic contains: flush() is dropped
                flush();
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSameBuildCalleeHandsBackItsParameter() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            abstract class A {
              private final Future<?> running = null;

              abstract void log(Object message);

              <T extends Future<?>> T track(T future) {
                log(future);
                return future;
              }

              void callers(ExecutorService executor, Future<?> given, Runnable task) {
                Future<?> local = executor.submit(task);
                track(local);
                track(given);
                track(running);
                track(CompletableFuture.completedFuture("x"));
                // BUG: Diagnostic contains: track() is dropped
                track(executor.submit(task));
              }

              void localNeverObservedOtherwise(ExecutorService executor, Runnable task) {
                // BUG: Diagnostic contains: The future in local is not observed
                Future<?> local = executor.submit(task);
                local.isDone();
                // BUG: Diagnostic contains: track() is dropped
                track(CompletableFuture.runAsync(task));
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationNettyHttp2WritesThatReportTheirFailure() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "io/netty/util/concurrent/Future.java",
            """
            package io.netty.util.concurrent;

            public interface Future<V> extends java.util.concurrent.Future<V> {}
            """)
        .addSourceLines(
            "io/netty/channel/ChannelFuture.java",
            """
            package io.netty.channel;

            public interface ChannelFuture extends io.netty.util.concurrent.Future<Void> {}
            """)
        .addSourceLines(
            "io/netty/channel/ChannelPromise.java",
            """
            package io.netty.channel;

            public interface ChannelPromise extends ChannelFuture {}
            """)
        .addSourceLines(
            "io/netty/handler/codec/http2/Http2FrameWriter.java",
            """
            package io.netty.handler.codec.http2;

            import io.netty.channel.ChannelFuture;
            import io.netty.channel.ChannelPromise;

            public interface Http2FrameWriter {
              ChannelFuture writeHeaders(Object ctx, int streamId, Object headers, ChannelPromise p);

              ChannelFuture writeRstStream(Object ctx, int streamId, long errorCode, ChannelPromise p);

              ChannelFuture writePing(Object ctx, boolean ack, long data, ChannelPromise p);
            }
            """)
        .addSourceLines(
            "io/netty/handler/codec/http2/Http2ConnectionEncoder.java",
            """
            package io.netty.handler.codec.http2;

            public interface Http2ConnectionEncoder extends Http2FrameWriter {}
            """)
        .addSourceLines(
            "io/netty/handler/codec/http2/Http2LifecycleManager.java",
            """
            package io.netty.handler.codec.http2;

            import io.netty.channel.ChannelFuture;
            import io.netty.channel.ChannelPromise;

            public interface Http2LifecycleManager {
              ChannelFuture resetStream(Object ctx, int streamId, long errorCode, ChannelPromise p);

              ChannelFuture goAway(Object ctx, int lastStreamId, long errorCode, ChannelPromise p);
            }
            """)
        .addSourceLines(
            "org/apache/hbase/thirdparty/io/netty/handler/codec/http2/Http2ConnectionEncoder.java",
            """
            package org.apache.hbase.thirdparty.io.netty.handler.codec.http2;

            public interface Http2ConnectionEncoder {
              io.netty.channel.ChannelFuture writeData(
                  Object ctx, int streamId, Object data, io.netty.channel.ChannelPromise p);
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import io.netty.channel.ChannelPromise;
            import io.netty.handler.codec.http2.Http2ConnectionEncoder;
            import io.netty.handler.codec.http2.Http2FrameWriter;
            import io.netty.handler.codec.http2.Http2LifecycleManager;

            abstract class A {
              abstract ChannelPromise newPromise();

              abstract static class Encoder implements Http2ConnectionEncoder {
                void resetOwn(Object ctx) {
                  writeRstStream(ctx, 1, 8, null);
                }
              }

              /** A handler's own lifecycle calls, made from an anonymous visitor and an inner class. */
              abstract static class Handler implements Http2LifecycleManager {
                abstract ChannelPromise newPromise();

                void forEachStream(Object ctx) {
                  Runnable visitor =
                      new Runnable() {
                        @Override
                        public void run() {
                          resetStream(ctx, 1, 8, newPromise());
                        }
                      };
                  visitor.run();
                }

                final class GracefulShutdown {
                  void start(Object ctx) {
                    goAway(ctx, Integer.MAX_VALUE, 0, newPromise());
                  }
                }
              }

              void callers(
                  Object ctx,
                  Http2ConnectionEncoder encoder,
                  Http2LifecycleManager lifecycle,
                  Http2FrameWriter frameWriter,
                  org.apache.hbase.thirdparty.io.netty.handler.codec.http2.Http2ConnectionEncoder
                      relocated) {
                encoder.writeHeaders(ctx, 1, null, newPromise());
                encoder.writeRstStream(ctx, 1, 8, newPromise());
                lifecycle.resetStream(ctx, 1, 8, newPromise());
                lifecycle.goAway(ctx, 1, 0, newPromise());
                relocated.writeData(ctx, 1, null, newPromise());
                // BUG: Diagnostic contains: writePing() is dropped
                encoder.writePing(ctx, false, 1L, newPromise());
                // BUG: Diagnostic contains: writeHeaders() is dropped
                frameWriter.writeHeaders(ctx, 1, null, newPromise());
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationScheduledTaskThatOnlyForwards() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            abstract class A {
              private final ScheduledExecutorService scheduler = null;
              private final ExecutorService workers = null;
              private final Runnable task = null;

              abstract Runnable makeTask();

              abstract void work();

              private void tick() {
                workers.execute(task);
              }

              private void tickAndWork() {
                workers.execute(task);
                work();
              }

              void callers() {
                scheduler.schedule(() -> workers.execute(task), 1, TimeUnit.SECONDS);
                scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
                scheduler.scheduleWithFixedDelay(() -> tick(), 1, 1, TimeUnit.SECONDS);
                scheduler.schedule(
                    () -> {
                      workers.execute(() -> work());
                    },
                    1,
                    TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(() -> workers.submit(task), 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(() -> workers.execute(makeTask()), 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: scheduleAtFixedRate() is dropped
                scheduler.scheduleAtFixedRate(this::tickAndWork, 1, 1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: schedule() is dropped
                scheduler.schedule(() -> work(), 1, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  /** Same-build pools in the shapes of {@code ThreadPoolExecutor}'s Javadoc example and of a counting override. */
  static final String SAME_BUILD_POOLS =
      """
      import java.util.concurrent.CancellationException;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.Future;
      import java.util.concurrent.LinkedBlockingQueue;
      import java.util.concurrent.ScheduledThreadPoolExecutor;
      import java.util.concurrent.ThreadPoolExecutor;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.atomic.AtomicInteger;
      import java.util.logging.Level;
      import java.util.logging.Logger;

      final class Pools {
        private static final Logger LOG = Logger.getLogger("Pools");

        private Pools() {}

        /** Reads every done future task and logs what failed, as the ThreadPoolExecutor Javadoc shows. */
        static class LoggingPool extends ThreadPoolExecutor {
          LoggingPool(int threads) {
            super(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            super.afterExecute(r, t);
            if (t == null && r instanceof Future<?> future && future.isDone()) {
              try {
                future.get();
              } catch (CancellationException e) {
                t = e;
              } catch (ExecutionException e) {
                t = e.getCause();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (t != null) {
              LOG.log(Level.SEVERE, "task failed", t);
            }
          }
        }

        /** Hands the runnable to a helper of its own that reads the future and logs its failure. */
        static class HelperScheduler extends ScheduledThreadPoolExecutor {
          HelperScheduler() {
            super(1);
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            super.afterExecute(r, t);
            logFailure(r);
          }

          private static void logFailure(Runnable r) {
            if (r instanceof Future<?> && ((Future<?>) r).isDone()) {
              try {
                ((Future<?>) r).get();
              } catch (Exception e) {
                LOG.warning("task failed: " + e);
              }
            }
          }
        }

        /** Reads the future but drops what it caught: nothing is reported. */
        static class SwallowingPool extends ThreadPoolExecutor {
          SwallowingPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            if (r instanceof Future<?> future && future.isDone()) {
              try {
                future.get();
              } catch (Exception ignored) {
                LOG.fine("task done");
              }
            }
          }
        }

        /** Logs only the throwable: an execute'd task's throw, never a future task's failure. */
        static class ThrowableLoggingPool extends ThreadPoolExecutor {
          ThrowableLoggingPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            if (t != null) {
              LOG.log(Level.SEVERE, "task failed", t);
            }
          }
        }

        /** Counts tasks and tests the throwable, as Tomcat's pool does: not a report. */
        static class CountingPool extends ThreadPoolExecutor {
          private final AtomicInteger submitted = new AtomicInteger();

          CountingPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            if (!(t instanceof IllegalStateException)) {
              submitted.decrementAndGet();
            }
          }
        }
      }
      """;

  @Test
  void identificationExecutorsThatReportTheirTasksFailures() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Pools.java", SAME_BUILD_POOLS)
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;

            abstract class A {
              private ExecutorService launcher = new Pools.LoggingPool(2);
              private ScheduledExecutorService cleaner;
              private ExecutorService uploader;
              private ScheduledExecutorService deleter;
              private final ExecutorService plain = Executors.newFixedThreadPool(2);
              private ExecutorService mixed = new Pools.LoggingPool(1);
              private final ExecutorService swallowing = new Pools.SwallowingPool();
              private final ExecutorService throwableOnly = new Pools.ThrowableLoggingPool();
              private final ExecutorService counting = new Pools.CountingPool();
              private ExecutorService fromParameter;

              void serviceInit(boolean big, ExecutorService given) {
                cleaner = new Pools.HelperScheduler();
                this.uploader = newUploader(big ? 4 : 1);
                deleter = createDeleter();
                fromParameter = given;
                if (big) {
                  mixed = Executors.newCachedThreadPool();
                }
              }

              void serviceStop() {
                cleaner = null;
              }

              private static ExecutorService newUploader(int threads) {
                return new Pools.LoggingPool(threads);
              }

              /** Assigns the field and returns it, as Hadoop's NonAggregatingLogHandler does. */
              ScheduledExecutorService createDeleter() {
                deleter = new Pools.HelperScheduler();
                return deleter;
              }

              ExecutorService launcher() {
                return launcher;
              }

              abstract void work();

              void run(Pools.LoggingPool pool, ExecutorService unknown) {
                launcher.submit(() -> work());
                launcher().submit(() -> work());
                cleaner.schedule(() -> work(), 1, TimeUnit.SECONDS);
                cleaner.scheduleWithFixedDelay(() -> work(), 1, 1, TimeUnit.SECONDS);
                deleter.schedule(() -> work(), 1, TimeUnit.SECONDS);
                uploader.submit(() -> work());
                pool.submit(() -> work());
                ExecutorService local = newUploader(1);
                local.submit(() -> work());
                Future<?> kept = launcher.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                plain.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                mixed.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                swallowing.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                throwableOnly.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                counting.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                fromParameter.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                unknown.submit(() -> work());
              }
            }
            """)
        .doTest();
  }

  /**
   * Where blocking is wrong, a Guava {@code ListenableFuture} is reported through {@code Futures.addCallback}
   * (outside battery 2, GV01: before, no fix was offered there at all); elsewhere it is awaited.
   */
  @Test
  void replacementReportsAGuavaFutureThroughACallback() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "G.java",
            """
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.MoreExecutors;

            class G {
              void indexLater(ListenableFuture<String> f) {
                Futures.transform(f, String::length, MoreExecutors.directExecutor());
              }

              void index(ListenableFuture<String> f) {
                Futures.transform(f, String::length, MoreExecutors.directExecutor());
              }
            }
            """)
        .addOutputLines(
            "G.java",
            """
            import com.google.common.util.concurrent.FutureCallback;
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.MoreExecutors;

            class G {
              void indexLater(ListenableFuture<String> f) {
                Futures.addCallback(
                    Futures.transform(f, String::length, MoreExecutors.directExecutor()),
                    new FutureCallback<Object>() {
                      @Override
                      public void onSuccess(Object result) {}

                      @Override
                      public void onFailure(Throwable failure) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), failure);
                      }
                    },
                    MoreExecutors.directExecutor());
              }

              void index(ListenableFuture<String> f) {
                Futures.getUnchecked(Futures.transform(f, String::length, MoreExecutors.directExecutor()));
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationSameBuildCalleeNeedsEvidenceOfFreshWork() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.function.Consumer;
            import java.util.function.Supplier;
            import java.util.logging.Level;
            import java.util.logging.Logger;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");

              interface Client {
                void call(Consumer<String> onResult, Consumer<Throwable> onFailure);
              }

              static final class Wrapper<T> extends CompletableFuture<T> {
                Wrapper(CompletableFuture<T> delegate) {
                  delegate.whenComplete((v, e) -> {});
                }
              }

              private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
              private final CompletableFuture<Void> otherFuture = new CompletableFuture<>();
              private final Map<String, CompletableFuture<String>> pending = new java.util.HashMap<>();
              private ExecutorService pool;

              abstract void work();

              abstract CompletableFuture<Void> send(String message);

              abstract void start(CompletableFuture<String> promise);

              static <T> CompletableFuture<T> wrap(CompletableFuture<T> f) {
                return new Wrapper<>(f);
              }

              static <T> T locked(Supplier<T> work) {
                return work.get();
              }

              // No evidence: a stage of a field, the holder's future.
              CompletableFuture<Void> afterClose() {
                return closeFuture.thenApply(v -> null);
              }

              // No evidence: a stage of a map entry the holder keeps.
              CompletableFuture<String> entry(String key) {
                CompletableFuture<String> f = pending.get(key);
                return f.thenApply(String::trim);
              }

              // No evidence: the callee reports the failure itself before handing on a stage.
              CompletableFuture<Void> logged() {
                return CompletableFuture.runAsync(this::work, pool)
                    .whenComplete(
                        (v, e) -> {
                          if (e != null) {
                            LOG.log(Level.WARNING, "work failed", e);
                          }
                        })
                    .thenApply(v -> null);
              }

              // No evidence: allOf of held futures, a wrapper of a field, a completed future.
              CompletableFuture<Void> bothHeld(boolean wrapped) {
                if (wrapped) {
                  return wrap(closeFuture);
                }
                return CompletableFuture.allOf(closeFuture, otherFuture);
              }

              // Recursion: no return leads to fresh work.
              CompletableFuture<Void> ping(int n) {
                return n == 0 ? closeFuture.thenApply(v -> null) : pong(n - 1);
              }

              CompletableFuture<Void> pong(int n) {
                return n == 0 ? CompletableFuture.completedFuture(null) : ping(n - 1);
              }

              // Evidence: a stage derived from a local that holds fresh work.
              CompletableFuture<String> derived() {
                CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "x", pool);
                return f.thenApply(String::trim);
              }

              // Evidence: thenCompose starts new work, whatever its source.
              CompletableFuture<Void> sayBye() {
                return closeFuture.thenCompose(v -> send("bye"));
              }

              // Evidence: a wrapper of fresh work, through a local and a helper.
              CompletableFuture<Void> wrapped() {
                CompletableFuture<Void> f = CompletableFuture.runAsync(this::work, pool);
                return wrap(f);
              }

              // Evidence: allOf of futures added from fresh work.
              CompletableFuture<Void> all(List<String> messages) {
                List<CompletableFuture<Void>> sent = new ArrayList<>();
                for (String message : messages) {
                  sent.add(send(message));
                }
                return CompletableFuture.allOf(sent.toArray(new CompletableFuture[0]));
              }

              // Evidence: a promise the callee fails from a callback.
              CompletableFuture<String> viaCallback(Client client) {
                CompletableFuture<String> promise = new CompletableFuture<>();
                client.call(promise::complete, failure -> promise.completeExceptionally(failure));
                return promise;
              }

              // Evidence: a promise handed to a call that may fail it.
              CompletableFuture<String> handedOn() {
                CompletableFuture<String> promise = new CompletableFuture<>();
                start(promise);
                return promise;
              }

              // Evidence: callees calling callees, and a recursion that ends in fresh work.
              CompletableFuture<String> twoDeep() {
                return derived();
              }

              CompletableFuture<Void> retry(int n) {
                return n == 0 ? CompletableFuture.runAsync(this::work, pool) : retry(n - 1);
              }

              // Evidence: a failure callback that only rethrows passes the failure on.
              CompletableFuture<String> rethrown() {
                return CompletableFuture.supplyAsync(() -> "x", pool)
                    .handle(
                        (v, e) -> {
                          if (e != null) {
                            throw new CompletionException(e);
                          }
                          return v;
                        });
              }

              // Evidence: what a generic helper hands back from the lambda it runs.
              CompletableFuture<Void> underLock() {
                return locked(() -> CompletableFuture.runAsync(this::work, pool));
              }

              Future<?> submitted() {
                return pool.submit(this::work);
              }

              interface Callback {
                void onCompletion(String result, Exception failure);
              }

              abstract Future<String> produce(String record, Callback callback);

              // Evidence: the failure goes to a callback, but this overload passes none.
              Future<String> sendWithReceipt(String record) {
                return sendWithReceipt(record, null);
              }

              Future<String> sendWithReceipt(String record, Callback callback) {
                return produce(record, callback);
              }

              void callers(Client client) {
                afterClose();
                entry("k");
                logged();
                bothHeld(true);
                ping(3);
                // BUG: Diagnostic contains: derived() is dropped
                derived();
                // BUG: Diagnostic contains: sayBye() is dropped
                sayBye();
                // BUG: Diagnostic contains: wrapped() is dropped
                wrapped();
                // BUG: Diagnostic contains: all() is dropped
                all(List.of("a", "b"));
                // BUG: Diagnostic contains: viaCallback() is dropped
                viaCallback(client);
                // BUG: Diagnostic contains: handedOn() is dropped
                handedOn();
                // BUG: Diagnostic contains: twoDeep() is dropped
                twoDeep();
                // BUG: Diagnostic contains: retry() is dropped
                retry(2);
                // BUG: Diagnostic contains: rethrown() is dropped
                rethrown();
                // BUG: Diagnostic contains: underLock() is dropped
                underLock();
                // BUG: Diagnostic contains: submitted() is dropped
                submitted();
                // BUG: Diagnostic contains: sendWithReceipt() is dropped
                sendWithReceipt("r");
                sendWithReceipt("r", (result, failure) -> LOG.log(Level.WARNING, "failed", failure));
                // A same-build wrapper given fresh work at the call site.
                // BUG: Diagnostic contains: wrap() is dropped
                wrap(CompletableFuture.runAsync(this::work, pool));
                wrap(closeFuture);
              }
            }
            """)
        .doTest();
  }

  /** The same shapes with the pools in a library: class files on the classpath, read as bytecode. */
  @Test
  void identificationLibraryExecutorsThatReportTheirTasksFailures() {
    java.nio.file.Path library = PrecompiledLibrary.compile(ExecutorLibrary.SOURCES);
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(library))
        .addSourceLines("A.java", LIBRARY_POOL_USES)
        .doTest();
  }

  /** The library's pools compiled in the build (as hadoop-common compiles Hadoop's): read from their source. */
  @Test
  void identificationLibraryShapesCompiledInTheBuild() {
    CompilationTestHelper helper = CompilationTestHelper.newInstance(LeakedFuture.class, getClass());
    ExecutorLibrary.SOURCES.forEach(helper::addSourceLines);
    helper.addSourceLines("A.java", LIBRARY_POOL_USES).doTest();
  }

  private static final String LIBRARY_POOL_USES =
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ScheduledThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;
            import org.example.pools.LoggingScheduledPool;
            import org.example.pools.LoggingThreadPool;
            import org.example.pools.Pools;

            abstract class A {
              private ScheduledThreadPoolExecutor sched;
              private ExecutorService launcher = Pools.newFixedThreadPool(2);
              private ScheduledExecutorService cleaner;
              private final ExecutorService single = Pools.newSingleThreadExecutor();
              private final ExecutorService counting = Pools.newCountingPool();
              private final ExecutorService throwableOnly = Pools.newThrowableLoggingPool();
              private final ExecutorService either = Pools.either(true);

              void serviceInit(boolean configured) {
                if (configured) {
                  sched = new LoggingScheduledPool(4);
                } else {
                  sched = new LoggingScheduledPool(1);
                }
                cleaner = Pools.newScheduledThreadPool(1);
              }

              abstract void work();

              void run(LoggingThreadPool pool) {
                sched.schedule(() -> work(), 1, TimeUnit.SECONDS);
                launcher.submit(() -> work());
                cleaner.scheduleWithFixedDelay(() -> work(), 1, 1, TimeUnit.SECONDS);
                pool.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                single.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                counting.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                throwableOnly.submit(() -> work());
                // BUG: Diagnostic contains: submit() is dropped
                either.submit(() -> work());
              }
            }
            """;
}
