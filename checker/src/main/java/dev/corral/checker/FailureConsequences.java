package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * What the failure of a started task costs besides its stack trace. A task that throws on a pool's thread
 * ({@code execute}) or on a thread of its own ends in that thread's uncaught-exception handler, and the JDK's
 * default one prints the trace: nobody reads it, yet it is not silent. The readers of fourteen hold-outs acted on
 * such a task only when the throw also leaves undone something that its starter set up or waits for; this class
 * looks for that:
 *
 * <ul>
 *   <li>a hand-back to the starter skipped: after a statement that can fail, the task wakes, tells or unblocks
 *       others (a latch count-down, a release, an unlock, completing a future, a flag set or swapped, an item
 *       handed to a blocking queue, a key removed from a collection, a callback called) on something the
 *       starting method also holds: a local or parameter it captured ({@code CountDownLatch done} that it awaits),
 *       or a field it uses itself ({@code if (busy.compareAndSet(false, true)) pool.execute(() -> { ..;
 *       busy.set(false); })}: a failure leaves {@code busy} set for good). In a {@code finally} the hand-back runs
 *       anyway; on an object of the task's own making it tells nobody who waits.
 *   <li>a wait that takes the work as done: the starting method hands the task to a pool and then waits for the
 *       pool to end ({@code pool.execute(task); .. pool.shutdown(); pool.awaitTermination(..)}, or {@code close()}
 *       and try-with-resources on Java 19+), the fork and join of a batch without its failures. When a step of the
 *       task can fail, the wait returns all the same and the starter goes on as if the task had done its part
 *       (Ignite's {@code loadCache} returns normally with records left unloaded).
 * </ul>
 *
 * <p>The task's body is read where it is written (a lambda, an anonymous class, a method reference, a task class
 * of the build) and same-build helpers one call deep. A task whose body cannot be read (a {@code Runnable} field of
 * an interface type, a task class of another jar) shows no such cost and counts as costing only the trace: on the
 * fourteen hold-outs and the tuned projects none of those was a true positive.
 */
final class FailureConsequences {
  /** How many same-build calls deep a hand-back is looked for. */
  private static final int MAX_DEPTH = 1;

