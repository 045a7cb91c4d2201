package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.jspecify.annotations.Nullable;

/**
 * The declarations of methods and classes compiled in the same build, read from their source
 * trees. Error Prone needs {@code -XDcompilePolicy=simple}, so every class of the build is
 * attributed before any is analysed; a symbol loaded from a class file has no tree and gets null,
 * which every caller reads as "unknown".
 */
final class SourceTrees {
  private SourceTrees() {}

  /** The declaration of {@code method} with a body, or null (abstract, native, or no source). */
  static @Nullable MethodTree methodWithBody(@Nullable Symbol method, VisitorState state) {
    TreePath path = methodPathWithBody(method, state);
    return path == null ? null : (MethodTree) path.getLeaf();
  }

  /** The path to the declaration of {@code method} with a body, or null, as {@link #methodWithBody}. */
  static @Nullable TreePath methodPathWithBody(@Nullable Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol) || method.isAbstract()) {
      return null;
    }
    TreePath path = JavacTrees.instance(state.context).getPath(method);
    return path != null
            && path.getLeaf() instanceof MethodTree declaration
            && declaration.getBody() != null
        ? path
        : null;
  }

  /** The declaration of {@code type}, or null when it has no source in this build. */
  static @Nullable ClassTree classDeclaration(@Nullable ClassSymbol type, VisitorState state) {
    if (type == null) {
      return null;
    }
    Tree tree = JavacTrees.instance(state.context).getTree(type);
    return tree instanceof ClassTree declaration ? declaration : null;
  }
}
