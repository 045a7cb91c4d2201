package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * What a method compiled in the same build hands back, read from its body: a future its caller
 * need not observe, because the method already watches it (a failure callback or listener is
 * attached before it is returned), keeps it (a field), or hands back what it was given (a
 * parameter, {@code this}). Dropping such a result loses nothing: {@code return
 * send(m).whenComplete((v, e) -> { if (e != null) log(e); })}, {@code f.addListener(l); return
 * f;}, {@code return this.closeFuture;}.
 */
final class ReturnedFutures {
  /** How many calls deep a returned call is followed ({@code return sendAndLog(m)}). */
  private static final int MAX_DEPTH = 2;

  /** Calls that attach to their receiver a callback or listener that sees its failure. */
  private static final Matcher<ExpressionTree> WATCHES_RECEIVER =
      anyOf(
          FailureCallbacks.ON_FAILURE_TOO,
          instanceMethod()
              .onDescendantOf("io.netty.util.concurrent.Future")
              .namedAnyOf("addListener", "addListeners"));

  /** Guava's {@code Futures.addCallback(future, callback, executor)} watches its first argument. */
  private static final Matcher<ExpressionTree> WATCHES_ARGUMENT =
      staticMethod().onClass("com.google.common.util.concurrent.Futures").named("addCallback");

  /** Guava's {@code addListener(Runnable, Executor)}: it watches only if the listener reads the future. */
  private static final Matcher<ExpressionTree> ADDS_PLAIN_LISTENER =
      instanceMethod()
          .onDescendantOf("com.google.common.util.concurrent.ListenableFuture")
          .named("addListener");

  /** A failure handed on as a future ({@code return failedFuture(e)} in a {@code catch}). */
  private static final Matcher<ExpressionTree> FAILED_FUTURE =
      anyOf(
          staticMethod().anyClass().namedAnyOf("failedFuture", "failedStage"),
          staticMethod()
              .onClass("com.google.common.util.concurrent.Futures")
              .named("immediateFailedFuture"));

  private ReturnedFutures() {}

  /**
   * Whether every future {@code method} returns is watched, held or handed back (see the class
   * doc); false when its body is not in this build.
   */
  static boolean needNoObserver(ExpressionTree call, MethodSymbol method, VisitorState state) {
    return needNoObserver(
        call, method, state, new Depth(MAX_DEPTH, null, FreshInstances.onFreshInstance(call), ImmutableSet.of(method)));
  }

  /**
   * Like {@link #needNoObserver(ExpressionTree, MethodSymbol, VisitorState)}, judging a call passed
   * for a parameter the method hands back ({@code track(executor.submit(task))}) as that call
   * dropped: it needs an observer when {@code freshWork} says its own dropped future would leak.
   * Without {@code freshWork}, such an argument needs none only when it is a same-build call that
   * needs none itself.
   */
  static boolean needNoObserver(
      ExpressionTree call,
      MethodSymbol method,
      VisitorState state,
      @Nullable Predicate<ExpressionTree> freshWork) {
    return needNoObserver(
        call,
        method,
        state,
        new Depth(MAX_DEPTH, freshWork, FreshInstances.onFreshInstance(call), ImmutableSet.of(method)));
  }

  /**
   * How many calls deep to follow yet, how to judge a fresh call argument, and whether the method runs on an instance
   * created for the call ({@link FreshInstances}: its fields are no holder's).
   */
  /** How much deeper callees may be read, and the methods being read (a callee among them is a cycle). */
  private record Depth(
      int left,
      @Nullable Predicate<ExpressionTree> freshWork,
      boolean freshInstance,
      ImmutableSet<MethodSymbol> reading) {
    Depth deeper(ExpressionTree next, MethodSymbol callee) {
      return new Depth(
          left - 1,
          freshWork,
          FreshInstances.onFreshInstance(next) || (freshInstance && FreshInstances.onSameInstance(next)),
          ImmutableSet.<MethodSymbol>builder().addAll(reading).add(callee).build());
    }
  }

  private static boolean needNoObserver(
      ExpressionTree call, MethodSymbol method, VisitorState state, Depth depth) {
    if (isRecordAccessor(method)) {
      return true; // it returns a field, and the record holds the future
    }
    TreePath declaration = SourceTrees.methodPathWithBody(method, state);
    // An override elsewhere in the build may start fresh work where this body does not.
    if (declaration == null || BuildIndex.of(state).isOverridden(method, state)) {
      return false;
    }
    return OwnBody.everyReturn(
        declaration, (value, path) -> needsNoObserver(value, path, call, state, depth));
  }

  /** A record component's accessor, implicit (no tree) or declared. */
  private static boolean isRecordAccessor(MethodSymbol method) {
    return method.getParameters().isEmpty()
        && method.owner instanceof Symbol.ClassSymbol record
        && record.isRecord()
        && record.getRecordComponents().stream()
            .anyMatch(component -> component.getSimpleName().equals(method.getSimpleName()));
  }

