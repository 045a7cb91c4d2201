package dev.corral.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import org.junit.jupiter.api.Test;

final class LeakAnalysisTest {
  /** Reports each declaration or assignment that {@link LeakAnalysis} finds leaking. */
  @BugPattern(summary = "leaks", severity = BugPattern.SeverityLevel.WARNING)
  public static final class Leaks extends BugChecker
      implements VariableTreeMatcher, AssignmentTreeMatcher {
    private static final long serialVersionUID = 1L;
    private final transient OwnedFutures ownedFutures =
        new OwnedFutures(new FutureTypes(CorralFlags.from(ErrorProneFlags.empty())));
    private final transient LeakAnalysis.Cache cache = new LeakAnalysis.Cache();

    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      return check(tree, state);
    }

    @Override
    public Description matchAssignment(AssignmentTree tree, VisitorState state) {
      return check(tree, state);
    }

    private Description check(Tree site, VisitorState state) {
      TreePath owner = LeakAnalysis.ownerOf(state.getPath());
      return owner != null && cache.get(owner, ownedFutures, state).leaks(site)
          ? describeMatch(site)
          : Description.NO_MATCH;
    }
  }

  @Test
  void pathSensitivity() {
    CompilationTestHelper.newInstance(Leaks.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

              interface Permits {
                CompletableFuture<Void> acquire();
              }

              boolean sameAsAConstant(Permits permits) throws Exception {
                CompletableFuture<Void> f = permits.acquire();
                if (f == DONE) {
                  return true;
                }
                f.get();
                return true;
              }

              void completedHereSoConsumedElsewhere(Permits permits) {
                CompletableFuture<Void> f = permits.acquire();
                f.complete(null);
              }

              void awaitedInFinally(ExecutorService e, Runnable r) throws Exception {
                Future<?> f = e.submit(r);
                try {
                  r.run();
                } finally {
                  f.get();
                }
              }

              void awaitedInEveryCase(ExecutorService e, int n) throws Exception {
                Future<?> f = e.submit(() -> {});
                switch (n) {
                  case 1 -> f.get();
                  default -> f.cancel(true);
                }
              }

              void awaitedAfterLoop(ExecutorService e, List<Runnable> rs) throws Exception {
                Future<?> f = e.submit(() -> {});
                for (Runnable r : rs) {
                  r.run();
                }
                f.get();
              }

              void endsByThrowing(ExecutorService e) {
                Future<?> f = e.submit(() -> {});
                throw new IllegalStateException();
              }

              void movedToAnotherLocal(ExecutorService e) throws Exception {
                Future<?> f = e.submit(() -> {});
                Future<?> g = f;
                g.get();
              }

              void awaitedInTryBody(ExecutorService e) {
                Future<?> f = e.submit(() -> {});
                try {
                  f.get();
                } catch (Exception ex) {
                  throw new IllegalStateException(ex);
                }
              }

              void awaitedInOneCase(ExecutorService e, int n) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = e.submit(() -> {});
                switch (n) {
                  case 1 -> f.get();
                  default -> {}
                }
              }

              void breakSkipsTheAwait(ExecutorService e, List<Runnable> rs) throws Exception {
                for (Runnable r : rs) {
                  // BUG: Diagnostic contains: leaks
                  Future<?> f = e.submit(r);
                  if (rs.size() > 3) {
                    break;
                  }
                  f.get();
                }
              }

              void catchOfACheckedExceptionForgetsIt(ExecutorService e, Runnable r) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = e.submit(r);
                try {
                  Thread.sleep(10);
                } catch (InterruptedException ex) {
                  return;
                }
                f.get();
              }

              void catchOfAThrowForgetsIt(ExecutorService e, Runnable r, boolean b) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = e.submit(r);
                try {
                  if (b) {
                    throw new IllegalStateException();
                  }
                } catch (IllegalStateException ex) {
                  return;
                }
                f.get();
              }

              void overwritten(ExecutorService e) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = e.submit(() -> {});
                f = e.submit(() -> {});
                f.get();
              }

              void movedButNotAwaited(ExecutorService e) {
                Future<?> f = e.submit(() -> {});
                // BUG: Diagnostic contains: leaks
                Future<?> g = f;
              }

              void implicitExceptionsAreNotPaths(ExecutorService e, Runnable r) {
                try {
                  Future<?> f = e.submit(r);
                  r.run();
                  String s = String.valueOf(f.hashCode());
                  f.cancel(true);
                } catch (Throwable t) {
                  System.err.println(t);
                }
              }

              void comparedWithAnotherPendingLocal(Permits permits) {
                // BUG: Diagnostic contains: leaks
                CompletableFuture<Void> f = permits.acquire();
                CompletableFuture<Void> g = permits.acquire();
                if (f == g) {
                  g.join();
                }
                g.join();
              }

              void ternary(boolean b) {
                // BUG: Diagnostic contains: leaks
                CompletableFuture<String> f =
                    b ? CompletableFuture.supplyAsync(() -> "a") : CompletableFuture.completedFuture("b");
              }
            }
            """)
        .doTest();
  }
  /**
   * The straight-line shortcut ({@link StraightLineObservation}) skips the graph only where a later
   * statement of the same block plainly observes the local; each shape here defeats it, and the
   * graph must still find the leak.
   */
  @Test
  void straightLineShortcutNeverHidesALeak() {
    CompilationTestHelper.newInstance(Leaks.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class A {
              void earlyReturn(ExecutorService ex, boolean b) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                if (b) {
                  return;
                }
                f.get();
              }

              void recoveredCheckedException(ExecutorService ex) {
                try {
                  // BUG: Diagnostic contains: leaks
                  Future<?> f = ex.submit(() -> {});
                  Thread.sleep(1);
                  f.get();
                } catch (Exception e) {
                  // the path goes on without f
                }
              }

              void onlyInConditional(ExecutorService ex, boolean b) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                Object o = b ? f.get() : null;
              }

              void onlyAfterShortCircuit(ExecutorService ex, boolean b) {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                boolean cancelled = b && f.cancel(true);
              }

              void labeledBreak(ExecutorService ex, List<String> items) throws Exception {
                outer:
                for (String item : items) {
                  // BUG: Diagnostic contains: leaks
                  Future<?> f = ex.submit(() -> {});
                  for (String other : items) {
                    if (other.equals(item)) {
                      break outer;
                    }
                  }
                  f.get();
                }
              }

              void reassignedFirst(ExecutorService ex) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                f = ex.submit(() -> {});
                f.get();
              }

              void continued(ExecutorService ex, int n) throws Exception {
                for (int i = 0; i < n; i++) {
                  // BUG: Diagnostic contains: leaks
                  Future<?> f = ex.submit(() -> {});
                  if (i == 1) {
                    continue;
                  }
                  f.get();
                }
              }

              void observedOnOneBranchOnly(ExecutorService ex, boolean b) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                if (b) {
                  f.get();
                } else {
                  return;
                }
              }

              void observedInThenBranchOnly(ExecutorService ex, boolean b) throws Exception {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                if (b) {
                  f.get();
                }
              }

              void assignedInBranchNotObservedAfter(ExecutorService ex, boolean b) throws Exception {
                Future<?> f = null;
                if (b) {
                  // BUG: Diagnostic contains: leaks
                  f = ex.submit(() -> {});
                }
                if (b) {
                  return;
                }
                f.get();
              }

              void checkedExceptionBeforeTheAwait(ExecutorService ex) {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                try {
                  Thread.sleep(1);
                  f.get();
                } catch (Exception e) {
                  // the path goes on without f
                }
              }

              String slow() throws java.io.IOException {
                return "slow";
              }

              String describe(String a, Object b) {
                return a + b;
              }

              void checkedExceptionEarlierInTheStatement(ExecutorService ex) {
                // BUG: Diagnostic contains: leaks
                Future<?> f = ex.submit(() -> {});
                try {
                  String r = describe(slow(), f.get());
                } catch (Exception e) {
                  // the path goes on without f
                }
              }

              // The shortcut applies: the graph is not needed, and nothing leaks.

              Object awaitedFirstInTry(ExecutorService ex) {
                Future<?> f = ex.submit(() -> {});
                try {
                  return f.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                  return null;
                }
              }

              Future<?> returnedOnEveryBranch(ExecutorService ex, boolean b) {
                Future<?> f = ex.submit(() -> {});
                if (b) {
                  return f;
                }
                return wrap(f);
              }

              Future<?> wrap(Future<?> f) {
                return f;
              }

              void assignedInBranchObservedAfter(ExecutorService ex, boolean b) throws Exception {
                Future<?> f;
                if (b) {
                  f = ex.submit(() -> {});
                } else {
                  f = ex.submit(() -> {});
                }
                f.get();
              }

              java.util.concurrent.CompletableFuture<String> derivedInPlace() {
                java.util.concurrent.CompletableFuture<String> f =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> "a");
                f = f.thenApply(s -> s + "b");
                return f;
              }

              Future<?> observedLater(ExecutorService ex, int n) {
                Future<?> f = ex.submit(() -> {});
                for (int i = 0; i < n; i++) {
                  if (i == 1) {
                    break;
                  }
                }
                try {
                  System.out.println(n);
                } finally {
                  System.out.println("done");
                }
                return f;
              }

              void captured(ExecutorService ex, List<Runnable> later) {
                Future<?> f = ex.submit(() -> {});
                later.add(() -> f.cancel(true));
              }

              void reassignedAfterObserving(ExecutorService ex) throws Exception {
                Future<?> f = ex.submit(() -> {});
                f.get();
                f = ex.submit(() -> {});
                f.get();
              }
            }
            """)
        .doTest();
  }

  /** {@code return ret = ret.thenCompose(..)}: the assignment's value is the returned future. */
  @Test
  void assignmentWhoseValueIsReturned() {
    CompilationTestHelper.newInstance(Leaks.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;

            class A {
              CompletionStage<Void> write(String s) {
                return CompletableFuture.runAsync(() -> System.out.println(s));
              }

              CompletionStage<Void> writeEvent(boolean withId) {
                CompletionStage<Void> ret = write("data");
                if (withId) {
                  ret = ret.thenCompose(v -> write("id"));
                }
                return ret = ret.thenCompose(v -> write("eol"));
              }

              CompletionStage<Void> printed() {
                CompletionStage<Void> ret = write("data");
                // BUG: Diagnostic contains: leaks
                System.out.println(ret = ret.thenCompose(v -> write("eol")));
                return null;
              }
            }
            """)
        .doTest();
  }
}
