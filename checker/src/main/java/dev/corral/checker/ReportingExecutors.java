package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Executors that report the failure of a task given to {@code execute} themselves, so the task is not unowned work
 * whose exception only the default uncaught-exception handler sees:
 *
 * <ul>
 *   <li>library executors whose task wrapper catches {@code Throwable} and hands it to a logging handler ({@link
 *       #LOGGING_LIBRARY_EXECUTORS}, read from their sources): jboss-threads 3.7's {@code EnhancedQueueExecutor}
 *       ({@code Task.run} catches {@code Throwable} and calls {@code exceptionHandler.uncaughtException}, by
 *       default {@code JBossExecutors.loggingExceptionHandler()}, logger {@code org.jboss.threads.errors}), and
 *       XNIO 3.8's {@code XnioWorker}, whose {@code execute} goes to its task pool, by default such an {@code
 *       EnhancedQueueExecutor} (Undertow's worker);
 *   <li>a {@code ThreadPoolExecutor} subclass compiled in this build (not a {@code ScheduledThreadPoolExecutor},
 *       which wraps every task in a future and so passes {@code afterExecute} a null throwable) whose {@code
 *       afterExecute(Runnable, Throwable)} hands the throwable to a call other than {@code super.afterExecute}
 *       (a log line, an error handler): a worker calls it with the exception the task threw. The receiver counts
 *       when its static type is such a class, or it is a field whose initializer creates one.
 * </ul>
 *
 * <p>Limits: XNIO's worker uses a plain {@code ThreadPoolExecutor} when {@code
 * jboss.threads.eqe.disable} is set, or the executor the application gave it; a custom {@code
 * EnhancedQueueExecutor} exception handler is trusted to report. The {@code afterExecute} body is trusted to
 * report what it passes on, whatever the callee does with it.
 */
final class ReportingExecutors {
  /** Library executors whose {@code execute} logs a task's failure by default (see the class doc). */
  private static final List<String> LOGGING_LIBRARY_EXECUTORS =
      List.of("org.jboss.threads.EnhancedQueueExecutor", "org.xnio.XnioWorker");

  private static final String THREAD_POOL_EXECUTOR = "java.util.concurrent.ThreadPoolExecutor";
  private static final String SCHEDULED_THREAD_POOL_EXECUTOR = "java.util.concurrent.ScheduledThreadPoolExecutor";

  private ReportingExecutors() {}

  /** Whether {@code receiver} of an {@code execute} call is an executor that reports its tasks' failures. */
  static boolean reportsTaskFailures(@Nullable ExpressionTree receiver, VisitorState state) {
    if (receiver == null) {
      return false;
    }
    Type type = ASTHelpers.getType(receiver);
    if (type != null && (isLoggingLibraryExecutor(type, state) || isReportingPool(type, state))) {
      return true;
    }
    Type created = initializerType(ASTHelpers.stripParentheses(receiver), state);
    return created != null && (isLoggingLibraryExecutor(created, state) || isReportingPool(created, state));
  }

  private static boolean isLoggingLibraryExecutor(Type type, VisitorState state) {
    return LOGGING_LIBRARY_EXECUTORS.stream()
        .anyMatch(name -> ClasspathTypes.isA(type, ClasspathTypes.find(name, state), state));
  }

  /** A same-build {@code ThreadPoolExecutor} subclass whose {@code afterExecute} reports the throwable. */
  private static boolean isReportingPool(Type type, VisitorState state) {
    if (!ClasspathTypes.isA(type, ClasspathTypes.find(THREAD_POOL_EXECUTOR, state), state)
        || ClasspathTypes.isA(type, ClasspathTypes.find(SCHEDULED_THREAD_POOL_EXECUTOR, state), state)
        || !(type.tsym instanceof ClassSymbol start)) {
      return false;
    }
    // The afterExecute that runs: the nearest declaration from the receiver's class up to ThreadPoolExecutor.
    for (ClassSymbol owner = start; owner != null; owner = superclass(owner)) {
      if (owner.getQualifiedName().contentEquals(THREAD_POOL_EXECUTOR)) {
        return false;
      }
      MethodSymbol afterExecute = afterExecuteOf(owner);
      if (afterExecute != null) {
        MethodTree declaration = SourceTrees.methodWithBody(afterExecute, state);
        return declaration != null
            && !BuildIndex.of(state).isOverridden(afterExecute, state)
            && passesOnThrowable(declaration);
      }
    }
    return false;
  }

  private static @Nullable ClassSymbol superclass(ClassSymbol owner) {
    Type superclass = owner.getSuperclass();
    return superclass != null && superclass.tsym instanceof ClassSymbol parent ? parent : null;
  }

  private static @Nullable MethodSymbol afterExecuteOf(ClassSymbol owner) {
    if (owner.members() == null) {
      return null;
    }
    for (Symbol member : owner.members().getSymbolsByName(owner.name.table.fromString("afterExecute"))) {
      if (member instanceof MethodSymbol method && method.getParameters().size() == 2) {
        return method;
      }
    }
    return null;
  }

  /** The body passes its {@code Throwable} parameter to a call other than {@code super.afterExecute(..)}. */
  private static boolean passesOnThrowable(MethodTree declaration) {
    if (declaration.getBody() == null || declaration.getParameters().size() != 2) {
      return false;
    }
    Symbol throwable = ASTHelpers.getSymbol(declaration.getParameters().get(1));
    if (throwable == null) {
      return false;
    }
    Boolean found =
        declaration
            .getBody()
            .accept(
                new TreeScanner<Boolean, Void>() {
                  @Override
                  public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
                    boolean superCall =
                        call.getMethodSelect() instanceof MemberSelectTree select
                            && select.getExpression() instanceof IdentifierTree id
                            && id.getName().contentEquals("super");
                    if (!superCall
                        && call.getArguments().stream()
                            .anyMatch(argument -> ASTHelpers.getSymbol(argument) == throwable)) {
                      return true;
                    }
                    return Boolean.TRUE.equals(super.visitMethodInvocation(call, unused));
                  }

                  @Override
                  public Boolean reduce(Boolean a, Boolean b) {
                    return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
                  }
                },
                null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * The type of the {@code new} that initializes a field declared in the build ({@code private final
   * ExecutorService pool = new LoggingPool(..)}), read from its class's member list; locals are not followed.
   */
  private static @Nullable Type initializerType(ExpressionTree receiver, VisitorState state) {
    Symbol variable = ASTHelpers.getSymbol(receiver);
    if (variable == null
        || !variable.getKind().isField()
        || !(variable.owner instanceof ClassSymbol owner)
        || !(SourceTrees.classDeclaration(owner, state) instanceof ClassTree declaration)) {
      return null;
    }
    for (Tree member : declaration.getMembers()) {
      if (member instanceof VariableTree field
          && ASTHelpers.getSymbol(field) == variable
          && field.getInitializer() != null
          && field.getInitializer().getKind() == Tree.Kind.NEW_CLASS) {
        return ASTHelpers.getType(field.getInitializer());
      }
    }
    return null;
  }
}
