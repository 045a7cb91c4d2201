package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
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
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Tasks that only deliver an outcome somebody else owns, so that a failure inside them is not unscoped work of the
 * code that starts them:
 *
 * <ul>
 *   <li>completing futures: a task whose body only completes futures or promises ({@code complete}, {@code
 *       completeExceptionally}, Vert.x {@code fail}, Netty {@code setSuccess}/{@code tryFailure}...) with values
 *       already computed, possibly under an {@code if}; the failure, if any, is delivered through the future;
 *   <li>callback delivery: a task that only calls callbacks (possibly under {@code if}s on computed values, in a
 *       {@code try}/{@code finally}, or wrapped by {@code context.wrap(..)}) on objects that came from outside the
 *       method (a parameter, a field, a getter on one, or a local obtained from a call) and are of a callback type
 *       (a method named {@code onXxx}, a {@code java.util.function} interface, an interface named {@code
 *       ...Listener}, {@code ...Callback}, {@code ...Consumer}, {@code ...Observer}, {@code ...Handler}, {@code
 *       ...Subscriber}): the library runs the caller's code on the executor the caller chose, and a failure in it
 *       belongs to the callback's owner. A loop that drains a queue to the callbacks, and bookkeeping on a
 *       synchronizer before the first callback, are part of the delivery ({@link QueueDraining}).
 * </ul>
 */
final class DeliveryTasks {
  private static final Set<String> COMPLETIONS =
      Set.of(
          "complete",
          "completeExceptionally",
          "fail",
          "tryComplete",
          "tryFail",
          "setSuccess",
          "trySuccess",
          "setFailure",
          "tryFailure",
          "set",
          "setException",
          "cancel");
  private static final Pattern CALLBACK_TYPE =
      Pattern.compile(".*(Listener|Callback|Consumer|Observer|Handler|Subscriber)(<.*)?$");
  private static final Pattern GETTER = Pattern.compile("(get|is|has)[A-Z].*");
  // values(), keySet(): the listeners of a registry held in a field (for (Listener l : listeners.values()))
  private static final Set<String> ACCESSORS =
      Set.of("cause", "result", "value", "succeeded", "failed", "values", "keySet");
  private static final Pattern CALLBACK_METHOD = Pattern.compile("on[A-Z].*");

  private DeliveryTasks() {}

  /** Whether the task only completes futures or promises with values it already has. */
  static boolean onlyCompletesFutures(@Nullable ExpressionTree task, VisitorState state) {
    return switch (task) {
      case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
          !block.getStatements().isEmpty()
              && block.getStatements().stream().allMatch(statement -> completesOnly(statement, state));
      case LambdaExpressionTree lambda when lambda.getBody() instanceof MethodInvocationTree call ->
          isCompletion(call, state);
      case MemberReferenceTree reference ->
          COMPLETIONS.contains(reference.getName().toString())
              && isFutureLike(ASTHelpers.getType(reference.getQualifierExpression()), state)
              && isComputed(reference.getQualifierExpression());
      case null, default -> false;
    };
  }

  private static boolean completesOnly(@Nullable StatementTree statement, VisitorState state) {
    return switch (statement) {
      case ExpressionStatementTree expression ->
          expression.getExpression() instanceof MethodInvocationTree call && isCompletion(call, state);
      case BlockTree block -> block.getStatements().stream().allMatch(inner -> completesOnly(inner, state));
      case IfTree ifTree ->
          isComputed(ifTree.getCondition())
              && completesOnly(ifTree.getThenStatement(), state)
              && (ifTree.getElseStatement() == null || completesOnly(ifTree.getElseStatement(), state));
      case null, default -> false;
    };
  }

  private static boolean isCompletion(MethodInvocationTree call, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return method != null
        && receiver != null
        && COMPLETIONS.contains(method.getSimpleName().toString())
        && isFutureLike(ASTHelpers.getType(receiver), state)
        && isComputed(receiver)
        && call.getArguments().stream().allMatch(DeliveryTasks::isComputed);
  }

  /** {@code future.complete(value)}, {@code promise.setFailure(e)}: completing a future-like value, any arguments. */
  static boolean isFutureCompletion(MethodInvocationTree call, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return method != null
        && receiver != null
        && COMPLETIONS.contains(method.getSimpleName().toString())
        && isFutureLike(ASTHelpers.getType(receiver), state);
  }

  /** A {@code Future}, a {@code CompletionStage}, or a type named {@code ...Promise} (Vert.x, Netty). */
  private static boolean isFutureLike(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type future = ClasspathTypes.find("java.util.concurrent.Future", state);
    Type stage = ClasspathTypes.find("java.util.concurrent.CompletionStage", state);
    if ((future != null && ClasspathTypes.isA(type, future, state))
        || (stage != null && ClasspathTypes.isA(type, stage, state))) {
      return true;
    }
    return ClasspathTypes.hasSupertypeNamed(type, name -> name.endsWith("Promise"), state);
  }

