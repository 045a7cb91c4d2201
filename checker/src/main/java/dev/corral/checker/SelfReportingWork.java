package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Recognises work that handles its own failure: a body that is a {@code try} catching everything
 * it may throw ({@code Throwable}, {@code Exception}, or {@code RuntimeException} when it declares
 * no checked exception) whose handler does not rethrow, or that only calls a method of the same
 * build whose body is such a {@code try}. The future of such work carries no failure worth
 * observing.
 *
 * <p>Work that only completes futures ({@code schedule(() -> result.completeExceptionally(new
 * TimeoutException()), ..)}, the usual timeout guard) cannot fail either: completing a future
 * does not throw, and its dependents' failures stay in their own futures.
 *
 * <p>Before the {@code try}, a guarded body may set up (locals, log lines, early-return guards) and, after it,
 * attach callbacks to futures ({@code try { f = start(); } catch (Throwable t) { fail(t); return; }
 * f.whenComplete(..);}): neither can throw in ways a reviewer would add an owner for.
 */
final class SelfReportingWork {
  /** Attaching a callback to a future: it runs later, so it cannot fail the work now. */
  private static final Matcher<ExpressionTree> CALLBACK =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletionStage")
              .namedAnyOf("whenComplete", "whenCompleteAsync", "handle", "handleAsync"),
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

  /** Calls that wake waiters or publish a flag; they cannot fail in a way worth an owner. */
  private static final Matcher<ExpressionTree> SIGNALS =
      anyOf(
          instanceMethod().anyClass().namedAnyOf("notify", "notifyAll").withNoParameters(),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.locks.Condition")
              .namedAnyOf("signal", "signalAll"),
          instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("countDown"),
          instanceMethod().onDescendantOf("java.util.concurrent.Semaphore").named("release"),
          instanceMethod().onDescendantOfAny(AtomicTypes.SCALARS).namedAnyOf("set", "lazySet"));

  private SelfReportingWork() {}

  static boolean isSelfReporting(LambdaExpressionTree lambda, VisitorState state) {
    if (lambda.getBody() instanceof BlockTree body) {
      return isGuarded(body, declaresCheckedExceptions(lambda, state), state)
          || (body.getStatements().size() == 1
              && body.getStatements().get(0) instanceof ExpressionStatementTree statement
              && callsSelfReportingMethod(statement.getExpression(), state))
          || onlyCompletesFutures(body, state);
    }
    return callsSelfReportingMethod(lambda.getBody(), state)
        || completesAFuture(lambda.getBody(), state);
  }

  private static boolean onlyCompletesFutures(BlockTree body, VisitorState state) {
    return !body.getStatements().isEmpty()
        && body.getStatements().stream().allMatch(statement -> onlySignals(statement, state));
  }

  /**
   * A statement that only completes futures or wakes waiters: {@code f.complete(v)}, {@code latch.countDown()},
   * {@code done.set(true)}, or a {@code synchronized} block of such statements ({@code synchronized (this) {
   * notified = true; notifyAll(); }}, the usual monitor signal, which cannot fail while the monitor is held). Their
   * arguments call no method, and an assignment's value neither.
   */
  private static boolean onlySignals(StatementTree statement, VisitorState state) {
    if (statement instanceof SynchronizedTree block) {
      return block.getBlock().getStatements().stream().allMatch(inner -> onlySignals(inner, state));
    }
    if (!(statement instanceof ExpressionStatementTree expression)) {
      return false;
    }
    Tree value = expression.getExpression();
    if (value instanceof AssignmentTree assignment) {
      return !OwnBody.contains(assignment.getExpression(), Tree.Kind.METHOD_INVOCATION)
          && !OwnBody.contains(assignment.getExpression(), Tree.Kind.NEW_CLASS);
    }
    return completesAFuture(value, state)
        || (value instanceof MethodInvocationTree call
            && SIGNALS.matches(call, state)
            && call.getArguments().stream()
                .noneMatch(argument -> OwnBody.contains(argument, Tree.Kind.METHOD_INVOCATION)));
  }

