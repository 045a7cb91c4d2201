package dev.corral.checker;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Iterables;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Builds LeakedFuture's fixes. Every fix keeps the work and gives its failure an owner:
 *
 * <ol>
 *   <li><b>Await</b>: {@code .join()} on a {@code CompletableFuture}; {@code .get()} on a {@code
 *       Future} where {@code InterruptedException} and {@code ExecutionException} are already
 *       caught or declared; else Guava's {@code Futures.getUnchecked(...)} when Guava is on the
 *       classpath; {@code .toCompletableFuture().join()} on a bare {@code CompletionStage}.
 *   <li><b>Report</b>: on a completion stage, {@code .exceptionally(failure -> ...)} hands the
 *       failure to the completing thread's uncaught-exception handler, as an uncaught exception in
 *       a plain thread would be, without blocking; on a Netty future, a listener does the same with
 *       {@code cause()}; for a plain future from {@code submit} or {@code schedule*}, the task is
 *       wrapped to do the same (see {@link ExecutorTasks}); on a Guava {@code ListenableFuture}, {@code
 *       Futures.addCallback} with a callback whose {@code onFailure} does the same.
 *   <li><b>Return</b>: a {@code void}, non-overriding method whose future is its last statement
 *       returns the future instead, so the caller owns it.
 * </ol>
 *
 * Await is not offered where waiting may deadlock ({@link WaitHazards}: a lock held, a release after the wait),
 * and comes first otherwise, unless blocking is wrong where the future is: inside a lambda or an anonymous
 * class (a callback, possibly on a pool thread), in a method that itself returns a future (an
 * asynchronous API), for a Netty future (its event loop may not block), or when the future is a
 * schedule or its task loops (it may never complete). There Report comes first, and without a
 * Report, Await is not offered at all (Return may be).
 */
final class LeakFixes {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  private static final String FUTURE = "java.util.concurrent.Future";
  private static final String GUAVA_FUTURES = "com.google.common.util.concurrent.Futures";
  private static final String LISTENABLE_FUTURE = "com.google.common.util.concurrent.ListenableFuture";

  private LeakFixes() {}

  /** Fixes for a future-returning call whose value is dropped (a statement or a lambda body). */
  static ImmutableList<SuggestedFix> forDropped(ExpressionTree call, VisitorState state) {
    TreePath path = state.getPath();
    Type type = ASTHelpers.getType(call);
    String source = state.getSourceForNode(call);
    if (type == null || source == null) {
      return ImmutableList.of();
    }
    Optional<SuggestedFix> await =
        FanOutFixes.collectDroppedFuture(
                call,
                type,
                path,
                state,
                source,
                (future, after, fix) -> awaitCall(future, type, after, state, fix))
            .or(() -> holdAndAwaitAtEnd(call, type, path, state, source))
            .or(() -> replaceWith(call, type, path, state, true, source))
            // Awaiting in a static initializer deadlocks if the work touches the class.
            .filter(unused -> !StaticInitializers.runsDuringClassInitialization(path));
    Optional<SuggestedFix> report = replaceWith(call, type, path, state, false, source);
    if (report.isEmpty()) {
      report = ExecutorTasks.reportFromTask(call, path, state);
    }
    Optional<SuggestedFix> returnIt = returnDropped(call, type, path, state, source);
    boolean blockingIsWrong =
        blockingIsWrong(path, state)
            || ExecutorTasks.awaitingWouldStall(call, state)
            || NettyFutures.isNettyFuture(type, state);
    return ordered(blockingIsWrong, await, report, returnIt);
  }

