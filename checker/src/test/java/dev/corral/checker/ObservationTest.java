package dev.corral.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.IdentifierTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import javax.lang.model.element.ElementKind;
import org.junit.jupiter.api.Test;

final class ObservationTest {
  /** Says, for each read of a future local, whether it observes; and which calls own a future. */
  @BugPattern(summary = "observation", severity = BugPattern.SeverityLevel.WARNING)
  public static final class Uses extends BugChecker
      implements IdentifierTreeMatcher, MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;
    private final OwnedFutures ownedFutures =
        new OwnedFutures(new FutureTypes(CorralFlags.from(ErrorProneFlags.empty())));

    @Override
    public Description matchIdentifier(IdentifierTree tree, VisitorState state) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      if (symbol == null
          || symbol.getKind() != ElementKind.LOCAL_VARIABLE
          || !ownedFutures.futureTypes().isFuture(symbol.type, state)) {
        return Description.NO_MATCH;
      }
      boolean observes = Observation.observes(state.getPath(), state);
      return buildDescription(tree).setMessage(observes ? "observes" : "blind").build();
    }

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return ownedFutures.returnsOwnedFuture(tree, state)
          ? buildDescription(tree).setMessage("owned").build()
          : Description.NO_MATCH;
    }
  }

  @Test
  void usesOfALocal() {
    CompilationTestHelper.newInstance(Uses.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.TimeUnit;

            class A {
              Object m(CompletableFuture<String> p, List<Object> sink) throws Exception {
                CompletableFuture<String> f = p;
                // BUG: Diagnostic contains: blind
                boolean done = f.isDone();
                // BUG: Diagnostic contains: blind
                boolean isNull = f == null;
                // BUG: Diagnostic contains: blind
                synchronized (f) {}
                // BUG: Diagnostic contains: blind
                f.orTimeout(1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: blind
                String text = "" + f;
                // BUG: Diagnostic contains: blind
                System.out.println(f);
                // BUG: Diagnostic contains: blind
                String.format("%s %s", "f", f);
                // BUG: Diagnostic contains: observes
                java.util.Objects.requireNonNull(f);
                // BUG: Diagnostic contains: observes
                f.get();
                // BUG: Diagnostic contains: observes
                f.cancel(true);
                // BUG: Diagnostic contains: observes
                sink.add(f);
                // BUG: Diagnostic contains: observes
                Object owned = f.orTimeout(1, TimeUnit.SECONDS);
                // BUG: Diagnostic contains: observes
                return (f);
              }
            }
            """)
        .doTest();
  }

  @Test
  void callsThatHandOverAFuture() {
    CompilationTestHelper.newInstance(Uses.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinTask;
            import java.util.concurrent.Future;

            class A {
              void m(
                  ExecutorService executor,
                  CompletableFuture<String> cf,
                  ForkJoinTask<?> task,
                  Map<String, Future<?>> map) {
                map.get("k");
                task.fork();
                cf.whenComplete((r, e) -> {});
                cf.exceptionally(e -> "x");
                cf.complete("x");
                // BUG: Diagnostic contains: owned
                executor.submit(() -> {});
                // BUG: Diagnostic contains: owned
                cf.thenApply(String::length);
              }
            }
            """)
        .doTest();
  }
}