  /**
   * Whether the task is a single call on a callback object from outside the method: {@code () ->
   * listener.onError(e)}, {@code () -> config.getListener().accept(address)}, {@code consumer::onComplete}.
   */
  static boolean deliversCallback(@Nullable ExpressionTree task, VisitorState state) {
    return switch (task) {
      case LambdaExpressionTree lambda when lambda.getBody() instanceof MethodInvocationTree call ->
          isCallbackCall(call, state);
      case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
          callbacksOnly(block, state);
      case NewClassTree anonymous when anonymous.getClassBody() != null ->
          callbacksOnly(runBody(anonymous.getClassBody()), state);
      case MemberReferenceTree reference ->
          reference.getQualifierExpression() instanceof ExpressionTree qualifier
              && isOutsideValue(qualifier, state)
              && isCallback(ASTHelpers.getType(qualifier), reference.getName().toString(), state);
      case MethodInvocationTree wrapper -> deliversCallback(wrapped(wrapper, state), state);
      case null, default -> false;
    };
  }

  /**
   * The lambda or method reference a wrapper such as {@code context.wrap(() -> ...)} (OpenTelemetry, gRPC contexts)
   * is given: a one-argument call that returns a {@code Runnable}. The wrapper runs the task it wraps.
   */
  static @Nullable ExpressionTree wrapped(MethodInvocationTree call, VisitorState state) {
    Type runnable = ClasspathTypes.find("java.lang.Runnable", state);
    Type result = ASTHelpers.getType(call);
    if (call.getArguments().size() != 1
        || runnable == null
        || result == null
        || !ClasspathTypes.isA(result, runnable, state)) {
      return null;
    }
    ExpressionTree argument = ASTHelpers.stripParentheses(call.getArguments().get(0));
    return argument instanceof LambdaExpressionTree || argument instanceof MemberReferenceTree ? argument : null;
  }

  /** The body of the {@code run()} that {@code type} declares, or null (no such method, or no type). */
  static @Nullable BlockTree runBody(@Nullable ClassTree type) {
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

  /**
   * Statements that only deliver callbacks: callback calls, possibly under {@code if}s on values already computed
   * ({@code if (listener != null)}, {@code if (result instanceof Message)}), or in a {@code try} without
   * {@code catch} whose {@code finally} does bookkeeping ({@code phaser.arriveAndDeregister()}).
   */
  private static boolean callbacksOnly(@Nullable StatementTree statement, VisitorState state) {
    return switch (statement) {
      case ExpressionStatementTree expression ->
          expression.getExpression() instanceof MethodInvocationTree call && isCallbackCall(call, state);
      case BlockTree block -> blockDeliversOnly(block, state);
      // Draining a queue of messages to the callbacks: take the next one, deliver it, stop when empty.
      case WhileLoopTree loop ->
          (isComputed(loop.getCondition()) || QueueDraining.takesNextUntilEmpty(loop.getCondition(), state))
              && callbacksOnly(loop.getStatement(), state);
      case EnhancedForLoopTree loop ->
          isComputed(loop.getExpression()) && callbacksOnly(loop.getStatement(), state);
      // Taking the next message, or a local copy of an outside value (a listener field read once, then tested).
      case VariableTree local ->
          local.getInitializer() == null
              || QueueDraining.takesNext(local.getInitializer(), state)
              || (local.getInitializer() instanceof ExpressionTree initializer
                  && !(ASTHelpers.stripParentheses(initializer) instanceof MethodInvocationTree)
                  && isOutsideValue(initializer, state));
      case BreakTree exit -> true;
      case ContinueTree next -> true;
      case IfTree ifTree ->
          isComputed(ifTree.getCondition())
              && callbacksOnly(ifTree.getThenStatement(), state)
              && (ifTree.getElseStatement() == null || callbacksOnly(ifTree.getElseStatement(), state));
      case TryTree tryTree ->
          tryTree.getCatches().isEmpty()
              && tryTree.getResources().isEmpty()
              && tryTree.getFinallyBlock() != null
              && callbacksOnly(tryTree.getBlock(), state);
      case null, default -> false;
    };
  }

  /**
   * A block of callback deliveries, possibly after bookkeeping on synchronizers ({@code
   * phaser.arriveAndAwaitAdvance(); callback.onComplete();}). Bookkeeping after a delivery is not exempt: a
   * throwing callback would skip it and leave a waiter hanging, which is a failure nobody sees.
   */
  private static boolean blockDeliversOnly(BlockTree block, VisitorState state) {
    boolean delivering = false;
    for (StatementTree statement : block.getStatements()) {
      if (!delivering && QueueDraining.isBookkeeping(statement, state)) {
        continue;
      }
      if (!callbacksOnly(statement, state)) {
        return false;
      }
      delivering = true;
    }
    return delivering;
  }

  /** {@code listener.onDone(result)}: a call on a callback object from outside the method, with computed arguments. */
  static boolean isCallbackCall(MethodInvocationTree call, VisitorState state) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return method != null
        && receiver != null
        && isOutsideValue(receiver, state)
        && isCallback(ASTHelpers.getType(receiver), method.getSimpleName().toString(), state)
        && call.getArguments().stream().allMatch(DeliveryTasks::isComputed);
  }

