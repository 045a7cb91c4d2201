package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A stage derived on the side of a local future ({@code reply.thenAccept(log)}) while the same member hands the
 * local on (returns it, passes it to a call or constructor, stores it in a field): the failure goes with the
 * future to whoever takes it, and the side stage is a listener. Kept when the local goes nowhere.
 */
final class SideStagesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LeakedFuture.class, getClass());

  @Test
  void aSideStageOfAFutureHandedOn() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class A {
              private CompletableFuture<String> pending;
              private final CompletableFuture<?>[] slots = new CompletableFuture<?>[1];

              CompletableFuture<String> returned(ExecutorService executor) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                reply.thenAccept(r -> System.out.println("got " + r));
                return reply;
              }

              void passed(ExecutorService executor, List<CompletableFuture<String>> out) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                reply.thenRun(() -> System.out.println("done"));
                out.add(reply);
              }

              Object wrapped(ExecutorService executor) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                reply.thenApply(String::length);
                return new Holder((reply));
              }

              void stored(ExecutorService executor) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                reply.thenAccept(System.out::println);
                pending = reply;
              }

              void storedInArray(ExecutorService executor) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                reply.thenAccept(System.out::println);
                slots[0] = reply;
              }

              record Holder(CompletableFuture<String> future) {}
            }
            """)
        .doTest();
  }

  @Test
  void aSideStageOfAFutureThatGoesNowhere() {
    helper
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class A {
              void dropped(ExecutorService executor) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                // BUG: Diagnostic contains: LeakedFuture
                reply.thenAccept(System.out::println);
              }

              void onlyQueried(ExecutorService executor) {
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> "x", executor);
                // BUG: Diagnostic contains: LeakedFuture
                reply.thenAccept(System.out::println);
                System.out.println(reply.isDone());
              }
            }
            """)
        .doTest();
  }

  /** Guava's static transform takes its source as an argument: that argument is the stage itself, not a hand-on. */
  @Test
  void aStaticTransformOfALocalIsNotAHandOn() {
    helper
        .addSourceLines(
            "Crawler.java",
            """
            import com.google.common.util.concurrent.Futures;
            import com.google.common.util.concurrent.ListenableFuture;
            import com.google.common.util.concurrent.ListeningExecutorService;
            import com.google.common.util.concurrent.MoreExecutors;

            class Crawler {
              ListenableFuture<String> crawl(ListeningExecutorService executor, String url) {
                ListenableFuture<String> page = executor.submit(() -> fetch(url));
                // BUG: Diagnostic contains: LeakedFuture
                Futures.transform(page, this::index, MoreExecutors.directExecutor());
                return null;
              }

              ListenableFuture<String> crawlAndReturn(ListeningExecutorService executor, String url) {
                ListenableFuture<String> page = executor.submit(() -> fetch(url));
                Futures.transform(page, this::index, MoreExecutors.directExecutor());
                return page;
              }

              String fetch(String url) {
                if (url.isEmpty()) {
                  throw new IllegalArgumentException("no url");
                }
                return url;
              }

              String index(String page) {
                return page;
              }
            }
            """)
        .doTest();
  }
}
