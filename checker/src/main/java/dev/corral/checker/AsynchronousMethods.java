package dev.corral.checker;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.regex.Pattern;

/**
 * Methods whose name promises that the work runs later, not in the call ({@code refreshAsync}, {@code runLater},
 * {@code loadInBackground}, {@code scheduleFlush}, {@code submitReport}): their callers do not wait, so a fix that
 * waits for the work there would change what the method does.
 */
final class AsynchronousMethods {
  private AsynchronousMethods() {}

  private static final Pattern ASYNCHRONOUS_PREFIX =
      Pattern.compile("(async|schedule|submit|enqueue|fire)(?![a-z])");

  static boolean isNamedAsynchronous(MethodTree method) {
    String name = method.getName().toString();
    return name.endsWith("Async")
        || name.endsWith("Later")
        || name.endsWith("InBackground")
        || ASYNCHRONOUS_PREFIX.matcher(name).lookingAt();
  }

  /** Whether the leaf of {@code path} is in the body of such a method (not in a lambda or class inside it). */
  static boolean runsIn(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree method) {
        return isNamedAsynchronous(method);
      }
    }
    return false;
  }
}