  private static boolean isCallback(@Nullable Type type, String methodName, VisitorState state) {
    if (type == null || type.tsym == null || type.isErroneous()) {
      return false;
    }
    String name = type.tsym.getQualifiedName().toString();
    if (name.equals("java.lang.Runnable") || name.equals("java.util.concurrent.Callable")) {
      return false;
    }
    if (CALLBACK_METHOD.matcher(methodName).matches()) {
      return true;
    }
    if (!type.tsym.isInterface()) {
      return false;
    }
    // A home-made functional interface (interface Job { void run(); }) is a task type, not a callback type.
    return CALLBACK_METHOD.matcher(methodName).matches()
        || CALLBACK_TYPE.matcher(name).matches()
        || (name.startsWith("java.util.function.") && state.getTypes().isFunctionalInterface(type));
  }

  /**
   * A value the method got from outside its own creation: a parameter, a field, or a no-argument getter on one
   * of those.
   */
  private static boolean isOutsideValue(@Nullable ExpressionTree expression, VisitorState state) {
    ExpressionTree value = expression == null ? null : ASTHelpers.stripParentheses(expression);
    return switch (value) {
      // this::onTick is the class's own work, not a callback handed in.
      case IdentifierTree identifier when identifier.getName().contentEquals("this")
          || identifier.getName().contentEquals("super") -> false;
      case IdentifierTree identifier -> isOutsideVariable(ASTHelpers.getSymbol(identifier), state);
      case MemberSelectTree select -> isParameterOrField(ASTHelpers.getSymbol(select));
      case MethodInvocationTree getter ->
          isGetter(getter)
              && (ASTHelpers.getReceiver(getter) == null || isOutsideValue(ASTHelpers.getReceiver(getter), state));
      case null, default -> false;
    };
  }

  /**
   * A parameter, a field, or an effectively final local obtained from elsewhere (initialized by a method call,
   * {@code RedisPubSubConnection.getFrom(channel)}, not by {@code new} or a lambda of this method).
   */
  private static boolean isOutsideVariable(@Nullable Symbol symbol, VisitorState state) {
    if (isParameterOrField(symbol)) {
      return true;
    }
    if (symbol == null
        || symbol.getKind() != ElementKind.LOCAL_VARIABLE
        || (symbol.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) == 0) {
      return false;
    }
    TreePath member = LocalUses.enclosingMember(state);
    TreePath declaration = member == null ? null : LocalUses.declarationOf(symbol, member);
    // for (Listener listener : listeners): each element of an outside collection is an outside value.
    if (declaration != null
        && declaration.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop
        && loop.getVariable() == declaration.getLeaf()) {
      return isOutsideValue(loop.getExpression(), state);
    }
    if (declaration == null
        || !(declaration.getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() == null) {
      return false;
    }
    ExpressionTree initializer = ASTHelpers.stripParentheses(variable.getInitializer());
    return initializer instanceof MethodInvocationTree || isOutsideValue(initializer, state);
  }

  private static boolean isParameterOrField(@Nullable Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    ElementKind kind = symbol.getKind();
    return kind == ElementKind.PARAMETER || kind == ElementKind.FIELD;
  }

  /**
   * A no-argument accessor: {@code getX()}, {@code isX()}, {@code hasX()}, or one of the accessors of outcome
   * objects ({@code ar.cause()}, {@code ar.result()}); {@code work()} is work, not a value already computed.
   */
  private static boolean isGetter(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (!call.getArguments().isEmpty() || method == null) {
      return false;
    }
    String name = method.getSimpleName().toString();
    return GETTER.matcher(name).matches() || ACCESSORS.contains(name);
  }

  /** An argument already computed when the task runs: a variable, a literal, a field, or a no-argument getter. */
  static boolean isComputed(@Nullable Tree argument) {
    Tree value = argument instanceof ExpressionTree expression ? ASTHelpers.stripParentheses(expression) : argument;
    return switch (value) {
      case null -> true;
      case IdentifierTree identifier -> true;
      case LiteralTree literal -> true;
      case MemberSelectTree select -> isComputed(select.getExpression());
      case MethodInvocationTree getter -> isGetter(getter) && isComputed(ASTHelpers.getReceiver(getter));
      case BinaryTree binary -> isComputed(binary.getLeftOperand()) && isComputed(binary.getRightOperand());
      case UnaryTree unary -> isComputed(unary.getExpression());
      case TypeCastTree cast -> isComputed(cast.getExpression());
      case InstanceOfTree test -> isComputed(test.getExpression());
      default -> false;
    };
  }
}
