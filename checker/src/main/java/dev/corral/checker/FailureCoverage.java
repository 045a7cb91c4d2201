package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one judgement of "work that reports its own failures", for LeakedFuture (a submitted task whose future is
 * dropped) and UnscopedTask (a started task nobody joins): every statement of the body that can throw an exception a
 * reviewer cares about is covered by a handler that reports it, and whatever lies outside such coverage cannot fail
 * usefully.
 *
 * <p>Covered: a {@code try} with a catch-all ({@code Throwable}, {@code Exception}, or {@code RuntimeException}
 * when the work declares no checked exception) whose handler reports ({@link Handling}); a {@code try} whose block
 * is itself covered; a {@code synchronized} block, an {@code if} on a condition that only reads state, or a loop
 * (the drain loop, the service loop) whose body passes; a call to a method of the build that nothing overrides and
 * whose own body passes (at most {@link #MAX_HELPER_DEPTH} calls deep); a call handed the work itself as a lambda
 * or an anonymous class whose body passes ({@code scope.run(() -> { try { .. } catch (Exception e) { .. } })}).
 *
 * <p>Cannot fail usefully: set-up before the first covered statement (locals, assignments, atomic stores, log
 * lines), an
 * early-return guard whose condition only reads state ({@code if (closed) return;}, {@code if
 * (!running.compareAndSet(false, true)) return;}), and anywhere: log lines, flag stores ({@code running = false;},
 * {@code flag.set(false)}), counter updates, signals ({@code latch.countDown()}, {@code notifyAll()}), completing a
 * future, attaching a callback, a sleep, process exit; in a {@code finally}, releases too ({@code close(s)}, {@code
 * lock.unlock()}, {@code pending.remove(k)}).
 *
 * <p>Known limit: a set-up local's initializer, a condition's getter and a wrapper handed the work are trusted not
 * to fail; a handler is trusted to report what it catches without reading what it does with it.
 */
final class FailureCoverage {
  /** How many same-build helper calls deep a body is followed. */
  static final int MAX_HELPER_DEPTH = 2;

  /** What a catch-all handler must do for the work to count as reporting its failure. */
  enum Handling {
    /**
     * LeakedFuture: the failure must not reach the dropped future, so the handler does not throw (an empty one
     * swallows it: the future then carries nothing to observe); a {@code finally} that jumps out discards it too.
     */
    FUTURE,
    /**
     * UnscopedTask: the handler does something besides throwing (logs, counts, completes a future, calls an error
     * callback); an empty handler or a bare rethrow reports nothing.
     */
    THREAD
  }

  private enum Verdict {
    FAILS,
    QUIET,
    COVERED
  }

  /** Attaching a callback to a future: it runs later, so it cannot fail the work now. */
  private static final Matcher<ExpressionTree> CALLBACK =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletionStage")
              .namedAnyOf(
                  "whenComplete", "whenCompleteAsync", "handle", "handleAsync", "exceptionally"),
          instanceMethod()
              .onDescendantOf("com.google.common.util.concurrent.ListenableFuture")
              .named("addListener"),
          instanceMethod()
              .onDescendantOf("io.netty.util.concurrent.Future")
              .namedAnyOf("addListener", "addListeners"));

  /** Calls that complete a future; they report a failure rather than fail. */
  private static final Matcher<ExpressionTree> COMPLETES_A_FUTURE =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletableFuture")
              .namedAnyOf(
                  "complete", "completeExceptionally", "cancel", "obtrudeValue", "obtrudeException"),
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("cancel"),
          instanceMethod()
              .onDescendantOf("com.google.common.util.concurrent.SettableFuture")
              .namedAnyOf("set", "setException"),
          instanceMethod()
              .onDescendantOf("io.netty.util.concurrent.Promise")
              .namedAnyOf("setSuccess", "setFailure", "trySuccess", "tryFailure"));

  /** Calls that wake waiters, publish a flag or count; they cannot fail in a way worth an owner. */
  private static final Matcher<ExpressionTree> SIGNALS =
      anyOf(
          WakeUps.WAKE_UP,
          // IS_COORDINATOR_THREAD.set(true): a flag of this thread.
          instanceMethod().onDescendantOf("java.lang.ThreadLocal").namedAnyOf("set", "remove"),
          // lock.lock(); try { .. } finally { lock.unlock(); }: taking the lock before the guarded work.
          instanceMethod().onDescendantOf("java.util.concurrent.locks.Lock").named("lock"),
          instanceMethod()
              .onDescendantOf("java.lang.Thread")
              .namedAnyOf("interrupt", "setName", "setPriority", "setContextClassLoader"),
          instanceMethod()
              .onDescendantOfAny(AtomicTypes.SCALARS)
              .namedAnyOf(
                  "set",
                  "lazySet",
                  "setRelease",
                  "setPlain",
                  "setOpaque",
                  "incrementAndGet",
                  "decrementAndGet",
                  "getAndIncrement",
                  "getAndDecrement",
                  "addAndGet",
                  "getAndAdd",
                  "getAndSet",
                  "compareAndSet"),
          AtomicTypes.ADDER_UPDATE,
          // Stopping a pool only flips its state and interrupts its threads.
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ExecutorService")
              .namedAnyOf("shutdown", "shutdownNow")
              .withNoParameters(),
          // Filling or copying an array in memory (OkHttp's Settings.clear()).
          staticMethod().onClass("java.util.Arrays").named("fill"),
          staticMethod().onClass("java.lang.System").named("arraycopy"));

  /**
   * Handing an item to a queue that takes it or says no: {@code BlockingQueue.put} (blocks while full, throws only
   * {@code InterruptedException}, which the compiler makes the work handle) and {@code Queue.offer} (returns false
   * when full). Not {@code add}, which throws when a bounded queue is full.
   */
  private static final Matcher<ExpressionTree> ENQUEUES =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.BlockingQueue").named("put"),
          instanceMethod().onDescendantOf("java.util.Queue").named("offer"));

  /** Ending the JVM: nothing is left to see a failure. */
  static final Matcher<ExpressionTree> EXIT =
      anyOf(
          staticMethod().onClass("java.lang.System").named("exit"),
          instanceMethod().onExactClass("java.lang.Runtime").namedAnyOf("exit", "halt"));

  /** Arithmetic that cannot throw (not the {@code ..Exact} ones, which throw on overflow). */
  private static final Matcher<ExpressionTree> ARITHMETIC =
      staticMethod()
          .onClassAny("java.lang.Math", "java.lang.StrictMath")
          .namedAnyOf("min", "max", "abs", "round", "ceil", "floor", "signum");

  /** A string made of values: {@code String.format("refresh: %s", namespace)}, {@code String.valueOf(id)}. */
  private static final Matcher<ExpressionTree> STRING_OF_VALUES =
      staticMethod().onClass("java.lang.String").namedAnyOf("format", "valueOf");

  /** A delay: it can only be interrupted, which the compiler makes the work handle. */
  static final Matcher<ExpressionTree> SLEEP =
      anyOf(
          staticMethod().onClass("java.lang.Thread").named("sleep"),
          instanceMethod().onExactClass("java.util.concurrent.TimeUnit").named("sleep"));

  /**
   * What a {@code finally} may do besides the quiet statements: release or un-count what the work held, named so
   * ({@code close(s)}, {@code lock.unlock()}, {@code pending.remove(k)}, {@code decTaskCounters(..)}).
   */
  private static final List<String> RELEASE_VERBS =
      List.of(
          "close",
          "end",
          "release",
          "unlock",
          "remove",
          "clean",
          "clear",
          "dec",
          "decrement",
          "unregister",
          "deregister",
          "notify",
          "signal",
          "reset",
          "restore",
          "shutdown",
          "cancel",
          "countDown",
          "dispose",
          "destroy",
          "disconnect",
          "interrupt",
          "set");

  /** Calls a condition may make and still only read state. */
  private static final Set<String> READS =
      Set.of(
          "size",
          "length",
          // a completed future's failure (Netty's Future.cause())
          "cause",
          "isEmpty",
          "contains",
          "containsKey",
          "entrySet",
          "keySet",
          "values",
          "equals",
          "compareAndSet",
          "weakCompareAndSet",
          "weakCompareAndSetPlain",
          "weakCompareAndSetVolatile",
          "tryLock",
          "tryAcquire",
          "currentThread",
          "interrupted",
          "currentTimeMillis",
          "nanoTime",
          "peek",
          "poll",
          "booleanValue",
          "intValue",
          "longValue",
          "ordinal",
          "name");

  private final VisitorState state;
  private final Handling handling;
  private final boolean checkedAllowed;
  private final int depth;
  /** No set-up allowance: every statement must be covered or cannot fail whatever it computes. */
  private final boolean strict;
  /**
   * Judging work that must not be able to fail at all ({@link #cannotFail}): a log line then counts only when its
   * arguments call nothing.
   */
  private final boolean mustSucceed;
  /**
   * Judging work that must consist of its own stores, signals and completions ({@link #onlyChangesState}): no call
   * of other code counts as unable to fail, not a helper, not a listener.
   */
  private final boolean ownStatementsOnly;

  private FailureCoverage(VisitorState state, Handling handling, boolean checkedAllowed, int depth) {
    this(state, handling, checkedAllowed, depth, false, false);
  }

  private FailureCoverage(
      VisitorState state,
      Handling handling,
      boolean checkedAllowed,
      int depth,
      boolean strict,
      boolean mustSucceed) {
    this(state, handling, checkedAllowed, depth, strict, mustSucceed, false);
  }

  private FailureCoverage(
      VisitorState state,
      Handling handling,
      boolean checkedAllowed,
      int depth,
      boolean strict,
      boolean mustSucceed,
      boolean ownStatementsOnly) {
    this.state = state;
    this.handling = handling;
    this.checkedAllowed = checkedAllowed;
    this.depth = depth;
    this.strict = strict;
    this.mustSucceed = mustSucceed;
    this.ownStatementsOnly = ownStatementsOnly;
  }

  /**
   * UnscopedTask: work that only changes state, made of statements that cannot fail by themselves (stores, counter
   * updates, signals, completing a future, updating a JDK collection, log lines, under conditions that only read
   * state): {@code execute(() -> { if (pending.remove(id, f)) f.complete(false); })}. A call of other code does not
   * count, not even a helper that cannot fail: a started task that calls a listener or a callback is the delivery
   * UnscopedTask is about.
   */
  static boolean onlyChangesState(@Nullable Tree body, VisitorState state) {
    FailureCoverage own = new FailureCoverage(state, Handling.THREAD, true, 0, true, true, true);
    return switch (body) {
      case null -> false;
      case BlockTree block -> !block.getStatements().isEmpty() && own.block(block, false) == Verdict.QUIET;
      case ExpressionTree expression -> own.quietExpression(expression, false);
      default -> false;
    };
  }

  /** Whether a catch-all that reports covers {@code statement} ({@code try { .. } catch (Exception e) { .. }}). */
  static boolean covers(StatementTree statement, VisitorState state) {
    return new FailureCoverage(state, Handling.THREAD, false, 0).statement(statement, false, false)
        == Verdict.COVERED;
  }

  /**
   * Work that cannot fail at all: a non-empty body of statements that cannot fail usefully and set nothing up
   * ({@code f.completeExceptionally(new TimeoutException())}, {@code synchronized (this) { done = true;
   * notifyAll(); }}, the usual timeout guard and monitor signal), or a call of a helper that reports.
   */
  static boolean cannotFail(BlockTree body, Handling handling, VisitorState state) {
    return !body.getStatements().isEmpty()
        && new FailureCoverage(state, handling, true, 0, true, true).block(body, false) != Verdict.FAILS;
  }

  /**
   * A method of the build, overridden nowhere, whose body cannot fail ({@link #cannotFail(BlockTree, Handling,
   * VisitorState)}): {@code scheduleAtFixedRate(this::wake, ..)} where {@code wake()} only counts down a latch.
   */
  static boolean methodCannotFail(@Nullable Symbol symbol, Handling handling, VisitorState state) {
    if (!(symbol instanceof MethodSymbol method)) {
      return false;
    }
    MethodTree declaration = SourceTrees.methodWithBody(method, state);
    // A method that declares checked exceptions can fail with them (an interrupted sleep in a Callable).
    if (declaration == null
        || declaration.getBody() == null
        || !declaration.getThrows().isEmpty()
        || isReplaceable(method, state)) {
      return false;
    }
    Set<Symbol> reading = METHODS_BEING_READ.get();
    if (!reading.add(method)) {
      return false;
    }
    try {
      return cannotFail(declaration.getBody(), handling, state);
    } finally {
      reading.remove(method);
    }
  }

  /** A lambda's expression body that cannot fail ({@code () -> result.complete(null)}). */
  static boolean cannotFail(ExpressionTree body, Handling handling, VisitorState state) {
    if (!(body instanceof MethodInvocationTree call)) {
      return false;
    }
    // A completion, or a helper that cannot fail and hands back no value: a lambda's value is the call's result,
    // which for a hand-off or a callback may be a future.
    FailureCoverage strictly = new FailureCoverage(state, handling, true, 0, true, true);
    return strictly.completesWithPlainValues(call)
        || strictly.completesAPromise(call)
        || (plainArguments(call)
            && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && method.getReturnType().isPrimitiveOrVoid()
            && strictly.helper(call) == Verdict.QUIET);
  }

  /**
   * Whether {@code body} reports its own failures: at least one statement is covered and none can fail outside
   * coverage. {@code checkedAllowed}: the work may throw checked exceptions (a {@code Callable}, a method with a
   * {@code throws} clause), so a catch of {@code RuntimeException} does not cover it.
   */
  static boolean reports(
      @Nullable BlockTree body, boolean checkedAllowed, Handling handling, VisitorState state) {
    return reports(body, checkedAllowed, handling, state, 0);
  }

  /**
   * {@link #reports(BlockTree, boolean, Handling, VisitorState)} for the body of a task whose class is known exactly
   * ({@code new IntervalPingRunnable()}): a call on the task itself runs that class's implementation, so a template's
   * {@code run() { try { execute(); } finally { .. } }} is read through the {@code execute()} the task has.
   */
  static boolean reports(
      @Nullable BlockTree body,
      boolean checkedAllowed,
      Handling handling,
      VisitorState state,
      Symbol.@Nullable ClassSymbol exactClass) {
    Symbol.ClassSymbol outer = SELF.get();
    SELF.set(exactClass);
    try {
      return reports(body, checkedAllowed, handling, state);
    } finally {
      SELF.set(outer);
    }
  }

  /** The exact class of the task object whose body is being read, while the calls followed stay on that object. */
  private static final ThreadLocal<Symbol.@Nullable ClassSymbol> SELF = new ThreadLocal<>();

  private static boolean reports(
      @Nullable BlockTree body, boolean checkedAllowed, Handling handling, VisitorState state, int depth) {
    if (body == null) {
      return false;
    }
    FailureCoverage coverage = new FailureCoverage(state, handling, checkedAllowed, depth);
    return coverage.block(body, false) == Verdict.COVERED
        || (!checkedAllowed && GuardedCores.guardsItsCore(body, coverage::catchesEverything, state));
  }

  /**
   * A lambda's body: a block, or one call of a helper that reports, of a wrapper handed work that does, or of a
   * library method that completes a held future with the work's outcome.
   */
  static boolean lambdaReports(LambdaExpressionTree lambda, Handling handling, VisitorState state) {
    boolean checked = declaresCheckedExceptions(lambda, state);
    if (lambda.getBody() instanceof BlockTree block) {
      return reports(block, checked, handling, state);
    }
    if (!(lambda.getBody() instanceof MethodInvocationTree call)) {
      return false;
    }
    FailureCoverage coverage = new FailureCoverage(state, handling, checked, 0);
    return coverage.helperReports(call) || coverage.wrapsReportingWork(call) || coverage.deliversToAPromise(call);
  }

  /**
   * {@code LambdaUtils.eval(result, () -> open(path))}, {@code FutureUtils.completeFrom(promise, this::load)}: a
   * library call handed both a future the code already holds and the work, to complete the one with the outcome of
   * the other; the failure goes into that future, whose holder observes it. A method of the build is read instead.
   */
  private boolean deliversToAPromise(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || SourceTrees.methodWithBody(method, state) != null
        || (receiver != null && !readsState(receiver) && !isTypeName(receiver))) {
      return false;
    }
    boolean promise = false;
    boolean work = false;
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree value = ASTHelpers.stripParentheses(argument);
      if (value instanceof LambdaExpressionTree || value instanceof MemberReferenceTree) {
        work = true;
      } else if ((value instanceof IdentifierTree || value instanceof MemberSelectTree)
          && ASTHelpers.getSymbol(value) instanceof Symbol.VarSymbol
          && ASTHelpers.getType(value) instanceof Type type
          && (FutureTypes.isSubtypeOf(type, "java.util.concurrent.Future", state)
              || FutureTypes.isSubtypeOf(type, "java.util.concurrent.CompletionStage", state)
              || isNamedAsFuture(type))) {
        promise = true;
      } else if (!readsState(value)) {
        return false;
      }
    }
    return promise && work;
  }

  /**
   * Whether {@code method}, compiled in this build and overridden nowhere in it, has a body that reports its own
   * failures; for UnscopedTask also one that owns its expected failures ({@link ExpectedFailures}).
   */
  static boolean methodReports(@Nullable Symbol method, Handling handling, VisitorState state) {
    return methodReports(method, handling, state, 0, false);
  }

  /** {@code dispatched}: the caller has listed every body of the build that a call of {@code symbol} may run. */
  private static boolean methodReports(
      @Nullable Symbol symbol, Handling handling, VisitorState state, int depth, boolean dispatched) {
    if (!(symbol instanceof MethodSymbol method) || depth > MAX_HELPER_DEPTH) {
      return false;
    }
    MethodTree declaration = SourceTrees.methodWithBody(method, state);
    if (declaration == null || declaration.getBody() == null || (!dispatched && isReplaceable(method, state))) {
      return false;
    }
    // A method already being read (recursion) is not credited by itself.
    Set<Symbol> reading = METHODS_BEING_READ.get();
    if (!reading.add(method)) {
      return false;
    }
    try {
      BlockTree body = declaration.getBody();
      return reports(body, !declaration.getThrows().isEmpty(), handling, state, depth)
          || (handling == Handling.THREAD && ExpectedFailures.ownsThem(body, state));
    } finally {
      reading.remove(method);
    }
  }

  /**
   * An override elsewhere in the build would run instead of the body read here (an anonymous subclass is looked for
   * only in this file, as {@link SameFileMethods} does).
   */
  static boolean isReplaceable(MethodSymbol method, VisitorState state) {
    if (SameFileMethods.cannotBeOverridden(method) || BuildIndex.of(state).isOverridden(method, state)) {
      return !SameFileMethods.cannotBeOverridden(method);
    }
    if (SameFileMethods.declarationOf(method, state) == null) {
      return false;
    }
    // One scan of this file per method, not per call site.
    return known(OVERRIDDEN_IN_FILE, state)
        .computeIfAbsent(method, m -> SameFileMethods.overriddenInFile(m, state));
  }

  private static final Context.Key<Map<MethodSymbol, Boolean>> OVERRIDDEN_IN_FILE = new Context.Key<>();

  /** Whether an anonymous class of the current file overrides {@code method}: one scan per file and method. */
  private static boolean overriddenAnonymouslyHere(MethodSymbol method, VisitorState state) {
    return known(ANONYMOUSLY_OVERRIDDEN, state)
        .computeIfAbsent(
            new FileMethod(state.getPath().getCompilationUnit(), method),
            key -> SameFileMethods.overriddenAnonymouslyInFile(method, state));
  }

  private record FileMethod(CompilationUnitTree unit, MethodSymbol method) {}

  private static final Context.Key<Map<FileMethod, Boolean>> ANONYMOUSLY_OVERRIDDEN = new Context.Key<>();

  /** The answers kept under {@code key} for this compilation. */
  static <K> Map<K, Boolean> known(Context.Key<Map<K, Boolean>> key, VisitorState state) {
    Map<K, Boolean> known = state.context.get(key);
    if (known == null) {
      known = new HashMap<>();
      state.context.put(key, known);
    }
    return known;
  }

  /** The methods {@link #methodReports} is reading on this (javac's) thread. */
  private static final ThreadLocal<Set<Symbol>> METHODS_BEING_READ =
      ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

  private Verdict block(BlockTree block, boolean inFinally) {
    return statements(block.getStatements(), inFinally);
  }

  private Verdict statements(List<? extends StatementTree> statements, boolean inFinally) {
    boolean covered = false;
    for (StatementTree statement : statements) {
      Verdict verdict = statement(statement, inFinally, /* setUp= */ !covered);
      if (verdict == Verdict.FAILS) {
        return Verdict.FAILS;
      }
      covered |= verdict == Verdict.COVERED;
    }
    return covered ? Verdict.COVERED : Verdict.QUIET;
  }

  private static Verdict both(Verdict a, Verdict b) {
    if (a == Verdict.FAILS || b == Verdict.FAILS) {
      return Verdict.FAILS;
    }
    return a == Verdict.COVERED || b == Verdict.COVERED ? Verdict.COVERED : Verdict.QUIET;
  }

  /**
   * One statement. {@code setUp}: no statement of its block is covered yet, so a local or an assignment with any
   * value is set-up for the work below; after it, only plain stores are.
   */
  private Verdict statement(@Nullable StatementTree statement, boolean inFinally, boolean mayBeSetUp) {
    boolean setUp = mayBeSetUp && !strict;
    return switch (statement) {
      case null -> Verdict.QUIET;
      case BlockTree block -> block(block, inFinally);
      case LabeledStatementTree labeled -> statement(labeled.getStatement(), inFinally, setUp);
      case EmptyStatementTree empty -> Verdict.QUIET;
      case BreakTree jump -> Verdict.QUIET;
      case ContinueTree jump -> Verdict.QUIET;
      case ClassTree local -> Verdict.QUIET;
      // assert: a failing one is a bug of the code, and off in production.
      case AssertTree check -> Verdict.QUIET;
      case ThrowTree thrown -> Verdict.FAILS;
      case ReturnTree returned -> returned(returned);
      case VariableTree local ->
          setUp || local.getInitializer() == null || isPlainValue(local.getInitializer())
              ? Verdict.QUIET
              : helperValue(local.getInitializer());
      case ExpressionStatementTree expression -> expression(expression, inFinally, setUp);
      case TryTree tryTree -> tryStatement(tryTree, inFinally);
      case SynchronizedTree lock ->
          readsState(lock.getExpression()) ? block(lock.getBlock(), inFinally) : Verdict.FAILS;
      case IfTree choice ->
          readsState(choice.getCondition())
              ? both(
                  statement(choice.getThenStatement(), inFinally, setUp),
                  statement(choice.getElseStatement(), inFinally, setUp))
              : Verdict.FAILS;
      case WhileLoopTree loop ->
          readsState(loop.getCondition()) ? loopBody(loop.getStatement(), inFinally) : Verdict.FAILS;
      case DoWhileLoopTree loop ->
          readsState(loop.getCondition()) ? loopBody(loop.getStatement(), inFinally) : Verdict.FAILS;
      case EnhancedForLoopTree loop ->
          readsState(loop.getExpression()) ? loopBody(loop.getStatement(), inFinally) : Verdict.FAILS;
      case ForLoopTree loop -> forLoop(loop, inFinally);
      case SwitchTree choice ->
          readsState(choice.getExpression()) ? switchCases(choice, inFinally, setUp) : Verdict.FAILS;
      default -> Verdict.FAILS;
    };
  }

  /**
   * A {@code switch} on a value that only reads state, judged like an {@code if} chain: every case's statements
   * must pass (Dubbo's {@code ChannelEventRunnable}: one catch-all per state). A guarded label ({@code case X when
   * test()}) or an arrow case with an expression body is read like a statement of its own.
   */
  private Verdict switchCases(SwitchTree choice, boolean inFinally, boolean setUp) {
    Verdict verdict = Verdict.QUIET;
    for (CaseTree caseTree : choice.getCases()) {
      if (caseTree.getGuard() != null && !readsState(caseTree.getGuard())) {
        return Verdict.FAILS;
      }
      Verdict one;
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        one =
            body instanceof StatementTree statement
                ? statement(statement, inFinally, setUp)
                : body instanceof ExpressionTree expression && quietExpression(expression, inFinally)
                    ? Verdict.QUIET
                    : Verdict.FAILS;
      } else {
        one = caseTree.getStatements() == null ? Verdict.QUIET : statements(caseTree.getStatements(), inFinally);
      }
      verdict = both(verdict, one);
      if (verdict == Verdict.FAILS) {
        return Verdict.FAILS;
      }
    }
    return verdict;
  }

  /** A loop body is judged like a block of its own: its set-up may fetch the next item. */
  private Verdict loopBody(StatementTree body, boolean inFinally) {
    return statement(body, inFinally, /* setUp= */ true);
  }

  private Verdict forLoop(ForLoopTree loop, boolean inFinally) {
    if ((loop.getCondition() != null && !readsState(loop.getCondition()))
        || statements(loop.getInitializer(), inFinally) == Verdict.FAILS
        || !loop.getUpdate().stream().allMatch(update -> quietExpression(update.getExpression(), false))) {
      return Verdict.FAILS;
    }
    return loopBody(loop.getStatement(), inFinally);
  }

  private Verdict returned(ReturnTree returned) {
    ExpressionTree value = returned.getExpression();
    return value == null || isPlainValue(value) ? Verdict.QUIET : helperValue(value);
  }

  /** {@code return helper();}, {@code T t = helper();}: covered when the helper reports. */
  private Verdict helperValue(ExpressionTree value) {
    return ASTHelpers.stripParentheses(value) instanceof MethodInvocationTree call
        ? helper(call)
        : Verdict.FAILS;
  }

  private Verdict expression(ExpressionStatementTree statement, boolean inFinally, boolean setUp) {
    ExpressionTree expression = statement.getExpression();
    if (CALLBACK.matches(expression, state)) {
      // f.whenComplete((r, e) -> ..): the future's failure goes to the callback.
      return Verdict.COVERED;
    }
    if ((LogStatements.isLogging(statement, state) && (!mustSucceed || plainLogLine(expression)))
        || quietExpression(expression, inFinally)
        || (setUp
            && (expression instanceof AssignmentTree
                || isSetter(expression)
                || AtomicTypes.STORE.matches(expression, state)))
        || (expression instanceof MethodInvocationTree call
            && (handsOff(call) || updatesContainer(call)))
        || (!ownStatementsOnly && notifiesListeners(expression))) {
      return Verdict.QUIET;
    }
    if (expression instanceof AssignmentTree assignment) {
      return helperValue(assignment.getExpression());
    }
    if (expression instanceof MethodInvocationTree call
        && (wrapsReportingWork(call) || deliversToAPromise(call))) {
      return Verdict.COVERED;
    }
    return expression instanceof MethodInvocationTree call ? helper(call) : Verdict.FAILS;
  }

  /**
   * {@code scope.runInScope(context, new Runnable() { run() { try { .. } catch (Throwable t) { resume(t); } } })},
   * {@code claimPoller().ifPresent(p -> { try { poll(p); } catch (Exception e) { LOG.warn(.., e); } })}: a call
   * handed the work itself, a lambda or an anonymous class whose body reports, on values that only read state or
   * look them up. Wherever the wrapper runs that work, its failure is reported; the wrapper is trusted as a set-up
   * local's initializer is.
   */
  private boolean wrapsReportingWork(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null && !readsState(receiver) && !isTypeName(receiver) && !isLookup(receiver)) {
      return false;
    }
    // stage.thenAccept(..) is no wrapper: the stage's own failure goes on into the stage it makes.
    Type result = ASTHelpers.getType(call);
    if (FutureTypes.isSubtypeOf(result, "java.util.concurrent.Future", state)
        || FutureTypes.isSubtypeOf(result, "java.util.concurrent.CompletionStage", state)) {
      return false;
    }
    boolean work = false;
    for (ExpressionTree argument : call.getArguments()) {
      ExpressionTree value = ASTHelpers.stripParentheses(argument);
      if (value instanceof LambdaExpressionTree
          || (value instanceof NewClassTree created && created.getClassBody() != null)) {
        if (!workReports(value)) {
          return false;
        }
        work = true;
      } else if (!readsState(value)) {
        return false;
      }
    }
    return work;
  }

  /** {@code tryClaimJobPoller()}, {@code registry.scope(name)}: a call on read-only values with plain arguments. */
  private boolean isLookup(ExpressionTree receiver) {
    if (!(ASTHelpers.stripParentheses(receiver) instanceof MethodInvocationTree lookup) || !plainArguments(lookup)) {
      return false;
    }
    ExpressionTree inner = ASTHelpers.getReceiver(lookup);
    return inner == null || readsState(inner) || isTypeName(inner);
  }

  /** A lambda or an anonymous functional class handed to a wrapper, whose body reports its failures. */
  private boolean workReports(ExpressionTree work) {
    if (depth >= MAX_HELPER_DEPTH) {
      return false;
    }
    if (work instanceof LambdaExpressionTree lambda) {
      boolean checked = declaresCheckedExceptions(lambda, state);
      if (lambda.getBody() instanceof BlockTree block) {
        return reports(block, checked, handling, state, depth + 1);
      }
      FailureCoverage inner = new FailureCoverage(state, handling, checked, depth + 1);
      return lambda.getBody() instanceof MethodInvocationTree body
          && (inner.helperReports(body) || inner.wrapsReportingWork(body));
    }
    // The anonymous class's own type is no functional interface; the one it implements is.
    if (!(work instanceof NewClassTree created)
        || !(ASTHelpers.getType(created.getIdentifier()) instanceof Type type)
        || type.isErroneous()
        || !state.getTypes().isFunctionalInterface(type)
        || !(state.getTypes().findDescriptorSymbol(type.tsym) instanceof MethodSymbol descriptor)) {
      return false;
    }
    return created.getClassBody().getMembers().stream()
        .anyMatch(
            member ->
                member instanceof MethodTree method
                    && method.getName().equals(descriptor.getSimpleName())
                    && method.getParameters().size() == descriptor.getParameters().size()
                    && reports(method.getBody(), !method.getThrows().isEmpty(), handling, state, depth + 1));
  }

  /**
   * A log line whose arguments only read ({@code LOG.info("pruned " + count)}, {@code LOG.debug("rotating {}",
   * controller.getCurrentFile())}): in work judged as unable to fail, a line that computes its message ({@code
   * LOG.info("free=" + byteDesc(getFreeSize()))}, HBase's periodic cache statistics) is work that can throw and stop a
   * periodic task silently.
   */
  private boolean plainLogLine(ExpressionTree expression) {
    return expression instanceof MethodInvocationTree call
        && call.getArguments().stream().allMatch(argument -> isPlainValue(argument) || readsState(argument));
  }

  /**
   * A statement expression that cannot fail usefully: a plain store, a counter update, a signal, completing a
   * future, attaching a callback, a sleep, process exit; in a {@code finally} also a release.
   */
  private boolean quietExpression(ExpressionTree expression, boolean inFinally) {
    return switch (expression) {
      // current = queues.get(location): storing a value that is read or built from read values.
      case AssignmentTree assignment ->
          isPlainValue(assignment.getExpression())
              || readsState(assignment.getExpression())
              || isConstruction(assignment.getExpression());
      case CompoundAssignmentTree compound -> isPlainValue(compound.getExpression());
      case UnaryTree unary -> isPlainValue(unary.getExpression());
      case MethodInvocationTree call ->
          (SLEEP.matches(call, state) && plainArguments(call))
              || completesWithPlainValues(call)
              || (SIGNALS.matches(call, state) && call.getArguments().stream().allMatch(this::readsState))
              || (inFinally && isRelease(call))
              || EXIT.matches(call, state)
              || CALLBACK.matches(call, state)
              || completesAPromise(call)
              || countsStatistic(call)
              || (ENQUEUES.matches(call, state) && call.getArguments().stream().allMatch(this::readsState));
      default -> false;
    };
  }

  /**
   * {@code executor.execute(() -> ..)}, {@code timer.newTimeout(t -> .., d, unit)}, {@code schedule(this, d,
   * unit)}, {@code execute(task)}: handing further work to an executor or a timer; that work is judged where it is
   * started, and the hand-off itself can only be rejected.
   */
  private boolean handsOff(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String name = method.getSimpleName().toString();
    boolean handOff =
        name.equals("execute") || name.equals("submit") || name.startsWith("schedule") || name.equals("newTimeout");
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return handOff
        && (receiver == null || readsState(receiver))
        && call.getArguments().stream()
            .anyMatch(
                argument ->
                    argument instanceof LambdaExpressionTree
                        || argument instanceof MemberReferenceTree
                        || isThis(argument)
                        || isTaskVariable(argument))
        && call.getArguments().stream().allMatch(this::readsState);
  }

  /** {@code threadPool.execute(task)}: a task held in a variable, handed on as it is. */
  private boolean isTaskVariable(ExpressionTree argument) {
    ExpressionTree value = ASTHelpers.stripParentheses(argument);
    return (value instanceof IdentifierTree || value instanceof MemberSelectTree)
        && ASTHelpers.getSymbol(value) instanceof Symbol.VarSymbol variable
        && (FutureTypes.isSubtypeOf(variable.type, "java.lang.Runnable", state)
            || FutureTypes.isSubtypeOf(variable.type, "java.util.concurrent.Callable", state));
  }

  /**
   * {@code this}: a task that schedules itself again ({@code scheduler.schedule(this, delay, unit)} in its own
   * {@code run()}, rocketmq's pull tasks); the next run is judged where it is scheduled, like any hand-off.
   */
  private static boolean isThis(ExpressionTree argument) {
    return ASTHelpers.stripParentheses(argument) instanceof IdentifierTree identifier
        && identifier.getName().contentEquals("this");
  }

  /**
   * {@code promise.complete(result)}, {@code promise.fail(t)}, {@code backoff.set(null)} on a promise or future
   * type of another library ({@link #isNamedAsFuture}, {@link #COMPLETION_VERBS}), with arguments that only read
   * state or make an exception: it reports, it does not fail.
   */
  private boolean completesAPromise(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (method == null || receiver == null || !(ASTHelpers.getType(receiver) instanceof Type type)) {
      return false;
    }
    return COMPLETION_VERBS.contains(method.getSimpleName().toString())
        && isNamedAsFuture(type)
        && readsState(receiver)
        && call.getArguments().stream().allMatch(argument -> readsState(argument) || isConstruction(argument));
  }

  /** A type named {@code ..Promise} or {@code ..Future}, or a subtype of one (Ignite's {@code GridFutureAdapter}). */
  private boolean isNamedAsFuture(Type type) {
    return type.getKind() == javax.lang.model.type.TypeKind.DECLARED
        && ClasspathTypes.hasSupertypeNamed(
            type, name -> name.endsWith("Promise") || name.endsWith("Future"), state);
  }

  /**
   * What completing a promise or a settable future is called: Vert.x ({@code complete}, {@code fail}), gax's {@code
   * SettableApiFuture} ({@code set}, {@code setException}), Netty-like ({@code setSuccess}, {@code trySuccess}),
   * Ignite's {@code GridFutureAdapter} ({@code onDone}).
   */
  private static final Set<String> COMPLETION_VERBS =
      Set.of(
          "complete",
          "fail",
          "tryComplete",
          "tryFail",
          "completeExceptionally",
          "set",
          "setException",
          "setSuccess",
          "setFailure",
          "trySuccess",
          "tryFailure",
          "onDone");

  /** {@code stats.addHits(n)}, {@code metrics.incrementErrors()}, {@code timer.record(d)}: a statistic. */
  private boolean countsStatistic(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    String name = method.getSimpleName().toString();
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return (isAccessor(name, "add")
            || isAccessor(name, "inc")
            || isAccessor(name, "incr")
            || isAccessor(name, "increment")
            || isAccessor(name, "record")
            || name.equals("increment")
            || name.equals("record"))
        && receiver != null
        && readsState(receiver)
        && call.getArguments().stream().allMatch(this::readsState);
  }

  /**
   * {@code result.complete(value)}, {@code setup.completeExceptionally(f.cause())}, {@code done.complete(new
   * Reply(id, body))}: completing a future with values that are read or built from read values.
   */
  private boolean completesWithPlainValues(MethodInvocationTree call) {
    return COMPLETES_A_FUTURE.matches(call, state)
        && (plainArguments(call)
            || call.getArguments().stream().allMatch(argument -> readsState(argument) || isConstruction(argument)));
  }

  /** {@code new Entry(key, value)} on values that only read state. */
  private boolean isConstruction(ExpressionTree argument) {
    return ASTHelpers.stripParentheses(argument) instanceof com.sun.source.tree.NewClassTree created
        && created.getClassBody() == null
        && created.getArguments().stream().allMatch(this::readsState);
  }

  /** {@code context.getSession().setAccessPath(path)}: set-up of the state the work runs in. */
  private boolean isSetter(ExpressionTree expression) {
    return expression instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && isAccessor(method.getSimpleName().toString(), "set")
        && (ASTHelpers.getReceiver(call) == null || readsState(ASTHelpers.getReceiver(call)))
        && call.getArguments().stream().allMatch(this::readsState);
  }

  /**
   * Telling listeners how the work ended ({@code onExit(rc)}, {@code completionListener.onCompletion()}, {@code
   * listeners.runEach(l -> l.onFailure(name))}): the report itself.
   */
  private boolean notifiesListeners(ExpressionTree expression) {
    if (!(expression instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || method.isStatic() // Thread.onSpinWait() tells no listener
        || !call.getArguments().stream().allMatch(this::readsState)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    return isAccessor(name, "on")
        || isAccessor(name, "fire")
        || isAccessor(name, "notify")
        || call.getArguments().stream()
            .anyMatch(
                argument ->
                    argument instanceof LambdaExpressionTree lambda
                        && lambda.getBody() instanceof ExpressionTree body
                        && notifiesListeners(body));
  }

  /**
   * {@code close(s)}, {@code lock.unlock()}, {@code pending.remove(k)}: a release by name ({@link #RELEASE_VERBS}),
   * on values that only read state.
   */
  private boolean isRelease(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (method == null) {
      return false;
    }
    String name = method.getSimpleName().toString();
    return RELEASE_VERBS.stream()
            .anyMatch(verb -> name.equals(verb) || isAccessor(name, verb) || name.startsWith(verb + "_"))
        && (receiver == null || readsState(receiver) || isTypeName(receiver))
        && call.getArguments().stream().allMatch(this::readsState);
  }

  /** Arguments that run no code but an exception's or a value's constructor. */
  private static boolean plainArguments(MethodInvocationTree call) {
    return call.getArguments().stream()
        .noneMatch(argument -> OwnBody.contains(argument, Tree.Kind.METHOD_INVOCATION));
  }

  /** A value that runs no code: names, literals, operators on them, {@code this}, a lambda. */
  private static boolean isPlainValue(@Nullable ExpressionTree value) {
    return value != null
        && !OwnBody.contains(value, Tree.Kind.METHOD_INVOCATION)
        && !OwnBody.contains(value, Tree.Kind.NEW_CLASS)
        && !OwnBody.contains(value, Tree.Kind.NEW_ARRAY);
  }

  /**
   * A condition that only reads state: names, literals and operators on them, and calls that read ({@code
   * isX()}, {@code hasX()}, {@code getX()}, {@code size()}, {@code compareAndSet(..)}, {@code tryLock()}) on
   * such values.
   */
  private boolean readsState(@Nullable ExpressionTree condition) {
    if (condition == null) {
      return false;
    }
    ExpressionTree value = ASTHelpers.stripParentheses(condition);
    return switch (value) {
      case LiteralTree literal -> true;
      case IdentifierTree identifier -> true;
      // A function value runs nothing until it is called: closeQuietly(store::stop, ..).
      case MemberReferenceTree reference -> true;
      case LambdaExpressionTree lambda -> true;
      case MemberSelectTree select -> readsState(select.getExpression()) || isTypeName(select.getExpression());
      case BinaryTree binary -> readsState(binary.getLeftOperand()) && readsState(binary.getRightOperand());
      case UnaryTree unary -> readsState(unary.getExpression());
      case InstanceOfTree test -> readsState(test.getExpression());
      case TypeCastTree cast -> readsState(cast.getExpression());
      case AssignmentTree assignment -> readsState(assignment.getExpression());
      case ConditionalExpressionTree conditional ->
          readsState(conditional.getCondition())
              && readsState(conditional.getTrueExpression())
              && readsState(conditional.getFalseExpression());
      case MethodInvocationTree call -> readsOnly(call);
      default -> false;
    };
  }

  private boolean readsOnly(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    if (method == null) {
      return false;
    }
    if (ARITHMETIC.matches(call, state) || STRING_OF_VALUES.matches(call, state)) {
      // schedule(this, Math.min(delay << failures, MAX_DELAY), ..): a value computed from values.
      return call.getArguments().stream().allMatch(this::readsState);
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return ((readsByName(method.getSimpleName().toString()) && !announcesFailure(method))
            || updatesJdkContainer(call))
        && (receiver == null || readsState(receiver) || isTypeName(receiver))
        && call.getArguments().stream().allMatch(this::readsState);
  }

  /**
   * {@code address.isReachable(500)}, {@code channel.getRemoteAddress()}: a method that declares a checked failure
   * ({@code throws IOException}) does more than its name says, so it is not a read.
   */
  private boolean announcesFailure(Symbol method) {
    return method instanceof MethodSymbol declared
        && declared.getThrownTypes().stream().anyMatch(thrown -> ExpectedFailures.isCheckedFailure(thrown, state));
  }

  /**
   * {@code pingFuts.remove(nodeId, fut)}, {@code pending.put(id, request)}: an update of a JDK collection or map
   * held by the work or its object, which changes memory and cannot fail but on a bug. Not {@code add} on a queue
   * (a bounded one throws when full), nor a call that runs code of its own ({@code computeIfAbsent}, {@code
   * removeIf}).
   */
  private boolean updatesJdkContainer(MethodInvocationTree call) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)
        || !CONTAINER_UPDATES.contains(method.getSimpleName().toString())
        || !(ASTHelpers.getReceiver(call) instanceof ExpressionTree receiver)
        || !(ASTHelpers.getType(receiver) instanceof Type type)
        || !(ASTHelpers.getSymbol(receiver) instanceof Symbol.VarSymbol)) {
      return false;
    }
    String owner = method.packge().getQualifiedName().toString();
    boolean container =
        FutureTypes.isSubtypeOf(type, "java.util.Collection", state)
            || FutureTypes.isSubtypeOf(type, "java.util.Map", state);
    boolean queueAdd =
        method.getSimpleName().toString().startsWith("add")
            && FutureTypes.isSubtypeOf(type, "java.util.Queue", state);
    return container && !queueAdd && (owner.equals("java.util") || owner.equals("java.util.concurrent"));
  }

  /** Collection calls that only store: on a local collection they change nothing outside the work. */
  private static final Set<String> STORES =
      Set.of("add", "addAll", "put", "putAll", "putIfAbsent", "remove", "clear", "set", "offer");

  /**
   * {@code added.put(key, new Entry(key, value))}, {@code queue.offer(new JoinTimeout(count))}: a statement that
   * stores plain values in a collection held in a local of the work (of any collection type), or updates a JDK
   * container that the work or its object holds.
   */
  private boolean updatesContainer(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (method == null
        || receiver == null
        || !call.getArguments().stream().allMatch(argument -> readsState(argument) || isConstruction(argument))) {
      return false;
    }
    boolean fillsLocal =
        STORES.contains(method.getSimpleName().toString())
            && ASTHelpers.getSymbol(receiver) instanceof Symbol.VarSymbol local
            && local.getKind() == javax.lang.model.element.ElementKind.LOCAL_VARIABLE
            && (FutureTypes.isSubtypeOf(local.type, "java.util.Collection", state)
                || FutureTypes.isSubtypeOf(local.type, "java.util.Map", state));
    return fillsLocal || (updatesJdkContainer(call) && readsState(receiver));
  }

  private static final Set<String> CONTAINER_UPDATES =
      Set.of("add", "addAll", "put", "putAll", "putIfAbsent", "remove", "removeAll", "clear", "offer", "replace");

  /** {@code size()}, {@code isX()}, {@code getX()}, {@code get()}: a name that says the call only reads. */
  static boolean readsByName(String name) {
    return READS.contains(name)
        || isAccessor(name, "is")
        || isAccessor(name, "has")
        || isAccessor(name, "can")
        || isAccessor(name, "should")
        || isAccessor(name, "get")
        || isAccessor(name, "current")
        || name.equals("get");
  }

  private static boolean isAccessor(String name, String prefix) {
    return name.startsWith(prefix)
        && name.length() > prefix.length()
        && Character.isUpperCase(name.charAt(prefix.length()));
  }

  private static boolean isTypeName(ExpressionTree expression) {
    return ASTHelpers.getSymbol(expression) instanceof Symbol.TypeSymbol
        || ASTHelpers.getSymbol(expression) instanceof Symbol.PackageSymbol;
  }

  private Verdict tryStatement(TryTree tryTree, boolean inFinally) {
    BlockTree finallyBlock = tryTree.getFinallyBlock();
    if (handling == Handling.FUTURE && finallyDiscardsFailures(tryTree)) {
      return Verdict.COVERED;
    }
    if (finallyBlock != null && block(finallyBlock, /* inFinally= */ true) == Verdict.FAILS) {
      return Verdict.FAILS;
    }
    if (catchesEverything(tryTree)) {
      return Verdict.COVERED;
    }
    // try { covered work } finally { release }, or try { Thread.sleep(d); } catch (InterruptedException e) {..}
    Verdict inner = tryTree.getResources().isEmpty() ? block(tryTree.getBlock(), inFinally) : Verdict.FAILS;
    if (inner == Verdict.FAILS && closesCatchingIOException(tryTree)) {
      return Verdict.QUIET;
    }
    if (inner == Verdict.FAILS && flushesReportingIOException(tryTree)) {
      return Verdict.COVERED;
    }
    if (inner == Verdict.FAILS && inFinally && !tryTree.getCatches().isEmpty()) {
      // finally { try { s.close(); } catch (IOException ignored) {} }: a release guarded on its own.
      return tryTree.getBlock().getStatements().stream()
              .allMatch(statement -> statement(statement, true, true) != Verdict.FAILS)
          ? Verdict.QUIET
          : Verdict.FAILS;
    }
    return inner;
  }

  /**
   * {@code try { if (force) port.forceClose(); else port.close(); } catch (IOException ignore) {}}: a {@code try}
   * whose block only closes resources (calls named {@code close} or {@code ..Close}, on values that only read
   * state, possibly under {@code if}s on read-only conditions) and that catches {@code IOException} (or a
   * supertype): what a close declares is caught, and a close that throws an unchecked exception is a bug of the
   * resource, not a failure of this work.
   */
  private boolean closesCatchingIOException(TryTree tryTree) {
    Type ioException = ClasspathTypes.find("java.io.IOException", state);
    boolean catchesIo =
        ioException != null
            && tryTree.getCatches().stream()
                .flatMap(catchTree -> caughtTypes(catchTree).stream())
                .anyMatch(caught -> ClasspathTypes.isA(ioException, caught, state));
    return catchesIo
        && tryTree.getResources().isEmpty()
        && !tryTree.getBlock().getStatements().isEmpty()
        && tryTree.getBlock().getStatements().stream().allMatch(this::onlyCloses);
  }

  private boolean onlyCloses(@Nullable StatementTree statement) {
    return onlyEnds(statement, /* flushes= */ false);
  }

  /**
   * {@code try { if (dirty) { writer.flush(); dirty = false; } } catch (IOException e) { LOG.error("Error
   * flushing", e); throw new UncheckedIOException(e); }}: a periodic flush of output, whose I/O failure the handler
   * reports (it does not throw, or it logs the exception before the rethrow). What a flush declares is reported,
   * and an unchecked exception from a writer's flush is a bug of the writer, as for {@link
   * #closesCatchingIOException}.
   */
  private boolean flushesReportingIOException(TryTree tryTree) {
    Type ioException = ClasspathTypes.find("java.io.IOException", state);
    return ioException != null
        && tryTree.getResources().isEmpty()
        && OwnBody.contains(tryTree.getBlock(), Tree.Kind.METHOD_INVOCATION)
        && tryTree.getBlock().getStatements().stream().allMatch(statement -> onlyEnds(statement, true))
        && tryTree.getCatches().stream()
            .anyMatch(
                catchTree ->
                    caughtTypes(catchTree).stream().anyMatch(caught -> ClasspathTypes.isA(ioException, caught, state))
                        && (handlerReports(catchTree.getBlock()) || logsThenRethrows(catchTree)));
  }

  /**
   * Whether {@code statement} only closes resources, or with {@code flushes} also flushes them and stores plain
   * values ({@code dirty = false}), under {@code if}s on read-only conditions.
   */
  private boolean onlyEnds(@Nullable StatementTree statement, boolean flushes) {
    return switch (statement) {
      case null -> true;
      case BlockTree block -> block.getStatements().stream().allMatch(inner -> onlyEnds(inner, flushes));
      case IfTree choice ->
          readsState(choice.getCondition())
              && onlyEnds(choice.getThenStatement(), flushes)
              && onlyEnds(choice.getElseStatement(), flushes);
      case ExpressionStatementTree expression when flushes
              && expression.getExpression() instanceof AssignmentTree assignment ->
          isPlainValue(assignment.getExpression());
      case ExpressionStatementTree expression ->
          expression.getExpression() instanceof MethodInvocationTree call
              && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
              && (method.getSimpleName().contentEquals("close")
                  || method.getSimpleName().toString().endsWith("Close")
                  || (flushes && method.getSimpleName().contentEquals("flush")))
              && (ASTHelpers.getReceiver(call) == null || readsState(ASTHelpers.getReceiver(call)))
              && call.getArguments().stream().allMatch(this::readsState);
      default -> false;
    };
  }

  /**
   * {@code try { .. } finally { ..; return null; }}: a {@code finally} that ends with a jump out of the body (and
   * throws nothing) discards whatever the {@code try} and its handlers threw, so the work's future always succeeds.
   */
  private static boolean finallyDiscardsFailures(TryTree tryTree) {
    BlockTree finallyBlock = tryTree.getFinallyBlock();
    return finallyBlock != null
        && OwnBody.contains(finallyBlock, Tree.Kind.RETURN)
        && !OwnBody.contains(finallyBlock, Tree.Kind.THROW)
        && !Reachability.canCompleteNormally(finallyBlock);
  }

  private boolean catchesEverything(TryTree tryTree) {
    for (CatchTree catchTree : tryTree.getCatches()) {
      if (caughtTypes(catchTree).stream().anyMatch(this::isCatchAll)
          && (handlerReports(catchTree.getBlock()) || logsThenRethrows(catchTree))) {
        return true;
      }
    }
    return false;
  }

  private boolean isCatchAll(Type caught) {
    return isCatchAll(caught, state)
        && !(checkedAllowed && ASTHelpers.isSameType(caught, state.getSymtab().runtimeExceptionType, state));
  }

  /** {@code Throwable}, {@code Exception} or {@code RuntimeException}: a handler for whatever the work throws. */
  static boolean isCatchAll(Type caught, VisitorState state) {
    return ASTHelpers.isSameType(caught, state.getSymtab().throwableType, state)
        || ASTHelpers.isSameType(caught, state.getSymtab().exceptionType, state)
        || ASTHelpers.isSameType(caught, state.getSymtab().runtimeExceptionType, state);
  }

  private boolean handlerReports(BlockTree handler) {
    return switch (handling) {
      case FUTURE ->
          !OwnBody.contains(handler, Tree.Kind.THROW)
              && handler.getStatements().stream().noneMatch(FailureCoverage::rethrows);
      case THREAD -> handler.getStatements().stream().anyMatch(statement -> !rethrows(statement));
    };
  }

  /**
   * {@code catch (Throwable t) { LOGGER.error("pool broken", t); throw t; }}: the failure is logged with its stack
   * trace before it is passed on (mongodb's {@code runAndLogUncaught}), so the future it then fails carries a
   * failure somebody has already seen. Log lines, one of which passes the caught exception, and statements that
   * cannot fail ({@code listener.processorFailed()}, a counter), then one rethrow.
   */
  private boolean logsThenRethrows(CatchTree catchTree) {
    List<? extends StatementTree> statements = catchTree.getBlock().getStatements();
    Symbol caught = ASTHelpers.getSymbol(catchTree.getParameter());
    if (handling != Handling.FUTURE || statements.size() < 2 || caught == null) {
      return false;
    }
    List<? extends StatementTree> logs = statements.subList(0, statements.size() - 1);
    return rethrows(statements.get(statements.size() - 1))
        && logs.stream()
            .allMatch(
                statement ->
                    LogStatements.isLogging(statement, state)
                        || statement(statement, false, false) == Verdict.QUIET)
        && logs.stream()
            .anyMatch(
                statement ->
                    statement instanceof ExpressionStatementTree expression
                        && expression.getExpression() instanceof MethodInvocationTree call
                        && call.getArguments().stream()
                            .anyMatch(argument -> ASTHelpers.getSymbol(argument) == caught));
  }

  /**
   * {@code throw e;}, {@code Throwables.throwIfUnchecked(e);}, {@code throw Throwables.propagate(e);}: passing the
   * failure on rather than reporting it.
   */
  static boolean rethrows(StatementTree statement) {
    if (statement instanceof ThrowTree) {
      return true;
    }
    if (!(statement instanceof ExpressionStatementTree expression)
        || !(expression.getExpression() instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    return name.startsWith("throwIf")
        || name.equals("propagate")
        || name.startsWith("propagateIf")
        || name.equals("rethrow")
        || name.equals("sneakyThrow");
  }

  /** The types a catch names, each alternative of a multi-catch on its own. */
  static List<Type> caughtTypes(CatchTree catchTree) {
    Tree typeTree = catchTree.getParameter().getType();
    List<? extends Tree> alternatives =
        typeTree instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(typeTree);
    return alternatives.stream().map(ASTHelpers::getType).filter(type -> type != null).toList();
  }

  /**
   * {@code helper(..)}, {@code other.helper(..)}: a same-build method whose body, or each of its implementations',
   * reports.
   */
  private boolean helperReports(MethodInvocationTree call) {
    return helper(call) == Verdict.COVERED;
  }

  /**
   * A helper call: covered when the helper reports, quiet when its body cannot fail either ({@code void poll() {}},
   * {@code void markDone() { done = true; notifyAll(); }}). A call of an abstract method of the build is judged by
   * the bodies of its implementations ({@link BuildIndex#implementations}): it fails when one of them can, and is
   * covered when one reports and the others cannot fail. Not for a functional interface: a lambda the index does not
   * see may implement it.
   */
  private Verdict helper(MethodInvocationTree call) {
    if (ownStatementsOnly
        || depth >= MAX_HELPER_DEPTH
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return Verdict.FAILS;
    }
    Symbol.ClassSymbol self = SELF.get();
    if (self == null) {
      return dispatch(method, call);
    }
    if (!method.isStatic() && isOnThis(call) && self.isSubClass(method.owner, state.getTypes())) {
      // A call on the task itself: its class's implementation runs.
      return method.implementation(self, state.getTypes(), true) instanceof MethodSymbol implementation
              && (implementation.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0
          ? helperBody(implementation, call, /* dispatched= */ true)
          : Verdict.FAILS;
    }
    // Another object's method: what "this" means there is not the task.
    SELF.remove();
    try {
      return dispatch(method, call);
    } finally {
      SELF.set(self);
    }
  }

  /** {@code execute()}, {@code this.execute()}: a call on the object whose code is being read. */
  private static boolean isOnThis(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver == null || (receiver instanceof IdentifierTree self && self.getName().contentEquals("this"));
  }

  /** A call of {@code method} on an object whose class is not known: every body of the build it may run. */
  private Verdict dispatch(MethodSymbol method, MethodInvocationTree call) {
    boolean concrete = (method.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0;
    if (concrete && (isSuperCall(call) || !isReplaceable(method, state))) {
      return helperBody(method, call, /* dispatched= */ true);
    }
    List<MethodSymbol> implementations =
        method.owner instanceof Symbol.ClassSymbol owner
                && !TaskImplementations.isFunctional(owner, state)
                && !(concrete && overriddenAnonymouslyHere(method, state))
            ? BuildIndex.of(state).implementations(method, state)
            : List.of();
    // An overridden method runs its own body or one of the overrides, whichever the receiver's class has.
    Verdict joined =
        implementations.isEmpty()
            ? Verdict.FAILS
            : concrete ? helperBody(method, call, /* dispatched= */ true) : Verdict.QUIET;
    for (MethodSymbol implementation : implementations) {
      joined = both(joined, helperBody(implementation, call, /* dispatched= */ true));
    }
    return joined;
  }

  /** {@code super.invoke()}: the superclass's body runs, whatever overrides it. */
  private static boolean isSuperCall(MethodInvocationTree call) {
    return call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("super");
  }

  private Verdict helperBody(MethodSymbol method, MethodInvocationTree call, boolean dispatched) {
    if (methodReports(method, handling, state, depth + 1, dispatched)) {
      return Verdict.COVERED;
    }
    if (SourceTrees.methodWithBody(method, state) == null
        && call.getArguments().stream().allMatch(argument -> isPlainValue(argument) || readsState(argument))
        && LibraryCatchAlls.cannotFail(method, state)) {
      // Tracer.logEvent(type, name): a library method that catches everything it calls.
      return Verdict.QUIET;
    }
    if (plainArguments(call)
        && SourceTrees.methodWithBody(method, state) instanceof MethodTree declaration
        && declaration.getBody() != null
        && (dispatched || !isReplaceable(method, state))
        && METHODS_BEING_READ.get().add(method)) {
      try {
        BlockTree body = declaration.getBody();
        return new FailureCoverage(state, handling, true, depth + 1, true, mustSucceed).block(body, false)
                == Verdict.QUIET
            ? Verdict.QUIET
            : Verdict.FAILS;
      } finally {
        METHODS_BEING_READ.get().remove(method);
      }
    }
    return Verdict.FAILS;
  }

  static boolean declaresCheckedExceptions(LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    if (type == null || type.isErroneous() || !state.getTypes().isFunctionalInterface(type)) {
      return true;
    }
    return !state.getTypes().findDescriptorType(type).getThrownTypes().isEmpty();
  }
}