  /**
   * Whether the future {@code value}, returned at {@code returnPath} by the method {@code call}
   * runs, needs no observer.
   */
  private static boolean needsNoObserver(
      @Nullable ExpressionTree value,
      TreePath returnPath,
      ExpressionTree call,
      VisitorState state,
      Depth depth) {
    if (value == null) {
      return false;
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (expr instanceof TypeCastTree cast) {
      return needsNoObserver(cast.getExpression(), returnPath, call, state, depth);
    }
    if (expr instanceof ConditionalExpressionTree conditional) {
      return needsNoObserver(conditional.getTrueExpression(), returnPath, call, state, depth)
          && needsNoObserver(conditional.getFalseExpression(), returnPath, call, state, depth);
    }
    if (expr instanceof LiteralTree) {
      return true; // return null;
    }
    if (expr instanceof NewClassTree created) {
      return SucceedOnlyFutures.isSucceedOnlyNew(created, state);
    }
    if (expr instanceof MethodInvocationTree returned) {
      return watchedByCallback(returned, state)
          || NettyHttp2Writes.reportsItsOwnFailure(returned, returnPath, state)
          || handsBackAHeldReceiver(returned, returnPath, call, state, depth)
          || readFromAHeldContainer(returned)
          || FutureViews.hasNoWorkBehind(returned, state)
          || failureFromHandler(returned, returnPath, state)
          || isHeldCall(returned, state, depth);
    }
    if (expr instanceof IdentifierTree identifier && identifier.getName().contentEquals("this")) {
      return true;
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    if (symbol == null) {
      return false;
    }
    return switch (symbol.getKind()) {
      case FIELD ->
          !(depth.freshInstance()
              && FreshInstances.readsOwnField(expr, symbol, enclosingMethodSymbol(returnPath), state));
      case PARAMETER ->
          isHeld(argumentFor(symbol, call), state, depth)
              || isWatchedOrKept(symbol, enclosingMethod(returnPath), state);
      case LOCAL_VARIABLE ->
          isWatchedOrKept(symbol, enclosingMethod(returnPath), state)
              || SucceedOnlyFutures.isSucceedOnlyLocal(
                  symbol, enclosingMethodPath(returnPath), state);
      default -> false;
    };
  }

  /**
   * {@code return super.setSuccess(null);}, {@code return promise.setFailure(cause);}, {@code return
   * this.pending.orTimeout(..);}: a call that returns its receiver hands back what the receiver is, so it needs no
   * observer when the receiver does not ({@code this}, {@code super}, a field, a held parameter...).
   */
  private static boolean handsBackAHeldReceiver(
      MethodInvocationTree returned,
      TreePath returnPath,
      ExpressionTree call,
      VisitorState state,
      Depth depth) {
    if (!OwnedFutures.returnsReceiver(returned, state)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(returned);
    if (receiver == null) {
      return true; // setSuccess(v) inside the promise class: this
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(receiver);
    if (expr instanceof IdentifierTree identifier && identifier.getName().contentEquals("super")) {
      return true;
    }
    return needsNoObserver(expr, returnPath, call, state, depth);
  }

  /**
   * {@code return cached.get();}, {@code return views.get(key);}: a value read out of a container held in a field
   * (the method's declared return type is the container's element type variable, as FRVI decides by the declared
   * type), so the future is the holder's, as with a field.
   */
  private static boolean readFromAHeldContainer(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver != null
        && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver)) instanceof Symbol.VarSymbol holder
        && holder.getKind() == ElementKind.FIELD
        && ASTHelpers.getSymbol((Tree) call) instanceof MethodSymbol read
        && read.getReturnType().getKind() == TypeKind.TYPEVAR;
  }

  /**
   * The argument {@code call} passes for {@code parameter}: the method hands it back, so the
   * result is as owned as the argument was ({@code release(ch, holder.promise())} is, {@code
   * release(ch, ch.newPromise())} is fresh work).
   */
  private static @Nullable ExpressionTree argumentFor(Symbol parameter, ExpressionTree call) {
    if (!(call instanceof MethodInvocationTree invocation)
        || !(parameter.owner instanceof MethodSymbol method)
        || method.isVarArgs()) {
      return null;
    }
    int index = method.getParameters().indexOf(parameter);
    return index >= 0 && index < invocation.getArguments().size()
        ? invocation.getArguments().get(index)
        : null;
  }

  /** A future someone else holds: a parameter, a field, or what a same-build call hands back. */
  private static boolean isHeld(@Nullable ExpressionTree value, VisitorState state, Depth depth) {
    if (value == null) {
      return false;
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (expr instanceof TypeCastTree cast) {
      return isHeld(cast.getExpression(), state, depth);
    }
    if (expr instanceof MethodInvocationTree call) {
      // track(executor.submit(task)): the result is that call's future, judged as if it were dropped.
      return depth.freshWork() != null
          ? !depth.freshWork().test(call)
          : isHeldCall(call, state, depth);
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    // A local's own obligation is judged at its declaration by the flow analysis, for which the
    // call it is passed to is an observation; a parameter or field is owned by the caller's caller
    // or holder.
    return symbol != null
        && switch (symbol.getKind()) {
          case PARAMETER, FIELD, LOCAL_VARIABLE, RESOURCE_VARIABLE -> true;
          default -> false;
        };
  }

  private static boolean isHeldCall(MethodInvocationTree call, VisitorState state, Depth depth) {
    // A cycle (m returning m(n - 1)) adds nothing, and reading it again at each depth multiplied the work by the
    // number of returns at every level (a generated method with 100 such returns took minutes).
    return depth.left() > 0
        && ASTHelpers.getSymbol((Tree) call) instanceof MethodSymbol callee
        && !depth.reading().contains(callee)
        && needNoObserver(call, callee, state, depth.deeper(call, callee));
  }

  /** {@code f.whenComplete((v, e) -> log(e))}, {@code f.exceptionally(..)}, Netty {@code addListener}. */
  private static boolean watchedByCallback(MethodInvocationTree call, VisitorState state) {
    return WATCHES_RECEIVER.matches(call, state)
        && !FailureCallbacks.lambdaIgnoresFailure(call)
        && !FailureCallbacks.nettyListenerIgnoresFailure(call, state)
        && !(FailureCallbacks.ON_FAILURE_TOO.matches(call, state)
            && CalleeEvidence.onlyRethrowsFailure(call)); // handle((r, e) -> { throw wrap(e); }) sees nothing
  }

  /**
   * {@code catch (Exception e) { log.warn("..", e); return failedFuture(e); }}: the handler
   * already reported the failure it hands on (it uses the exception besides returning it).
   */
  private static boolean failureFromHandler(
      MethodInvocationTree call, TreePath returnPath, VisitorState state) {
    if (!FAILED_FUTURE.matches(call, state) || call.getArguments().size() != 1) {
      return false;
    }
    Symbol failure = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(call.getArguments().get(0)));
    CatchTree handler = ASTHelpers.findEnclosingNode(returnPath, CatchTree.class);
    if (failure == null
        || handler == null
        || ASTHelpers.getSymbol(handler.getParameter()) != failure) {
      return false;
    }
    int[] uses = {0};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        uses[0] += ASTHelpers.getSymbol(identifier) == failure ? 1 : 0;
        return null;
      }
    }.scan(handler.getBlock(), null);
    return uses[0] > 1;
  }

  /** {@code f.addListener(() -> record(f), executor)}: a plain listener that reads the future. */
  private static boolean listenerReads(MethodInvocationTree call, Symbol local, VisitorState state) {
    if (!ADDS_PLAIN_LISTENER.matches(call, state)
        || call.getArguments().isEmpty()
        || !(call.getArguments().get(0) instanceof LambdaExpressionTree listener)) {
      return false;
    }
    return LocalUses.mentions(local, listener.getBody());
  }

  private static @Nullable TreePath enclosingMethodPath(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
    }
    return null;
  }

