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

final class ExecutorExemptionsTest {
  @Test
  void isExempt() {
    CompilationTestHelper.newInstance(ExemptionProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import java.util.concurrent.AbstractExecutorService;
            import java.util.concurrent.Executor;

            class A {
              private final Runnable r = () -> {};

              void plain(Executor executor, java.util.concurrent.ExecutorService pool, Runnable task) {
                // BUG: Diagnostic contains: exempt=true
                executor.execute(r);
                // BUG: Diagnostic contains: exempt=false
                pool.execute(r);
                // BUG: Diagnostic contains: exempt=true
                MoreExecutors.directExecutor().execute(r);
                // BUG: Diagnostic contains: exempt=true
                executor.execute(task);
                Executor wrapper =
                    // BUG: Diagnostic contains: exempt=true
                    command -> pool.execute(command);
                new Object() {
                  void nested() {
                    // BUG: Diagnostic contains: exempt=false
                    pool.execute(r);
                  }
                };
              }

              abstract static class Pool extends AbstractExecutorService {
                private final Executor delegate = Runnable::run;

                @Override
                public void execute(Runnable command) {
                  Runnable later = () -> {
                    // BUG: Diagnostic contains: exempt=true
                    delegate.execute(command);
                  };
                  later.run();
                }
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link ExecutorExemptions#isExempt} at each {@code execute} call. */
  @BugPattern(summary = "Probe for ExecutorExemptions", severity = ERROR)
  public static final class ExemptionProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().onDescendantOf("java.util.concurrent.Executor").named("execute").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree).setMessage("exempt=" + ExecutorExemptions.isExempt(tree, state)).build();
    }
  }
}
