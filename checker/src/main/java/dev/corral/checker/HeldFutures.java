package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import javax.lang.model.element.ElementKind;

/**
 * Futures read from their holder: an accessor compiled in the same build whose body only returns a
 * field ({@code request.getFuture()}). The holder owns the future; reading it is no new work.
 */
final class HeldFutures {
  private HeldFutures() {}

  static boolean returnsAField(MethodSymbol method, VisitorState state) {
    if (method.isAbstract() || method.getParameters().size() > 0) {
      return false;
    }
    Tree tree;
    try {
      tree = JavacTrees.instance(state.context).getTree(method);
    } catch (RuntimeException e) {
      return false;
    }
    if (!(tree instanceof MethodTree declaration)) {
      return false;
    }
    BlockTree body = declaration.getBody();
    if (body == null
        || body.getStatements().size() != 1
        || !(body.getStatements().get(0) instanceof ReturnTree returned)
        || returned.getExpression() == null) {
      return false;
    }
    Symbol value = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(returned.getExpression()));
    return value != null && value.getKind() == ElementKind.FIELD;
  }
}
