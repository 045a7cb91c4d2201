package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import org.junit.jupiter.api.Test;

final class SourceLayoutTest {
  @Test
  void lines() {
    assertEquals("a;\n    b;\n    c;", SourceLayout.lines("    ", "a;", "b;", "c;"));
  }

  @Test
  void indentAndUnit() {
    CompilationTestHelper.newInstance(LayoutProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            class A {
                void probe() {}

                void fourSpaces() {
                    // BUG: Diagnostic contains: indent=8 unit=4
                    probe();
                    if (true) {
                        // BUG: Diagnostic contains: indent=12 unit=4
                        probe();
                    }
                }
            }
            """)
        .doTest();
  }

  /** Reports the indentation and the indentation step at each {@code probe()} statement. */
  @BugPattern(summary = "Probe for SourceLayout", severity = ERROR)
  public static final class LayoutProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().anyClass().named("probe").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      TreePath statement = state.getPath().getParentPath();
      return buildDescription(tree)
          .setMessage(
              "indent=" + SourceLayout.indentOf(tree, state).length()
                  + " unit=" + SourceLayout.unit(statement, state).length())
          .build();
    }
  }
}
