package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import org.junit.jupiter.api.Test;

final class ThreadHandlesTest {
  @Test
  void isJoinedOrKept() {
    CompilationTestHelper.newInstance(HandleProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.List;

            class A {
              Thread field;

              void run(Runnable r, List<Thread> threads) throws InterruptedException {
                Thread joined = new Thread(r);
                // BUG: Diagnostic contains: kept=true
                joined.start();
                joined.join(1000);

                Thread listed = new Thread(r);
                // BUG: Diagnostic contains: kept=true
                listed.start();
                threads.add(listed);

                Thread stored = new Thread(r);
                // BUG: Diagnostic contains: kept=true
                stored.start();
                field = stored;

                Thread lost = new Thread(r);
                lost.setName("lost");
                // BUG: Diagnostic contains: kept=false
                lost.start();
                if (lost != null) {
                  lost.interrupt();
                }
                lost = new Thread(r);
              }

              void daemons(Runnable r) {
                Thread closer = new Thread(r);
                closer.setDaemon(true);
                // BUG: Diagnostic contains: kept=false daemon=true
                closer.start();
                Thread worker = new Thread(r);
                worker.setDaemon(false);
                // BUG: Diagnostic contains: kept=false daemon=false
                worker.start();
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link ThreadHandles#isJoinedOrKept} at each {@code start()} call on a local. */
  @BugPattern(summary = "Probe for ThreadHandles", severity = ERROR)
  public static final class HandleProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!instanceMethod().onDescendantOf("java.lang.Thread").named("start").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      Symbol thread = ASTHelpers.getSymbol(ASTHelpers.getReceiver(tree));
      return buildDescription(tree)
          .setMessage(
              "kept=" + ThreadHandles.isJoinedOrKept(thread, LocalUses.enclosingMember(state))
                  + " daemon=" + ThreadHandles.isDaemon(thread, LocalUses.enclosingMember(state)))
          .build();
    }
  }
}
