package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.jupiter.api.Test;

final class OutcomeGuardsTest {
  @Test
  void guardsAndTests() {
    CompilationTestHelper.newInstance(GuardProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import dev.corral.Outcome;
            import java.util.List;

            class A {
              void run(Outcome<String> o, List<Outcome<String>> all) {
                // BUG: Diagnostic contains: seesFailures=false
                if (o.isSuccess()) {
                  // BUG: Diagnostic contains: onlyOnSuccess=true
                  o.getOrThrow();
                }
                // BUG: Diagnostic contains: seesFailures=true
                if (o.isSuccess()) {
                  // BUG: Diagnostic contains: onlyOnSuccess=true
                  o.getOrThrow();
                } else {
                  // BUG: Diagnostic contains: onlyOnSuccess=false
                  o.getOrThrow();
                }
                // BUG: Diagnostic contains: seesFailures=false
                if (!o.isSuccess()) {
                  return;
                }
                // BUG: Diagnostic contains: onlyOnSuccess=true
                o.getOrThrow();
                // BUG: Diagnostic contains: seesFailures=true
                boolean ok = o.isSuccess();
                all.stream()
                    // BUG: Diagnostic contains: seesFailures=false
                    .filter(x -> x.isSuccess())
                    // BUG: Diagnostic contains: onlyOnSuccess=true
                    .map(x -> x.getOrThrow())
                    .toList();
                // BUG: Diagnostic contains: onlyOnSuccess=true
                String s = o instanceof Outcome.Success<String> ? o.getOrThrow() : "";
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link OutcomeGuards} answers at each {@code isSuccess()} and {@code getOrThrow()} call. */
  @BugPattern(summary = "Probe for OutcomeGuards", severity = ERROR)
  public static final class GuardProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (instanceMethod().onDescendantOf("dev.corral.Outcome").named("isSuccess").matches(tree, state)) {
        return buildDescription(tree)
            .setMessage("seesFailures=" + OutcomeGuards.testSeesFailures(state.getPath(), state))
            .build();
      }
      if (instanceMethod().onDescendantOf("dev.corral.Outcome").named("getOrThrow").matches(tree, state)) {
        return buildDescription(tree)
            .setMessage("onlyOnSuccess=" + OutcomeGuards.onlyOnSuccess(state.getPath(), state))
            .build();
      }
      return Description.NO_MATCH;
    }
  }
}
