package dev.corral.checker;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/**
 * Code that runs while its class is being initialized: a {@code static {}} block. Work it starts that calls back
 * into the class (a static method, a static field) blocks on the class's initialization lock, so waiting for that
 * work there (an await, a {@code join()}, a {@code TaskGroup}) deadlocks the first thread that touches the class.
 * Fixes never wait there.
 */
final class StaticInitializers {
  private StaticInitializers() {}

  /** Whether the leaf of {@code path} runs in a static initializer (not in a lambda or class declared there). */
  static boolean runsDuringClassInitialization(TreePath path) {
    Tree previous = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree) {
        return false;
      }
      if (leaf instanceof ClassTree) {
        return previous instanceof BlockTree block && block.isStatic();
      }
      previous = leaf;
    }
    return false;
  }
}
