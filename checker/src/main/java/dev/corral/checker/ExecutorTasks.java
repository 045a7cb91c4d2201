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
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.Optional;
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
    String report =
        "Thread.currentThread().getUncaughtExceptionHandler()"
            + ".uncaughtException(Thread.currentThread(), "
            + failure
            + ");";
    String body = taskBody(task, runnable, state);
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

  /** The statements that run the task, for inside the wrapping {@code try}. */
  private static @Nullable String taskBody(
      ExpressionTree task, boolean runnable, VisitorState state) {
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
    String source = state.getSourceForNode(task);
    if (source == null) {
      return null;
    }
    return runnable ? source + ".run();" : "return " + source + ".call();";
  }

  private static boolean loops(Tree task, VisitorState state, int depth) {
    Tree body = taskBodyTree(task);
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

  private static @Nullable Tree taskBodyTree(Tree task) {
    if (task instanceof LambdaExpressionTree lambda) {
      return lambda.getBody();
    }
    if (task instanceof NewClassTree newClass) {
      return newClass.getClassBody();
    }
    return task instanceof BlockTree ? task : null;
  }
}
