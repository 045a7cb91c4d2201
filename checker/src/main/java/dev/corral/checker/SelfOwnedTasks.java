package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Tasks handed to an executor or a thread that already have an owner, judged from the task expression itself:
 *
 * <ul>
 *   <li>forwarded: the task is a parameter of the enclosing method, which only passes on work its caller handed
 *       over (an execution helper such as {@code runLater(Runnable task)}), like a delegating executor;
 *   <li>self-scheduling: {@code this}, a {@code Runnable} that schedules itself (execution strategies, state
 *       machines) and so owns its own lifecycle; {@code this::step} is not exempt, it is the common
 *       fire-and-forget shape;
 *   <li>self-reporting: a lambda, an anonymous {@code Runnable}, or a class declared in the same file, whose
 *       {@code run()} body catches {@code Throwable}, {@code Exception} or {@code RuntimeException} around its
 *       work and does something with it: the failure is observed by the task itself.
 * </ul>
 */
final class SelfOwnedTasks {
  private SelfOwnedTasks() {}

  static boolean ownsItsWork(@Nullable ExpressionTree task, VisitorState state) {
    if (task == null) {
      return false;
    }
    ExpressionTree expression = ASTHelpers.stripParentheses(task);
    return isForwardedParameter(expression)
        || isSelfScheduling(expression)
        || reportsOwnFailure(expression, state)
        || reportsOwnFailure(localInitializer(expression, state), state);
  }

  /** For {@code task} naming a local variable, the expression it was declared with. */
  private static @Nullable ExpressionTree localInitializer(ExpressionTree task, VisitorState state) {
    Symbol symbol = task instanceof IdentifierTree ? ASTHelpers.getSymbol(task) : null;
    TreePath member = LocalUses.enclosingMember(state);
    if (!LocalUses.isLocal(symbol) || member == null) {
      return null;
    }
    TreePath declaration = LocalUses.declarationOf(symbol, member);
    return declaration != null && declaration.getLeaf() instanceof VariableTree variable
        ? variable.getInitializer()
        : null;
  }

  private static boolean isForwardedParameter(ExpressionTree task) {
    Symbol symbol = task instanceof IdentifierTree ? ASTHelpers.getSymbol(task) : null;
    return symbol != null && symbol.getKind() == ElementKind.PARAMETER;
  }

  private static boolean isSelfScheduling(ExpressionTree task) {
    return task instanceof IdentifierTree identifier && identifier.getName().contentEquals("this");
  }

  private static boolean reportsOwnFailure(@Nullable ExpressionTree task, VisitorState state) {
    if (task == null) {
      return false;
    }
    BlockTree body =
        switch (task) {
          case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block -> block;
          case NewClassTree newClass when newClass.getClassBody() != null -> runMethodBody(newClass.getClassBody());
          case NewClassTree newClass -> runMethodBody(declarationInThisFile(newClass, state));
          default -> null;
        };
    return body != null && body.getStatements().stream().anyMatch(statement -> catchesBroadly(statement, state));
  }

  /** The declaration of the class {@code new X(...)} instantiates, when it is in the file being compiled. */
  private static @Nullable ClassTree declarationInThisFile(NewClassTree newClass, VisitorState state) {
    Symbol constructor = ASTHelpers.getSymbol(newClass);
    if (constructor == null) {
      return null;
    }
    Symbol type = constructor.owner;
    ClassTree[] found = new ClassTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree classTree, Void unused) {
        if (type.equals(ASTHelpers.getSymbol(classTree))) {
          found[0] = classTree;
          return null;
        }
        return super.visitClass(classTree, null);
      }
    }.scan(state.getPath().getCompilationUnit(), null);
    return found[0];
  }

  private static @Nullable BlockTree runMethodBody(@Nullable ClassTree type) {
    if (type == null) {
      return null;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("run")
          && method.getParameters().isEmpty()) {
        return method.getBody();
      }
    }
    return null;
  }

  /** A {@code try} with a non-empty {@code catch} of {@code Throwable}, {@code Exception} or {@code RuntimeException}. */
  private static boolean catchesBroadly(StatementTree statement, VisitorState state) {
    if (!(statement instanceof TryTree tryTree)) {
      return false;
    }
    Type runtimeException = state.getSymtab().runtimeExceptionType;
    for (CatchTree catchTree : tryTree.getCatches()) {
      Tree typeTree = catchTree.getParameter().getType();
      List<? extends Tree> alternatives =
          typeTree instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(typeTree);
      for (Tree alternative : alternatives) {
        Type caught = ASTHelpers.getType(alternative);
        if (caught != null
            && ASTHelpers.isSubtype(runtimeException, caught, state)
            && !catchTree.getBlock().getStatements().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }
}
