package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether a local future is observed somewhere else than at one given use: by another use in its
 * method, or by the value it is initialised or assigned with ({@code ChannelPromise p =
 * ctx.newPromise().addListener(l)}).
 */
final class ObservedLocals {
  private ObservedLocals() {}

  /**
   * Whether {@code local} is observed by a use other than {@code except}, or holds only values
   * that {@code observedValue} accepts.
   */
  static boolean isObservedElsewhere(
      Symbol local, Tree except, Predicate<ExpressionTree> observedValue, VisitorState state) {
    if (!(local.owner instanceof MethodSymbol method)) {
      return false;
    }
    TreePath methodPath;
    try {
      methodPath = JavacTrees.instance(state.context).getPath(method);
    } catch (RuntimeException e) {
      return false;
    }
    if (methodPath == null) {
      return false;
    }
    boolean[] declared = {false};
    boolean[] observed = {false};
    boolean[] unobservedValue = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (ASTHelpers.getSymbol(variable) == local) {
          declared[0] = true;
          check(variable.getInitializer());
        }
        return super.visitVariable(variable, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (ASTHelpers.getSymbol(assignment.getVariable()) == local) {
          check(assignment.getExpression());
          return scan(assignment.getExpression(), null);
        }
        return super.visitAssignment(assignment, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (identifier != except
            && ASTHelpers.getSymbol(identifier) == local
            && Observation.observes(getCurrentPath(), state)) {
          observed[0] = true;
        }
        return null;
      }

      private void check(@Nullable ExpressionTree value) {
        if (value != null && !observedValue.test(value)) {
          unobservedValue[0] = true;
        }
      }
    }.scan(methodPath, null);
    return observed[0] || (declared[0] && !unobservedValue[0]);
  }
}
