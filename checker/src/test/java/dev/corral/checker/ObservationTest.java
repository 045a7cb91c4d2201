package dev.corral.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.IdentifierTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.tools.javac.code.Symbol;
import javax.lang.model.element.ElementKind;
import org.junit.jupiter.api.Test;

final class ObservationTest {
  /** Says, for each read of a future local, whether it observes. */
  @BugPattern(summary = "observation", severity = BugPattern.SeverityLevel.WARNING)
  public static final class Uses extends BugChecker implements IdentifierTreeMatcher {
    private static final long serialVersionUID = 1L;
    private final transient OwnedFutures ownedFutures =
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
                java.util.concurrent.ScheduledFuture<?> tick = null;
                // BUG: Diagnostic contains: blind
                long wait = tick.getDelay(TimeUnit.SECONDS);
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
}
