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

final class TaskScopesTest {
  private static final String SOURCE =
      """
      class A {
        void probe() {}

        void free() {
          // BUG: Diagnostic contains: name=group
          probe();
        }

        void taken(Runnable group) {
          int group2 = 0;
          // BUG: Diagnostic contains: name=group3
          probe();
        }
      }
      """;

  @Test
  void freshNameAndCorralOnClasspath() {
    CompilationTestHelper.newInstance(ScopeProbe.class, getClass())
        .addSourceLines("A.java", SOURCE.replace("name=", "corral=true name="))
        .doTest();
  }

  @Test
  void corralNotOnClasspath() {
    CompilationTestHelper.newInstance(ScopeProbe.class, getClass())
        .withClasspath(TaskScopes.class)
        .addSourceLines("A.java", SOURCE.replace("name=", "corral=false name="))
        .doTest();
  }

  /** Reports whether Corral is available and the fresh name for a group at each {@code probe()} call. */
  @BugPattern(summary = "Probe for TaskScopes", severity = ERROR)
  public static final class ScopeProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().anyClass().named("probe").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "corral=" + TaskScopes.corralAvailable(state) + " name=" + TaskScopes.freshName("group", state))
          .build();
    }
  }
}
