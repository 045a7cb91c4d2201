package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Methods of the file being analysed, looked into by the task rules. Only the current compilation unit's trees are
 * read: another file's trees may already be lowered by javac when this file is analysed (with {@code
 * -XDcompilePolicy=byfile}), so what they say would depend on the compile order.
 */
final class SameFileMethods {
  private SameFileMethods() {}

  /** The path of {@code symbol}'s declaration when it is a method with a body in the current compilation unit. */
  static @Nullable TreePath declarationOf(@Nullable Symbol symbol, VisitorState state) {
    TreePath path = SourceTrees.methodPathWithBody(symbol, state);
    return path != null && path.getCompilationUnit() == state.getPath().getCompilationUnit() ? path : null;
  }

  /**
   * The method {@code call} runs on this object (no receiver, {@code this.m()}, {@code Outer.this.m()}) or
   * statically, or null for a call on another object.
   */
  static @Nullable MethodSymbol calledOnThis(MethodInvocationTree call) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return null;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    boolean onThis =
        receiver == null
            || method.isStatic()
            || SourceTrees.isThis(receiver);
    return onThis ? method : null;
  }

  /** Whether no subclass can replace the method: private, static, final, or in a final or anonymous class. */
  static boolean cannotBeOverridden(MethodSymbol method) {
    if (method.isStatic()
        || method.isConstructor()
        || method.getModifiers().contains(Modifier.PRIVATE)
        || method.getModifiers().contains(Modifier.FINAL)) {
      return true;
    }
    Symbol owner = method.owner;
    return owner instanceof ClassSymbol type && (type.getModifiers().contains(Modifier.FINAL) || type.isAnonymous());
  }

  /** Whether a class of the current compilation unit overrides {@code method}. */
  static boolean overriddenInFile(MethodSymbol method, VisitorState state) {
    return overriddenInFile(method, state, /* anonymousOnly= */ false);
  }

  /** Whether an anonymous class of the current compilation unit overrides {@code method}: no index lists it. */
  static boolean overriddenAnonymouslyInFile(MethodSymbol method, VisitorState state) {
    return overriddenInFile(method, state, /* anonymousOnly= */ true);
  }

  private static boolean overriddenInFile(MethodSymbol method, VisitorState state, boolean anonymousOnly) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethod(MethodTree tree, Void unused) {
            MethodSymbol other = ASTHelpers.getSymbol(tree);
            if (other != method
                && (!anonymousOnly || (other.owner instanceof ClassSymbol type && type.isAnonymous()))
                && other.getSimpleName().equals(method.getSimpleName())
                && ASTHelpers.findSuperMethods(other, state.getTypes()).contains(method)) {
              return true;
            }
            return super.visitMethod(tree, unused);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(state.getPath().getCompilationUnit(), null);
    return Boolean.TRUE.equals(found);
  }
}
