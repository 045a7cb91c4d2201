package dev.corral.checker;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Scheduled tasks that only forward work to an executor: {@code scheduler.schedule(() ->
 * workers.execute(task), d, unit)}, {@code scheduleAtFixedRate(this::tick, ..)} where {@code tick()}
 * only calls {@code workers.submit(..)}, {@code schedule(new Decorator(task, workers), d, unit)} where the
 * build's {@code Decorator.run()} only calls {@code workers.execute(task)}. The scheduled future can only fail with what the forwarding
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
    ExpressionTree task = taskOf(invocation.getArguments().get(0), state);
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
    if (task instanceof NewClassTree created && created.getClassBody() != null) {
      // new Runnable() { public void run() { Outer.this.pool.submit(request); } }: read like a block lambda.
      BlockTree run = anonymousRun(created.getClassBody());
      return run != null && (onlyForwards(run, state) || callsAForwarder(run, state));
    }
    if (task instanceof NewClassTree created
        && ASTHelpers.getSymbol(created) instanceof MethodSymbol constructor
        && constructor.owner instanceof ClassSymbol type) {
      // new DelegatingTaskDecorator(command, executor), whose run() is executor.execute(command)
      MethodSymbol run = runOf(type, state);
      return run != null && isForwarder(run, state);
    }
    return false;
  }

  /**
   * The task argument, or the initializer of the local it names, never assigned again ({@code Runnable decorated = new
   * Decorator(command, executor); return scheduler.schedule(decorated, d, unit);}) when declared in the same method
   * or lambda.
   */
  private static ExpressionTree taskOf(ExpressionTree argument, VisitorState state) {
    ExpressionTree task = ASTHelpers.stripParentheses(argument);
    if (task instanceof IdentifierTree
        && ASTHelpers.getSymbol(task) instanceof Symbol local
        && local.getKind() == ElementKind.LOCAL_VARIABLE) {
      TreePath owner = LeakAnalysis.ownerOf(state.getPath());
      TreePath declaration = owner == null ? null : LocalUses.declarationOf(local, owner);
      if (declaration != null
          && declaration.getLeaf() instanceof VariableTree variable
          && variable.getInitializer() != null
          && !LocalUses.isReassigned(local, owner)) {
        return ASTHelpers.stripParentheses(variable.getInitializer());
      }
    }
    return task;
  }

  /** The no-argument {@code run()} that {@code type} itself declares, or null. */
  private static @Nullable MethodSymbol runOf(ClassSymbol type, VisitorState state) {
    for (Symbol member : type.members().getSymbolsByName(state.getName("run"))) {
      if (member instanceof MethodSymbol run && run.getParameters().isEmpty() && !run.isStatic()) {
        return run;
      }
    }
    return null;
  }

  /**
   * The body of an anonymous class's {@code run()}, when that is all the class declares (besides its implicit
   * constructor); null otherwise (a field initializer or another method could run code of its own).
   */
  private static @Nullable BlockTree anonymousRun(ClassTree body) {
    BlockTree run = null;
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("run")
          && method.getParameters().isEmpty()
          && method.getBody() != null) {
        run = method.getBody();
      } else if (!(member instanceof MethodTree constructor
          && constructor.getName().contentEquals("<init>"))) {
        return null;
      }
    }
    return run;
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
    if (calls != null) {
      return !calls.isEmpty() && calls.stream().allMatch(expression -> isForward(expression, state));
    }
    // A method's block: forwards, possibly under an if on a plain condition, after locals of plain values, or in a
    // try whose handler of the rejection only logs or forwards again (ConsumeMessageOrderlyService's
    // if (dispatchToConsume) { ConsumeRequest r = new ConsumeRequest(pq, mq); consumeExecutor.submit(r); }).
    int[] forwards = {0};
    return body instanceof BlockTree block && forwardsOnly(block, forwards, state) && forwards[0] > 0;
  }

  private static boolean isForward(ExpressionTree expression, VisitorState state) {
    return expression instanceof MethodInvocationTree call
        && FORWARD.matches(call, state)
        && call.getArguments().stream().allMatch(ForwardingTasks::isPlainValue);
  }

  private static boolean forwardsOnly(@Nullable StatementTree statement, int[] forwards, VisitorState state) {
    return switch (statement) {
      case null -> true;
      case BlockTree block -> block.getStatements().stream().allMatch(s -> forwardsOnly(s, forwards, state));
      case ExpressionStatementTree expression -> {
        if (isForward(expression.getExpression(), state)) {
          forwards[0]++;
          yield true;
        }
        yield false;
      }
      case VariableTree local -> local.getInitializer() == null || isPlainValue(local.getInitializer());
      case IfTree choice ->
          isPlainValue(choice.getCondition())
              && forwardsOnly(choice.getThenStatement(), forwards, state)
              && forwardsOnly(choice.getElseStatement(), forwards, state);
      case TryTree attempt ->
          attempt.getResources().isEmpty()
              && attempt.getFinallyBlock() == null
              && forwardsOnly(attempt.getBlock(), forwards, state)
              && attempt.getCatches().stream()
                  .allMatch(
                      handler ->
                          handler.getBlock().getStatements().stream()
                              .allMatch(
                                  s ->
                                      LogStatements.isLogging(s, state)
                                          || (s instanceof ExpressionStatementTree e
                                              && isForward(e.getExpression(), state))));
      default -> false;
    };
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
        || (expr instanceof com.sun.source.tree.BinaryTree binary
            && isPlainValue(binary.getLeftOperand())
            && isPlainValue(binary.getRightOperand()))
        || (expr instanceof com.sun.source.tree.UnaryTree unary && isPlainValue(unary.getExpression()))
        || (expr instanceof NewClassTree created
            && created.getEnclosingExpression() == null
            && created.getArguments().stream().allMatch(ForwardingTasks::isPlainValue));
  }
}
