package dev.corral.checker;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
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
        if (ASTHelpers.getSymbol(call) != null && ASTHelpers.getSymbol(call).getSimpleName().contentEquals("join")) {
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
