package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Instances created for one call: {@code new PartitionInvocation(op).invoke()}. A field of such an instance is no
 * holder's but the caller's: nothing else can reach the instance, so a future the call hands back from its own field
 * is as fresh as a {@code submit}, where a field of a long-lived object is that object's to watch.
 */
final class FreshInstances {
  private FreshInstances() {}

  /** {@code new X(..).m()}: the call is made on an instance created for it. */
  static boolean onFreshInstance(ExpressionTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver != null && ASTHelpers.stripParentheses(receiver) instanceof NewClassTree;
  }

  /** {@code m()} or {@code this.m()}: the call runs on the instance its caller runs on. */
  static boolean onSameInstance(ExpressionTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver == null
        || (ASTHelpers.stripParentheses(receiver) instanceof IdentifierTree identifier
            && identifier.getName().contentEquals("this"));
  }

  /**
   * {@code future} or {@code this.future} read in the instance method {@code method}: a field of the instance the
   * method runs on (not of an enclosing instance, read from an inner class).
   */
  static boolean readsOwnField(
      ExpressionTree expr, @Nullable Symbol field, @Nullable MethodSymbol method, VisitorState state) {
    return field != null
        && field.getKind() == ElementKind.FIELD
        && !field.isStatic()
        && method != null
        && !method.isStatic()
        && method.owner instanceof ClassSymbol type
        && type.isSubClass(field.owner, state.getTypes())
        && (expr instanceof IdentifierTree
            || (expr instanceof MemberSelectTree select
                && ASTHelpers.stripParentheses(select.getExpression()) instanceof IdentifierTree qualifier
                && qualifier.getName().contentEquals("this")));
  }
}
