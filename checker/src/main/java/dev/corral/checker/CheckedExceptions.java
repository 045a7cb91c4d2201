package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;

/**
 * Tells whether a checked exception thrown at a place would compile there: caught by an enclosing {@code try}, or
 * declared by the enclosing method or lambda. Fixes that add {@code join()} or {@code get()} are offered only
 * where this holds, so that every fix compiles.
 */
final class CheckedExceptions {
  private CheckedExceptions() {}

  /** Whether {@code exceptionType} (e.g. "java.lang.InterruptedException") may be thrown at the current path. */
  static boolean isHandled(String exceptionType, VisitorState state) {
    Type exception = ClasspathTypes.find(exceptionType, state);
    return exception != null && isHandled(exception, state.getPath(), state);
  }

  static boolean isHandled(Type exception, TreePath path, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath parent = path.getParentPath(); parent != null; parent = parent.getParentPath()) {
      Tree node = parent.getLeaf();
      switch (node) {
        case TryTree tryTree -> {
          boolean inGuardedPart = tryTree.getBlock() == child || tryTree.getResources().contains(child);
          if (inGuardedPart && catches(tryTree.getCatches(), exception, state)) {
            return true;
          }
        }
        case LambdaExpressionTree lambda -> {
          return throwsFrom(lambdaThrownTypes(lambda, state), exception, state);
        }
        case MethodTree method -> {
          MethodSymbol symbol = ASTHelpers.getSymbol(method);
          return symbol != null && throwsFrom(symbol.getThrownTypes(), exception, state);
        }
        case ClassTree unused -> {
          // Initializers and field initializers: no throws clause to lean on.
          return false;
        }
        default -> {}
      }
      child = node;
    }
    return false;
  }

  private static boolean catches(List<? extends CatchTree> catches, Type exception, VisitorState state) {
    for (CatchTree catchTree : catches) {
      Tree typeTree = catchTree.getParameter().getType();
      List<? extends Tree> alternatives =
          typeTree instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(typeTree);
      for (Tree alternative : alternatives) {
        Type caught = ASTHelpers.getType(alternative);
        if (caught != null && ClasspathTypes.isA(exception, caught, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Type> lambdaThrownTypes(LambdaExpressionTree lambda, VisitorState state) {
    Type lambdaType = ASTHelpers.getType(lambda);
    if (lambdaType == null || lambdaType.isErroneous()) {
      return List.of();
    }
    return state.getTypes().findDescriptorType(lambdaType).getThrownTypes();
  }

  private static boolean throwsFrom(List<Type> thrown, Type exception, VisitorState state) {
    return thrown.stream().anyMatch(declared -> ClasspathTypes.isA(exception, declared, state));
  }
}
