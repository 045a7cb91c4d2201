package dev.corral.checker;


import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * LeakedFuture's reading of submitted work that handles its own failure, so its future carries no failure worth
 * observing. The body itself is judged by {@link FailureCoverage} (with {@link FailureCoverage.Handling#FUTURE}: a
 * handler that does not rethrow keeps the failure out of the future); this class follows the task value to the
 * body that runs: a lambda, a method reference, {@code new X(..)}, a variable or field, a factory call.
 *
 * <p>Work that only completes futures ({@code schedule(() -> result.completeExceptionally(new
 * TimeoutException()), ..)}, the usual timeout guard) or signals cannot fail either: completing a future does not
 * throw, and its dependents' failures stay in their own futures.
 */
final class SelfReportingWork {
  private static final FailureCoverage.Handling FUTURE = FailureCoverage.Handling.FUTURE;

  private SelfReportingWork() {}

  /**
   * How the work is run: once, or again and again. One-shot work that handles its checked failures ({@link
   * HandledFailures}) loses only that run to an unexpected error; repeating work loses every later run.
   */
  enum Schedule {
    ONE_SHOT,
    /** Periodic, or not known: read strictly. */
    REPEATING
  }

  /**
   * How {@code call} runs its task: {@code scheduleAtFixedRate}, {@code scheduleWithFixedDelay} and any method named
   * for a period or a repetition, or with a {@code period} or {@code interval} parameter, repeat it.
   */
  static Schedule scheduleOf(MethodInvocationTree call) {
    if (!(ASTHelpers.getSymbol(call) instanceof Symbol.MethodSymbol method)) {
      return Schedule.REPEATING;
    }
    String name = method.getSimpleName().toString().toLowerCase(Locale.ROOT);
    boolean repeats =
        REPEATING_NAMES.stream().anyMatch(name::contains)
            || method.getParameters().stream()
                .map(parameter -> parameter.getSimpleName().toString().toLowerCase(Locale.ROOT))
                .anyMatch(parameter -> parameter.contains("period") || parameter.contains("interval"));
    return repeats ? Schedule.REPEATING : Schedule.ONE_SHOT;
  }

  private static final List<String> REPEATING_NAMES = List.of("fixedrate", "fixeddelay", "periodic", "repeat");

  /** One-shot work without checked exceptions of its own that handles those its calls announce. */
  private static boolean handlesItsFailuresOnce(
      Tree body, boolean declaresChecked, Schedule schedule, VisitorState state) {
    return schedule == Schedule.ONE_SHOT && !declaresChecked && HandledFailures.handlesThem(body, state);
  }

  static boolean isSelfReporting(LambdaExpressionTree lambda, VisitorState state, Schedule schedule) {
    if (handlesItsFailuresOnce(
        lambda.getBody(), FailureCoverage.declaresCheckedExceptions(lambda, state), schedule, state)) {
      return true;
    }
    if (lambda.getBody() instanceof BlockTree body) {
      return FailureCoverage.lambdaReports(lambda, FUTURE, state)
          || FailureCoverage.cannotFail(body, FUTURE, state);
    }
    return FailureCoverage.lambdaReports(lambda, FUTURE, state)
        || (lambda.getBody() instanceof ExpressionTree body
            && FailureCoverage.cannotFail(body, FUTURE, state));
  }

  /** {@code executor.submit(this::poll)}: whether the referenced method is self-reporting. */
  static boolean isSelfReporting(MemberReferenceTree reference, VisitorState state, Schedule schedule) {
    return isSelfReportingMethod(ASTHelpers.getSymbol(reference), state, schedule);
  }

  private static boolean isSelfReportingMethod(Symbol method, VisitorState state, Schedule schedule) {
    if (method instanceof Symbol.MethodSymbol declared
        && SourceTrees.methodWithBody(declared, state) instanceof MethodTree declaration
        && !FailureCoverage.isReplaceable(declared, state)
        && handlesItsFailuresOnce(declaration.getBody(), !declaration.getThrows().isEmpty(), schedule, state)) {
      return true;
    }
    return FailureCoverage.methodReports(method, FUTURE, state)
        || FailureCoverage.methodCannotFail(method, FUTURE, state);
  }

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
  static boolean isSelfReportingTaskValue(ExpressionTree task, VisitorState state, Schedule schedule) {
    return isSelfReportingTaskValue(task, state, MAX_FACTORY_DEPTH, schedule);
  }

  private static boolean isSelfReportingTaskValue(
      @Nullable ExpressionTree task, VisitorState state, int depth, Schedule schedule) {
    if (task == null) {
      return false;
    }
    ExpressionTree value = ASTHelpers.stripParentheses(task);
    if (value instanceof TypeCastTree cast) {
      return isSelfReportingTaskValue(cast.getExpression(), state, depth, schedule);
    }
    if (value instanceof ConditionalExpressionTree conditional) {
      return isSelfReportingTaskValue(conditional.getTrueExpression(), state, depth, schedule)
          && isSelfReportingTaskValue(conditional.getFalseExpression(), state, depth, schedule);
    }
    if (value instanceof LambdaExpressionTree lambda) {
      return isSelfReporting(lambda, state, schedule);
    }
    if (value instanceof MemberReferenceTree reference) {
      return isSelfReporting(reference, state, schedule);
    }
    if (value instanceof NewClassTree newTask) {
      return isWorkType(ASTHelpers.getType(newTask), state) && isSelfReportingTask(newTask, state, schedule);
    }
    if (value instanceof MethodInvocationTree call) {
      return depth > 0 && factoryReturnsSelfReportingTasks(call, state, depth - 1, schedule);
    }
    if (!(value instanceof IdentifierTree || value instanceof MemberSelectTree)) {
      return false;
    }
    if (isTypedAsSelfReportingTask(value, state, schedule)) {
      return true;
    }
    // Only a declared class type: a primitive's or an array's type symbol has no members to read.
    if (!(ASTHelpers.getType(value) instanceof Type type)
        || type.getKind() != TypeKind.DECLARED
        || !isWorkType(type, state)
        || !(ASTHelpers.getSymbol(value) instanceof Symbol.VarSymbol variable)) {
      return false;
    }
    if (variable.getKind() == ElementKind.PARAMETER) {
      return depth > 0 && everyCallerPassesSelfReportingTask(variable, state, depth - 1, schedule);
    }
    List<ExpressionTree> values = valuesOf(variable, state);
    return !values.isEmpty()
        && values.stream().allMatch(v -> isSelfReportingTaskValue(v, state, depth, schedule));
  }

  /**
   * {@code private void submitToExecutor(Runnable command) { executor.submit(command); }}: a parameter of a private
   * method (only its own file calls it) that every call in the build fills with a self-reporting task. A method
   * with no call, or used as a method reference, gets no such credit.
   */
  private static boolean everyCallerPassesSelfReportingTask(
      Symbol.VarSymbol parameter, VisitorState state, int depth, Schedule schedule) {
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
              call.getArguments().get(index), state.withPath(callPath), depth, schedule)) {
        return false;
      }
    }
    return true;
  }

  /** A {@code Runnable} or a {@code Callable}: something an executor runs. */
  static boolean isTaskType(@Nullable Type type, VisitorState state) {
    return FutureTypes.isSubtypeOf(type, "java.lang.Runnable", state)
        || FutureTypes.isSubtypeOf(type, "java.util.concurrent.Callable", state);
  }

  /**
   * A task type, or a class of another functional interface whose method takes no argument (Hadoop's {@code
   * CallableRaisingIOE}): read for the self-reporting credit only, since a submit helper of the build runs it.
   * Where a task type decides how a callee's future is read ({@link CalleeEvidence}), only {@link #isTaskType}
   * counts.
   */
  private static boolean isWorkType(@Nullable Type type, VisitorState state) {
    return isTaskType(type, state) || TaskImplementations.implementsOtherWork(type, state);
  }

  private static boolean isTypedAsSelfReportingTask(ExpressionTree value, VisitorState state, Schedule schedule) {
    // Only a declared class type: a primitive's or an array's type symbol has no members to read.
    if (!(ASTHelpers.getType(value) instanceof Type type)
        || type.getKind() != TypeKind.DECLARED
        || !(type.tsym instanceof Symbol.ClassSymbol taskClass)
        || !isWorkType(type, state)) {
      return false;
    }
    // An interface or abstract class of the build: whichever implementation it holds runs a body that reports.
    if (TaskImplementations.allReport(taskClass, state, method -> isSelfReportingMethod(method, state, schedule))) {
      return true;
    }
    if (taskClass.isInterface()) {
      return false;
    }
    // Declared or inherited: FixedRateMonitorTask.run() catches around the abstract run0() its subclasses fill.
    Symbol.MethodSymbol run = TaskImplementations.taskMethod(taskClass, state);
    return run != null && isSelfReportingMethod(run, state, schedule);
  }

  /** Every {@code return} of the same-build method {@code call} names hands back a self-reporting task. */
  private static boolean factoryReturnsSelfReportingTasks(
      MethodInvocationTree call, VisitorState state, int depth, Schedule schedule) {
    if (!(ASTHelpers.getSymbol((Tree) call) instanceof Symbol.MethodSymbol factory)
        || !isTaskType(factory.getReturnType(), state)) {
      return false;
    }
    TreePath declaration = SourceTrees.methodPathWithBody(factory, state);
    if (declaration == null || BuildIndex.of(state).isOverridden(factory, state)) {
      return false;
    }
    return OwnBody.everyReturn(
        declaration, (value, path) -> isSelfReportingTaskValue(value, state.withPath(path), depth, schedule));
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
        && SourceTrees.classDeclaration(SourceTrees.outermostClass(owner), state) instanceof ClassTree top) {
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
   * whose body is such a {@code try}; an anonymous subclass of a template that fills in its abstract
   * steps instead is judged by those steps ({@link TemplateTasks}).
   */
  static boolean isSelfReportingTask(NewClassTree newTask, VisitorState state, Schedule schedule) {
    ClassTree type = newTask.getClassBody();
    Symbol.ClassSymbol taskClass;
    if (type == null) {
      Symbol constructor = ASTHelpers.getSymbol(newTask);
      taskClass = constructor == null ? null : constructor.enclClass();
      type = SourceTrees.classDeclaration(taskClass, state);
      if (type == null) {
        return false;
      }
    } else {
      taskClass = ASTHelpers.getSymbol(type);
    }
    boolean declared = false;
    Set<String> workMethods = TaskImplementations.workMethodNames(ASTHelpers.getType(newTask), state);
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && workMethods.contains(method.getName().toString())
          && method.getBody() != null) {
        declared = true;
        if (reports(method, taskClass, state, schedule)) {
          return true;
        }
      }
    }
    if (declared || taskClass == null) {
      return false;
    }
    // new Template(..) { run0() { .. } }: the work is in the abstract steps the template's run() calls, as for
    // UnscopedTask (TemplateTasks), also when the template is a library's.
    List<MethodTree> steps =
        newTask.getClassBody() == null ? List.of() : TemplateTasks.abstractSteps(newTask.getClassBody(), state);
    if (!steps.isEmpty() && steps.stream().allMatch(step -> reports(step, taskClass, state, schedule))) {
      return true;
    }
    if (!(taskClass.getSuperclass().tsym instanceof Symbol.ClassSymbol parent)) {
      return false;
    }
    // The class is exactly this one, so the run() it inherits from a class of the build is the one that runs.
    return SourceTrees.methodWithBody(TaskImplementations.taskMethod(parent, state), state) instanceof MethodTree run
        && run.getBody() != null
        && reports(run, taskClass, state, schedule);
  }

  /** {@code method}'s body, run by a task whose class is exactly {@code taskClass}. */
  private static boolean reports(
      MethodTree method, Symbol.@Nullable ClassSymbol taskClass, VisitorState state, Schedule schedule) {
    if (handlesItsFailuresOnce(method.getBody(), !method.getThrows().isEmpty(), schedule, state)) {
      return true;
    }
    return FailureCoverage.reports(method.getBody(), !method.getThrows().isEmpty(), FUTURE, state, taskClass)
        || (method.getThrows().isEmpty() && FailureCoverage.cannotFail(method.getBody(), FUTURE, state));
  }
}
