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
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The declarations of methods and classes compiled in the same build, read from their source
 * trees. Error Prone needs {@code -XDcompilePolicy=simple}, so every class of the build is
 * attributed before any is analysed; a symbol loaded from a class file has no tree and gets null,
 * which every caller reads as "unknown".
 */
final class SourceTrees {
  /** Per compilation (a javac {@link Context}): each method's {@link #methodPathWithBody} answer. */
  private static final Context.Key<Map<Symbol, Optional<TreePath>>> PATHS = new Context.Key<>();

  private SourceTrees() {}

  /** The declaration of {@code method} with a body, or null (abstract, native, or no source). */
  static @Nullable MethodTree methodWithBody(@Nullable Symbol method, VisitorState state) {
    TreePath path = methodPathWithBody(method, state);
    return path == null ? null : (MethodTree) path.getLeaf();
  }

  /**
   * The path to the declaration of {@code method} with a body, or null, as {@link #methodWithBody}. Remembered per
   * method for the compilation: {@link JavacTrees#getPath(javax.lang.model.element.Element)} scans the method's
   * whole compilation unit, and the checks ask for the same callees and task classes from many call sites.
   */
  static @Nullable TreePath methodPathWithBody(@Nullable Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol) || method.isAbstract()) {
      return null;
    }
    Map<Symbol, Optional<TreePath>> paths = state.context.get(PATHS);
    if (paths == null) {
      paths = new HashMap<>();
      state.context.put(PATHS, paths);
    }
    return paths.computeIfAbsent(method, declared -> Optional.ofNullable(findWithBody(declared, state))).orElse(null);
  }

  private static @Nullable TreePath findWithBody(Symbol method, VisitorState state) {
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
