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

final class CheckedExceptionsTest {
  @Test
  void isHandled() {
    CompilationTestHelper.newInstance(InterruptedProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.Callable;

            class A {
              void probe() {}

              static {
                // BUG: Diagnostic contains: handled=false
                new A().probe();
              }

              void declared() throws InterruptedException {
                // BUG: Diagnostic contains: handled=true
                probe();
              }

              void declaresSupertype() throws Exception {
                // BUG: Diagnostic contains: handled=true
                probe();
              }

              void caught() {
                try {
                  // BUG: Diagnostic contains: handled=true
                  probe();
                  Thread.sleep(1);
                } catch (IllegalStateException | InterruptedException e) {
                  throw new IllegalStateException(e);
                } finally {
                  // BUG: Diagnostic contains: handled=false
                  probe();
                }
              }

              void undeclared() {
                // BUG: Diagnostic contains: handled=false
                probe();
                Callable<Void> callable = () -> {
                  // BUG: Diagnostic contains: handled=true
                  probe();
                  return null;
                };
                Runnable runnable = () -> {
                  // BUG: Diagnostic contains: handled=false
                  probe();
                };
              }
            }
            """)
        .doTest();
  }

  /** Reports whether {@code InterruptedException} may be thrown at each {@code probe()} call. */
  @BugPattern(summary = "Probe for CheckedExceptions", severity = ERROR)
  public static final class InterruptedProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().anyClass().named("probe").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("handled=" + CheckedExceptions.isHandled(TaskScopes.INTERRUPTED, state))
          .build();
    }
  }
}
