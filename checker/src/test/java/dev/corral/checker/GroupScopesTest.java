package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.jupiter.api.Test;

final class GroupScopesTest {
  @Test
  void analyze() {
    CompilationTestHelper.newInstance(ScopeProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import dev.corral.TaskGroup;
            import java.util.function.Supplier;

            class A {
              void scoped() {
                try (var group = TaskGroup.open()) {}
              }

              void reassigned() {
                // BUG: Diagnostic contains: fix=false This TaskGroup is opened outside try-with-resources
                TaskGroup group = TaskGroup.open();
                group = null;
              }

              void wrappable() {
                // BUG: Diagnostic contains: fix=true This TaskGroup is opened outside try-with-resources
                TaskGroup group = TaskGroup.open();
              }

              Supplier<TaskGroup> lambda() {
                // BUG: Diagnostic contains: fix=false This TaskGroup is returned
                return () -> TaskGroup.open();
              }

              TaskGroup escapes() {
                // BUG: Diagnostic contains: fix=false This TaskGroup is returned
                try (var group = TaskGroup.open()) {
                  return group;
                }
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link GroupScopes#analyze} for each {@code TaskGroup.open()} call. */
  @BugPattern(summary = "Probe for GroupScopes", severity = ERROR)
  public static final class ScopeProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!staticMethod().onClass("dev.corral.TaskGroup").named("open").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      GroupScopes.Finding finding = GroupScopes.analyze(tree, state);
      return finding == null
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage("fix=" + (finding.fix() != null) + " " + finding.message()).build();
    }
  }

  /** Shapes whose rewrite broke the code (found by mutating sources): two declarators, close() on a shared line. */
  @Test
  void replacementOfOddlyWrittenGroups() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addInputLines(
            "Groups.java",
            """
            import dev.corral.TaskGroup;

            class Groups {
              void sameLine() {
                TaskGroup g = TaskGroup.open();
                g.fork(() -> 1); g.close();
              }

              void twoDeclarators() {
                TaskGroup a = TaskGroup.open(), b = TaskGroup.open();
                a.fork(() -> 1);
                b.fork(() -> 2);
              }
            }
            """)
        .addOutputLines(
            "Groups.java",
            """
            import dev.corral.TaskGroup;

            class Groups {
              void sameLine() {
                try (TaskGroup g = TaskGroup.open()) {
                  g.fork(() -> 1); g.close();
                }
              }

              void twoDeclarators() {
                TaskGroup a = TaskGroup.open(), b = TaskGroup.open();
                a.fork(() -> 1);
                b.fork(() -> 2);
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