  /** Calls that wake, unblock or count off others waiting. */
  private static final Matcher<ExpressionTree> WAKES =
      anyOf(
          WakeUps.WAKE_UP,
          instanceMethod().onDescendantOf("java.util.concurrent.locks.Lock").named("unlock"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.Phaser")
              .namedAnyOf("arrive", "arriveAndDeregister", "arriveAndAwaitAdvance"),
          instanceMethod().onDescendantOf("java.util.concurrent.CyclicBarrier").named("await"),
          AtomicTypes.STORE,
          instanceMethod()
              .onDescendantOf("java.util.concurrent.BlockingQueue")
              .namedAnyOf("put", "offer", "add"),
          instanceMethod().onDescendantOf("java.util.concurrent.TransferQueue").named("transfer"));

  /** A read by name, without arguments: {@code getName()}, {@code isOpen()}, {@code hasNext()}. */
  private static final Pattern READ = Pattern.compile("(get|is|has)([A-Z].*)?");

  /**
   * JDK classes whose methods throw only on a bug (not the boxes, whose {@code parseInt} throws on input); {@code
   * Iterable.forEach} runs only the function it is given, which is judged of its own.
   */
  private static final Set<String> SAFE_JDK_CLASSES =
      Set.of(
          "java.lang.Object",
          "java.lang.Iterable",
          "java.lang.String",
          "java.lang.StringBuilder",
          "java.lang.Math",
          "java.lang.System",
          "java.lang.Thread",
          "java.util.Objects",
          "java.util.concurrent.TimeUnit");

  /** Swapping an atomic's value: a release where it is a statement of its own, a claim where it is tested. */
  private static final Matcher<ExpressionTree> CLAIM =
      instanceMethod().onDescendantOfAny(AtomicTypes.SCALARS).namedAnyOf("compareAndSet", "getAndSet");

  /** Waiting for a pool's tasks to end: {@code awaitTermination}, and {@code close()} since Java 19. */
  private static final Matcher<ExpressionTree> AWAITS_THE_POOL =
      instanceMethod().onDescendantOf("java.util.concurrent.ExecutorService").namedAnyOf("awaitTermination", "close");

  /** Removing what marks work in flight from a collection. */
  private static final Matcher<ExpressionTree> REMOVES =
      instanceMethod().onDescendantOfAny("java.util.Map", "java.util.Collection").named("remove");

  private final VisitorState state;
  /** The variables the starting method uses outside the task: what a hand-back must act on to reach it. */
  private final Set<Symbol> starterHolds;
  /** The starter's wait for the pool the task runs on to end, or null: what a failure makes return as if done. */
  private final @Nullable Tree poolWait;
  private final int depth;
  /** Where the hand-back a failure would skip is put, for the finding's message. */
  private final Tree[] skipped;

  private FailureConsequences(
      VisitorState state, Set<Symbol> starterHolds, @Nullable Tree poolWait, int depth, Tree[] skipped) {
    this.state = state;
    this.starterHolds = starterHolds;
    this.poolWait = poolWait;
    this.depth = depth;
    this.skipped = skipped;
  }

  /**
   * Whether the failure of {@code task}, run where an uncaught-exception handler prints it, costs nothing but
   * the trace: its body skips no hand-back to its starter when it throws.
   */
  static boolean onlyTheTrace(@Nullable ExpressionTree task, VisitorState state) {
    return onlyTheTrace(task, state, new Tree[1]);
  }

  /**
   * What a failure of {@code task} skips: the hand-back to its starter ({@code ready.complete(null)}), or the task
   * itself when that is not known (a local that may hold several); null when it costs only the trace.
   */
  static @Nullable Tree skippedHandBack(@Nullable ExpressionTree task, VisitorState state) {
    Tree[] skipped = new Tree[1];
    if (onlyTheTrace(task, state, skipped)) {
      return null;
    }
    return skipped[0] != null ? skipped[0] : task;
  }

  private static boolean onlyTheTrace(@Nullable ExpressionTree task, VisitorState state, Tree[] skipped) {
    if (task == null) {
      return false;
    }
    ExpressionTree expression = ASTHelpers.stripParentheses(task);
    if (expression instanceof MethodInvocationTree call) {
      ExpressionTree wrapped = DeliveryTasks.wrapped(call, state);
      if (wrapped != null) {
        return onlyTheTrace(wrapped, state, skipped);
      }
      // A task some method makes: read through what it returns where the build has its body.
      return returnsOnlyTraceCosts(ASTHelpers.getSymbol(call), state, skipped);
    }
    if (expression instanceof IdentifierTree identifier
        && LocalUses.isLocal(ASTHelpers.getSymbol(identifier))
        && ASTHelpers.getSymbol(identifier).getKind() != ElementKind.PARAMETER) {
      // A loop's element or a local whose values are not in view is a body that cannot be read.
      return !hasValuesInView(ASTHelpers.getSymbol(identifier), state)
          || TaskOrigins.allReport(expression, state, value -> onlyTheTrace(value, state, skipped));
    }
    FailureConsequences reader =
        new FailureConsequences(state, heldByTheStarter(expression, state), poolWait(state), 0, skipped);
    return switch (expression) {
      case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
          !reader.costsMore(block.getStatements());
      case LambdaExpressionTree lambda ->
          !reader.callCostsMore(lambda.getBody()) && !reader.failsBeforeThePoolWait(lambda.getBody());
      case MemberReferenceTree reference -> !reader.methodCostsMore(ASTHelpers.getSymbol(reference));
      case NewClassTree anonymous when anonymous.getClassBody() != null ->
          reader.readable(DeliveryTasks.runBody(anonymous.getClassBody()));
      case NewClassTree created ->
          reader.readable(SelfOwnedTasks.runMethodBody(SelfOwnedTasks.instantiated(created), state));
      default -> reader.readable(SelfOwnedTasks.runMethodBody(SelfOwnedTasks.classTypeOf(expression), state));
    };
  }

  /** The work of {@code new Thread(..)}: its {@code Runnable} argument, else the thread object itself. */
  static ExpressionTree threadTask(NewClassTree thread, VisitorState state) {
    if (thread.getClassBody() == null) {
      Type runnable = ClasspathTypes.find("java.lang.Runnable", state);
      for (ExpressionTree argument : thread.getArguments()) {
        Type type = ASTHelpers.getType(argument);
        if (runnable != null && type != null && ClasspathTypes.isA(type, runnable, state)) {
          return argument;
        }
      }
    }
    return thread;
  }

  /**
   * Whether every task a factory of the build returns costs only the trace ({@code U.wrapIgniteFuture(r, fut)}
   * returning a task that completes {@code fut}); a factory from a jar cannot be read.
   */
  private static boolean returnsOnlyTraceCosts(@Nullable Symbol factory, VisitorState state, Tree[] skipped) {
    MethodTree declaration = SourceTrees.methodWithBody(factory, state);
    Set<Symbol> reading = FACTORIES_BEING_READ.get();
    if (declaration == null || declaration.getBody() == null || !reading.add(factory)) {
      return true;
    }
    try {
      return OwnBody.returnedValues(declaration.getBody()).stream()
          .allMatch(value -> onlyTheTrace(value, state, skipped));
    } finally {
      reading.remove(factory);
    }
  }

  /** The factories {@link #returnsOnlyTraceCosts} is reading on this thread, so a recursive one ends. */
  private static final ThreadLocal<Set<Symbol>> FACTORIES_BEING_READ =
      ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

  /** Whether a local task is given its value in the method, by its initializer (not a loop's) or an assignment. */
  private static boolean hasValuesInView(Symbol local, VisitorState state) {
    TreePath scope = LocalUses.enclosingMember(state);
    TreePath declaration = scope == null ? null : LocalUses.declarationOf(local, scope);
    if (declaration == null
        || !(declaration.getLeaf() instanceof VariableTree variable)
        || declaration.getParentPath().getLeaf() instanceof EnhancedForLoopTree) {
      return false;
    }
    return variable.getInitializer() != null
        || LocalUses.usesOf(local, scope).stream()
            .anyMatch(
                use ->
                    use.getParentPath().getLeaf() instanceof AssignmentTree assignment
                        && assignment.getVariable() == use.getLeaf());
  }

  /** A body that cannot be read shows no cost beyond the trace (see the class comment). */
  private boolean readable(@Nullable BlockTree body) {
    return body == null || !costsMore(body.getStatements());
  }

  /**
   * The locals, parameters and fields the method that starts {@code task} names outside the task itself: the
   * latch it awaits, the flag it claimed, the set it added the key to.
   */
  private static Set<Symbol> heldByTheStarter(Tree task, VisitorState state) {
    TreePath starter = LocalUses.enclosingMember(state);
    Set<Symbol> held = new HashSet<>();
    if (starter == null) {
      return held;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        return tree == task ? null : super.scan(tree, null);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        hold(ASTHelpers.getSymbol(identifier));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree select, Void unused) {
        hold(ASTHelpers.getSymbol(select));
        return super.visitMemberSelect(select, null);
      }

      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        hold(ASTHelpers.getSymbol(variable));
        return super.visitVariable(variable, null);
      }

      private void hold(@Nullable Symbol symbol) {
        if (symbol != null && (symbol.getKind() == ElementKind.FIELD || LocalUses.isLocal(symbol))) {
          held.add(symbol);
        }
      }
    }.scan(starter.getLeaf(), null);
    return held;
  }

  /** A lambda's expression body: a call of a same-build method is read through; any other has nothing after it. */
  private boolean callCostsMore(Tree body) {
    return body instanceof MethodInvocationTree call && methodCostsMore(ASTHelpers.getSymbol(call));
  }

  /** A method the task runs: its body when the build has it; a library method is one call with nothing after it. */
  private boolean methodCostsMore(@Nullable Symbol method) {
    MethodTree declaration = depth >= MAX_DEPTH ? null : SourceTrees.methodWithBody(method, state);
    if (declaration == null || declaration.getBody() == null) {
      return false;
    }
    return new FailureConsequences(state, starterHolds, poolWait, depth + 1, skipped)
        .costsMore(declaration.getBody().getStatements());
  }

  /**
   * Whether a failure in these statements skips a hand-back to the starter, or, where the starter waits for the
   * pool to end, whether any of them can fail.
   */
  private boolean costsMore(List<? extends StatementTree> statements) {
    boolean mayHaveFailed = false;
    for (StatementTree statement : statements) {
      if ((mayHaveFailed && handsBack(statement)) || costsMoreInside(statement)) {
        return true;
      }
      mayHaveFailed |= mayFail(statement);
    }
    return skips(poolWait, mayHaveFailed && poolWait != null);
  }

  /**
   * The starting method's wait for the pool it hands the task to ({@code exec.execute(new Worker(..));
   * exec.shutdown(); exec.awaitTermination(..)}), the pool being a local or a field: the {@code awaitTermination}
   * or {@code close()} call, or the try-with-resources variable that closes it.
   */
  private static @Nullable Tree poolWait(VisitorState state) {
    TreePath starter = LocalUses.enclosingMember(state);
    if (!(state.getPath().getLeaf() instanceof MethodInvocationTree start)
        || starter == null
        || !(ASTHelpers.getReceiver(start) instanceof ExpressionTree receiver)
        || !(ASTHelpers.getSymbol(receiver) instanceof Symbol pool)
        || !(pool.getKind() == ElementKind.FIELD || LocalUses.isLocal(pool))
        || !FutureTypes.isSubtypeOf(pool.type, "java.util.concurrent.ExecutorService", state)) {
      // A thread, or an Executor that cannot be awaited: nothing to look for.
      return null;
    }
    Tree[] wait = new Tree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (wait[0] == null
            && AWAITS_THE_POOL.matches(call, state)
            && ASTHelpers.getReceiver(call) instanceof ExpressionTree waited
            && ASTHelpers.getSymbol(waited) == pool) {
          wait[0] = call;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitTry(TryTree attempt, Void unused) {
        for (Tree resource : attempt.getResources()) {
          if (wait[0] == null
              && resource instanceof VariableTree variable
              && ASTHelpers.getSymbol(variable) == pool) {
            // Only Java 19+ compiles an ExecutorService as a resource: its close() awaits the tasks.
            wait[0] = variable;
          }
        }
        return super.visitTry(attempt, null);
      }
    }.scan(starter.getLeaf(), null);
    return wait[0];
  }

  /** {@code pool.execute(() -> cache.load(name))} with the starter waiting for the pool: the call may fail. */
  private boolean failsBeforeThePoolWait(Tree expressionBody) {
    return skips(
        poolWait,
        poolWait != null
            && expressionBody instanceof ExpressionTree expression
            && runsCodeThatMayThrow(expression)
            && !FailureCoverage.cannotFail(expression, FailureCoverage.Handling.THREAD, state));
  }

  /** Whether {@code handBack} is the starter's wait for the pool to end ({@link #poolWait}). */
  static boolean isPoolWait(@Nullable Tree handBack, VisitorState state) {
    return handBack instanceof VariableTree
        || (handBack instanceof MethodInvocationTree call && AWAITS_THE_POOL.matches(call, state));
  }

  /**
   * Whether a statement can throw past the task's own catch-alls ({@link FailureCoverage#covers}): a {@code throw},
   * or a call of code that may throw, also one named as a read ({@code report = getSlowDisks(latencies, max,
   * now)}: computed all the same).
   */
  private boolean mayFail(@Nullable StatementTree statement) {
    if (statement == null || FailureCoverage.covers(statement, state)) {
      return false;
    }
    return switch (statement) {
      case BlockTree block -> block.getStatements().stream().anyMatch(this::mayFail);
      case LabeledStatementTree labeled -> mayFail(labeled.getStatement());
      case IfTree choice ->
          runsCodeThatMayThrow(choice.getCondition())
              || mayFail(choice.getThenStatement())
              || mayFail(choice.getElseStatement());
      case SynchronizedTree lock -> mayFail(lock.getBlock());
      case TryTree attempt ->
          (!handlesEverything(attempt) && mayFail(attempt.getBlock()))
              || attempt.getCatches().stream().anyMatch(caught -> mayFail(caught.getBlock()))
              || mayFail(attempt.getFinallyBlock());
      case WhileLoopTree loop -> runsCodeThatMayThrow(loop.getCondition()) || mayFail(loop.getStatement());
      case DoWhileLoopTree loop -> runsCodeThatMayThrow(loop.getCondition()) || mayFail(loop.getStatement());
      case EnhancedForLoopTree loop -> runsCodeThatMayThrow(loop.getExpression()) || mayFail(loop.getStatement());
      case ForLoopTree loop ->
          runsCodeThatMayThrow(loop.getCondition())
              || loop.getInitializer().stream().anyMatch(this::mayFail)
              || mayFail(loop.getStatement());
      case SwitchTree choice ->
          runsCodeThatMayThrow(choice.getExpression())
              || choice.getCases().stream()
                  .anyMatch(
                      caseTree ->
                          caseTree.getStatements() != null
                              ? caseTree.getStatements().stream().anyMatch(this::mayFail)
                              : runsCodeThatMayThrow(caseTree.getBody()));
      case ThrowTree thrown -> true;
      default -> !LogStatements.isLogging(statement, state) && runsCodeThatMayThrow(statement);
    };
  }

  private boolean runsCodeThatMayThrow(@Nullable Tree statement) {
    return statement != null
        && OwnBody.anyMatch(statement, tree -> tree instanceof MethodInvocationTree call && !cannotThrow(call));
  }

  /**
   * A call that throws only on a bug: a hand-back, a read without arguments ({@code getName()}, or a library's
   * method that takes none, returns a value and declares no checked exception), an update of a JDK collection, an
   * atomic or a lock, the JDK's strings, math, clocks and threads, or a method of the build whose body cannot fail.
   */
  private boolean cannotThrow(MethodInvocationTree call) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return true;
    }
    String name = method.getSimpleName().toString();
    boolean ofTheBuild = SourceTrees.methodWithBody(method, state) != null;
    if (isHandBack(call)
        || CLAIM.matches(call, state)
        || (call.getArguments().isEmpty() && READ.matcher(name).matches())) {
      return true;
    }
    if (call.getArguments().isEmpty()
        && method.getReturnType().getKind() != TypeKind.VOID
        && method.getThrownTypes().isEmpty()
        && !ofTheBuild) {
      // tuple.x(), Time.monotonicNow(): a library's accessor, read as a value.
      return true;
    }
    if (!call.getArguments().stream().allMatch(this::isSafeFunction)) {
      // keys.forEach(this::load), cache.computeIfAbsent(key, this::compute): the call runs the code it is given.
      return false;
    }
    if (ofTheBuild) {
      return bodyCannotFail(method);
    }
    String owner = method.owner.getQualifiedName().toString();
    String packageName = method.packge().getQualifiedName().toString();
    return SAFE_JDK_CLASSES.contains(owner)
        || packageName.equals("java.util.concurrent.atomic")
        || packageName.equals("java.util.concurrent.locks")
        || ((packageName.equals("java.util") || packageName.equals("java.util.concurrent"))
            && method.owner.type != null
            && (FutureTypes.isSubtypeOf(method.owner.type, "java.util.Collection", state)
                || FutureTypes.isSubtypeOf(method.owner.type, "java.util.Map", state)));
  }

  private boolean costsMoreInside(@Nullable StatementTree statement) {
    return switch (statement) {
      case null -> false;
      case ExpressionStatementTree expression -> helperCostsMore(expression);
      case VariableTree local -> helperCostsMore(local);
      case BlockTree block -> costsMore(block.getStatements());
      case LabeledStatementTree labeled -> costsMoreInside(labeled.getStatement());
      case IfTree choice -> costsMoreInside(choice.getThenStatement()) || costsMoreInside(choice.getElseStatement());
      case SynchronizedTree lock -> costsMore(lock.getBlock().getStatements());
      case TryTree attempt ->
          (!handlesEverything(attempt) && costsMore(attempt.getBlock().getStatements()))
              || attempt.getCatches().stream().anyMatch(caught -> costsMore(caught.getBlock().getStatements()))
              || (attempt.getFinallyBlock() != null && costsMore(attempt.getFinallyBlock().getStatements()));
      case WhileLoopTree loop -> costsMoreInside(loop.getStatement());
      case DoWhileLoopTree loop -> costsMoreInside(loop.getStatement());
      case EnhancedForLoopTree loop -> costsMoreInside(loop.getStatement());
      case ForLoopTree loop -> costsMoreInside(loop.getStatement());
      case SwitchTree choice ->
          choice.getCases().stream()
              .map(CaseTree::getStatements)
              .anyMatch(caseStatements -> caseStatements != null && costsMore(caseStatements));
      default -> false;
    };
  }

  /**
   * {@code try { .. } catch (Exception ignored) {}}: a catch of {@code Throwable}, {@code Exception} or {@code
   * RuntimeException} that does not throw. Nothing escapes the block, and what a failure skips in it is the
   * handling its author chose ({@code sock.connect(addr); live.compareAndSet(null, addr);}: no live address).
   */
  private boolean handlesEverything(TryTree attempt) {
    return attempt.getCatches().stream()
        .anyMatch(
            caught ->
                !OwnBody.contains(caught.getBlock(), Tree.Kind.THROW)
                    && FailureCoverage.caughtTypes(caught).stream()
                        .anyMatch(type -> FailureCoverage.isCatchAll(type, state)));
  }

  /** A statement that calls a same-build helper whose own failure skips a hand-back to the starter. */
  private boolean helperCostsMore(StatementTree statement) {
    return depth < MAX_DEPTH
        && OwnBody.anyMatch(
            statement,
            tree -> tree instanceof MethodInvocationTree call && methodCostsMore(ASTHelpers.getSymbol(call)));
  }

  /** Whether the statement, or a same-build helper it calls, hands something back to the starter. */
  private boolean handsBack(StatementTree statement) {
    if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree swap
        && CLAIM.matches(swap, state)) {
      // running.compareAndSet(true, false); as a statement releases a flag; as a value it claims one.
      return skips(swap, reachesTheStarter(ASTHelpers.getReceiver(swap)));
    }
    return OwnBody.anyMatch(
        statement,
        tree ->
            switch (tree) {
              case MethodInvocationTree call ->
                  skips(call, isHandBack(call) && reachesTheStarter(handedBackTo(call))) || helperHandsBack(call);
              case AssignmentTree assignment ->
                  skips(assignment, setsAField(assignment) && reachesTheStarter(assignment.getVariable()));
              default -> false;
            });
  }

  /** Notes {@code handBack} as what a failure skips when {@code found}. */
  private boolean skips(Tree handBack, boolean found) {
    if (found) {
      skipped[0] = handBack;
    }
    return found;
  }

  /** What a hand-back acts on: the latch, future, flag or listener ({@code LockSupport.unpark(thread)}: the thread). */
  private static @Nullable ExpressionTree handedBackTo(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return receiver == null && !call.getArguments().isEmpty() ? call.getArguments().get(0) : receiver;
  }

  /** Whether {@code target} names a variable the starting method holds too. */
  private boolean reachesTheStarter(@Nullable ExpressionTree target) {
    Symbol symbol = target == null ? null : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(target));
    return symbol != null && starterHolds.contains(symbol);
  }

  private boolean isHandBack(MethodInvocationTree call) {
    return WAKES.matches(call, state)
        || DeliveryTasks.isFutureCompletion(call, state)
        || DeliveryTasks.isCallbackCall(call, state)
        || REMOVES.matches(call, state);
  }

  /** An argument that is no function, or one that cannot fail ({@code SlideWindowData::reset}). */
  private boolean isSafeFunction(ExpressionTree argument) {
    return switch (ASTHelpers.stripParentheses(argument)) {
      case MemberReferenceTree reference -> bodyCannotFail(ASTHelpers.getSymbol(reference));
      case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
          FailureCoverage.cannotFail(block, FailureCoverage.Handling.THREAD, state);
      case LambdaExpressionTree lambda ->
          FailureCoverage.cannotFail((ExpressionTree) lambda.getBody(), FailureCoverage.Handling.THREAD, state);
      default -> true;
    };
  }

  /**
   * A method of the build whose body cannot fail ({@link FailureCoverage#cannotFail}) and that declares no checked
   * exception: read as written, whether or not a subclass could override it.
   */
  private boolean bodyCannotFail(@Nullable Symbol method) {
    MethodTree declaration = SourceTrees.methodWithBody(method, state);
    return declaration != null
        && declaration.getBody() != null
        && declaration.getThrows().isEmpty()
        && FailureCoverage.cannotFail(declaration.getBody(), FailureCoverage.Handling.THREAD, state);
  }

  private boolean helperHandsBack(MethodInvocationTree call) {
    if (depth >= MAX_DEPTH || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    MethodTree declaration = SourceTrees.methodWithBody(method, state);
    return declaration != null
        && declaration.getBody() != null
        && new FailureConsequences(state, starterHolds, poolWait, depth + 1, skipped)
            .handsBack(declaration.getBody());
  }

  /**
   * {@code running = false;}, {@code this.stream = null;}: a field of the task's object set to a plain value, a flag
   * others read ({@code metrics.time = t} on an object it looked up is a value it records, not a flag).
   */
  private static boolean setsAField(AssignmentTree assignment) {
    ExpressionTree variable = assignment.getVariable();
    boolean own =
        variable instanceof IdentifierTree
            || (variable instanceof MemberSelectTree select && SourceTrees.isThis(select.getExpression()));
    return own
        && isField(variable)
        && !OwnBody.contains(assignment.getExpression(), Tree.Kind.METHOD_INVOCATION)
        && !OwnBody.contains(assignment.getExpression(), Tree.Kind.NEW_CLASS);
  }

  private static boolean isField(@Nullable ExpressionTree expression) {
    Symbol symbol = expression == null ? null : ASTHelpers.getSymbol(expression);
    return symbol != null && symbol.getKind() == ElementKind.FIELD;
  }
}
