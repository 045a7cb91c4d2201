package dev.corral.checker;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** Searches one body (a method's, a lambda's, a handler's) without entering the lambdas and classes nested in it. */
final class OwnBody {
  private OwnBody() {}

  /** A scanner of one body: it does not enter the lambdas and classes nested in it, which are bodies of their own. */
  abstract static class Scanner<R, P> extends TreeScanner<R, P> {
    @Override
    public R visitLambdaExpression(LambdaExpressionTree lambda, P parameter) {
      return null;
    }

    @Override
    public R visitClass(ClassTree nested, P parameter) {
      return null;
    }
  }

  /** A path scanner of one body, like {@link Scanner}: for scans that need the path of what they visit. */
  abstract static class PathScanner<R, P> extends TreePathScanner<R, P> {
    @Override
    public R visitLambdaExpression(LambdaExpressionTree lambda, P parameter) {
      return null;
    }

    @Override
    public R visitClass(ClassTree nested, P parameter) {
      return null;
    }
  }

  /**
   * Whether the method at {@code declaration} has a {@code return} and every one of its own (not those of nested
   * lambdas and classes) passes {@code test}, given the returned expression and the path to the {@code return}.
   */
  static boolean everyReturn(TreePath declaration, BiPredicate<ExpressionTree, TreePath> test) {
    int[] returns = {0};
    boolean[] failed = {false};
    new PathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree returned, Void unused) {
        returns[0]++;
        failed[0] |= !test.test(returned.getExpression(), getCurrentPath());
        return null;
      }
    }.scan(declaration, null);
    return returns[0] > 0 && !failed[0];
  }

  /** The values {@code body}'s own {@code return} statements give (not those of its nested lambdas and classes). */
  static List<ExpressionTree> returnedValues(Tree body) {
    List<ExpressionTree> returned = new ArrayList<>();
    new Scanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (tree.getExpression() != null) {
          returned.add(tree.getExpression());
        }
        return null;
      }
    }.scan(body, null);
    return returned;
  }

  /** Whether {@code body} holds a tree of {@code kind} outside nested lambdas and classes (their own bodies). */
  static boolean contains(Tree body, Tree.Kind kind) {
    return anyMatch(body, tree -> tree.getKind() == kind);
  }

  /** Whether {@code body}, or a tree in it outside nested lambdas and classes, passes {@code test}. */
  static boolean anyMatch(Tree body, Predicate<Tree> test) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree tree, Void unused) {
            if (tree == null) {
              return false;
            }
            if (test.test(tree)) {
              return true;
            }
            if (tree != body && (tree instanceof LambdaExpressionTree || tree instanceof ClassTree)) {
              return false;
            }
            return super.scan(tree, unused);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }
}
