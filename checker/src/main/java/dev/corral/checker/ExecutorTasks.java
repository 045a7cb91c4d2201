package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Work handed to an executor ({@code submit}, {@code schedule*}) whose plain {@code Future} is
 * dropped. A plain future takes no callback, so the non-blocking fix wraps the task instead: it
 * catches what the task throws and hands it to the uncaught-exception handler. Also tells when
 * awaiting the future would be wrong: a periodic or delayed schedule, or a task that loops.
 */
final class ExecutorTasks {
  private static final Matcher<ExpressionTree> SUBMIT =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.ExecutorService").named("submit"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
              .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"));

  private static final Matcher<ExpressionTree> SCHEDULE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
          .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  private ExecutorTasks() {}

  /**
   * Whether awaiting the future of {@code call} would stall the caller: a schedule (it completes
   * after a delay, or never when periodic) or a task whose body, or a method of this class it
   * calls, loops.
   */
  static boolean awaitingWouldStall(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation) || !SUBMIT.matches(call, state)) {
      return false;
    }
    if (SCHEDULE.matches(call, state)) {
      return true;
    }
    ExpressionTree task =
        invocation.getArguments().isEmpty() ? null : invocation.getArguments().get(0);
    return task != null && loops(task, state, /* depth= */ 1);
  }

  /** The task argument wrapped so that its failure is reported; empty if the shape is unknown. */
  static Optional<SuggestedFix> reportFromTask(
      ExpressionTree call, TreePath path, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)
        || !SUBMIT.matches(call, state)
        || invocation.getArguments().isEmpty()
        || !(ASTHelpers.getSymbol(invocation) instanceof MethodSymbol method)
        || method.getParameters().isEmpty()) {
      return Optional.empty();
    }
    ExpressionTree task = invocation.getArguments().get(0);
    Type parameter = state.getTypes().erasure(method.getParameters().get(0).type);
    if (parameter == null || parameter.tsym == null) {
      return Optional.empty();
    }
    boolean runnable = parameter.tsym.getQualifiedName().contentEquals("java.lang.Runnable");
    boolean callable =
        parameter.tsym.getQualifiedName().contentEquals("java.util.concurrent.Callable");
    if (!runnable && !callable) {
      return Optional.empty();
    }
    String failure = LeakFixes.freshName("failure", state.withPath(path));
    String report = LeakFixes.reportToUncaughtHandler(failure);
    String body = taskBody(task, runnable, path, state);
    if (body == null) {
      return Optional.empty();
    }
    String wrapped =
        runnable
            ? "() -> { try { "
                + body
                + " } catch (RuntimeException "
                + failure
                + ") { "
                + report
                + " } }"
            : "() -> { try { "
                + body
                + " } catch (Exception "
                + failure
                + ") { "
                + report
                + " return null; } }";
    return Optional.of(SuggestedFix.replace(task, wrapped));
  }

  /**
   * The statements that run the task, for inside the wrapping {@code try}; null when moving the task into a lambda
   * would change what it is or not compile (see {@link #isCapturable}).
   */
  private static @Nullable String taskBody(
      ExpressionTree task, boolean runnable, TreePath path, VisitorState state) {
    if (task instanceof LambdaExpressionTree lambda) {
      if (!lambda.getParameters().isEmpty()) {
        return null;
      }
      String source = state.getSourceForNode(lambda.getBody());
      if (source == null) {
        return null;
      }
      if (lambda.getBody() instanceof BlockTree) {
        // A block body: its statements, braces and all, are a valid statement.
        return source;
      }
      return runnable ? source + ";" : "return " + source + ";";
    }
    if (task instanceof MemberReferenceTree) {
      return null;
    }
    TreePath member = LocalUses.enclosingMember(path);
    if (member == null || !isCapturable(task, member)) {
      return null;
    }
    String source = state.getSourceForNode(task);
    if (source == null) {
      return null;
    }
    return runnable ? source + ".run();" : "return " + source + ".call();";
  }

  /**
   * Whether {@code value}, evaluated inside the wrapping lambda instead of at the call, is the same value and may be
   * captured: a local or parameter that {@code member} never reassigns (a lambda may only capture those), a final
   * field, {@code this}, a literal, or {@code new X(..)} of such values. Anything else (a call, {@code new X(now())})
   * would run later, on the pool thread, and a reassigned local would not compile.
   */
  private static boolean isCapturable(ExpressionTree value, TreePath member) {
    ExpressionTree expression = ASTHelpers.stripParentheses(value);
    if (expression instanceof LiteralTree) {
      return true;
    }
    if (expression instanceof NewClassTree construction) {
      return construction.getEnclosingExpression() == null
          && construction.getArguments().stream().allMatch(argument -> isCapturable(argument, member));
    }
    if (!(expression instanceof IdentifierTree) && !(expression instanceof MemberSelectTree)) {
      return false;
    }
    Symbol symbol = ASTHelpers.getSymbol(expression);
    if (symbol == null) {
      return false;
    }
    if (symbol.getSimpleName().contentEquals("this")) {
      return true;
    }
    if (LocalUses.isLocal(symbol) || symbol.getKind() == ElementKind.PARAMETER) {
      return expression instanceof IdentifierTree && !LocalUses.isReassigned(symbol, member);
    }
    return symbol.getKind() == ElementKind.FIELD
        && (symbol.flags() & Flags.FINAL) != 0
        && (expression instanceof IdentifierTree
            || isCapturable(((MemberSelectTree) expression).getExpression(), member)
            || symbol.isStatic());
  }

  private static boolean loops(Tree task, VisitorState state, int depth) {
    Tree body = taskBodyTree(task, state);
    if (body == null) {
      return false;
    }
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitWhileLoop(WhileLoopTree tree, Void unused) {
            return true;
          }

          @Override
          public Boolean visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
            return true;
          }

          @Override
          public Boolean visitForLoop(ForLoopTree tree, Void unused) {
            return tree.getCondition() == null || super.visitForLoop(tree, unused);
          }

          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree tree, Void unused) {
            if (depth > 0 && callsLoopingMethod(tree, state, depth)) {
              return true;
            }
            return super.visitMethodInvocation(tree, unused);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }

  private static boolean callsLoopingMethod(
      MethodInvocationTree call, VisitorState state, int depth) {
    Symbol symbol = ASTHelpers.getSymbol((Tree) call);
    if (!(symbol instanceof MethodSymbol)) {
      return false;
    }
    // Only methods compiled now, i.e. of this project: their bodies are at hand.
    Tree declaration = JavacTrees.instance(state.context).getTree(symbol);
    return declaration instanceof com.sun.source.tree.MethodTree method
        && method.getBody() != null
        && loops(method.getBody(), state, depth - 1);
  }

  /**
   * What runs when the task does: a lambda's body, an anonymous class, the body of a referenced method ({@code
   * this::loop}), or the {@code run()}/{@code call()} of a class of this build that {@code new X(..)} creates.
   */
  private static @Nullable Tree taskBodyTree(Tree task, VisitorState state) {
    if (task instanceof LambdaExpressionTree lambda) {
      return lambda.getBody();
    }
    if (task instanceof NewClassTree newClass && newClass.getClassBody() != null) {
      return newClass.getClassBody();
    }
    if (task instanceof NewClassTree || task instanceof MemberReferenceTree) {
      Symbol symbol = ASTHelpers.getSymbol(task);
      Symbol method =
          task instanceof MemberReferenceTree
              ? symbol
              : symbol != null && symbol.owner instanceof Symbol.ClassSymbol created
                  ? TaskImplementations.taskMethod(created, state)
                  : null;
      com.sun.source.tree.MethodTree declaration = SourceTrees.methodWithBody(method, state);
      return declaration == null ? null : declaration.getBody();
    }
    return task instanceof BlockTree ? task : null;
  }
}