  /**
   * {@code f.completeExceptionally(new TimeoutException("..."))}: a completing call whose arguments
   * run no code but an exception's constructor.
   */
  private static boolean completesAFuture(Tree expression, VisitorState state) {
    return expression instanceof MethodInvocationTree call
        && COMPLETES_A_FUTURE.matches(call, state)
        && call.getArguments().stream()
            .noneMatch(argument -> OwnBody.contains(argument, Tree.Kind.METHOD_INVOCATION));
  }

  /** {@code executor.submit(this::poll)}: whether the referenced method is self-reporting. */
  static boolean isSelfReporting(MemberReferenceTree reference, VisitorState state) {
    return isSelfReportingMethod(ASTHelpers.getSymbol(reference), state);
  }

  private static boolean callsSelfReportingMethod(Tree expression, VisitorState state) {
    return expression instanceof MethodInvocationTree call
        && isSelfReportingMethod(ASTHelpers.getSymbol((Tree) call), state);
  }

  private static boolean isSelfReportingMethod(Symbol method, VisitorState state) {
    MethodTree declaration = SourceTrees.methodWithBody(method, state);
    // A guard may delegate to another self-reporting method; a method already being read (recursion) is not one.
    Set<Symbol> reading = METHODS_BEING_READ.get();
    if (declaration == null || !reading.add(method)) {
      return false;
    }
    try {
      return isGuarded(declaration.getBody(), !declaration.getThrows().isEmpty(), state)
          && !BuildIndex.of(state).isOverridden((Symbol.MethodSymbol) method, state);
    } finally {
      reading.remove(method);
    }
  }

  /** The methods {@link #isSelfReportingMethod} is reading on this (javac's) thread. */
  private static final ThreadLocal<Set<Symbol>> METHODS_BEING_READ =
      ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

  /** How many same-build factory calls a task value is followed through ({@code getRunnableToSchedule(task)}). */
  private static final int MAX_FACTORY_DEPTH = 2;

  /**
   * Whether {@code task}, an argument of the call that starts work, is a task that reports its own failure, read
   * from where the value comes from:
   *
   * <ul>
   *   <li>a variable, field or {@code this} typed as a class of the same build whose own {@code run()} or {@code
   *       call()} is such a {@code try}, and no class of the build overrides it: whatever object it holds runs
   *       that body ({@code schedule(this.refresher, ..)}, {@code submit(this)});
   *   <li>a local that is assigned once, or a private or final field of a class of this file, every value of
   *       which is such a task ({@code Runnable r = getRunnableToSchedule(task); schedule(r, ..)}, {@code
   *       this.runnable = new MetricsRunnable();} in a constructor);
   *   <li>a call of a same-build method (that nothing in the build overrides) every {@code return} of which is
   *       such a task ({@code return new DelegatingErrorHandlingRunnable(task, handler);}), two calls deep;
   *   <li>a lambda, method reference or {@code new X(..)} that is self-reporting, or a conditional of two.
   * </ul>
   */
  static boolean isSelfReportingTaskValue(ExpressionTree task, VisitorState state) {
    return isSelfReportingTaskValue(task, state, MAX_FACTORY_DEPTH);
  }

  private static boolean isSelfReportingTaskValue(
      @Nullable ExpressionTree task, VisitorState state, int depth) {
    if (task == null) {
      return false;
    }
    ExpressionTree value = ASTHelpers.stripParentheses(task);
    if (value instanceof TypeCastTree cast) {
      return isSelfReportingTaskValue(cast.getExpression(), state, depth);
    }
    if (value instanceof ConditionalExpressionTree conditional) {
      return isSelfReportingTaskValue(conditional.getTrueExpression(), state, depth)
          && isSelfReportingTaskValue(conditional.getFalseExpression(), state, depth);
    }
    if (value instanceof LambdaExpressionTree lambda) {
      return isSelfReporting(lambda, state);
    }
    if (value instanceof MemberReferenceTree reference) {
      return isSelfReporting(reference, state);
    }
    if (value instanceof NewClassTree newTask) {
      return isTaskType(ASTHelpers.getType(newTask), state) && isSelfReportingTask(newTask, state);
    }
    if (value instanceof MethodInvocationTree call) {
      return depth > 0 && factoryReturnsSelfReportingTasks(call, state, depth - 1);
    }
    if (!(value instanceof IdentifierTree || value instanceof MemberSelectTree)) {
      return false;
    }
    if (isTypedAsSelfReportingTask(value, state)) {
      return true;
    }
    // Only a declared class type: a primitive's or an array's type symbol has no members to read.
    if (!(ASTHelpers.getType(value) instanceof Type type)
        || type.getKind() != TypeKind.DECLARED
        || !isTaskType(type, state)
        || !(ASTHelpers.getSymbol(value) instanceof Symbol.VarSymbol variable)) {
      return false;
    }
    if (variable.getKind() == ElementKind.PARAMETER) {
      return depth > 0 && everyCallerPassesSelfReportingTask(variable, state, depth - 1);
    }
    List<ExpressionTree> values = valuesOf(variable, state);
    return !values.isEmpty()
        && values.stream().allMatch(v -> isSelfReportingTaskValue(v, state, depth));
  }

