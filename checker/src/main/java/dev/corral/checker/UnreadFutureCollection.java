package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * Finds a local collection of futures that is only ever written: created here with {@code new},
 * then only {@code add}ed to. Nobody can reach the futures, so nobody sees their failures.
 */
final class UnreadFutureCollection {
  private static final ImmutableSet<String> WRITES =
      ImmutableSet.of(
          "add", "addAll", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push");

  private UnreadFutureCollection() {}

  /** Whether {@code declaration} (the leaf of {@code state}'s path) is such a collection. */
  static boolean isUnread(
      VariableTree declaration, Symbol local, FutureTypes futureTypes, VisitorState state) {
    if (!(declaration.getInitializer() instanceof NewClassTree)
        || !holdsFutures(local.type, futureTypes, state)) {
      return false;
    }
    TreePath owner = LeakAnalysis.ownerOf(state.getPath());
    if (owner == null) {
      return false;
    }
    int[] writes = {0};
    boolean[] read = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == local) {
          if (isWrite(getCurrentPath(), state)) {
            writes[0]++;
          } else {
            read[0] = true;
          }
        }
        return null;
      }
    }.scan(owner, null);
    return writes[0] > 0 && !read[0];
  }

  private static boolean holdsFutures(Type type, FutureTypes futureTypes, VisitorState state) {
    return futureTypes.isFuture(elementType(type, state), state);
  }

  /** The element type of a {@code Collection} type, or null. */
  static @Nullable Type elementType(@Nullable Type type, VisitorState state) {
    Type collection = state.getTypeFromString("java.util.Collection");
    if (type == null || collection == null) {
      return null;
    }
    Type asCollection = state.getTypes().asSuper(type, collection.tsym);
    return asCollection != null && asCollection.getTypeArguments().size() == 1
        ? asCollection.getTypeArguments().get(0)
        : null;
  }

  /** {@code local.add(...)} whose boolean result is dropped. */
  private static boolean isWrite(TreePath identifierPath, VisitorState state) {
    TreePath selectPath = identifierPath.getParentPath();
    if (selectPath == null || !(selectPath.getLeaf() instanceof MemberSelectTree select)) {
      return false;
    }
    TreePath callPath = selectPath.getParentPath();
    Tree call = callPath == null ? null : callPath.getLeaf();
    return call instanceof MethodInvocationTree invocation
        && invocation.getMethodSelect() == select
        && WRITES.contains(select.getIdentifier().toString())
        && Observation.isDropped(callPath, state);
  }
}
