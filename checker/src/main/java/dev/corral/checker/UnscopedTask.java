package dev.corral.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static dev.corral.checker.Documentation.DOCS_BASE;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BugChecker} that flags concurrent work started with no handle that anybody waits on: {@code
 * Executor.execute}, a {@code Thread} started and then neither joined nor kept, {@code Thread.startVirtualThread},
 * {@code Thread.Builder.start}, and a {@code dev.corral.TaskGroup} opened outside try-with-resources or escaping
 * its block. By default a started task is reported only when its failure costs more than the trace the thread's
 * uncaught-exception handler prints: it skips a hand-back to its starter, or its starter waits for the pool to end
 * and takes it as done ({@link FailureConsequences}); {@code -XepOpt:Corral:ReportPrintedFailures=true} reports
 * every one.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Start concurrent work under an owner that waits for it and sees its failure",
    link = DOCS_BASE + "UnscopedTask.md",
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.CONCURRENCY)
public final class UnscopedTask extends BugChecker implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  private static final Matcher<ExpressionTree> EXECUTE =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.Executor")
          .named("execute")
          .withParameters("java.lang.Runnable");
  private static final Matcher<ExpressionTree> THREAD_START =
      instanceMethod().onDescendantOf("java.lang.Thread").named("start").withNoParameters();
  private static final Matcher<ExpressionTree> START_VIRTUAL_THREAD =
      staticMethod().onClass("java.lang.Thread").named("startVirtualThread");
  private static final Matcher<ExpressionTree> BUILDER_START =
      instanceMethod().onDescendantOf("java.lang.Thread.Builder").named("start");
  private static final Matcher<ExpressionTree> NEW_UNSTARTED_THREAD =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.ThreadFactory").named("newThread"),
          instanceMethod().onDescendantOf("java.lang.Thread.Builder").named("unstarted"));

  /** Whether tasks whose failure costs only a printed trace are reported too ({@link CorralFlags}). */
  private final boolean reportPrintedFailures;

  /** Creates a new {@link UnscopedTask} instance with the default flags. */
  public UnscopedTask() {
    this(ErrorProneFlags.empty());
  }

  /**
   * Creates a new {@link UnscopedTask} instance.
   *
   * @param flags {@code -XepOpt:Corral:*} flags, see {@link CorralFlags}
   */
  @Inject
  UnscopedTask(ErrorProneFlags flags) {
    this.reportPrintedFailures = CorralFlags.from(flags).reportPrintedFailures();
  }

  /** The names of every call this check matches, tested first (see {@link MethodNames}). */
  private static final ImmutableSet<String> NAMES =
      ImmutableSet.of("execute", "start", "startVirtualThread", "open");

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return InternalErrors.guard(this, tree, state, () -> analyzeMethodInvocation(tree, state));
  }

  private Description analyzeMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!MethodNames.isNamedAnyOf(tree, NAMES)) {
      return Description.NO_MATCH;
    }
    if (TaskScopes.OPEN_GROUP.matches(tree, state)) {
      return matchOpenGroup(tree, state);
    }
    if (EntryPoints.insideMain(state)) {
      return Description.NO_MATCH; // the program's own threads: see EntryPoints
    }
    if (EXECUTE.matches(tree, state)) {
      return matchExecute(tree, state);
    }
    if (THREAD_START.matches(tree, state)) {
      return matchThreadStart(tree, state);
    }
    if (START_VIRTUAL_THREAD.matches(tree, state) || BUILDER_START.matches(tree, state)) {
      return matchStartedThread(tree, state);
    }
    return Description.NO_MATCH;
  }

  private Description matchOpenGroup(MethodInvocationTree tree, VisitorState state) {
    GroupScopes.Finding finding = GroupScopes.analyze(tree, state);
    if (finding == null) {
      return Description.NO_MATCH;
    }
    Description.Builder description = buildDescription(tree).setMessage(finding.message());
    if (finding.fix() != null) {
      description.addFix(finding.fix());
    }
    return description.build();
  }

  private Description matchExecute(MethodInvocationTree tree, VisitorState state) {
    if (tree.getArguments().size() != 1
        || GatherResults.isNullLiteral(tree.getArguments().get(0))
        || ExecutorExemptions.isExempt(tree, state)
        || costsOnlyTheTrace(tree.getArguments().get(0), state)) {
      // execute(null) starts nothing: it throws NullPointerException in the caller.
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                "Executor.execute starts a task nobody waits for: if it throws, the exception goes to the"
                    + " executor's thread and never reaches this code"
                    + skippedClause(tree.getArguments().get(0), state)
                    + "; fork it into a TaskGroup or wait for it");
    StatementTree statement = enclosingStatement(state);
    ExpressionTree work = tree.getArguments().get(0);
    if (statement != null && TaskScopes.corralAvailable(state)) {
      TaskScopes.forkInGroup(statement, work, state).ifPresent(description::addFix);
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    if (statement != null && receiver != null) {
      // The name qualifyType gives (simple where it can import), the same for each fix's own builder.
      String completableFuture =
          SuggestedFixes.qualifyType(state, SuggestedFix.builder(), "java.util.concurrent.CompletableFuture");
      String run =
          completableFuture
              + ".runAsync("
              + state.getSourceForNode(work)
              + ", "
              + state.getSourceForNode(receiver)
              + ")";
      TreePath statementPath = TaskScopes.pathOf(statement, state);
      FanOutFixes.Awaiter join = (future, after, ignored) -> Optional.of(future + ".join()");
      // In a loop, the items keep running together: joined after the loop, not one by one. Before more
      // statements, joined after them, which ran alongside the task and may be what it waits for.
      FanOutFixes.collectAndAwaitAfterLoop(
              statementPath,
              "future",
              completableFuture + "<?>",
              futures -> futures + ".add(" + run + ");",
              join,
              withCompletableFuture(state),
              state)
          .or(
              () ->
                  LaterAwaits.holdAndAwaitAtEnd(
                      statementPath,
                      "future",
                      future -> completableFuture + "<Void> " + future + " = " + run + ";",
                      join,
                      withCompletableFuture(state),
                      state))
          .or(
              () ->
                  WaitHazards.mayDeadlock(statementPath, statement, state)
                      ? Optional.empty()
                      : Optional.of(withCompletableFuture(state).replace(tree, run + ".join()").build()))
          .ifPresent(description::addFix);
    }
    return description.build();
  }

  /**
   * Whether a task's failure would only be printed by its thread's uncaught-exception handler, with nothing else
   * lost ({@link FailureConsequences}), and the flag to report those too is off.
   */
  private boolean costsOnlyTheTrace(@Nullable ExpressionTree task, VisitorState state) {
    return !reportPrintedFailures && FailureConsequences.onlyTheTrace(task, state);
  }

  private boolean threadCostsOnlyTheTrace(NewClassTree thread, VisitorState state) {
    return costsOnlyTheTrace(FailureConsequences.threadTask(thread, state), state);
  }

  /** A fix that imports {@code CompletableFuture} where it can (see {@code SuggestedFixes.qualifyType}). */
  private static SuggestedFix.Builder withCompletableFuture(VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.CompletableFuture");
    return fix;
  }

  private Description matchThreadStart(MethodInvocationTree tree, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(tree);
    if (receiver == null || ExecutorExemptions.insideExecutor(state)) {
      // start() on this: the Thread object itself is the handle, held by whoever created it. Inside an
      // Executor, starting threads is how it runs the tasks it was handed.
      return Description.NO_MATCH;
    }
    ExpressionTree thread = ASTHelpers.stripParentheses(receiver);
    if (thread instanceof NewClassTree newThread) {
      return ownsItsWork(newThread, state) || threadCostsOnlyTheTrace(newThread, state)
          ? Description.NO_MATCH
          : describeNewThread(tree, newThread, state);
    }
    if (NEW_UNSTARTED_THREAD.matches(thread, state)) {
      return SelfOwnedTasks.ownsItsWork(taskArgument((MethodInvocationTree) thread, state), state)
              || factoryOwnsThread((MethodInvocationTree) thread, state)
              || costsOnlyTheTrace(taskArgument((MethodInvocationTree) thread, state), state)
          ? Description.NO_MATCH
          : describeUnownedStart(tree, taskArgument((MethodInvocationTree) thread, state), state).build();
    }
    if (thread instanceof IdentifierTree identifier) {
      Symbol symbol = ASTHelpers.getSymbol(identifier);
      TreePath scope = LocalUses.enclosingMember(state);
      if (scope == null
          || !createdHere(symbol, scope, state)
          || ThreadHandles.isJoinedOrKept(symbol, scope)
          || ThreadHandles.isDaemon(symbol, scope)
          || ThreadHandles.setsHandler(symbol, scope)
          || costsOnlyTheTrace(localThreadTask(identifier, state), state)) {
        return Description.NO_MATCH;
      }
      return describeLocalThread(tree, identifier, state);
    }
    // Fields, getters, collection elements: the handle lives elsewhere.
    return Description.NO_MATCH;
  }

  private Description describeNewThread(MethodInvocationTree start, NewClassTree newThread, VisitorState state) {
    Description.Builder description =
        describeUnownedStart(start, FailureConsequences.threadTask(newThread, state), state);
    StatementTree statement = enclosingStatement(state);
    if (statement == null) {
      return description.build();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String threadType = SuggestedFixes.qualifyType(state, fix, "java.lang.Thread");
    String name = TaskScopes.freshName("thread", state);
    String indent = SourceLayout.indentOf(statement, state);
    String created = threadType + " " + name + " = " + state.getSourceForNode(newThread) + ";";
    Optional<SuggestedFix> keptAndJoinedAfterLoop =
        FanOutFixes.collectAndAwaitAfterLoop(
            TaskScopes.pathOf(statement, state),
            "thread",
            threadType,
            threads -> SourceLayout.lines(indent, created, name + ".start();", threads + ".add(" + name + ");"),
            joinWhereInterruptionIsHandled(state),
            fix,
            state);
    Optional<SuggestedFix> keptAndJoinedAtEnd =
        keptAndJoinedAfterLoop.isPresent()
            ? keptAndJoinedAfterLoop
            : LaterAwaits.holdAndAwaitAtEnd(
                TaskScopes.pathOf(statement, state),
                "thread",
                thread ->
                    SourceLayout.lines(
                        indent,
                        threadType + " " + thread + " = " + state.getSourceForNode(newThread) + ";",
                        thread + ".start();"),
                joinWhereInterruptionIsHandled(state),
                fix,
                state);
    if (keptAndJoinedAtEnd.isPresent()) {
      description.addFix(keptAndJoinedAtEnd.get());
    } else if (CheckedExceptions.isHandled(TaskScopes.INTERRUPTED, state)
        && !WaitHazards.mayDeadlock(TaskScopes.pathOf(statement, state), statement, state)) {
      String keptAndJoined = SourceLayout.lines(indent, created, name + ".start();", name + ".join();");
      TreePath statementPath = TaskScopes.pathOf(statement, state);
      // Beside another start in the block, whose own fix may declare the same name, in a block of its own.
      boolean ownBlock =
          statementPath.getParentPath().getLeaf() instanceof BlockTree block
              && block.getStatements().stream()
                  .anyMatch(other -> other != statement && TaskScopes.countWorkStarts(other) > 0);
      description.addFix(
          fix.replace(
                  statement,
                  ownBlock
                      ? "{\n" + indent + "  " + keptAndJoined.replace("\n", "\n  ") + "\n" + indent + "}"
                      : SourceLayout.asStatement(keptAndJoined, statementPath))
              .build());
    }
    if (TaskScopes.corralAvailable(state)) {
      TaskScopes.forkInGroup(statement, runnableOf(newThread, state), state).ifPresent(description::addFix);
    }
    return description.build();
  }

  private Description describeLocalThread(
      MethodInvocationTree start, IdentifierTree thread, VisitorState state) {
    Description.Builder description = describeUnownedStart(start, localThreadTask(thread, state), state);
    StatementTree statement = enclosingStatement(state);
    if (statement == null) {
      return description.build();
    }
    Optional<SuggestedFix> joinedAtEnd =
        LaterAwaits.awaitAtEndOnly(
            TaskScopes.pathOf(statement, state),
            thread.getName().toString(),
            joinWhereInterruptionIsHandled(state),
            state);
    if (joinedAtEnd.isPresent()) {
      description.addFix(joinedAtEnd.get());
    } else if (CheckedExceptions.isHandled(TaskScopes.INTERRUPTED, state)
        && !WaitHazards.mayDeadlock(TaskScopes.pathOf(statement, state), statement, state)) {
      String startedAndJoined =
          SourceLayout.lines(
              SourceLayout.indentOf(statement, state),
              state.getSourceForNode(statement),
              thread.getName() + ".join();");
      description.addFix(
          SuggestedFix.replace(
              statement, SourceLayout.asStatement(startedAndJoined, TaskScopes.pathOf(statement, state))));
    }
    if (TaskScopes.corralAvailable(state)) {
      TaskScopes.forkInGroup(statement, thread, state).ifPresent(description::addFix);
    }
    return description.build();
  }

  /** {@code Thread.startVirtualThread(r)} and {@code Thread.Builder.start(r)}, which return the started thread. */
  private Description matchStartedThread(MethodInvocationTree tree, VisitorState state) {
    if (ExecutorExemptions.insideExecutor(state)
        || SelfOwnedTasks.ownsItsWork(taskArgument(tree, state), state)
        || ThreadHandles.builtAsDaemon(tree)
        || ThreadFactories.gives(ASTHelpers.getReceiver(tree), ThreadFactories.Setting.HANDLER, state)
        || costsOnlyTheTrace(taskArgument(tree, state), state)) {
      return Description.NO_MATCH;
    }
    TreePath parentPath = LocalUses.skipParentheses(state.getPath().getParentPath());
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    TreePath scope = LocalUses.enclosingMember(state);
    // Every fix waits for the thread, which deadlocks in a static initializer (see StaticInitializers).
    boolean mayWait =
        !StaticInitializers.runsDuringClassInitialization(state.getPath())
            && !AsynchronousMethods.runsIn(state.getPath());
    if (parent instanceof ExpressionStatementTree statement) {
      Description.Builder description = describeUnownedStart(tree, taskArgument(tree, state), state);
      if (!mayWait) {
        return description.build();
      }
      SuggestedFix.Builder fix = SuggestedFix.builder();
      String threadType = SuggestedFixes.qualifyType(state, fix, "java.lang.Thread");
      String started = state.getSourceForNode(tree);
      Optional<SuggestedFix> joinedAfterLoop =
          FanOutFixes.collectAndAwaitAfterLoop(
              parentPath,
              "thread",
              threadType,
              threads -> threads + ".add(" + started + ");",
              joinWhereInterruptionIsHandled(state),
              fix,
              state);
      Optional<SuggestedFix> joinedLater =
          joinedAfterLoop.isPresent()
              ? joinedAfterLoop
              : LaterAwaits.holdAndAwaitAtEnd(
                  parentPath,
                  "thread",
                  thread -> threadType + " " + thread + " = " + started + ";",
                  joinWhereInterruptionIsHandled(state),
                  fix,
                  state);
      if (joinedLater.isPresent()) {
        description.addFix(joinedLater.get());
      } else if (CheckedExceptions.isHandled(TaskScopes.INTERRUPTED, state)
          && !WaitHazards.mayDeadlock(parentPath, statement, state)) {
        description.addFix(SuggestedFix.postfixWith(tree, ".join()"));
      }
      if (TaskScopes.corralAvailable(state) && tree.getArguments().size() == 1) {
        TaskScopes.forkInGroup(statement, tree.getArguments().get(0), state).ifPresent(description::addFix);
      }
      return description.build();
    }
    Symbol local = assignedLocal(parent);
    if (local == null || scope == null || ThreadHandles.isJoinedOrKept(local, scope)) {
      // Returned, passed on, stored in a field, or used at once (e.g. joined in the same expression).
      return Description.NO_MATCH;
    }
    Description.Builder description = describeUnownedStart(tree, taskArgument(tree, state), state);
    if (mayWait
        && parent instanceof VariableTree declaration
        && parentPath.getParentPath().getLeaf() instanceof BlockTree
        && CheckedExceptions.isHandled(TaskScopes.INTERRUPTED, state)
        && !WaitHazards.mayDeadlock(parentPath, declaration, state)) {
      description.addFix(
          SuggestedFix.postfixWith(
              declaration, "\n" + SourceLayout.indentOf(declaration, state) + local.getSimpleName() + ".join();"));
    }
    return description.build();
  }

  /** {@code thread.join()} after the loop, where its {@code InterruptedException} is handled. */
  private static FanOutFixes.Awaiter joinWhereInterruptionIsHandled(VisitorState state) {
    return (thread, after, unused) ->
        Optional.of(thread + ".join()")
            .filter(join -> CheckedExceptions.isHandled(TaskScopes.INTERRUPTED, state.withPath(after)));
  }

  private Description.Builder describeUnownedStart(
      MethodInvocationTree tree, @Nullable ExpressionTree task, VisitorState state) {
    return buildDescription(tree)
        .setMessage(
            "This thread is started and then neither joined nor kept: nobody waits for it and an exception"
                + " it throws only reaches the default uncaught-exception handler"
                + skippedClause(task, state)
                + "; join it or fork the work into a TaskGroup");
  }

  /**
   * {@code ", and `ready.complete(null)` never runs"}: the hand-back to the starter that a failure of the task
   * skips ({@link FailureConsequences#skippedHandBack}), where it is one short line; else nothing.
   */
  private static String skippedClause(@Nullable ExpressionTree task, VisitorState state) {
    Tree handBack = FailureConsequences.skippedHandBack(task, state);
    if (handBack instanceof VariableTree pool && FailureConsequences.isPoolWait(pool, state)) {
      return ", and closing `" + pool.getName() + "` returns as if it had done its work";
    }
    if (!(handBack instanceof MethodInvocationTree) && !(handBack instanceof AssignmentTree)) {
      return "";
    }
    String text = handBack.toString();
    if (text.length() > 80 || text.contains("\n")) {
      return "";
    }
    return FailureConsequences.isPoolWait(handBack, state)
        ? ", and `" + text + "` returns as if it had done its work"
        : ", and `" + text + "` never runs";
  }

  /** The work of a local thread, from what it was created with ({@link #createdHere}). */
  private static @Nullable ExpressionTree localThreadTask(IdentifierTree thread, VisitorState state) {
    TreePath scope = LocalUses.enclosingMember(state);
    ExpressionTree created = scope == null ? null : initializerOf(ASTHelpers.getSymbol(thread), scope);
    return switch (created) {
      case NewClassTree newThread -> FailureConsequences.threadTask(newThread, state);
      case MethodInvocationTree factory when NEW_UNSTARTED_THREAD.matches(factory, state) ->
          taskArgument(factory, state);
      case null, default -> null;
    };
  }

  /**
   * Whether {@code symbol} is a local declared with a new, not yet started thread ({@code new Thread(...)}, a
   * {@code ThreadFactory} or {@code Thread.Builder.unstarted}); a local copied from a field or parameter refers to
   * a thread somebody else holds.
   */
  private static boolean createdHere(@Nullable Symbol symbol, TreePath scope, VisitorState state) {
    if (!LocalUses.isLocal(symbol)) {
      return false;
    }
    ExpressionTree created = initializerOf(symbol, scope);
    if (created == null) {
      return false;
    }
    if (created instanceof NewClassTree newThread) {
      return !ownsItsWork(newThread, state);
    }
    return NEW_UNSTARTED_THREAD.matches(created, state)
        && !SelfOwnedTasks.ownsItsWork(taskArgument((MethodInvocationTree) created, state), state)
        && !factoryOwnsThread((MethodInvocationTree) created, state);
  }

  /** The value a local is declared with, without parentheses; null without a declaration or an initializer. */
  private static @Nullable ExpressionTree initializerOf(Symbol local, TreePath scope) {
    TreePath declaration = LocalUses.declarationOf(local, scope);
    return declaration != null
            && declaration.getLeaf() instanceof VariableTree variable
            && variable.getInitializer() != null
        ? ASTHelpers.stripParentheses(variable.getInitializer())
        : null;
  }

  /**
   * Whether the factory or builder that makes the thread ({@code factory.newThread(r)}, {@code
   * builder.unstarted(r)}) makes daemons, which nobody waits for by design, or installs an uncaught-exception
   * handler, so the thread reports its own failure ({@link ThreadFactories}).
   */
  private static boolean factoryOwnsThread(MethodInvocationTree newThread, VisitorState state) {
    ExpressionTree factory = ASTHelpers.getReceiver(newThread);
    return ThreadFactories.gives(factory, ThreadFactories.Setting.DAEMON, state)
        || ThreadFactories.gives(factory, ThreadFactories.Setting.HANDLER, state);
  }

  /** The local variable a value is stored into by {@code parent}, a declaration or an assignment. */
  private static @Nullable Symbol assignedLocal(@Nullable Tree parent) {
    Symbol symbol =
        switch (parent) {
          case VariableTree declaration -> ASTHelpers.getSymbol(declaration);
          case AssignmentTree assignment -> ASTHelpers.getSymbol(assignment.getVariable());
          case null, default -> null;
        };
    return LocalUses.isLocal(symbol) ? symbol : null;
  }

  /** Whether the work of {@code new Thread(...)} has an owner of its own ({@link SelfOwnedTasks}). */
  private static boolean ownsItsWork(NewClassTree newThread, VisitorState state) {
    if (SelfOwnedTasks.ownsItsWork(newThread, state) || ThreadHandles.installsOwnHandler(newThread, state)) {
      return true;
    }
    Type runnable = ClasspathTypes.find("java.lang.Runnable", state);
    return runnable != null
        && newThread.getArguments().stream()
            .anyMatch(
                argument ->
                    ASTHelpers.getType(argument) != null
                        && ClasspathTypes.isA(ASTHelpers.getType(argument), runnable, state)
                        && (SelfOwnedTasks.ownsItsWork(argument, state)
                            // new Thread(futureTask).start(); .. futureTask.get(): the future is the handle.
                            || ExecutorExemptions.isKeptFutureTask(argument, state)));
  }

  /**
   * The work a thread-making call is given: its last {@code Runnable} argument ({@code newThread(r, "name")} takes
   * the task first), or its last argument when none is typed as one.
   */
  private static @Nullable ExpressionTree taskArgument(MethodInvocationTree call, VisitorState state) {
    List<? extends ExpressionTree> arguments = call.getArguments();
    Type runnable = ClasspathTypes.find("java.lang.Runnable", state);
    for (int i = arguments.size() - 1; i >= 0 && runnable != null; i--) {
      Type type = ASTHelpers.getType(arguments.get(i));
      if (type != null && ClasspathTypes.isA(type, runnable, state)) {
        return arguments.get(i);
      }
    }
    return arguments.isEmpty() ? null : arguments.get(arguments.size() - 1);
  }

  /** The work a {@code new Thread(...)} runs: its {@code Runnable} argument, or the thread object itself. */
  private static String runnableOf(NewClassTree newThread, VisitorState state) {
    MethodSymbol constructor = ASTHelpers.getSymbol(newThread);
    Type runnable = ClasspathTypes.find("java.lang.Runnable", state);
    boolean plainThread =
        newThread.getClassBody() == null
            && constructor != null
            && constructor.owner.getQualifiedName().contentEquals("java.lang.Thread");
    if (plainThread && runnable != null) {
      List<? extends ExpressionTree> arguments = newThread.getArguments();
      for (ExpressionTree argument : arguments) {
        Type type = ASTHelpers.getType(argument);
        if (type != null && ClasspathTypes.isA(type, runnable, state)) {
          return state.getSourceForNode(argument);
        }
      }
    }
    return state.getSourceForNode(newThread);
  }

  /**
   * The statement the call is, which every fix rewrites into one that waits for the work; null where waiting is
   * wrong: in a static initializer, work that touches the class would deadlock on its initialization; in a method
   * named for later work ({@link AsynchronousMethods}), its callers would wait.
   */
  private static @Nullable StatementTree enclosingStatement(VisitorState state) {
    TreePath parent = state.getPath().getParentPath();
    return parent != null
            && parent.getLeaf() instanceof ExpressionStatementTree statement
            // Not a for loop's initializer or update, where only expressions may stand.
            && !(parent.getParentPath().getLeaf() instanceof ForLoopTree)
            && !StaticInitializers.runsDuringClassInitialization(parent)
            // importAsync(..) { new Thread(..).start(); }: waiting would make its callers wait.
            && !AsynchronousMethods.runsIn(parent)
        ? statement
        : null;
  }
}
