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

final class SelfOwnedTasksTest {
  @Test
  void ownsItsWork() {
    CompilationTestHelper.newInstance(TaskProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            class A implements Runnable {
              private final Runnable field = () -> {};

              static void submit(Runnable task) {}

              static final class Careful implements Runnable {
                @Override
                public void run() {
                  try {
                    System.out.println("work");
                  } catch (Throwable t) {
                    t.printStackTrace();
                  }
                }
              }

              @Override
              public void run() {}

              void tasks(Runnable parameter) {
                // BUG: Diagnostic contains: owns=true
                submit(parameter);
                // BUG: Diagnostic contains: owns=true
                submit(this);
                // BUG: Diagnostic contains: owns=false
                submit(this::run);
                // BUG: Diagnostic contains: owns=false
                submit(field);
                // BUG: Diagnostic contains: owns=true
                submit(new Careful());
                Runnable careful = new Careful();
                // BUG: Diagnostic contains: owns=true
                submit(careful);
                // BUG: Diagnostic contains: owns=true
                submit(() -> {
                  try {
                    field.run();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                });
                // BUG: Diagnostic contains: owns=false
                submit(() -> {
                  try {
                    field.run();
                  } catch (RuntimeException ignored) {
                  }
                });
                // BUG: Diagnostic contains: owns=false
                submit(() -> {
                  try {
                    field.run();
                  } catch (IllegalStateException narrow) {
                    System.err.println(narrow);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link SelfOwnedTasks#ownsItsWork} for the argument of each {@code submit(...)} call. */
  @BugPattern(summary = "Probe for SelfOwnedTasks", severity = ERROR)
  public static final class TaskProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!staticMethod().anyClass().named("submit").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("owns=" + SelfOwnedTasks.ownsItsWork(tree.getArguments().get(0), state))
          .build();
    }
  }
}