  /**
   * {@code private void submitToExecutor(Runnable command) { executor.submit(command); }}: a parameter of a private
   * method (only its own file calls it) that every call in the build fills with a self-reporting task. A method
   * with no call, or used as a method reference, gets no such credit.
   */
  private static boolean everyCallerPassesSelfReportingTask(
      Symbol.VarSymbol parameter, VisitorState state, int depth) {
    if (!(parameter.owner instanceof Symbol.MethodSymbol method)
        || !method.isPrivate()
        || method.isVarArgs()) {
      return false;
    }
    int index = method.getParameters().indexOf(parameter);
    List<TreePath> calls = BuildIndex.of(state).callsOf(method, state);
    if (index < 0 || calls == null || calls.isEmpty()) {
      return false;
    }
    for (TreePath callPath : calls) {
      if (!(callPath.getLeaf() instanceof MethodInvocationTree call)
          || index >= call.getArguments().size()
          || !isSelfReportingTaskValue(
              call.getArguments().get(index), state.withPath(callPath), depth)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTaskType(@Nullable Type type, VisitorState state) {
    return FutureTypes.isSubtypeOf(type, "java.lang.Runnable", state)
        || FutureTypes.isSubtypeOf(type, "java.util.concurrent.Callable", state);
  }

  private static boolean isTypedAsSelfReportingTask(ExpressionTree value, VisitorState state) {
    // Only a declared class type: a primitive's or an array's type symbol has no members to read.
    if (!(ASTHelpers.getType(value) instanceof Type type)
        || type.getKind() != TypeKind.DECLARED
        || !(type.tsym instanceof Symbol.ClassSymbol taskClass)
        || taskClass.isInterface()
        || !isTaskType(type, state)) {
      return false;
    }
    for (Symbol member : taskClass.members().getSymbols()) {
      if (member instanceof Symbol.MethodSymbol method
          && method.getParameters().isEmpty()
          && (method.getSimpleName().contentEquals("run")
              || method.getSimpleName().contentEquals("call"))
          && isSelfReportingMethod(method, state)) {
        return true;
      }
    }
    return false;
  }

  /** Every {@code return} of the same-build method {@code call} names hands back a self-reporting task. */
  private static boolean factoryReturnsSelfReportingTasks(
      MethodInvocationTree call, VisitorState state, int depth) {
    if (!(ASTHelpers.getSymbol((Tree) call) instanceof Symbol.MethodSymbol factory)
        || !isTaskType(factory.getReturnType(), state)) {
      return false;
    }
    TreePath declaration = SourceTrees.methodPathWithBody(factory, state);
    if (declaration == null || BuildIndex.of(state).isOverridden(factory, state)) {
      return false;
    }
    return OwnBody.everyReturn(
        declaration, (value, path) -> isSelfReportingTaskValue(value, state.withPath(path), depth));
  }

  /**
   * The values a variable can hold, when the code at hand shows all of them: a local's initializer when nothing
   * assigns it again; for a private or final field, its initializer and every assignment to it in its top-level
   * class (no other code can assign it, a final field not even there). Empty when unknown.
   */
  private static List<ExpressionTree> valuesOf(Symbol.VarSymbol variable, VisitorState state) {
    Tree scope;
    if (variable.getKind() == ElementKind.LOCAL_VARIABLE) {
      scope = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    } else if (variable.getKind() == ElementKind.FIELD
        && (variable.getModifiers().contains(Modifier.PRIVATE)
            || variable.getModifiers().contains(Modifier.FINAL))
        && variable.owner instanceof Symbol.ClassSymbol owner
        && SourceTrees.classDeclaration(owner.outermostClass(), state) instanceof ClassTree top) {
      scope = top;
    } else {
      return List.of();
    }
    if (scope == null) {
      return List.of();
    }
    List<ExpressionTree> values = new ArrayList<>();
    boolean[] unknown = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (ASTHelpers.getSymbol(declaration) == variable && declaration.getInitializer() != null) {
          values.add(declaration.getInitializer());
        }
        return super.visitVariable(declaration, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (ASTHelpers.getSymbol(assignment.getVariable()) == variable) {
          if (variable.getKind() == ElementKind.LOCAL_VARIABLE) {
            unknown[0] = true; // a local assigned again: which value reaches the call is a flow question
          } else {
            values.add(assignment.getExpression());
          }
        }
        return super.visitAssignment(assignment, unused);
      }
    }.scan(scope, null);
    return unknown[0] ? List.of() : values;
  }

  /**
   * Whether {@code newTask} ({@code new ScheduledExecution(callback)}, or an anonymous class)
   * creates a task whose class, compiled in the same build, has a {@code run()} or {@code call()}
   * whose body is such a {@code try}.
   */
  static boolean isSelfReportingTask(NewClassTree newTask, VisitorState state) {
    ClassTree type = newTask.getClassBody();
    if (type == null) {
      Symbol constructor = ASTHelpers.getSymbol(newTask);
      type = SourceTrees.classDeclaration(constructor == null ? null : constructor.enclClass(), state);
      if (type == null) {
        return false;
      }
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && (method.getName().contentEquals("run") || method.getName().contentEquals("call"))
          && method.getBody() != null
          && isGuarded(method.getBody(), !method.getThrows().isEmpty(), state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGuarded(BlockTree body, boolean checkedAllowed, VisitorState state) {
    StatementTree guard = null;
    for (StatementTree statement : body.getStatements()) {
      if (guard == null
          && (statement instanceof TryTree
              || statement instanceof IfTree
              || statement instanceof ExpressionStatementTree)
          && isGuard(statement, checkedAllowed, state)) {
        guard = statement;
      } else if (guard == null
          ? !isSetUp(statement, state)
          : !(attachesCallback(statement, state) || returnsWithoutWork(statement))) {
        return false;
      }
    }
    return guard != null;
  }

  /**
   * A {@code try} that catches everything, or an {@code if} each branch of which is guarded or only logs ({@code
   * if (lock.tryAcquire()) { try { publish(); } catch (Throwable t) { log(t); } } else { log("skipped"); }}).
   */
  private static boolean isGuard(StatementTree statement, boolean checkedAllowed, VisitorState state) {
    if (statement instanceof TryTree tryTree) {
      return catchesEverything(tryTree, checkedAllowed, state) || finallyDiscardsFailures(tryTree);
    }
    if (statement instanceof ExpressionStatementTree expression) {
      // runLoop(); where runLoop's own body is the guarding try.
      return callsSelfReportingMethod(expression.getExpression(), state);
    }
    if (!(statement instanceof IfTree branches)) {
      return false;
    }
    boolean guarded = false;
    for (StatementTree branch : Arrays.asList(branches.getThenStatement(), branches.getElseStatement())) {
      if (branch == null || onlyLogs(branch, state)) {
        continue;
      }
      BlockTree block = branch instanceof BlockTree b ? b : null;
      if (block == null || !isGuarded(block, checkedAllowed, state)) {
        return false;
      }
      guarded = true;
    }
    return guarded;
  }

  private static boolean onlyLogs(StatementTree branch, VisitorState state) {
    return branch instanceof BlockTree block
        ? block.getStatements().stream().allMatch(statement -> LogStatements.isLogging(statement, state))
        : LogStatements.isLogging(branch, state);
  }

  /**
   * What may come before the guarding {@code try}: a local ({@code RequestContext old = ctx.set(this);}), a log
   * line, or an early-return guard ({@code if (closed) return;}). Each can throw only in ways a reviewer would not
   * add an owner for.
   */
  private static boolean isSetUp(StatementTree statement, VisitorState state) {
    if (statement instanceof BlockTree block) {
      return block.getStatements().stream().allMatch(inner -> isSetUp(inner, state));
    }
    if (statement instanceof IfTree choice) {
      // if (closed) { log.debug(..); return; }, or if (quiet) { level = DEBUG; } else { level = INFO; }
      return choice.getElseStatement() == null
          ? logsThenReturns(choice.getThenStatement(), state) || isSetUp(choice.getThenStatement(), state)
          : isSetUp(choice.getThenStatement(), state) && isSetUp(choice.getElseStatement(), state);
    }
    return statement instanceof VariableTree
        || assigns(statement)
        || LogStatements.isLogging(statement, state)
        || onlySignals(statement, state);
  }

  /** {@code { log.debug("skipped"); return; }}: log lines, then a {@code return} that runs no code. */
  private static boolean logsThenReturns(StatementTree statement, VisitorState state) {
    if (returnsOnly(statement)) {
      return true;
    }
    if (!(statement instanceof BlockTree block) || block.getStatements().isEmpty()) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    StatementTree last = statements.get(statements.size() - 1);
    return returnsWithoutWork(last)
        && statements.subList(0, statements.size() - 1).stream()
            .allMatch(inner -> LogStatements.isLogging(inner, state));
  }

  /**
   * {@code this.startedAt = clock.wallTime();}, {@code attempts++;}: an assignment, read like a local with an
   * initializer.
   */
  private static boolean assigns(StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression
        && (expression.getExpression() instanceof AssignmentTree
            || expression.getExpression() instanceof CompoundAssignmentTree
            || expression.getExpression() instanceof UnaryTree);
  }

  private static boolean returnsOnly(StatementTree statement) {
    return statement instanceof ReturnTree
        || (statement instanceof BlockTree block
            && block.getStatements().size() == 1
            && block.getStatements().get(0) instanceof ReturnTree);
  }

  /** {@code return null;}, {@code return result;} after the guard: a jump that runs no code. */
  private static boolean returnsWithoutWork(StatementTree statement) {
    return statement instanceof ReturnTree returned
        && (returned.getExpression() == null
            || !(OwnBody.contains(returned.getExpression(), Tree.Kind.METHOD_INVOCATION)
                || OwnBody.contains(returned.getExpression(), Tree.Kind.NEW_CLASS)));
  }

  private static boolean attachesCallback(StatementTree statement, VisitorState state) {
    return statement instanceof ExpressionStatementTree expression
        && CALLBACK.matches(expression.getExpression(), state);
  }

  /**
   * {@code try { .. } finally { ..; return null; }}: a {@code finally} that ends with a jump out of the body (and
   * throws nothing) discards whatever the {@code try} and its handlers threw, so the work's future always
   * succeeds.
   */
  private static boolean finallyDiscardsFailures(TryTree tryTree) {
    BlockTree finallyBlock = tryTree.getFinallyBlock();
    return finallyBlock != null
        && OwnBody.contains(finallyBlock, Tree.Kind.RETURN)
        && !OwnBody.contains(finallyBlock, Tree.Kind.THROW)
        && !Reachability.canCompleteNormally(finallyBlock);
  }

  private static boolean catchesEverything(
      TryTree tryTree, boolean checkedAllowed, VisitorState state) {
    for (CatchTree catchTree : tryTree.getCatches()) {
      Type caught = ASTHelpers.getType(catchTree.getParameter());
      if (catchesEverything(caught, checkedAllowed, state) && !rethrows(catchTree.getBlock())) {
        return true;
      }
    }
    return false;
  }

  private static boolean catchesEverything(
      Type caught, boolean checkedAllowed, VisitorState state) {
    if (caught == null) {
      return false;
    }
    if (ASTHelpers.isSameType(caught, state.getSymtab().throwableType, state)
        || ASTHelpers.isSameType(caught, state.getSymtab().exceptionType, state)) {
      return true;
    }
    return !checkedAllowed
        && ASTHelpers.isSameType(caught, state.getSymtab().runtimeExceptionType, state);
  }

  private static boolean declaresCheckedExceptions(
      LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    if (type == null || type.isErroneous() || !state.getTypes().isFunctionalInterface(type)) {
      return true;
    }
    return !state.getTypes().findDescriptorType(type).getThrownTypes().isEmpty();
  }

  private static boolean rethrows(BlockTree handler) {
    return OwnBody.contains(handler, Tree.Kind.THROW);
  }
}
