package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Futures that can only succeed, read from the body of the method that creates and returns them: a
 * completion marker such as {@code CompletableFuture<Void> done = new CompletableFuture<>();
 * executor.execute(() -> { work(); done.complete(null); }); return done;}. Nothing can fail such a
 * future (a failure of {@code work()} goes wherever the task's failures go, not into {@code done}),
 * so a caller that drops it loses no failure.
 *
 * <p>A fresh future qualifies when, in the method (lambdas and anonymous classes included), it is
 * only completed normally ({@code complete}, {@code set}, {@code setSuccess}, {@code trySuccess},
 * ...), read ({@code isDone}, {@code get}, a listener, a null check) or returned by the method
 * itself: never completed exceptionally ({@code completeExceptionally}, {@code setException},
 * {@code setFailure}, {@code tryFailure}, {@code obtrudeException}, {@code cancel}, {@code
 * orTimeout}, {@code completeAsync}, Guava {@code setFuture}), never reassigned, never stored and
 * never passed to any method (an unknown callee could fail it). A {@code FutureTask} whose callable
 * returns a literal or constant (or whose runnable is empty) cannot fail whatever is done with it.
 */
final class SucceedOnlyFutures {
  /**
   * Calls on the future that complete it normally, read it or chain on it: none of them can make it
   * fail. Anything else (including a same-build subclass's own {@code fail(e)}) disqualifies it.
   */
  private static final ImmutableSet<String> HARMLESS_CALLS =
      ImmutableSet.of(
          // normal completion
          "complete",
          "obtrudeValue",
          "completeOnTimeout",
          "set",
          "setSuccess",
          "trySuccess",
          "tryComplete",
          "setUncancellable",
          // reads and waits
          "isDone",
          "isCancelled",
          "isCompletedExceptionally",
          "isSuccess",
          "isCancellable",
          "isVoid",
          "cause",
          "get",
          "getNow",
          "join",
          "resultNow",
          "state",
          "await",
          "awaitUninterruptibly",
          "sync",
          "syncUninterruptibly",
          "getNumberOfDependents",
          "toString",
          "hashCode",
          "equals",
          // listeners and stages derived from it (each is a future of its own, judged where it goes)
          "addListener",
          "addListeners",
          "removeListener",
          "removeListeners",
          "whenComplete",
          "whenCompleteAsync",
          "handle",
          "handleAsync",
          "exceptionally",
          "exceptionallyAsync",
          "thenApply",
          "thenApplyAsync",
          "thenAccept",
          "thenAcceptAsync",
          "thenRun",
          "thenRunAsync");

  /** Factories of a fresh future that only the code holding it can complete. */
  private static final Matcher<ExpressionTree> FRESH_FUTURE_FACTORY =
      anyOf(
          staticMethod().onClass("com.google.common.util.concurrent.SettableFuture").named("create"),
          staticMethod()
              .onClass("java.util.concurrent.CompletableFuture")
              .namedAnyOf("completedFuture", "completedStage"),
          staticMethod()
              .onClass("com.google.common.util.concurrent.Futures")
              .namedAnyOf("immediateFuture", "immediateVoidFuture"));

  private static final ImmutableSet<String> NETTY_NEW_PROMISE =
      ImmutableSet.of("newPromise", "newProgressivePromise", "newSucceededFuture");

  private SucceedOnlyFutures() {}

  /**
   * Whether {@code local}, returned by the method at {@code method} (a path to its declaration),
   * holds a future that can only succeed (see the class doc).
   */
  static boolean isSucceedOnlyLocal(Symbol local, @Nullable TreePath method, VisitorState state) {
    if (method == null || !(method.getLeaf() instanceof MethodTree declaration)) {
      return false;
    }
    VariableTree variable = declarationOf(local, declaration);
    if (variable == null || variable.getInitializer() == null) {
      return false;
    }
    ExpressionTree initializer = ASTHelpers.stripParentheses(variable.getInitializer());
    if (initializer instanceof NewClassTree task && isFutureTaskThatCannotFail(task, state)) {
      return !LocalUses.isReassigned(local, method);
    }
    return isFreshFuture(initializer, state) && onlyCompletedNormally(local, method, declaration);
  }

  /**
   * Whether {@code new X(..)}, returned as it is, is a future that can only succeed: a fresh future
   * (nobody else can complete it) or a {@code FutureTask} that cannot fail.
   */
  static boolean isSucceedOnlyNew(NewClassTree created, VisitorState state) {
    return isFutureTaskThatCannotFail(created, state) || isFreshFuture(created, state);
  }

  /**
   * {@code new CompletableFuture<>()}, {@code SettableFuture.create()}, Netty {@code newPromise()} or
   * {@code new DefaultPromise<>(executor)}, or {@code new X()} (no arguments) of a future class of
   * this build that starts no work, or of a library's future class that is not a task.
   */
  static boolean isFreshFuture(ExpressionTree value, VisitorState state) {
    if (value instanceof MethodInvocationTree call) {
      return FRESH_FUTURE_FACTORY.matches(call, state)
          || (ASTHelpers.getSymbol(call) instanceof MethodSymbol factory
              && ((NETTY_NEW_PROMISE.contains(factory.getSimpleName().toString()) && NettyFutures.isNetty(factory))
                  || isFreshFutureFactory(factory, state)));
    }
    if (!(value instanceof NewClassTree created) || created.getClassBody() != null) {
      return false;
    }
    Type type = ASTHelpers.getType(created);
    if (type == null || !(type.tsym instanceof Symbol.ClassSymbol createdClass)) {
      return false;
    }
    String name = createdClass.getQualifiedName().toString();
    if (name.equals("java.util.concurrent.CompletableFuture")) {
      return created.getArguments().isEmpty();
    }
    String netty = NettyNames.unrelocated(name);
    if (netty != null) {
      // DefaultPromise(executor), DefaultChannelPromise(channel): a promise, no work.
      return createdClass.getSimpleName().toString().endsWith("Promise");
    }
    if (!created.getArguments().isEmpty()
        || !(FutureTypes.isSubtypeOf(type, "java.util.concurrent.Future", state)
            || FutureTypes.isSubtypeOf(type, "java.util.concurrent.CompletionStage", state))) {
      return false;
    }
    ClassTree declaration = SourceTrees.classDeclaration(createdClass, state);
    if (declaration == null) {
      // A library's holder (Artemis's SimpleFutureImpl): given nothing, it has no work to run, unless it is a task
      // whose run() is the work (a FutureTask or ForkJoinTask subclass).
      return !FutureTypes.isSubtypeOf(type, "java.util.concurrent.RunnableFuture", state)
          && !FutureTypes.isSubtypeOf(type, "java.util.concurrent.ForkJoinTask", state)
          && !FutureTypes.isSubtypeOf(type, "java.lang.Runnable", state);
    }
    return startsNoWork(declaration, ASTHelpers.getSymbol(created), state);
  }

  /**
   * Whether creating the class starts nothing: neither the constructor nor a field initializer or
   * instance initializer calls a method. {@code new FutureFlush()} whose constructor runs {@code
   * integer = channel.write(buffer)} wraps work that can fail; {@code new SimpleFuture<>()} is a
   * holder its creator completes.
   */
  private static boolean startsNoWork(
      ClassTree declaration, @Nullable MethodSymbol constructor, VisitorState state) {
    MethodTree body = SourceTrees.methodWithBody(constructor, state);
    if (body == null || callsAnything(body.getBody())) {
      return false;
    }
    for (Tree member : declaration.getMembers()) {
      boolean instanceMember =
          member instanceof VariableTree field
                  && !field.getModifiers().getFlags().contains(Modifier.STATIC)
                  && callsAnything(field.getInitializer())
              || member instanceof BlockTree block && !block.isStatic() && callsAnything(block);
      if (instanceMember) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code tree} calls a method other than {@code super(..)} or {@code this(..)}. */
  private static boolean callsAnything(@Nullable Tree tree) {
    if (tree == null) {
      return false;
    }
    boolean[] calls = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        calls[0] |= !ASTHelpers.isSuper(call.getMethodSelect()) && !isThisCall(call);
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(tree, null);
    return calls[0];
  }

  private static boolean isThisCall(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof IdentifierTree identifier
        && identifier.getName().contentEquals("this");
  }

  /**
   * {@code new FutureTask<>(() -> null)}, {@code new FutureTask<>(() -> {}, null)}: the task's only
   * work returns a literal or a constant, so running it cannot fail.
   */
  private static boolean isFutureTaskThatCannotFail(NewClassTree created, VisitorState state) {
    Type type = ASTHelpers.getType(created);
    if (created.getClassBody() != null
        || type == null
        || !type.tsym.getQualifiedName().contentEquals("java.util.concurrent.FutureTask")
        || created.getArguments().isEmpty()
        || !(ASTHelpers.stripParentheses(created.getArguments().get(0))
            instanceof LambdaExpressionTree work)) {
      return false;
    }
    Tree body = work.getBody();
    if (body instanceof ExpressionTree value) {
      return isConstant(value);
    }
    if (!(body instanceof BlockTree block)) {
      return false;
    }
    for (StatementTree statement : block.getStatements()) {
      if (!(statement instanceof ReturnTree returned)
          || (returned.getExpression() != null && !isConstant(returned.getExpression()))) {
        return false;
      }
    }
    return true;
  }

  /** A literal, or a read of a {@code static final} field or an enum constant. */
  private static boolean isConstant(ExpressionTree value) {
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (expr instanceof LiteralTree) {
      return true;
    }
    if (!(expr instanceof IdentifierTree || expr instanceof MemberSelectTree)) {
      return false;
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    return symbol != null
        && (symbol.getKind() == ElementKind.ENUM_CONSTANT
            || (symbol.getKind() == ElementKind.FIELD
                && symbol.getModifiers().contains(Modifier.STATIC)
                && symbol.getModifiers().contains(Modifier.FINAL)));
  }

  private static @Nullable VariableTree declarationOf(Symbol local, MethodTree method) {
    VariableTree[] found = {null};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (ASTHelpers.getSymbol(variable) == local) {
          found[0] = variable;
        }
        return super.visitVariable(variable, unused);
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  /**
   * A static method of the build, without arguments, every {@code return} of which is a fresh future as above:
   * Grizzly's {@code SafeFutureImpl.create()} is {@code return new SafeFutureImpl<>();}.
   */
  private static boolean isFreshFutureFactory(MethodSymbol factory, VisitorState state) {
    if (!factory.isStatic() || !factory.getParameters().isEmpty()) {
      return false;
    }
    TreePath declaration = SourceTrees.methodPathWithBody(factory, state);
    return declaration != null
        && OwnBody.everyReturn(
            declaration,
            (returned, path) ->
                returned != null
                    && ASTHelpers.stripParentheses(returned) instanceof NewClassTree created
                    && isFreshFuture(created, state));
  }

  /**
   * Whether every use of {@code local} in the method (nested lambdas and classes included) is one
   * that cannot fail it: a harmless call on it, a comparison, or a {@code return} of the method's own.
   */
  private static boolean onlyCompletedNormally(Symbol local, TreePath method, MethodTree declaration) {
    boolean[] failed = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (!failed[0] && ASTHelpers.getSymbol(identifier) == local) {
          failed[0] = !isHarmlessUse(getCurrentPath(), declaration);
        }
        return null;
      }
    }.scan(method, null);
    return !failed[0];
  }

  private static boolean isHarmlessUse(TreePath use, MethodTree declaration) {
    TreePath path = Observation.throughParenthesesAndCasts(use);
    TreePath parentPath = path.getParentPath();
    if (parentPath == null) {
      return false;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select) {
      TreePath grandParent = parentPath.getParentPath();
      return grandParent != null
          && grandParent.getLeaf() instanceof MethodInvocationTree invocation
          && invocation.getMethodSelect() == select
          && HARMLESS_CALLS.contains(select.getIdentifier().toString());
    }
    if (parent instanceof MemberReferenceTree reference) {
      return HARMLESS_CALLS.contains(reference.getName().toString()); // stage.thenAccept(done::complete)
    }
    if (parent instanceof BinaryTree) {
      return true; // f == null, f != other
    }
    if (parent instanceof ReturnTree) {
      return returnsFrom(parentPath) == declaration;
    }
    // An argument, an assignment, a stored or captured-and-passed value: someone else may fail it.
    return false;
  }

  /** The method or lambda a {@code return} at {@code path} returns from. */
  private static @Nullable Tree returnsFrom(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return leaf;
      }
    }
    return null;
  }
}
