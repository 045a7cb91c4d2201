package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.corral.checker.ClassFiles.ClassFile;
import dev.corral.checker.ClassFiles.Member;
import dev.corral.checker.ClassFiles.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Executors that report the failure of the tasks given to them themselves, so a task is not work whose exception
 * nobody sees even when its future is dropped ({@code submit}, {@code schedule*}) or there is none ({@code execute}):
 *
 * <ul>
 *   <li>library executors whose task wrapper catches {@code Throwable} and hands it to a logging handler ({@link
 *       #LOGGING_LIBRARY_EXECUTORS}, read from their sources; {@code execute} only): jboss-threads 3.7's {@code
 *       EnhancedQueueExecutor} ({@code Task.run} catches {@code Throwable} and calls {@code
 *       exceptionHandler.uncaughtException}, by default {@code JBossExecutors.loggingExceptionHandler()}), and XNIO
 *       3.8's {@code XnioWorker}, whose {@code execute} goes to its task pool, by default such an executor;
 *   <li>a {@code ThreadPoolExecutor} subclass, of the build or of a library, whose {@code afterExecute(Runnable,
 *       Throwable)} reports (see {@link AfterExecuteReports}; a library's is read from its class file): a worker
 *       calls it after each task with what the task threw, so {@code execute} counts when the throwable reaches a
 *       report. A task given to {@code submit} or {@code schedule*}, and every task of a {@code
 *       ScheduledThreadPoolExecutor}, is wrapped in a future that keeps the exception and passes a null throwable;
 *       those count only when {@code afterExecute} reads the runnable as a future ({@code get()}) and reports the
 *       failure it catches, as the {@code ThreadPoolExecutor} Javadoc's example and Hadoop's {@code
 *       HadoopThreadPoolExecutor} do;
 *   <li>Spring's task schedulers, which wrap every task in a logging error handler ({@link SpringTaskSchedulers}).
 * </ul>
 *
 * <p>The receiver is followed to the values it can hold: its static type counts when it is such a class and no class
 * of the build overrides the {@code afterExecute} that runs; otherwise every value must report: a field's initializer
 * and every assignment to it in the build ({@code this.pool = ..} in {@code serviceInit}), a local's initializer and
 * assignments, both arms of a conditional, {@code new} of such a class, every {@code return} of a method of the build
 * (a getter, a factory), and a library's static factory whose bytecode creates only such executors and calls no other
 * method that returns an executor ({@code HadoopExecutors.newFixedThreadPool}, not {@code newSingleThreadExecutor},
 * which returns the JDK's). A parameter, a library's instance method, or a value the build never shows is unknown,
 * and unknown is "does not report". Everything is cached per compilation: per class, field and method.
 *
 * <p>Limits: a subclass that replaces {@code newTaskFor}, {@code decorateTask} or {@code execute} is not read; a
 * field assigned by code outside the build (a test, reflection) is judged by the build's assignments; XNIO's worker
 * may use a plain pool ({@code jboss.threads.eqe.disable}) or the application's; a call that is not a helper that
 * can be read is trusted to report what it is given.
 */
final class ReportingExecutors {
  /** Library executors whose {@code execute} logs a task's failure by default (see the class doc). */
  private static final List<String> LOGGING_LIBRARY_EXECUTORS =
      List.of("org.jboss.threads.EnhancedQueueExecutor", "org.xnio.XnioWorker");

  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  private static final String SCHEDULED_THREAD_POOL_EXECUTOR = "java.util.concurrent.ScheduledThreadPoolExecutor";
  private static final String AFTER_EXECUTE = "(Ljava/lang/Runnable;Ljava/lang/Throwable;)V";

  /** How many variables, calls and factories deep a receiver is followed. */
  private static final int MAX_DEPTH = 6;

  /** Calls that hand a task to an executor and return its future. */
  private static final Matcher<ExpressionTree> SUBMIT =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.ExecutorService").named("submit"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
              .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"));

  private static final Context.Key<Provenance> KEY = new Context.Key<>();

  /** Which of an executor's tasks have their failures reported: those of {@code execute}, those with a future. */
  record Reach(boolean executed, boolean submitted) {
    static final Reach NONE = new Reach(false, false);
    static final Reach ALL = new Reach(true, true);

    Reach and(Reach other) {
      return new Reach(executed && other.executed, submitted && other.submitted);
    }

    Reach or(Reach other) {
      return new Reach(executed || other.executed, submitted || other.submitted);
    }
  }

  private ReportingExecutors() {}

  /** Whether {@code receiver} of an {@code execute} call is an executor that reports its tasks' failures. */
  static boolean reportsTaskFailures(@Nullable ExpressionTree receiver, VisitorState state) {
    if (receiver == null) {
      return false;
    }
    Type type = ASTHelpers.getType(receiver);
    if (type != null && isLoggingLibraryExecutor(type, state)) {
      return true;
    }
    try {
      return provenance(state).reach(receiver, null, state.getPath(), 0).executed();
    } catch (RuntimeException | LinkageError e) {
      return false; // never break the build over an exemption
    }
  }

  /**
   * Whether {@code call} is a {@code submit} or {@code schedule*} whose executor reports the failure of the future
   * task it makes, so dropping the future loses nothing.
   */
  static boolean reportsSubmittedFailures(ExpressionTree call, VisitorState state) {
    if (SpringTaskSchedulers.logsTaskFailures(ASTHelpers.getSymbol(call))) {
      return true;
    }
    if (!(call instanceof MethodInvocationTree invocation)
        || !SUBMIT.matches(call, state)
        || ASTHelpers.getReceiver(invocation) == null) {
      return false;
    }
    try {
      return provenance(state).reach(ASTHelpers.getReceiver(invocation), null, state.getPath(), 0).submitted();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean isLoggingLibraryExecutor(Type type, VisitorState state) {
    return LOGGING_LIBRARY_EXECUTORS.stream()
        .anyMatch(name -> ClasspathTypes.isA(type, ClasspathTypes.find(name, state), state));
  }

  /** The class file of a library class, from this compilation's cache of the class files read (or null). */
  static @Nullable ClassFile classFile(ClassSymbol type, VisitorState state) {
    return provenance(state).reports.classFile(type);
  }

  private static Provenance provenance(VisitorState state) {
    Provenance provenance = state.context.get(KEY);
    if (provenance == null) {
      provenance = new Provenance(state);
      state.context.put(KEY, provenance);
    }
    return provenance;
  }

  /** The per-compilation caches, and the walk from an expression to the executors it can hold. */
  private static final class Provenance {
    /** The first state of the compilation: only its context, types and symbol table are used. */
    private final VisitorState state;
    private final AfterExecuteReports reports;
    private final Map<ClassSymbol, Reach> exactClasses = new IdentityHashMap<>();
    private final Map<ClassSymbol, Reach> staticTypes = new IdentityHashMap<>();
    private final Map<Symbol, Reach> fields = new IdentityHashMap<>();
    private final Map<Symbol, Reach> methods = new IdentityHashMap<>();
    private final Map<String, Reach> createdClasses = new HashMap<>();
    private final Set<Symbol> visiting = Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * The variables and methods met again while they were being followed. Such a cycle adds no new value (the
     * field's values are the ones being gathered), so it answers {@link Reach#ALL}; a result that relied on it is
     * cached only once the one it met is finished.
     */
    private final Set<Symbol> cycles = Collections.newSetFromMap(new IdentityHashMap<>());

    Provenance(VisitorState state) {
      this.state = state;
      this.reports = new AfterExecuteReports(state);
    }

    /**
     * What the executors {@code value} can hold report. Locals are resolved in {@code scope} (a path inside their
     * member), or, when null, in the path of {@code value} in {@code unit}.
     */
    Reach reach(ExpressionTree value, @Nullable CompilationUnitTree unit, @Nullable TreePath scope, int depth) {
      ExpressionTree expr = ASTHelpers.stripParentheses(value);
      if (depth > MAX_DEPTH) {
        return Reach.NONE;
      }
      Reach byType = staticType(ASTHelpers.getType(expr));
      if (byType.equals(Reach.ALL)) {
        return byType;
      }
      Reach byValue =
          switch (expr) {
            case NewClassTree created ->
                ASTHelpers.getType(created) != null && ASTHelpers.getType(created).tsym instanceof ClassSymbol type
                    ? exactClass(type)
                    : Reach.NONE;
            case ConditionalExpressionTree conditional ->
                reach(conditional.getTrueExpression(), unit, scope, depth + 1)
                    .and(reach(conditional.getFalseExpression(), unit, scope, depth + 1));
            case TypeCastTree cast -> reach(cast.getExpression(), unit, scope, depth + 1);
            case AssignmentTree assignment -> reach(assignment.getExpression(), unit, scope, depth + 1);
            case MethodInvocationTree call ->
                ASTHelpers.getSymbol(call) instanceof MethodSymbol method ? method(method, depth) : Reach.NONE;
            case IdentifierTree identifier -> variable(ASTHelpers.getSymbol(identifier), expr, unit, scope, depth);
            case MemberSelectTree select -> variable(ASTHelpers.getSymbol(select), expr, unit, scope, depth);
            default -> Reach.NONE;
          };
      return byType.or(byValue);
    }

    private Reach variable(
        @Nullable Symbol variable,
        ExpressionTree use,
        @Nullable CompilationUnitTree unit,
        @Nullable TreePath scope,
        int depth) {
      if (variable == null) {
        return Reach.NONE;
      }
      if (variable.getKind().isField()) {
        return field(variable, depth);
      }
      if (variable.getKind() == ElementKind.PARAMETER
          && variable.owner instanceof MethodSymbol constructor
          && constructor.isConstructor()) {
        return constructorArgument(variable, constructor, depth);
      }
      if (!LocalUses.isLocal(variable) || variable.getKind() == ElementKind.PARAMETER) {
        return Reach.NONE;
      }
      TreePath at = scope != null ? scope : unit == null ? null : TreePath.getPath(unit, use);
      TreePath member = at == null ? null : LocalUses.enclosingMember(at);
      if (member == null) {
        return Reach.NONE;
      }
      if (!visiting.add(variable)) {
        cycles.add(variable);
        return Reach.ALL;
      }
      try {
        TreePath declaration = LocalUses.declarationOf(variable, member);
        if (declaration == null || !(declaration.getLeaf() instanceof VariableTree tree)) {
          return Reach.NONE;
        }
        Reach result = Reach.ALL;
        boolean any = false;
        if (tree.getInitializer() != null && !isNull(tree.getInitializer())) {
          result = result.and(reach(tree.getInitializer(), null, member, depth + 1));
          any = true;
        }
        for (TreePath local : LocalUses.usesOf(variable, member)) {
          if (local.getParentPath().getLeaf() instanceof AssignmentTree assignment
              && assignment.getVariable() == local.getLeaf()
              && !isNull(assignment.getExpression())) {
            result = result.and(reach(assignment.getExpression(), null, member, depth + 1));
            any = true;
          }
        }
        return any ? result : Reach.NONE;
      } finally {
        visiting.remove(variable);
        cycles.remove(variable);
      }
    }

    /** Every value the build gives the field reports (cached per field); a {@code null} is no value. */
    private Reach field(Symbol field, int depth) {
      return everyValueReports(
          field,
          () -> BuildIndex.of(state).valuesOf(field, state).stream().filter(value -> !isNull(value.value())).toList(),
          depth);
    }

    /**
     * A constructor's parameter ({@code this.scheduler = scheduler;}): every construction of the build passes a
     * reporting executor for it ({@code new DelegatingTaskScheduler(loggingScheduler, workers)}, {@code
     * super(scheduler)}), cached per parameter. None found, or {@code C::new}, reports nothing.
     */
    private Reach constructorArgument(Symbol parameter, MethodSymbol constructor, int depth) {
      int index = constructor.getParameters().indexOf(parameter);
      if (index < 0 || (constructor.isVarArgs() && index == constructor.getParameters().size() - 1)) {
        return Reach.NONE;
      }
      return everyValueReports(parameter, () -> argumentsAt(constructor, index), depth);
    }

    /** The argument each construction of {@code constructor} passes at {@code index}; none if one passes none. */
    private List<BuildIndex.FieldValue> argumentsAt(MethodSymbol constructor, int index) {
      List<BuildIndex.FieldValue> constructions = BuildIndex.of(state).constructionsOf(constructor, state);
      List<BuildIndex.FieldValue> arguments = new ArrayList<>();
      for (BuildIndex.FieldValue construction : constructions == null ? List.<BuildIndex.FieldValue>of() : constructions) {
        List<? extends ExpressionTree> passed =
            construction.value() instanceof NewClassTree created
                ? created.getArguments()
                : ((MethodInvocationTree) construction.value()).getArguments();
        if (index >= passed.size()) {
          return List.of();
        }
        arguments.add(new BuildIndex.FieldValue(construction.unit(), passed.get(index)));
      }
      return arguments;
    }

    /**
     * Every one of the values a field or parameter is given reports; none given reports nothing. Cached per variable
     * once no cycle is open; a variable met again while its values are read answers {@link Reach#ALL}.
     */
    private Reach everyValueReports(Symbol variable, Supplier<List<BuildIndex.FieldValue>> values, int depth) {
      Reach known = fields.get(variable);
      if (known != null) {
        return known;
      }
      if (!visiting.add(variable)) {
        cycles.add(variable);
        return Reach.ALL;
      }
      Reach result = Reach.ALL;
      boolean any = false;
      try {
        for (BuildIndex.FieldValue value : values.get()) {
          result = result.and(reach(value.value(), value.unit(), null, depth + 1));
          any = true;
          if (result.equals(Reach.NONE)) {
            break;
          }
        }
      } finally {
        visiting.remove(variable);
      }
      Reach reach = any ? result : Reach.NONE;
      finish(variable, reach, fields);
      return reach;
    }

    /** Every {@code return} of a build method reports, or a library's static factory makes only reporting pools. */
    private Reach method(MethodSymbol method, int depth) {
      Reach known = methods.get(method);
      if (known != null) {
        return known;
      }
      if (!visiting.add(method)) {
        cycles.add(method);
        return Reach.ALL;
      }
      Reach reach;
      try {
        TreePath declaration = SourceTrees.methodPathWithBody(method, state);
        if (declaration != null) {
          boolean fixed =
              method.isStatic()
                  || method.isPrivate()
                  || (method.flags() & Flags.FINAL) != 0
                  || !BuildIndex.of(state).isOverridden(method, state);
          Reach[] result = {Reach.ALL};
          boolean returns =
              fixed
                  && OwnBody.everyReturn(
                      declaration,
                      (returned, path) -> {
                        if (returned != null && !isNull(returned)) {
                          result[0] = result[0].and(reach(returned, null, path, depth + 1));
                        }
                        return true;
                      });
          reach = returns ? result[0] : Reach.NONE;
        } else {
          reach = libraryFactory(method);
        }
      } finally {
        visiting.remove(method);
      }
      finish(method, reach, methods);
      return reach;
    }

    /** Caches {@code reach} unless it relied on a cycle through a symbol still being followed. */
    private void finish(Symbol symbol, Reach reach, Map<Symbol, Reach> cache) {
      cycles.remove(symbol);
      if (cycles.isEmpty()) {
        cache.put(symbol, reach);
      }
    }

    /**
     * A library's static (or otherwise fixed) method whose bytecode creates at least one executor, only executors
     * that report, and calls no other method that returns an executor.
     */
    private Reach libraryFactory(MethodSymbol method) {
      if (!(method.owner instanceof ClassSymbol owner)
          || !(method.isStatic()
              || method.isPrivate()
              || (method.flags() & Flags.FINAL) != 0
              || (owner.flags() & Flags.FINAL) != 0)
          || AfterExecuteReports.isPlatform(owner.flatName().toString().replace('.', '/'))) {
        return Reach.NONE;
      }
      String descriptor = Descriptors.of(method, state);
      ClassFile file = descriptor == null ? null : reports.classFile(owner);
      Method code = file == null ? null : file.method(method.getSimpleName().toString(), descriptor);
      if (code == null || !code.hasCode()) {
        return Reach.NONE;
      }
      Reach[] result = {Reach.ALL};
      boolean[] created = {false};
      BytecodeFlow.walk(
          file,
          code,
          new int[0],
          new BytecodeFlow.Calls() {
            @Override
            public int call(int opcode, Member callee, int receiver, int[] arguments) {
              String returned = ClassFiles.returnClass(callee.descriptor());
              if (!callee.name().equals("<init>") && returned != null && isExecutor(returned)) {
                result[0] = Reach.NONE;
              }
              return 0;
            }

            @Override
            public void created(String internal) {
              if (isExecutor(internal)) {
                created[0] = true;
                result[0] = result[0].and(createdClass(internal));
              }
            }
          });
      return created[0] ? result[0] : Reach.NONE;
    }

    private Reach createdClass(String internal) {
      Reach known = createdClasses.get(internal);
      if (known == null) {
        Type type = ClasspathTypes.find(internal.replace('/', '.').replace('$', '.'), state);
        known = type != null && type.tsym instanceof ClassSymbol created ? exactClass(created) : Reach.NONE;
        createdClasses.put(internal, known);
      }
      return known;
    }

    private boolean isExecutor(String internal) {
      if (AfterExecuteReports.isPlatform(internal) && !internal.startsWith("java/util/concurrent/")) {
        return false;
      }
      Type type = ClasspathTypes.find(internal.replace('/', '.').replace('$', '.'), state);
      return type != null && ClasspathTypes.isA(type, ClasspathTypes.find(EXECUTOR, state), state);
    }

    /**
     * A static type reports when the {@code afterExecute} that runs for it reports and no class of the build
     * overrides it (a value of a subclass could run another).
     */
    private Reach staticType(@Nullable Type type) {
      if (type == null || !(type.tsym instanceof ClassSymbol symbol) || symbol.isInterface()) {
        return Reach.NONE;
      }
      Reach known = staticTypes.get(symbol);
      if (known == null) {
        MethodSymbol afterExecute = effectiveAfterExecute(symbol);
        known =
            afterExecute == null || BuildIndex.of(state).isOverridden(afterExecute, state)
                ? Reach.NONE
                : exactClass(symbol);
        staticTypes.put(symbol, known);
      }
      return known;
    }

    /** What an instance of exactly {@code type} reports (cached per class). */
    private Reach exactClass(ClassSymbol type) {
      Reach known = exactClasses.get(type);
      if (known != null) {
        return known;
      }
      Reach reach = Reach.NONE;
      MethodSymbol afterExecute = effectiveAfterExecute(type);
      AfterExecuteReports.Facts facts = afterExecute == null ? null : reports.of(afterExecute);
      if (facts != null) {
        boolean futures = facts.reportsFutureFailure();
        reach =
            isA(type, SCHEDULED_THREAD_POOL_EXECUTOR)
                ? new Reach(futures, futures)
                : new Reach(facts.reportsThrowable(), futures);
      }
      exactClasses.put(type, reach);
      return reach;
    }

    /** The {@code afterExecute} that runs: the nearest declaration from the class up to {@code ThreadPoolExecutor}. */
    private @Nullable MethodSymbol effectiveAfterExecute(ClassSymbol type) {
      if (!isA(type, THREAD_POOL_EXECUTOR)) {
        return null;
      }
      for (ClassSymbol owner = type; owner != null; owner = superclass(owner)) {
        String name = owner.getQualifiedName().toString();
        if (name.equals(THREAD_POOL_EXECUTOR) || name.equals(SCHEDULED_THREAD_POOL_EXECUTOR)) {
          return null;
        }
        MethodSymbol afterExecute = afterExecuteOf(owner);
        if (afterExecute != null) {
          return afterExecute;
        }
      }
      return null;
    }

    private boolean isA(ClassSymbol type, String name) {
      return ClasspathTypes.isA(type.type, ClasspathTypes.find(name, state), state);
    }

    private static @Nullable ClassSymbol superclass(ClassSymbol owner) {
      Type superclass = owner.getSuperclass();
      return superclass != null && superclass.tsym instanceof ClassSymbol parent ? parent : null;
    }

    private @Nullable MethodSymbol afterExecuteOf(ClassSymbol owner) {
      if (owner.members() == null) {
        return null;
      }
      for (Symbol member : owner.members().getSymbolsByName(owner.name.table.fromString("afterExecute"))) {
        if (member instanceof MethodSymbol method
            && !method.isStatic()
            && AFTER_EXECUTE.equals(Descriptors.of(method, state))) {
          return method;
        }
      }
      return null;
    }

    private static boolean isNull(Tree value) {
      return ASTHelpers.stripParentheses((ExpressionTree) value).getKind() == Tree.Kind.NULL_LITERAL;
    }
  }
}