  /**
   * The dropped future kept in a local and awaited at the end of its block, where more statements follow it
   * ({@link LaterAwaits}).
   */
  private static Optional<SuggestedFix> holdAndAwaitAtEnd(
      ExpressionTree call, Type type, TreePath path, VisitorState state, String source) {
    TreePath statementPath = path.getParentPath();
    if (!(statementPath.getLeaf() instanceof ExpressionStatementTree)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String localType = returnType(type, state, fix);
    return LaterAwaits.holdAndAwaitAtEnd(
        statementPath,
        "future",
        name -> localType + " " + name + " = " + source + ";",
        (future, at, f) -> awaitCall(future, type, at, state, f),
        fix,
        state);
  }

  /**
   * Fixes for a local declared with a future that some normally ending path never observes; {@code returns} are
   * the {@code return} statements reached with it unobserved.
   */
  static ImmutableList<SuggestedFix> forLocal(
      VariableTree declaration, List<TreePath> returns, VisitorState state) {
    TreePath path = state.getPath();
    Symbol local = ASTHelpers.getSymbol(declaration);
    if (local == null
        || declaration.getInitializer() == null
        || !(path.getParentPath().getLeaf() instanceof BlockTree block)) {
      return ImmutableList.of();
    }
    String name = local.getSimpleName().toString();
    Type type = local.type;
    // Only the returns in the local's scope: one after its block cannot name it. A break or continue out of the block
    // before any use of the local forgets it too (the dataflow's store is read before returns only).
    List<TreePath> leakingReturns =
        ImmutableList.<TreePath>builder()
            .addAll(returns.stream().filter(r -> Iterables.contains(r, block)).toList())
            .addAll(jumpsOutBeforeAnyUse(block, declaration, local, path))
            .build();
    // A periodic schedule never completes: awaiting it would hang there.
    boolean neverAwait =
        ExecutorTasks.awaitingWouldStall(
            ASTHelpers.stripParentheses(declaration.getInitializer()), state);
    Optional<SuggestedFix> await =
        neverAwait || WaitHazards.mayDeadlock(path, declaration, state)
            ? Optional.empty()
            : onEveryForgettingPath(
                block,
                leakingReturns,
                (at, fix) -> awaitCall(name, type, at, state, fix),
                path,
                state);
    Optional<SuggestedFix> cancel =
        FutureTypes.isSubtypeOf(type, FUTURE, state)
                && !leakingReturns.isEmpty()
                && !endOfBlockIsAnExit(block)
            ? onEveryForgettingPath(
                block, leakingReturns, (at, fix) -> Optional.of(name + ".cancel(true)"), path, state)
            : Optional.empty();
    SuggestedFix.Builder reporting = SuggestedFix.builder();
    Optional<SuggestedFix> report =
        reportCall(name, type, path, state, reporting)
            .map(
                call ->
                    reporting
                        .postfixWith(declaration, "\n" + SourceLayout.indentOf(declaration, state) + call + ";")
                        .build());
    Optional<SuggestedFix> returnIt =
        leakingReturns.isEmpty() ? returnLocal(block, name, type, path, state) : Optional.empty();
    ImmutableList<SuggestedFix> fixes =
        ordered(blockingIsWrong(path, state) || NettyFutures.isNettyFuture(type, state), await, report, returnIt);
    if (cancel.isEmpty()) {
      return fixes;
    }
    // Where the value is read on the paths that wait for it (a prefetch, a hedge), the paths that return without
    // it have no use for the work: cancelling it there comes first, the other fixes stay alternatives.
    boolean cancelFirst = neverAwait || isValueRead(local, path);
    ImmutableList.Builder<SuggestedFix> withCancel = ImmutableList.builder();
    if (cancelFirst) {
      withCancel.add(cancel.get());
    }
    withCancel.addAll(fixes);
    if (!cancelFirst) {
      withCancel.add(cancel.get());
    }
    return withCancel.build();
  }

  /**
   * The {@code break}s and {@code continue}s that leave {@code block} from a statement after {@code declaration},
   * where neither that statement nor one between them mentions {@code local}: {@code Future<T> f = submit(..); if
   * (stop) { break; } log(f.get());}.
   */
  private static List<TreePath> jumpsOutBeforeAnyUse(
      BlockTree block, VariableTree declaration, Symbol local, TreePath declarationPath) {
    List<TreePath> jumps = new ArrayList<>();
    List<? extends StatementTree> statements = block.getStatements();
    for (StatementTree later : statements.subList(statements.indexOf(declaration) + 1, statements.size())) {
      if (LocalUses.mentions(local, later)) {
        break;
      }
      if (later == statements.get(statements.size() - 1) && EarlyExits.isJump(later)) {
        break; // the block's own last jump: the wait at the block's end goes before it
      }
      jumps.addAll(EarlyExits.jumpsOutOf(new TreePath(declarationPath.getParentPath(), later)));
    }
    return jumps;
  }

  /** Builds the statement that observes the local where a path forgets it (at that path's position). */
  private interface Observer {
    Optional<String> at(TreePath position, SuggestedFix.Builder fix);
  }

  /**
   * {@code observer}'s statement before each return in {@code returns} (in braces where the return is a lone
   * branch) and, when the block's end is an exit (its last statement completes normally, or is a {@code break},
   * {@code continue} or {@code yield}), at that end; empty if the statement cannot be built at one of them.
   */
  private static Optional<SuggestedFix> onEveryForgettingPath(
      BlockTree block, List<TreePath> returns, Observer observer, TreePath path, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    for (TreePath returnPath : returns) {
      Optional<String> statement = observer.at(returnPath, fix);
      if (statement.isEmpty()) {
        return Optional.empty();
      }
      Tree returnTree = returnPath.getLeaf();
      String indent = SourceLayout.indentOf(returnTree, state);
      if (returnPath.getParentPath().getLeaf() instanceof BlockTree) {
        fix.prefixWith(returnTree, statement.get() + ";\n" + indent);
        continue;
      }
      // if (token == null) return "unauthorized";  ->  if (token == null) { f.cancel(true); return ..; }
      String source = state.getSourceForNode(returnTree);
      if (source == null) {
        return Optional.empty();
      }
      String inner = indent + SourceLayout.unit(returnPath, state);
      fix.replace(
          returnTree,
          "{\n" + inner + statement.get() + ";\n" + inner + source + "\n" + indent + "}");
    }
    if (endOfBlockIsAnExit(block) && !lastStatementAwaits(block, ASTHelpers.getSymbol(path.getLeaf()), path)) {
      Optional<String> statement = observer.at(path, fix);
      if (statement.isEmpty() || atEndOf(block, statement.get() + ";", fix, state).isEmpty()) {
        return Optional.empty();
      }
    } else if (returns.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(fix.build());
  }

  /** Whether leaving {@code block} through its end (not a return or throw) is a way out of the local's scope. */
  /**
   * {@code log.info(f.get());} as the block's last statement: every path that reaches the end has awaited the local
   * there, so nothing is added after it.
   */
  private static boolean lastStatementAwaits(BlockTree block, @Nullable Symbol local, TreePath declarationPath) {
    StatementTree last = block.getStatements().get(block.getStatements().size() - 1);
    if (local == null
        || !(last instanceof ExpressionStatementTree || last instanceof VariableTree)
        || OwnBody.contains(last, Tree.Kind.CONDITIONAL_EXPRESSION)
        || OwnBody.contains(last, Tree.Kind.CONDITIONAL_AND)
        || OwnBody.contains(last, Tree.Kind.CONDITIONAL_OR)
        || OwnBody.contains(last, Tree.Kind.LAMBDA_EXPRESSION)) {
      return false;
    }
    TreePath lastPath = new TreePath(declarationPath.getParentPath(), last);
    for (TreePath use : LocalUses.usesOf(local, lastPath)) {
      MethodInvocationTree call = LocalUses.invokedOn(use);
      if (call != null && MethodNames.isNamedAnyOf(call, VALUE_READS)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endOfBlockIsAnExit(BlockTree block) {
    List<? extends StatementTree> statements = block.getStatements();
    StatementTree last = statements.get(statements.size() - 1);
    if (last instanceof ReturnTree || last instanceof ThrowTree) {
      return false;
    }
    return EarlyExits.isJump(last) || Reachability.canCompleteNormally(last);
  }

  /** Whether some await of {@code local} in its scope hands on the value it waits for ({@code return f.get();}). */
  private static boolean isValueRead(Symbol local, TreePath declarationPath) {
    TreePath scope = declarationPath.getParentPath();
    for (TreePath use : LocalUses.usesOf(local, scope)) {
      MethodInvocationTree call = LocalUses.invokedOn(use);
      if (call == null || !MethodNames.isNamedAnyOf(call, VALUE_READS)) {
        continue;
      }
      // use -> f.get -> f.get(): what the call's value goes to.
      TreePath callPath = LocalUses.skipParentheses(use.getParentPath()).getParentPath();
      TreePath consumer = LocalUses.skipParentheses(callPath.getParentPath());
      if (consumer != null && !(consumer.getLeaf() instanceof ExpressionStatementTree)) {
        return true;
      }
    }
    return false;
  }

  private static final ImmutableSet<String> VALUE_READS =
      ImmutableSet.of("get", "join", "getNow", "resultNow", "getUninterruptibly");

  private static ImmutableList<SuggestedFix> ordered(
      boolean blockingIsWrong,
      Optional<SuggestedFix> await,
      Optional<SuggestedFix> report,
      Optional<SuggestedFix> returnIt) {
    ImmutableList.Builder<SuggestedFix> fixes = ImmutableList.builder();
    if (blockingIsWrong) {
      // Awaiting here may hang (an event loop, an asynchronous API waiting on itself): only an alternative to a
      // report, never the fix patch mode applies.
      report.ifPresent(
          r -> {
            fixes.add(r);
            await.ifPresent(fixes::add);
          });
    } else {
      await.ifPresent(fixes::add);
      report.ifPresent(fixes::add);
    }
    returnIt.ifPresent(fixes::add);
    return fixes.build();
  }

  private static Optional<SuggestedFix> replaceWith(
      ExpressionTree call,
      Type type,
      TreePath path,
      VisitorState state,
      boolean await,
      String source) {
    if (await && WaitHazards.mayDeadlock(path, call, state)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    Optional<String> replacement =
        await ? awaitCall(source, type, path, state, fix) : reportCall(source, type, path, state, fix);
    return replacement.map(r -> fix.replace(call, r).build());
  }

  /** {@code future} awaited, as an expression statement; empty if no await compiles here. */
  private static Optional<String> awaitCall(
      String future, Type type, TreePath path, VisitorState state, SuggestedFix.Builder fix) {
    if (FutureTypes.isSubtypeOf(type, COMPLETABLE_FUTURE, state)) {
      return Optional.of(future + ".join()");
    }
    if (FutureTypes.isSubtypeOf(type, FUTURE, state)) {
      if (handles("java.lang.InterruptedException", path, state)
          && handles("java.util.concurrent.ExecutionException", path, state)) {
        return Optional.of(future + ".get()");
      }
      if (ClasspathTypes.isPresent(GUAVA_FUTURES, state)) {
        String futures = SuggestedFixes.qualifyType(state, fix, GUAVA_FUTURES);
        return Optional.of(futures + ".getUnchecked(" + future + ")");
      }
      return Optional.empty();
    }
    if (FutureTypes.isSubtypeOf(type, COMPLETION_STAGE, state)) {
      return Optional.of(future + ".toCompletableFuture().join()");
    }
    return Optional.empty();
  }

  /**
   * {@code future} with a handler that reports its failure: {@code exceptionally} on a completion stage, a listener
   * on a Netty future (awaiting one on its event loop throws {@code BlockingOperationException}), {@code
   * Futures.addCallback} on a Guava {@code ListenableFuture}.
   */
  private static Optional<String> reportCall(
      String future, Type type, TreePath path, VisitorState state, SuggestedFix.Builder fix) {
    if (NettyFutures.isNettyFuture(type, state)) {
      String done = freshName("done", state.withPath(path));
      return Optional.of(
          future
              + ".addListener("
              + done
              + " -> { if (!"
              + done
              + ".isSuccess()) { "
              + reportToUncaughtHandler(done + ".cause()")
              + " } })");
    }
    if (FutureTypes.isSubtypeOf(type, LISTENABLE_FUTURE, state) && ClasspathTypes.isPresent(GUAVA_FUTURES, state)) {
      return Optional.of(guavaCallback(future, path, state, fix));
    }
    if (!FutureTypes.isSubtypeOf(type, COMPLETION_STAGE, state)) {
      return Optional.empty();
    }
    String failure = freshName("failure", state.withPath(path));
    return Optional.of(
        future + ".exceptionally(" + failure + " -> { " + reportToUncaughtHandler(failure) + " return null; })");
  }

  /**
   * {@code Futures.addCallback(future, new FutureCallback<Object>() {..}, directExecutor())} whose {@code onFailure}
   * reports: Guava's way to see a {@code ListenableFuture}'s failure without blocking.
   */
  private static String guavaCallback(String future, TreePath path, VisitorState state, SuggestedFix.Builder fix) {
    String futures = SuggestedFixes.qualifyType(state, fix, GUAVA_FUTURES);
    String callback = SuggestedFixes.qualifyType(state, fix, "com.google.common.util.concurrent.FutureCallback");
    String executors = SuggestedFixes.qualifyType(state, fix, "com.google.common.util.concurrent.MoreExecutors");
    String failure = freshName("failure", state.withPath(path));
    return futures
        + ".addCallback("
        + future
        + ", new "
        + callback
        + "<Object>() { @Override public void onSuccess(Object result) {} @Override public void onFailure(Throwable "
        + failure
        + ") { "
        + reportToUncaughtHandler(failure)
        + " } }, "
        + executors
        + ".directExecutor())";
  }

  /**
   * The statement every Report fix runs: hands {@code throwable} to the current thread's uncaught-exception
   * handler, where an exception thrown in a plain thread would go.
   */
  static String reportToUncaughtHandler(String throwable) {
    return "Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), "
        + throwable
        + ");";
  }

  /**
   * Fixes for a local collection of futures that is never read: await them all at the end of the
   * declaring block. {@code CompletableFuture.allOf(...).join()} for completable futures; a loop
   * of {@code get()} where the checked exceptions are handled; Guava's {@code
   * Futures.getUnchecked} otherwise.
   */
  static ImmutableList<SuggestedFix> forUnreadCollection(
      VariableTree declaration, @Nullable Type elementType, VisitorState state) {
    TreePath path = state.getPath();
    Symbol local = ASTHelpers.getSymbol(declaration);
    if (local == null
        || elementType == null
        || !(path.getParentPath().getLeaf() instanceof BlockTree block)) {
      return ImmutableList.of();
    }
    elementType = ASTHelpers.getUpperBound(elementType, state.getTypes());
    // A map's futures are its values.
    String name =
        local.getSimpleName() + (UnreadFutureCollection.isMap(local.type, state) ? ".values()" : "");
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String statement;
    if (FutureTypes.isSubtypeOf(elementType, COMPLETABLE_FUTURE, state)) {
      String completableFuture = SuggestedFixes.qualifyType(state, fix, COMPLETABLE_FUTURE);
      statement =
          String.format(
              "%s.allOf(%s.toArray(new %s<?>[0])).join();",
              completableFuture, name, completableFuture);
    } else if (FutureTypes.isSubtypeOf(elementType, FUTURE, state)) {
      // Named so as not to clash with anything in scope where the loop goes: the block's end.
      StatementTree last = block.getStatements().get(block.getStatements().size() - 1);
      String element =
          freshName("future", state.withPath(new TreePath(path.getParentPath(), last)));
      String futureType = SuggestedFixes.qualifyType(state, fix, FUTURE);
      if (handles("java.lang.InterruptedException", path, state)
          && handles("java.util.concurrent.ExecutionException", path, state)) {
        statement = String.format("for (%s<?> %s : %s) { %s.get(); }", futureType, element, name, element);
      } else if (ClasspathTypes.isPresent(GUAVA_FUTURES, state)) {
        String futures = SuggestedFixes.qualifyType(state, fix, GUAVA_FUTURES);
        statement =
            String.format(
                "for (%s<?> %s : %s) { %s.getUnchecked(%s); }",
                futureType, element, name, futures, element);
      } else {
        return ImmutableList.of();
      }
    } else {
      return ImmutableList.of();
    }
    return atEndOf(block, statement, fix, state).map(ImmutableList::of).orElse(ImmutableList.of());
  }

  /** Adds {@code statement} after the block's last statement, or before a final jump. */
  private static Optional<SuggestedFix> atEndOf(
      BlockTree block, String statement, SuggestedFix.Builder fix, VisitorState state) {
    List<? extends StatementTree> statements = block.getStatements();
    StatementTree last = statements.get(statements.size() - 1);
    // Keep the block's indentation, so that patch mode leaves readable code.
    String indent = SourceLayout.indentOf(last, state);
    if (EarlyExits.isJump(last)) {
      fix.prefixWith(last, statement + "\n" + indent);
    } else if (Reachability.canCompleteNormally(last)) {
      fix.postfixWith(last, "\n" + indent + statement);
    } else {
      return Optional.empty();
    }
    return Optional.of(fix.build());
  }

  private static Optional<SuggestedFix> returnDropped(
      ExpressionTree call, Type type, TreePath path, VisitorState state, String source) {
    TreePath statementPath = path.getParentPath();
    if (!(statementPath.getLeaf() instanceof ExpressionStatementTree statement)
        || !(statementPath.getParentPath().getLeaf() instanceof BlockTree block)
        || block.getStatements().get(block.getStatements().size() - 1) != statement) {
      return Optional.empty();
    }
    return voidMethodWithBody(statementPath.getParentPath(), block, state)
        .map(
            method -> {
              SuggestedFix.Builder fix = SuggestedFix.builder();
              fix.replace(method.getReturnType(), returnType(type, state, fix));
              fix.replace(statement, "return " + source + ";");
              return fix.build();
            });
  }

  private static Optional<SuggestedFix> returnLocal(
      BlockTree block, String name, Type type, TreePath path, VisitorState state) {
    StatementTree last = block.getStatements().get(block.getStatements().size() - 1);
    if (!Reachability.canCompleteNormally(last)) {
      return Optional.empty();
    }
    return voidMethodWithBody(path.getParentPath(), block, state)
        .map(
            method -> {
              SuggestedFix.Builder fix = SuggestedFix.builder();
              fix.replace(method.getReturnType(), returnType(type, state, fix));
              fix.postfixWith(last, "\n" + SourceLayout.indentOf(last, state) + "return " + name + ";");
              return fix.build();
            });
  }

  private static String returnType(Type type, VisitorState state, SuggestedFix.Builder fix) {
    Type denotable = state.getTypes().upward(type, state.getTypes().captures(type));
    return SuggestedFixes.prettyType(state, fix, denotable);
  }

  /**
   * The method whose body is {@code block}, if it is {@code void}, overrides nothing, can't be
   * overridden by a subclass that would break, and has no {@code return} of its own.
   */
  private static Optional<MethodTree> voidMethodWithBody(
      TreePath blockPath, BlockTree block, VisitorState state) {
    TreePath methodPath = blockPath.getParentPath();
    if (methodPath == null
        || !(methodPath.getLeaf() instanceof MethodTree method)
        || method.getBody() != block
        || method.getReturnType() == null
        || !(ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol)
        || symbol.isConstructor()
        || symbol.getReturnType().getKind() != TypeKind.VOID
        || ASTHelpers.methodCanBeOverridden(symbol)
        || !ASTHelpers.findSuperMethods(symbol, state.getTypes()).isEmpty()
        || hasReturn(block)) {
      return Optional.empty();
    }
    return Optional.of(method);
  }

  private static boolean hasReturn(BlockTree body) {
    return OwnBody.contains(body, Tree.Kind.RETURN);
  }


  /** Whether a checked exception thrown at {@code path} is caught or declared. */
  static boolean handles(String exception, TreePath path, VisitorState state) {
    Type thrown = state.getTypeFromString(exception);
    if (thrown == null) {
      return false;
    }
    Tree previous = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof TryTree tryTree && tryTree.getBlock() == previous) {
        for (CatchTree catchTree : tryTree.getCatches()) {
          if (catches(ASTHelpers.getType(catchTree.getParameter()), thrown, state)) {
            return true;
          }
        }
      }
      if (leaf instanceof LambdaExpressionTree lambda) {
        Type lambdaType = ASTHelpers.getType(lambda);
        if (lambdaType == null
            || lambdaType.isErroneous()
            || !state.getTypes().isFunctionalInterface(lambdaType)) {
          return false;
        }
        return anySupertype(
            state.getTypes().findDescriptorType(lambdaType).getThrownTypes(), thrown, state);
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        return symbol != null && anySupertype(symbol.getThrownTypes(), thrown, state);
      }
      if (leaf instanceof ClassTree) {
        return false;
      }
      previous = leaf;
    }
    return false;
  }

  private static boolean catches(@Nullable Type caught, Type thrown, VisitorState state) {
    if (caught instanceof UnionClassType union) {
      for (Type alternative : union.getAlternativeTypes()) {
        if (ClasspathTypes.isA(thrown, alternative, state)) {
          return true;
        }
      }
      return false;
    }
    return caught != null && ClasspathTypes.isA(thrown, caught, state);
  }

  private static boolean anySupertype(List<Type> declared, Type thrown, VisitorState state) {
    for (Type type : declared) {
      if (ClasspathTypes.isA(thrown, type, state)) {
        return true;
      }
    }
    return false;
  }

  /** Blocking would stall a callback or an asynchronous API: prefer the non-blocking fix. */
  private static boolean blockingIsWrong(TreePath path, VisitorState state) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree) {
        return true;
      }
      if (leaf instanceof MethodTree method) {
        MethodSymbol symbol = ASTHelpers.getSymbol(method);
        TreePath classPath = p.getParentPath();
        boolean inAnonymousClass =
            classPath != null
                && classPath.getParentPath() != null
                && classPath.getParentPath().getLeaf() instanceof NewClassTree;
        return inAnonymousClass
            || AsynchronousMethods.isNamedAsynchronous(method)
            || (symbol != null && FutureTypes.isSubtypeOf(symbol.getReturnType(), FUTURE, state))
            || (symbol != null
                && FutureTypes.isSubtypeOf(symbol.getReturnType(), COMPLETION_STAGE, state));
      }
      if (leaf instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  static String freshName(String base, VisitorState state) {
    String name = base;
    for (int i = 2; FindIdentifiers.findIdent(name, state) != null; i++) {
      name = base + i;
    }
    return name;
  }
}
