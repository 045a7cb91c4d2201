package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Kinds;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.util.Context;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The declarations of methods and classes compiled in the same build, read from their source
 * trees. Error Prone needs {@code -XDcompilePolicy=simple}, so every class of the build is
 * attributed before any is analysed; a symbol loaded from a class file has no tree and gets null,
 * which every caller reads as "unknown".
 */
final class SourceTrees {
  /** Per compilation (a javac {@link Context}): the declarations of the units read so far. */
  private static final Context.Key<Declarations> DECLARATIONS = new Context.Key<>();

  /** Every method declaration with a body, by symbol, of each compilation unit read so far. */
  private static final class Declarations {
    final Set<CompilationUnitTree> read = Collections.newSetFromMap(new IdentityHashMap<>());
    final Map<Symbol, TreePath> methods = new IdentityHashMap<>();

    void read(CompilationUnitTree unit) {
      if (!read.add(unit)) {
        return;
      }
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethod(MethodTree method, Void unused) {
          Symbol symbol = ASTHelpers.getSymbol(method);
          if (symbol != null && method.getBody() != null) {
            methods.put(symbol, getCurrentPath());
          }
          return super.visitMethod(method, unused);
        }
      }.scan(unit, null);
    }
  }

  private SourceTrees() {}

  /** The declaration of {@code method} with a body, or null (abstract, native, or no source). */
  static @Nullable MethodTree methodWithBody(@Nullable Symbol method, VisitorState state) {
    TreePath path = methodPathWithBody(method, state);
    return path == null ? null : (MethodTree) path.getLeaf();
  }

  /**
   * The path to the declaration of {@code method} with a body, or null, as {@link #methodWithBody}. The method's
   * compilation unit is read once for all its methods: {@link
   * JavacTrees#getPath(javax.lang.model.element.Element)} would scan the whole unit for each, and the checks ask for
   * many callees and task classes of the same files.
   */
  static @Nullable TreePath methodPathWithBody(@Nullable Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol) || method.isAbstract()) {
      return null;
    }
    CompilationUnitTree unit = unitOf(method, state);
    if (unit == null) {
      return null; // read from a class file
    }
    Declarations declarations = state.context.get(DECLARATIONS);
    if (declarations == null) {
      declarations = new Declarations();
      state.context.put(DECLARATIONS, declarations);
    }
    declarations.read(unit);
    return declarations.methods.get(method);
  }

  /** {@code this} or {@code Outer.this}: the instance the code runs on, or an enclosing one. */
  static boolean isThis(@Nullable ExpressionTree expression) {
    return (expression instanceof IdentifierTree identifier && identifier.getName().contentEquals("this"))
        || (expression instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this"));
  }

  /**
   * The top-level class that holds {@code symbol}, or null for a symbol that no package holds: javac's synthetic
   * array class, owner of an array's {@code clone()} and {@code length} ({@link Symbol#outermostClass()} fails on
   * those).
   */
  static @Nullable ClassSymbol outermostClass(Symbol symbol) {
    ClassSymbol outermost = null;
    Symbol current = symbol;
    while (current != null && current.kind != Kinds.Kind.PCK) {
      if (current.kind == Kinds.Kind.NIL) {
        return null;
      }
      if (current instanceof ClassSymbol type) {
        outermost = type;
      }
      current = current.owner;
    }
    return current == null ? null : outermost;
  }

  /** The compilation unit that declares {@code symbol}, or null when it was read from a class file. */
  static @Nullable CompilationUnitTree unitOf(Symbol symbol, VisitorState state) {
    ClassSymbol outermost = outermostClass(symbol);
    Env<AttrContext> env = outermost == null ? null : Enter.instance(state.context).getEnv(outermost);
    return env == null ? null : env.toplevel;
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
