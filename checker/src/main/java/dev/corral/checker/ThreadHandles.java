package dev.corral.checker;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.google.errorprone.util.ASTHelpers;

/**
 * Decides whether a started {@code Thread} held in a local variable still has an owner: somebody joins it, or the
 * handle is kept where others can reach it (a field, a collection, a return value, a method argument, another
 * variable). Calls on the handle itself ({@code setName}, {@code interrupt}, {@code isAlive}...) and comparisons
 * keep nothing.
 */
final class ThreadHandles {
  private ThreadHandles() {}

  static boolean isJoinedOrKept(Symbol thread, TreePath scope) {
    for (TreePath use : LocalUses.usesOf(thread, scope)) {
      MethodInvocationTree call = LocalUses.invokedOn(use);
      if (call != null) {
        Symbol method = ASTHelpers.getSymbol(call);
        if (method != null && method.getSimpleName().contentEquals("join")) {
          return true;
        }
        continue;
      }
      if (!isInert(use)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the thread is made a daemon: {@code thread.setDaemon(true)} on the local, or {@code daemon()} / {@code
   * daemon(true)} in the {@code Thread.Builder} chain that creates it. A daemon thread declares that nobody waits
   * for it: it is background work by design (a closer, a sweeper, a watchdog).
   */
  static boolean isDaemon(Symbol thread, TreePath scope) {
    return LocalUses.usesOf(thread, scope).stream()
        .map(LocalUses::invokedOn)
        .anyMatch(call -> call != null && setsDaemon(call, "setDaemon"));
  }

  /** Whether a {@code Thread.Builder} chain such as {@code Thread.ofPlatform().daemon().start(r)} asks for a daemon. */
  static boolean builtAsDaemon(ExpressionTree builderCall) {
    return ASTHelpers.streamReceivers(builderCall)
        .anyMatch(receiver -> receiver instanceof MethodInvocationTree call && setsDaemon(call, "daemon"));
  }

  private static boolean setsDaemon(MethodInvocationTree call, String name) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)
        || !select.getIdentifier().contentEquals(name)) {
      return false;
    }
    return call.getArguments().isEmpty()
        || (call.getArguments().get(0) instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue()));
  }

  /** Uses that neither wait for the thread nor let its handle reach anybody else. */
  private static boolean isInert(TreePath use) {
    TreePath parentPath = LocalUses.skipParentheses(use.getParentPath());
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    return switch (parent) {
      case AssignmentTree assignment -> ASTHelpers.stripParentheses(assignment.getVariable()) == use.getLeaf();
      case BinaryTree comparison -> true;
      case SynchronizedTree lock -> true;
      case null, default -> false;
    };
  }
}
