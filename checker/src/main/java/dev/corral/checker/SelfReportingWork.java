package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
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
    return lambda.getBody() instanceof BlockTree body
        && isGuarded(body, declaresCheckedExceptions(lambda, state), state);
  }

  /**
   * Whether {@code newTask} ({@code new ScheduledExecution(callback)}, or an anonymous class)
   * creates a task whose class, compiled in the same build, has a {@code run()} or {@code call()}
   * whose body is such a {@code try}.
   */
  static boolean isSelfReportingTask(NewClassTree newTask, VisitorState state) {
    ClassTree type = newTask.getClassBody();
    if (type == null) {
      Symbol constructor = ASTHelpers.getSymbol(newTask);
      Symbol.ClassSymbol owner = constructor == null ? null : constructor.enclClass();
      Tree tree;
      try {
        tree = owner == null ? null : JavacTrees.instance(state.context).getTree(owner);
      } catch (RuntimeException e) {
        return false;
      }
      if (!(tree instanceof ClassTree declared)) {
        return false;
      }
      type = declared;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && (method.getName().contentEquals("run") || method.getName().contentEquals("call"))
          && method.getBody() != null
          && isGuarded(method.getBody(), !method.getThrows().isEmpty(), state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGuarded(BlockTree body, boolean checkedAllowed, VisitorState state) {
    if (body.getStatements().size() != 1
        || !(body.getStatements().get(0) instanceof TryTree tryTree)) {
      return false;
    }
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
    return OwnBody.contains(handler, Tree.Kind.THROW);
  }
}
