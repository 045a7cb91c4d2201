package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.AnnotationNames.CAN_IGNORE_RETURN_VALUE_ANNOTATION;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Which calls hand their caller a future that the caller must observe, and which are exempt: the
 * future is owned elsewhere by contract (FRVI's list), a callback already sees the failure, the
 * call hands back the future it was given, the work reports its own failure, or the executor it is
 * submitted to does ({@link ReportingExecutors}).
 */
final class OwnedFutures {
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

  /** The callbacks that run on failure too, see {@link FailureCallbacks#lambdaIgnoresFailure}. */
  private static final Matcher<ExpressionTree> COMPLETION_CALLBACK =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletionStage")
          .namedAnyOf("whenComplete", "whenCompleteAsync", "handle", "handleAsync");

  /**
   * Stages derived from one source by an action that starts no work of its own ({@code thenApply}, {@code
   * thenAccept}, {@code thenRun}, Guava {@code transform}): what the dropped stage could fail with is the
   * source's failure (and the action's own throw).
   */
  private static final Matcher<ExpressionTree> DERIVED_STAGE =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletionStage")
              .namedAnyOf(
                  "thenApply",
                  "thenApplyAsync",
                  "thenAccept",
                  "thenAcceptAsync",
                  "thenRun",
                  "thenRunAsync"),
          instanceMethod()
              .onDescendantOf("com.google.common.util.concurrent.FluentFuture")
              .named("transform"));

  private static final Matcher<ExpressionTree> GUAVA_TRANSFORM_STATIC =
      staticMethod().onClass("com.google.common.util.concurrent.Futures").named("transform");

  /** A callback that sees every failure of the receiver, so the result may be dropped. */
  private static final Matcher<ExpressionTree> FAILURE_CALLBACK = FailureCallbacks.ON_FAILURE_TOO;

  private static final Matcher<ExpressionTree> GUAVA_CATCHING_STATIC =
      staticMethod()
          .onClass("com.google.common.util.concurrent.Futures")
          .namedAnyOf("catching", "catchingAsync");

  private static final Matcher<ExpressionTree> GUAVA_CATCHING_FLUENT =
      instanceMethod()
          .onDescendantOf("com.google.common.util.concurrent.FluentFuture")
          .namedAnyOf("catching", "catchingAsync");

  private final FutureTypes futureTypes;

  /** The locals {@link #localOwnsAFuture} is answering for, so that a local read in its own value ends. */
  private final Set<Symbol> localsInQuestion = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Asked last: does a same-build callee hand back fresh work at all? */
  private final CalleeEvidence calleeEvidence;

  OwnedFutures(FutureTypes futureTypes) {
    this.futureTypes = futureTypes;
    this.calleeEvidence = new CalleeEvidence(this);
  }

  FutureTypes futureTypes() {
    return futureTypes;
  }

  /**
   * Whether {@code call} (an invocation or method reference) hands its caller a future that the
   * caller must observe: its declared return type is a future (as FRVI decides: the declared type,
   * so {@code map.get(k)} on a {@code Map<K, Future<V>>} is not a new future) and nothing exempts
   * it.
   */
  boolean returnsOwnedFuture(ExpressionTree call, VisitorState state) {
    return returnsUnexemptFuture(call, state) && !calleeEvidence.lacksEvidence(call, state);
  }

  /**
   * {@link #returnsOwnedFuture} without asking a same-build callee for evidence of fresh work ({@link
   * CalleeEvidence}, which asks this in turn).
   */
  boolean returnsUnexemptFuture(ExpressionTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method) || method.isConstructor()) {
      return false;
    }
    Type returnType = method.getReturnType();
    if (!futureTypes.isFuture(returnType, state) || canIgnoreReturnValue(method, state)) {
      return false;
    }
    if (ignoresFailureOfFreshWork(call, state)) {
      return true;
    }
    return !OWNED_ELSEWHERE.matches(call, state)
        && !NettyFutures.observesReceiver(method)
        && !FutureViews.hasNoWorkBehind(call, state)
        && !NettyHttp2Writes.reportsItsOwnFailure(call, state.getPath(), state)
        && !ForwardingTasks.schedulesOnlyAForward(call, state)
        && !NettyFutures.handsBackHeldPromise(call, method, state)
        && !isViewOfHeldFuture(call, state)
        && !FAILURE_CALLBACK.matches(call, state)
        && !catchesEveryFailure(call, state)
        && !passesFailureCallback(call, method, state)
        && !returnsItsArgument(method, state)
        && !handsOnAFailure(method, state)
        && !(call instanceof MethodInvocationTree invocation
            && workReportsItsOwnFailure(invocation, state))
        && !ReportingExecutors.reportsSubmittedFailures(call, state)
        && !ReturnedFutures.needNoObserver(
            call, method, state, argument -> isFreshWork(argument, state));
  }

  /**
   * Whether dropping the result of {@code call}, which {@link #returnsOwnedFuture} accepted, loses
   * a failure. A call that returns its receiver ({@code orTimeout}) loses one only when the
   * receiver itself is a fresh future, e.g. {@code supplyAsync(s).orTimeout(1, SECONDS);}; Netty's
   * {@code setSuccess()} never does: the promise it returns has just succeeded.
   */
  boolean dropLosesFailure(ExpressionTree call, VisitorState state) {
    // queue.remove().setSuccess(): the promise it hands back has just succeeded, by this code's own hand.
    if (returnsReceiver(call, state)
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("setSuccess")) {
      return false;
    }
    ExpressionTree source = derivedFrom(call, state);
    if (source != null) {
      return sourceFailsOnlyHere(source, state);
    }
    return !returnsReceiver(call, state) || receiverIsFreshWork(call, state);
  }

  /**
   * The source of a stage derived by an action that starts no work ({@code src} in {@code src.thenAccept(a)} or
   * {@code Futures.transform(src, f, ex)}), or null.
   */
  private static @Nullable ExpressionTree derivedFrom(ExpressionTree call, VisitorState state) {
    if (DERIVED_STAGE.matches(call, state)) {
      return ASTHelpers.getReceiver(call);
    }
    if (GUAVA_TRANSFORM_STATIC.matches(call, state)
        && call instanceof MethodInvocationTree invocation
        && !invocation.getArguments().isEmpty()) {
      return invocation.getArguments().get(0);
    }
    return null;
  }

  /**
   * Whether the failure of {@code source}, the source of a dropped derived stage, goes nowhere else: it is fresh
   * work (a call whose own dropped future would leak), a parameter (the caller handed it on to be continued), or a
   * local that owns a future (one of its values is such a call, or is not known). A field is held by this object,
   * its owner, which sees the failure; so is what a same-build method hands back from a holder ({@code
   * semaphore.acquire()} returning a future it keeps, a getter of a field). Only the action's own throw is then
   * lost, the same as any unchecked exception of a statement.
   */
  private boolean sourceFailsOnlyHere(@Nullable ExpressionTree source, VisitorState state) {
    if (source == null) {
      return true;
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(source);
    if (expr instanceof TypeCastTree cast) {
      return sourceFailsOnlyHere(cast.getExpression(), state);
    }
    if (expr instanceof MethodInvocationTree) {
      return isFreshWork(expr, state);
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    if (symbol == null) {
      return true;
    }
    return switch (symbol.getKind()) {
      // A parameter's derived stage is this method's own product: the caller handed the future on to be
      // continued, and the stage is where both failures go (the design's `cf.thenApply(f);`).
      case FIELD -> false;
      case LOCAL_VARIABLE -> localOwnsAFuture(symbol, state) && !handedOnElsewhere(symbol, state);
      default -> true;
    };
  }

  /**
   * Whether the member that holds {@code local} hands its future on: returns it, passes it to a
   * call or a constructor, or stores it in a field or an array. The failure then goes with it to
   * whoever takes it, and a stage derived on the side ({@code reply.thenAccept(log)} next to {@code
   * return reply;}) is only a listener.
   */
  private static boolean handedOnElsewhere(Symbol local, VisitorState state) {
    TreePath member = LocalUses.enclosingMember(state);
    if (member == null) {
      return false;
    }
    for (TreePath use : LocalUses.usesOf(local, member)) {
      TreePath child = use;
      while (child.getParentPath().getLeaf() instanceof ParenthesizedTree
          || child.getParentPath().getLeaf() instanceof TypeCastTree) {
        child = child.getParentPath();
      }
      Tree holder = child.getParentPath().getLeaf();
      Tree value = child.getLeaf();
      if (holder == state.getPath().getLeaf()) {
        // Futures.transform(local, f, executor): the dropped stage being judged, not somewhere else.
        continue;
      }
      if (holder instanceof ReturnTree
          || (holder instanceof MethodInvocationTree call && call.getArguments().contains(value))
          || (holder instanceof NewClassTree created && created.getArguments().contains(value))
          || (holder instanceof AssignmentTree assignment
              && assignment.getExpression() == value
              && !LocalUses.isLocal(ASTHelpers.getSymbol(assignment.getVariable())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a value assigned to {@code local} in its method makes it own a future ({@link #createsObligation});
   * a value that is not a call counts as owning (another local, a parameter) unless it is {@code null} or a field,
   * so that only locals whose every value is known to be held elsewhere are let go.
   */
  private boolean localOwnsAFuture(Symbol local, VisitorState state) {
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    // x = x.thenApply(..) reads x again: a local already being asked about counts as owning.
    if (method == null || !localsInQuestion.add(local)) {
      return true;
    }
    try {
      return anyValueOwns(local, method, state);
    } finally {
      localsInQuestion.remove(local);
    }
  }

  private boolean anyValueOwns(Symbol local, MethodTree method, VisitorState state) {
    boolean[] owns = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (ASTHelpers.getSymbol(declaration) == local) {
          owns[0] |= ownsAfterAssigning(declaration.getInitializer(), state);
        }
        return super.visitVariable(declaration, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (ASTHelpers.getSymbol(assignment.getVariable()) == local) {
          owns[0] |= ownsAfterAssigning(assignment.getExpression(), state);
        }
        return super.visitAssignment(assignment, unused);
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        // for (f : futures): the elements of this method's own collection are its futures; those of a field's
        // collection (for (f : pending), for (f : this.pending.values())) are the holder's.
        if (ASTHelpers.getSymbol(loop.getVariable()) == local) {
          owns[0] |= !readsAField(loop.getExpression());
        }
        return super.visitEnhancedForLoop(loop, unused);
      }
    }.scan(method, null);
    return owns[0];
  }

  /** {@code pending}, {@code this.pending.values()}: a field, or a call chain on one. */
  private static boolean readsAField(ExpressionTree expression) {
    ExpressionTree expr = ASTHelpers.stripParentheses(expression);
    while (expr instanceof MethodInvocationTree call && ASTHelpers.getReceiver(call) != null) {
      expr = ASTHelpers.stripParentheses(ASTHelpers.getReceiver(call));
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    return symbol != null && symbol.getKind() == ElementKind.FIELD;
  }

  private boolean ownsAfterAssigning(@Nullable ExpressionTree value, VisitorState state) {
    if (value == null) {
      return false;
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (expr instanceof LiteralTree) {
      return false;
    }
    if (expr instanceof MethodInvocationTree
        || expr instanceof ConditionalExpressionTree
        || expr instanceof TypeCastTree
        || expr instanceof SwitchExpressionTree) {
      return createsObligation(expr, Set.of(), state);
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    return symbol == null
        || symbol.getKind() == ElementKind.LOCAL_VARIABLE
        || symbol.getKind() == ElementKind.PARAMETER;
  }

  /** Whether {@code call} returns its receiver ({@code orTimeout}, Netty {@code setSuccess}/{@code setFailure}). */
  static boolean returnsReceiver(ExpressionTree call, VisitorState state) {
    return RETURNS_RECEIVER.matches(call, state)
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && NettyFutures.returnsReceiver(method));
  }

  /**
   * Whether a {@code whenComplete}/{@code handle} callback is a lambda that ignores its {@code
   * Throwable} or only throws it again, on fresh work ({@code service.unsubscribe(ch).whenComplete((r, e) ->
   * release())}): then the failure is lost with the dropped result. On a parameter, a field or a local, the
   * receiver has an owner elsewhere (a local's own obligation is followed by the local analysis).
   */
  private boolean ignoresFailureOfFreshWork(ExpressionTree call, VisitorState state) {
    return COMPLETION_CALLBACK.matches(call, state)
        && (FailureCallbacks.lambdaIgnoresFailure(call)
            // handle((q, e) -> { if (e != null) throw new CompletionException(e); return q; }), dropped
            || (call instanceof MethodInvocationTree invocation && CalleeEvidence.onlyRethrowsFailure(invocation)))
        && receiverIsFreshWork(call, state);
  }

  /**
   * Whether {@code call} is a view of another future ({@code stage.toCompletableFuture()}, {@code
   * FluentFuture.from(f)}) that is not fresh work: the view belongs to whoever holds the original.
   */
  private boolean isViewOfHeldFuture(ExpressionTree call, VisitorState state) {
    ExpressionTree viewed = FutureViews.viewed(call, state);
    return viewed != null && !isFreshWork(viewed, state);
  }

  /** Whether the receiver of {@code call} is a call whose own dropped future would leak. */
  private boolean receiverIsFreshWork(ExpressionTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver != null && isFreshWork(receiver, state);
  }

  /** Whether {@code value} is a call whose own dropped future would leak. */
  boolean isFreshWork(ExpressionTree value, VisitorState state) {
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    return (expr instanceof MethodInvocationTree)
        && returnsOwnedFuture(expr, state)
        && dropLosesFailure(expr, state);
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
    if (expr instanceof SwitchExpressionTree switchExpression) {
      return resultsOf(switchExpression).stream()
          .anyMatch(result -> createsObligation(result, tracked, state));
    }
    if (expr instanceof MethodInvocationTree) {
      ExpressionTree viewed = FutureViews.viewed(expr, state);
      if (viewed != null
          && tracked.contains(ASTHelpers.getSymbol(ASTHelpers.stripParentheses(viewed)))) {
        return true;
      }
      if (returnsReceiver(expr, state)) {
        return true;
      }
      // A stage derived from a held source carries only its action's throw, as when it is dropped.
      ExpressionTree source = derivedFrom(expr, state);
      return returnsOwnedFuture(expr, state)
          && (source == null || sourceFailsOnlyHere(source, state));
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    return symbol != null && tracked.contains(symbol);
  }

  /**
   * The values a switch expression can produce: the expression of each {@code case ->} rule and every {@code
   * yield} of its own (not of a switch, lambda or class nested in it).
   */
  static List<ExpressionTree> resultsOf(SwitchExpressionTree switchExpression) {
    List<ExpressionTree> results = new ArrayList<>();
    TreeScanner<Void, Void> yields =
        new OwnBody.Scanner<>() {
          @Override
          public Void visitYield(YieldTree yield, Void unused) {
            results.add(yield.getValue());
            return null;
          }

          @Override
          public Void visitSwitchExpression(SwitchExpressionTree nested, Void unused) {
            return null;
          }
        };
    for (CaseTree caseTree : switchExpression.getCases()) {
      if (caseTree.getBody() instanceof ExpressionTree rule) {
        results.add(rule);
      } else if (caseTree.getBody() != null) {
        yields.scan(caseTree.getBody(), null);
      } else {
        yields.scan(caseTree.getStatements(), null);
      }
    }
    return results;
  }

  /**
   * Whether the call hands a failure callback to the work ({@link FailureCallbacks}); a method
   * reference may be handed one by whoever calls it.
   */
  private boolean passesFailureCallback(ExpressionTree call, MethodSymbol method, VisitorState state) {
    return call instanceof MethodInvocationTree invocation
        ? FailureCallbacks.passesFailureCallback(invocation, method, futureTypes, state)
        : FailureCallbacks.takesFailureCallback(method, futureTypes, state);
  }

  /**
   * Whether the call delivers a failure it is given ({@code request.abort(cause)}, {@code
   * fail(x)}): the code already passes that failure on, and the future it gets back reports on the
   * delivery ("was it aborted?"), not on new work.
   */
  private static boolean handsOnAFailure(MethodSymbol method, VisitorState state) {
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (parameter.type != null
          && parameter.type.getKind() == TypeKind.DECLARED
          && ClasspathTypes.isA(parameter.type, state.getSymtab().throwableType, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a method of a library (no body in this build; see {@link ReturnedFutures} for the
   * others) hands back a future it was given: a parameter is declared with exactly the return type
   * ({@code <T> CompletableFuture<T> track(CompletableFuture<T> f)}). The argument was passed to a
   * method, which makes it observed where it came from; the result is the same future, not new
   * work.
   */
  private static boolean returnsItsArgument(MethodSymbol method, VisitorState state) {
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (state.getTypes().isSameType(parameter.type, method.getReturnType())) {
        return SourceTrees.methodWithBody(method, state) == null;
      }
    }
    return false;
  }

  /**
   * Whether new work is started ({@code executor.submit}, {@code runAsync}; no future receiver or
   * argument) from a lambda or method reference that reports its own failure, or from {@code new
   * X(..)} of a task class (same build) whose {@code run()}/{@code call()} does (see {@link
   * SelfReportingWork}): the future can only fail with an {@code Error}.
   */
  private boolean workReportsItsOwnFailure(MethodInvocationTree call, VisitorState state) {
    SelfReportingWork.Schedule schedule = SelfReportingWork.scheduleOf(call);
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
        if (!SelfReportingWork.isSelfReporting(lambda, state, schedule)) {
          return false;
        }
        guardedWork = true;
      }
      if (argument instanceof MemberReferenceTree reference) {
        if (!SelfReportingWork.isSelfReporting(reference, state, schedule)) {
          return false;
        }
        guardedWork = true;
      }
      if (argument instanceof NewClassTree task && isTask(task, state)) {
        if (!SelfReportingWork.isSelfReportingTask(task, state, schedule)) {
          return false;
        }
        guardedWork = true;
      }
      if (SelfReportingWork.isSelfReportingTaskValue(argument, state, schedule)) {
        guardedWork = true;
      }
    }
    return guardedWork;
  }

  private static boolean isTask(NewClassTree task, VisitorState state) {
    return SelfReportingWork.isTaskType(ASTHelpers.getType(task), state);
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
