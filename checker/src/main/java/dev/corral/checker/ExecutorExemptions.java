package dev.corral.checker;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;

/**
 * The {@code Executor.execute} calls that are not unscoped work, because something other than the caller owns the
 * task by contract:
 *
 * <ul>
 *   <li>delegation: the call is inside a class (or lambda) that itself implements {@code Executor}; its own
 *       caller is the one who handed over the task;
 *   <li>event loops: Netty's {@code EventExecutor} runs every task on its loop thread and reports failures
 *       itself; submitting to the loop is how Netty code hands work to the channel's owner;
 *   <li>direct executors: Guava's {@code MoreExecutors.directExecutor()} runs the task in the caller, so its
 *       exception reaches the caller.
 * </ul>
 */
final class ExecutorExemptions {
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String NETTY_EVENT_EXECUTOR = "io.netty.util.concurrent.EventExecutor";

  private static final Matcher<ExpressionTree> DIRECT_EXECUTOR =
      staticMethod()
          .onClass("com.google.common.util.concurrent.MoreExecutors")
          .named("directExecutor");

  private ExecutorExemptions() {}

  /** Whether the {@code execute} call at the state's path hands its task to an owner by contract. */
  static boolean isExempt(MethodInvocationTree execute, VisitorState state) {
    return insideExecutor(state) || ownedByReceiver(ASTHelpers.getReceiver(execute), state);
  }

  /** Whether the current path is inside a class or lambda that implements {@code Executor}. */
  static boolean insideExecutor(VisitorState state) {
    Type executor = ClasspathTypes.find(EXECUTOR, state);
    if (executor == null) {
      return false;
    }
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (node instanceof ClassTree || node instanceof LambdaExpressionTree) {
        Type type = ASTHelpers.getType(node);
        if (type != null && ASTHelpers.isSubtype(type, executor, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean ownedByReceiver(ExpressionTree receiver, VisitorState state) {
    if (receiver == null) {
      return false;
    }
    if (DIRECT_EXECUTOR.matches(ASTHelpers.stripParentheses(receiver), state)) {
      return true;
    }
    // Compared by name: the Netty class is loaded only if the receiver's type hierarchy reaches it.
    Type receiverType = ASTHelpers.getType(receiver);
    return receiverType != null
        && state.getTypes().closure(receiverType).stream()
            .anyMatch(supertype -> supertype.tsym.getQualifiedName().contentEquals(NETTY_EVENT_EXECUTOR));
  }
}
