package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.jupiter.api.Test;

final class GatherResultsTest {
  @Test
  void verdicts() {
    CompilationTestHelper.newInstance(VerdictProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Future;

            class A {
              private Object field;

              void all(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: DISCARDED
                Gather.settled(futures);
                // BUG: Diagnostic contains: HANDED_OFF
                field = Gather.settled(futures);
                // BUG: Diagnostic contains: HANDED_OFF
                List<Outcome<String>> copied = new ArrayList<>(Gather.settled(futures));
                System.out.println(copied);
                // BUG: Diagnostic contains: EXAMINED
                var outcomes = Gather.settled(futures);
                var alias = outcomes;
                for (Outcome<String> outcome : alias) {
                  Outcome<String> element = outcome;
                  if (element instanceof Outcome.Failure<String>) {
                    return;
                  }
                }
                java.util.concurrent.Callable<List<Outcome<String>>> later =
                    // BUG: Diagnostic contains: HANDED_OFF
                    () -> Gather.settled(futures);
                // BUG: Diagnostic contains: UNEXAMINED
                List<Outcome<String>> sized = Gather.settled(futures);
                System.out.println(sized.size());
                // BUG: Diagnostic contains: UNEXAMINED
                List<String> values = Gather.settled(futures).stream().map(o -> "x").toList();
                System.out.println(values);
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link GatherResults#follow} for each {@code Gather.settled} call. */
  @BugPattern(summary = "Probe for GatherResults", severity = ERROR)
  public static final class VerdictProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!staticMethod().onClass("dev.corral.Gather").named("settled").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(String.valueOf(GatherResults.follow(GatherResults.Kind.OUTCOMES, state)))
          .build();
    }
  }
}
