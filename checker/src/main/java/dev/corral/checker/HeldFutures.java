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
 * Futures read from their holder: an accessor compiled in the same build whose every {@code return}
 * returns a field ({@code request.getFuture()}, or a lazy getter {@code if (f == null) { f = ...; }
 * return f;}). A future held in a field is owned by its holder, not by whoever reads it.
 */
final class HeldFutures {
  private HeldFutures() {}

  static boolean returnsAField(MethodSymbol method, VisitorState state) {
    if (method.isAbstract() || !method.getParameters().isEmpty()) {
      return false;
    }
    Tree tree;
    try {
      tree = JavacTrees.instance(state.context).getTree(method);
    } catch (RuntimeException e) {
      return false;
    }
    if (!(tree instanceof MethodTree declaration) || declaration.getBody() == null) {
      return false;
    }
    return everyReturnIsAField(declaration.getBody());
  }

  private static boolean everyReturnIsAField(BlockTree body) {
    int[] returns = {0};
    boolean[] other = {false};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree returned, Void unused) {
        returns[0]++;
        Symbol value =
            returned.getExpression() == null
                ? null
                : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(returned.getExpression()));
        other[0] |= value == null || value.getKind() != ElementKind.FIELD;
        return null;
      }
    }.scan(body, null);
    return returns[0] > 0 && !other[0];
  }
}