  private static @Nullable MethodSymbol enclosingMethodSymbol(TreePath path) {
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    return method == null ? null : ASTHelpers.getSymbol(method);
  }

  private static @Nullable Tree enclosingMethod(TreePath path) {
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    return method == null ? null : method.getBody();
  }

  /**
   * Whether the method body attaches a failure callback or listener to {@code local} ({@code
   * f.addListener(l)}, {@code f.whenComplete(..)}, {@code Futures.addCallback(f, ..)}), stores it
   * in a field or hands it to an object held in a field ({@code pending.add(f)}), outside nested
   * lambdas and classes.
   */
  private static boolean isWatchedOrKept(Symbol local, @Nullable Tree body, VisitorState state) {
    if (body == null) {
      return false;
    }
    boolean[] watched = {false};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        ExpressionTree receiver = ASTHelpers.getReceiver(call);
        watched[0] |=
            (receiver != null
                    && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver)) == local
                    && (watchedByCallback(call, state) || listenerReads(call, local, state)))
                || (WATCHES_ARGUMENT.matches(call, state)
                    && !call.getArguments().isEmpty()
                    && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(call.getArguments().get(0)))
                        == local)
                || (receiver != null
                    && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver))
                        instanceof Symbol.VarSymbol held
                    && held.getKind() == ElementKind.FIELD
                    && call.getArguments().stream()
                        .anyMatch(
                            argument ->
                                ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument))
                                    == local));
        return super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        Symbol target = ASTHelpers.getSymbol(assignment.getVariable());
        watched[0] |=
            target != null
                && target.getKind() == ElementKind.FIELD
                && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(assignment.getExpression()))
                    == local;
        return super.visitAssignment(assignment, unused);
      }
    }.scan(body, null);
    return watched[0];
  }
}
