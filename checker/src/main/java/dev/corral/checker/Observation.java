package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.AnnotationNames.CAN_IGNORE_RETURN_VALUE_ANNOTATION;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * What counts as observing a future: which calls hand the caller a future it owns, which calls may
 * drop their result, and whether one use of a future value lets someone see its failure.
 *
 * <p>Observing means awaiting, cancelling, attaching a failure callback, returning, storing outside
 * the method, passing to a method or constructor, or combining into another future (which is then
 * checked on its own). Everything not known to be blind (for example {@code isDone()}, a null
 * check) counts as observing: a finding must be worth acting on.
 */
final class Observation {
  /** Calls on a future that neither wait for it nor see its failure. */
  private static final ImmutableSet<String> BLIND_METHODS =
      ImmutableSet.of(
          "isDone",
          "isCancelled",
          "isCompletedExceptionally",
          "state",
          "getNumberOfDependents",
          "toString",
          "hashCode",
          "equals",
          "getClass");

  /** Calls that return their receiver: whoever owns the result owns the receiver. */
  private static final ImmutableSet<String> SAME_FUTURE_METHODS =
      ImmutableSet.of(
          "orTimeout",
          "completeOnTimeout",
          "completeAsync",
          "setSuccess",
          "setFailure",
          "removeListener",
          "removeListeners");

