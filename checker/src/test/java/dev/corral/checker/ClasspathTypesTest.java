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

final class ClasspathTypesTest {
  @Test
  void findsClassesTheFileDoesNotMention() {
    CompilationTestHelper.newInstance(LookupProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            class A {
              void probe() {}

              void run() {
                // BUG: Diagnostic contains: taskGroup=true builder=true missing=false
                probe();
              }
            }
            """)
        .doTest();
  }

  /** {@code --release 8} compiles without modules: the unnamed module is never set up (a crash on httpclient5). */
  @Test
  void findsClassesWithoutModules() {
    CompilationTestHelper.newInstance(LookupProbe.class, getClass())
        .setArgs("--release", "8")
        .addSourceLines(
            "A.java",
            """
            class A {
              void probe() {}

              void run() {
                // BUG: Diagnostic contains: taskGroup=true builder=true missing=false
                probe();
              }
            }
            """)
        .doTest();
  }

  /** Reports which classes {@link ClasspathTypes#find} sees from a file that imports none of them. */
  @BugPattern(summary = "Probe for ClasspathTypes", severity = ERROR)
  public static final class LookupProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().anyClass().named("probe").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "taskGroup=" + (ClasspathTypes.find("dev.corral.TaskGroup", state) != null)
                  + " builder=" + (ClasspathTypes.find("dev.corral.TaskGroup.Builder", state) != null)
                  + " missing=" + (ClasspathTypes.find("dev.corral.NoSuchType", state) != null))
          .build();
    }
  }
}
