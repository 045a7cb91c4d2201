package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Type;

/**
 * Recognises work that handles its own failure: a lambda whose body is a single {@code try}
 * catching everything the lambda may throw ({@code Throwable}, {@code Exception}, or {@code
 * RuntimeException} when the lambda declares no checked exception), whose handler does not rethrow.
 * The future of such work carries no failure worth observing.
 */
final class SelfReportingWork {
  private SelfReportingWork() {}

  static boolean isSelfReporting(LambdaExpressionTree lambda, VisitorState state) {
    if (!(lambda.getBody() instanceof BlockTree body)
        || body.getStatements().size() != 1
        || !(body.getStatements().get(0) instanceof TryTree tryTree)) {
      return false;
    }
    boolean checkedAllowed = declaresCheckedExceptions(lambda, state);
    for (CatchTree catchTree : tryTree.getCatches()) {
      Type caught = ASTHelpers.getType(catchTree.getParameter());
      if (catchesEverything(caught, checkedAllowed, state) && !rethrows(catchTree.getBlock())) {
        return true;
      }
    }
    return false;
  }

  private static boolean catchesEverything(
      Type caught, boolean checkedAllowed, VisitorState state) {
    if (caught == null) {
      return false;
    }
    if (ASTHelpers.isSameType(caught, state.getSymtab().throwableType, state)
        || ASTHelpers.isSameType(caught, state.getSymtab().exceptionType, state)) {
      return true;
    }
    return !checkedAllowed
        && ASTHelpers.isSameType(caught, state.getSymtab().runtimeExceptionType, state);
  }

  private static boolean declaresCheckedExceptions(
      LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    if (type == null || type.isErroneous() || !state.getTypes().isFunctionalInterface(type)) {
      return true;
    }
    return !state.getTypes().findDescriptorType(type).getThrownTypes().isEmpty();
  }

  private static boolean rethrows(BlockTree handler) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitThrow(ThrowTree tree, Void unused) {
            return true;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree tree, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(handler, null);
    return Boolean.TRUE.equals(found);
  }
}
