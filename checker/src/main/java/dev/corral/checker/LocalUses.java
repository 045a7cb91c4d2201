package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/** Finds the uses of a local variable inside the class member (method, initializer) that declares it. */
final class LocalUses {
  private LocalUses() {}

  /** The path of the class member around {@code path}: a method, an initializer block or a field. */
  static @Nullable TreePath enclosingMember(TreePath path) {
    for (TreePath current = path; current.getParentPath() != null; current = current.getParentPath()) {
      if (current.getParentPath().getLeaf() instanceof ClassTree) {
        return current;
      }
    }
    return null;
  }

  /** Whether {@code symbol} is a variable local to a method, lambda or block (not a field). */
  static boolean isLocal(@Nullable Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    ElementKind kind = symbol.getKind();
    return kind == ElementKind.LOCAL_VARIABLE
        || kind == ElementKind.RESOURCE_VARIABLE
        || kind == ElementKind.PARAMETER
        || kind == ElementKind.EXCEPTION_PARAMETER
        || kind == ElementKind.BINDING_VARIABLE;
  }

  /** The paths of every identifier that refers to {@code symbol} inside {@code scope}. */
  static List<TreePath> usesOf(Symbol symbol, TreePath scope) {
    List<TreePath> uses = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (symbol.equals(((JCTree.JCIdent) identifier).sym)) {
          uses.add(getCurrentPath());
        }
        return null;
      }
    }.scan(scope, null);
    return uses;
  }

  /** Whether an identifier inside {@code tree} refers to {@code symbol}. */
  static boolean mentions(Symbol symbol, Tree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        found[0] |= symbol.equals(((JCTree.JCIdent) identifier).sym);
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  /**
   * Whether {@code local} is assigned anywhere in {@code scope} after its declaration. Asked of code in other classes
   * too, which javac may not have flow-analysed yet: their locals carry no {@code EFFECTIVELY_FINAL} flag.
   */
  static boolean isReassigned(Symbol local, TreePath scope) {
    boolean[] reassigned = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        reassigned[0] |= ASTHelpers.getSymbol(assignment.getVariable()) == local;
        return super.visitAssignment(assignment, unused);
      }
    }.scan(scope, null);
    return reassigned[0];
  }

  /** The declaration of the local {@code symbol} inside {@code scope}, if there is one. */
  static @Nullable TreePath declarationOf(Symbol symbol, TreePath scope) {
    List<TreePath> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (symbol.equals(((JCTree.JCVariableDecl) variable).sym)) {
          found.add(getCurrentPath());
        }
        return super.visitVariable(variable, null);
      }
    }.scan(scope, null);
    return found.isEmpty() ? null : found.get(0);
  }

  /** If the use at {@code use} is the receiver of a method call, that call; otherwise null. */
  static @Nullable MethodInvocationTree invokedOn(TreePath use) {
    TreePath parent = skipParentheses(use.getParentPath());
    if (parent != null
        && parent.getLeaf() instanceof MemberSelectTree select
        && parent.getParentPath().getLeaf() instanceof MethodInvocationTree invocation
        && invocation.getMethodSelect() == select) {
      return invocation;
    }
    return null;
  }

  /** The first ancestor path that is not a parenthesized expression. */
  static @Nullable TreePath skipParentheses(@Nullable TreePath path) {
    TreePath current = path;
    while (current != null && current.getLeaf().getKind() == Tree.Kind.PARENTHESIZED) {
      current = current.getParentPath();
    }
    return current;
  }

  /** Convenience for the state's path. */
  static @Nullable TreePath enclosingMember(VisitorState state) {
    return enclosingMember(state.getPath());
  }
}