  private static final Matcher<ExpressionTree> RETURNS_RECEIVER =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletableFuture")
              .namedAnyOf("orTimeout", "completeOnTimeout", "completeAsync"),
          instanceMethod()
              .onDescendantOf("io.netty.util.concurrent.Future")
              .namedAnyOf("removeListener", "removeListeners"),
          instanceMethod()
              .onDescendantOf("io.netty.util.concurrent.Promise")
              .namedAnyOf("setSuccess", "setFailure"));

  /** Calls whose future is owned elsewhere by contract (the same list as Error Prone's FRVI). */
  private static final Matcher<ExpressionTree> OWNED_ELSEWHERE =
      anyOf(
          // fork() returns the task itself; whoever holds the task joins it.
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ForkJoinTask")
              .named("fork")
              .withNoParameters(),
          // A CompletionService hands its futures out again through take()/poll().
          instanceMethod().onDescendantOf("java.util.concurrent.CompletionService").named("submit"),
          // IntelliJ wraps the task in one that logs every Throwable.
          instanceMethod()
              .onDescendantOf("com.intellij.openapi.application.Application")
              .named("executeOnPooledThread"),
          // Netty: these return the receiver, and a listener or sync() already observes it.
          instanceMethod()
              .onDescendantOf("io.netty.util.concurrent.Future")
              .namedAnyOf(
                  "addListener",
                  "addListeners",
                  "sync",
                  "syncUninterruptibly",
                  "await",
                  "awaitUninterruptibly"));

  /** A callback that sees every failure of the receiver, so the result may be dropped. */
  private static final Matcher<ExpressionTree> FAILURE_CALLBACK =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletionStage")
          .namedAnyOf(
              "whenComplete",
              "whenCompleteAsync",
              "handle",
              "handleAsync",
              "exceptionally",
              "exceptionallyAsync",
              "exceptionallyCompose",
              "exceptionallyComposeAsync");

  private static final Matcher<ExpressionTree> GUAVA_CATCHING_STATIC =
      staticMethod()
          .onClass("com.google.common.util.concurrent.Futures")
          .namedAnyOf("catching", "catchingAsync");

  private static final Matcher<ExpressionTree> GUAVA_CATCHING_FLUENT =
      instanceMethod()
          .onDescendantOf("com.google.common.util.concurrent.FluentFuture")
          .namedAnyOf("catching", "catchingAsync");

  private static final int MAX_CALLBACK_METHODS = 3;

  private final FutureTypes futureTypes;

  Observation(FutureTypes futureTypes) {
    this.futureTypes = futureTypes;
  }

  FutureTypes futureTypes() {
    return futureTypes;
  }

  /**
   * Whether {@code call} (an invocation or method reference) hands its caller a future that the
   * caller must observe: its declared return type is a future (as FRVI decides: the declared type,
   * so {@code map.get(k)} on a {@code Map<K, Future<V>>} is not a new future) and nothing exempts it.
   */
  boolean returnsOwnedFuture(ExpressionTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method) || method.isConstructor()) {
      return false;
    }
    Type returnType = method.getReturnType();
    if (!futureTypes.isFuture(returnType, state) || canIgnoreReturnValue(method, state)) {
      return false;
    }
    return !OWNED_ELSEWHERE.matches(call, state)
        && !FAILURE_CALLBACK.matches(call, state)
        && !catchesEveryFailure(call, state)
        && !takesFailureCallback(method, state)
        && !returnsItsArgument(method, state)
        && !(call instanceof MethodInvocationTree invocation
            && workReportsItsOwnFailure(invocation, state));
  }

  /**
   * Whether the call hands back a future it was given: a parameter is declared with exactly the
   * return type ({@code <T> CompletableFuture<T> track(CompletableFuture<T> f)}). The argument was
   * passed to a method, which makes it observed where it came from; the result is the same
   * future, not new work.
   */
  private static boolean returnsItsArgument(MethodSymbol method, VisitorState state) {
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (state.getTypes().isSameType(parameter.type, method.getReturnType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the call takes a callback interface that is handed the failure, e.g. {@code send(msg,
   * (r, e) -> ...)} with a {@code BiConsumer<R, Throwable>}, or a Guava {@code FutureCallback}: an
   * interface parameter (not a future) whose type arguments name a {@code Throwable} class, or
   * which is a small callback with a method taking one.
   */
  private boolean takesFailureCallback(MethodSymbol method, VisitorState state) {
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      Type type = parameter.type;
      if (type == null
          || type.tsym == null
          || !type.tsym.isInterface()
          || futureTypes.isFuture(type, state)) {
        continue;
      }
      for (Type argument : type.getTypeArguments()) {
        Type bound = argument instanceof Type.WildcardType wildcard ? wildcard.type : argument;
        if (bound != null
            && bound.getKind() == TypeKind.DECLARED
            && ASTHelpers.isSubtype(bound, state.getSymtab().throwableType, state)) {
          return true;
        }
      }
      if (isSmallCallbackTakingThrowable(type, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A callback is a small interface: at most {@value #MAX_CALLBACK_METHODS} abstract methods, one
   * taking a {@code Throwable} (Guava's {@code FutureCallback}: {@code onSuccess}, {@code
   * onFailure}). A rich interface that happens to have such a method (an execution context with
   * {@code recordException}) receives the call's collaborators, not its outcome.
   */
  private static boolean isSmallCallbackTakingThrowable(Type type, VisitorState state) {
    int abstractMethods = 0;
    boolean takesThrowable = false;
    for (Type supertype : state.getTypes().closure(type)) {
      if (supertype.tsym == null || supertype.tsym == state.getSymtab().objectType.tsym) {
        continue;
      }
      for (Symbol member : supertype.tsym.getEnclosedElements()) {
        if (member instanceof MethodSymbol callback && callback.isAbstract()) {
          abstractMethods++;
          takesThrowable |= acceptsThrowable(callback, state);
        }
      }
    }
    return takesThrowable && abstractMethods <= MAX_CALLBACK_METHODS;
  }

  private static boolean acceptsThrowable(MethodSymbol method, VisitorState state) {
    if (method.isStatic() || method.isConstructor()) {
      return false;
    }
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (parameter.type != null
          && !parameter.type.isPrimitive()
          && ASTHelpers.isSubtype(parameter.type, state.getSymtab().throwableType, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether new work is started ({@code executor.submit}, {@code runAsync}; no future receiver or
   * argument) from a lambda whose whole body is a {@code try} that catches every exception the
   * work can throw and does not rethrow: the future can only fail with an {@code Error}.
   */
  private boolean workReportsItsOwnFailure(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null
        && !(ASTHelpers.getSymbol(receiver) instanceof Symbol.ClassSymbol)
        && futureTypes.isFuture(ASTHelpers.getType(receiver), state)) {
      return false;
    }
    boolean guardedWork = false;
    for (ExpressionTree argument : call.getArguments()) {
      if (futureTypes.isFuture(ASTHelpers.getType(argument), state)) {
        return false;
      }
      if (argument instanceof LambdaExpressionTree lambda) {
        if (!SelfReportingWork.isSelfReporting(lambda, state)) {
          return false;
        }
        guardedWork = true;
      }
    }
    return guardedWork;
  }

  /**
   * Whether dropping the result of {@code call}, which {@link #returnsOwnedFuture} accepted, loses
   * a failure. A call that returns its receiver ({@code orTimeout}) loses one only when the receiver
   * itself is a fresh future, e.g. {@code supplyAsync(s).orTimeout(1, SECONDS);}.
   */
  boolean dropLosesFailure(ExpressionTree call, VisitorState state) {
    if (!RETURNS_RECEIVER.matches(call, state)) {
      return true;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null) {
      return false;
    }
    receiver = ASTHelpers.stripParentheses(receiver);
    return (receiver instanceof MethodInvocationTree)
        && returnsOwnedFuture(receiver, state)
        && dropLosesFailure(receiver, state);
  }

  /**
   * Whether assigning {@code value} to a local makes that local the owner of a future: a call that
   * returns an owned future, a call that returns its receiver, or a read of a {@code tracked} local
   * (ownership moves with the value).
   */
  boolean createsObligation(
      @Nullable ExpressionTree value, Set<Symbol> tracked, VisitorState state) {
    if (value == null) {
      return false;
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (expr instanceof TypeCastTree cast) {
      return createsObligation(cast.getExpression(), tracked, state);
    }
    if (expr instanceof ConditionalExpressionTree conditional) {
      return createsObligation(conditional.getTrueExpression(), tracked, state)
          || createsObligation(conditional.getFalseExpression(), tracked, state);
    }
    if (expr instanceof MethodInvocationTree) {
      return returnsOwnedFuture(expr, state) || RETURNS_RECEIVER.matches(expr, state);
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    return symbol != null && tracked.contains(symbol);
  }

  /**
   * Whether the use of a future value at {@code usePath} can observe it (see the class doc). The
   * leaf is the expression that yields the future, typically an identifier.
   */
  static boolean observes(TreePath usePath, VisitorState state) {
    TreePath path = usePath;
    TreePath parentPath = path.getParentPath();
    while (parentPath != null
        && (parentPath.getLeaf() instanceof ParenthesizedTree
            || parentPath.getLeaf() instanceof TypeCastTree)) {
      path = parentPath;
      parentPath = path.getParentPath();
    }
    if (parentPath == null) {
      return true;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select) {
      TreePath grandParent = parentPath.getParentPath();
      if (grandParent == null
          || !(grandParent.getLeaf() instanceof MethodInvocationTree invocation)
          || invocation.getMethodSelect() != select) {
        return true;
      }
      String name = select.getIdentifier().toString();
      if (BLIND_METHODS.contains(name)) {
        return false;
      }
      // x.orTimeout(...) observes x only if someone owns the result.
      return !SAME_FUTURE_METHODS.contains(name) || !isDropped(grandParent, state);
    }
    if (parent instanceof MemberReferenceTree reference) {
      return !BLIND_METHODS.contains(reference.getName().toString());
    }
    if (parent instanceof ConditionalExpressionTree conditional) {
      return conditional.getCondition() == path.getLeaf() || observes(parentPath, state);
    }
    if (parent instanceof MethodInvocationTree || parent instanceof NewClassTree) {
      return !passedAsPlainObject(parent, path.getLeaf(), state);
    }
    return !(parent instanceof BinaryTree
        || parent instanceof InstanceOfTree
        || parent instanceof SynchronizedTree);
  }

  /**
   * Whether {@code argument} goes to a parameter declared {@code Object} (or {@code Object...}):
   * {@code println(f)}, {@code log.info("{}", f)}, {@code String.valueOf(f)}. Such a callee does
   * not know it holds a future, so it is no owner. A type-variable parameter ({@code
   * list.add(f)}, {@code requireNonNull(f)}) keeps or returns the value, and is one.
   */
  private static boolean passedAsPlainObject(Tree call, Tree argument, VisitorState state) {
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : ((NewClassTree) call).getArguments();
    int index = arguments.indexOf(argument);
    if (index < 0 || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return false;
    }
    Type declared =
        index < parameters.size()
            ? parameters.get(index).type
            : parameters.get(parameters.size() - 1).type;
    if (method.isVarArgs()
        && index >= parameters.size() - 1
        && declared instanceof Type.ArrayType array
        && !(arguments.size() == parameters.size()
            && ASTHelpers.getType(argument) instanceof Type.ArrayType)) {
      declared = array.getComponentType();
    }
    // Not ASTHelpers.isSameType: it erases, and the type variable of List.add(E) erases to Object.
    return declared != null
        && declared.getKind() == TypeKind.DECLARED
        && state.getTypes().isSameType(declared, state.getSymtab().objectType);
  }

  /** Whether a call of {@code name} on a future neither waits for it nor sees its failure. */
  static boolean isBlind(String name) {
    return BLIND_METHODS.contains(name);
  }

  /** Whether the value of the expression at {@code path} is thrown away. */
  static boolean isDropped(TreePath path, VisitorState state) {
    TreePath parentPath = path.getParentPath();
    while (parentPath != null && parentPath.getLeaf() instanceof ParenthesizedTree) {
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return false;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof ExpressionStatementTree) {
      return true;
    }
    return parent instanceof LambdaExpressionTree lambda && returnsVoid(lambda, state);
  }

  /** Whether the lambda implements a {@code void} method, e.g. {@code Runnable}. */
  static boolean returnsVoid(LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    if (type == null || type.isErroneous() || !state.getTypes().isFunctionalInterface(type)) {
      return false;
    }
    Type descriptor = state.getTypes().findDescriptorType(type);
    return descriptor != null
        && descriptor.getReturnType() != null
        && descriptor.getReturnType().getKind() == TypeKind.VOID;
  }

  private boolean catchesEveryFailure(ExpressionTree call, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)) {
      return false;
    }
    List<? extends ExpressionTree> args = invocation.getArguments();
    int index =
        GUAVA_CATCHING_STATIC.matches(call, state)
            ? 1
            : GUAVA_CATCHING_FLUENT.matches(call, state) ? 0 : -1;
    if (index < 0 || args.size() <= index) {
      return false;
    }
    Type classType = ASTHelpers.getType(args.get(index));
    return classType != null
        && classType.getTypeArguments().size() == 1
        && ASTHelpers.isSameType(
            classType.getTypeArguments().get(0), state.getSymtab().throwableType, state);
  }

  private boolean canIgnoreReturnValue(MethodSymbol method, VisitorState state) {
    if (ASTHelpers.hasAnnotation(method, CAN_IGNORE_RETURN_VALUE_ANNOTATION, state)) {
      return true;
    }
    // Like FRVI: an override of a @CanIgnoreReturnValue method that already returns a future.
    for (MethodSymbol superMethod : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (ASTHelpers.hasAnnotation(superMethod, CAN_IGNORE_RETURN_VALUE_ANNOTATION, state)
          && futureTypes.isFuture(superMethod.getReturnType(), state)) {
        return true;
      }
    }
    return false;
  }
}
