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

final class SupervisedGroupsTest {
  @Test
  void isKnownFailFast() {
    CompilationTestHelper.newInstance(PolicyProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import dev.corral.FailurePolicy;
            import dev.corral.TaskGroup;

            class A {
              void run(TaskGroup parameter, FailurePolicy policy) {
                try (var plain = TaskGroup.open();
                    var named = TaskGroup.builder().name("x").open();
                    var explicit = TaskGroup.builder().failurePolicy(FailurePolicy.FAIL_FAST).open();
                    var supervised = TaskGroup.builder().supervise().open();
                    var configured = TaskGroup.builder().failurePolicy(policy).open()) {
                  // BUG: Diagnostic contains: failFast=true
                  plain.outcomes();
                  // BUG: Diagnostic contains: failFast=true
                  named.outcomes();
                  // BUG: Diagnostic contains: failFast=true
                  explicit.outcomes();
                  // BUG: Diagnostic contains: failFast=false
                  supervised.outcomes();
                  // BUG: Diagnostic contains: failFast=false
                  configured.outcomes();
                  // BUG: Diagnostic contains: failFast=false
                  parameter.outcomes();
                }
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link SupervisedGroups#isKnownFailFast} at each {@code outcomes()} call. */
  @BugPattern(summary = "Probe for SupervisedGroups", severity = ERROR)
  public static final class PolicyProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().onExactClass("dev.corral.TaskGroup").named("outcomes").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("failFast=" + SupervisedGroups.isKnownFailFast(tree, state))
          .build();
    }
  }
}
