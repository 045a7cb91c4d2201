package dev.corral.checker;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Scheduled tasks that only forward work to an executor: {@code scheduler.schedule(() ->
 * workers.execute(task), d, unit)}, {@code scheduleAtFixedRate(this::tick, ..)} where {@code tick()}
 * only calls {@code workers.submit(..)}. The scheduled future can only fail with what the forwarding
 * call throws, a {@code RejectedExecutionException} (or an NPE for a null executor); the work itself,
 * and whether its failure is seen, belong to the executor it was forwarded to, where a dropped
 * {@code submit} is judged on its own. What is lost by dropping the scheduled future is a rejected
 * forward.
 */
final class ForwardingTasks {
  private static final Matcher<ExpressionTree> SCHEDULE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
          .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  private static final Matcher<ExpressionTree> FORWARD =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.Executor")
          .namedAnyOf("execute", "submit");

  private ForwardingTasks() {}

  /** Whether {@code call} schedules a task that only forwards work to an executor (see the class doc). */
  static boolean schedulesOnlyAForward(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)
        || !SCHEDULE.matches(call, state)
        || invocation.getArguments().isEmpty()) {
      return false;
    }
    ExpressionTree task = ASTHelpers.stripParentheses(invocation.getArguments().get(0));
    if (task instanceof LambdaExpressionTree lambda) {
      // A Callable lambda (() -> other.submit(t)) would hand back the forwarded future as its value.
      return lambda.getParameters().isEmpty()
          && Observation.returnsVoid(lambda, state)
          && (onlyForwards(lambda.getBody(), state) || callsAForwarder(lambda.getBody(), state));
    }
    if (task instanceof MemberReferenceTree reference) {
      return ASTHelpers.getSymbol(reference) instanceof MethodSymbol method
          && isForwarder(method, state);
    }
    return false;
  }

  /** {@code () -> tick()}: a lambda whose one statement calls a forwarding method of the build. */
  private static boolean callsAForwarder(Tree body, VisitorState state) {
    List<ExpressionTree> calls = callsOf(body);
    return calls != null
        && calls.size() == 1
        && calls.get(0) instanceof MethodInvocationTree call
        && call.getArguments().stream().allMatch(ForwardingTasks::isPlainValue)
        && ASTHelpers.getSymbol((Tree) call) instanceof MethodSymbol method
        && isForwarder(method, state);
  }

  /** A method of the build (not overridden in it) whose body only forwards work. */
  private static boolean isForwarder(MethodSymbol method, VisitorState state) {
    MethodTree declaration = SourceTrees.methodWithBody(method, state);
    return declaration != null
        && !BuildIndex.of(state).isOverridden(method, state)
        && onlyForwards(declaration.getBody(), state);
  }

  /**
   * Whether {@code body} (an expression or a block) is one or more statements each of which
   * forwards work: {@code executor.execute(task)} or {@code executor.submit(task)} with plain
   * arguments (a lambda, a method reference, a variable or {@code new X(..)} of plain values).
   */
  private static boolean onlyForwards(@Nullable Tree body, VisitorState state) {
    List<ExpressionTree> calls = callsOf(body);
    return calls != null
        && !calls.isEmpty()
        && calls.stream()
            .allMatch(
                expression ->
                    expression instanceof MethodInvocationTree call
                        && FORWARD.matches(call, state)
                        && call.getArguments().stream().allMatch(ForwardingTasks::isPlainValue));
  }

  /**
   * The expressions of {@code body}'s statements when each is an expression statement (an
   * expression lambda's body is its one expression), or null.
   */
  private static @Nullable List<ExpressionTree> callsOf(@Nullable Tree body) {
    if (body instanceof ExpressionTree expression) {
      return List.of(expression);
    }
    if (!(body instanceof BlockTree block)) {
      return null;
    }
    List<ExpressionTree> expressions = new ArrayList<>();
    for (StatementTree statement : block.getStatements()) {
      if (!(statement instanceof ExpressionStatementTree expression)) {
        return null;
      }
      expressions.add(expression.getExpression());
    }
    return expressions;
  }

  /** A value whose evaluation calls nothing that could throw. */
  private static boolean isPlainValue(ExpressionTree argument) {
    ExpressionTree expr = ASTHelpers.stripParentheses(argument);
    return expr instanceof LambdaExpressionTree
        || expr instanceof MemberReferenceTree
        || expr instanceof IdentifierTree
        || (expr instanceof MemberSelectTree select && isPlainValue(select.getExpression()))
        || expr instanceof LiteralTree
        || (expr instanceof NewClassTree created
            && created.getEnclosingExpression() == null
            && created.getArguments().stream().allMatch(ForwardingTasks::isPlainValue));
  }
}
