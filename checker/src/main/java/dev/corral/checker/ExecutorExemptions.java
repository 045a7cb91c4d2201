package dev.corral.checker;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Executor.execute} calls that are not unscoped work, because something other than the caller owns the
 * task by contract:
 *
 * <ul>
 *   <li>delegation: the call is inside a class (or lambda) that itself implements {@code Executor}; its own
 *       caller is the one who handed over the task;
 *   <li>event loops: Netty's {@code EventExecutor} and {@code EventExecutorGroup} (also relocated) run every task on its loop thread and reports failures
 *       itself; submitting to the loop is how Netty code hands work to the channel's owner;
 *   <li>direct executors: Guava's {@code MoreExecutors.directExecutor()} runs the task in the caller, so its
 *       exception reaches the caller;
 *   <li>dispatch executors: a receiver typed as a plain {@code Executor} (or another executor type that is not an
 *       {@code ExecutorService}: grpc's {@code SynchronizationContext}, serializing executors) is where some
 *       contract says callbacks run: a caller-supplied callback executor, a serializing context, an event loop,
 *       a direct executor. Only a pool with a lifecycle, an {@code ExecutorService}, offers a handle
 *       ({@code submit}) that {@code execute} throws away; a plain {@code Executor} local or field visibly
 *       created as such a pool ({@code Executor e = Executors.newFixedThreadPool(4)}) still counts as one;
 *   <li>tasks that own their work ({@link SelfOwnedTasks});
 *   <li>pools whose threads report: created in this file with a thread factory that installs an
 *       uncaught-exception handler, which a worker hands the task's exception to ({@link ThreadFactories}); not a
 *       {@code ScheduledExecutorService}, which keeps the exception in a future {@code execute} throws away;
 *   <li>executors that report their tasks' failures themselves ({@link ReportingExecutors}): jboss-threads'
 *       {@code EnhancedQueueExecutor} and XNIO's worker, and a {@code ThreadPoolExecutor} of the build or of a
 *       library (read from its class file) whose {@code afterExecute} reports the throwable, followed from the
 *       receiver to every value it can hold (field assignments, getters, factories).
 * </ul>
 */
final class ExecutorExemptions {
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";
  private static final Set<String> NETTY_EXECUTORS =
      Set.of("io.netty.util.concurrent.EventExecutor", "io.netty.util.concurrent.EventExecutorGroup");

  private static final Matcher<ExpressionTree> DIRECT_EXECUTOR =
      staticMethod()
          .onClass("com.google.common.util.concurrent.MoreExecutors")
          .named("directExecutor");

  private ExecutorExemptions() {}

  /** Whether the {@code execute} call at the state's path hands its task to an owner by contract. */
  static boolean isExempt(MethodInvocationTree execute, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(execute);
    return insideExecutor(state)
        || ownedByReceiver(receiver, state)
        || isDispatchExecutor(receiver, state)
        || SelfOwnedTasks.ownsItsWork(execute.getArguments().get(0), state)
        || deliversCallback(execute.getArguments().get(0), state)
        || isKeptFutureTask(execute.getArguments().get(0), state)
        || (receiver != null && ThreadFactories.poolThreadsReport(receiver, state))
        || ReportingExecutors.reportsTaskFailures(receiver, state);
  }

  /**
   * Whether the task only delivers callbacks ({@link DeliveryTasks}), also when it is a local every value of which
   * does ({@code Runnable notifier = new Runnable() { .. listener.onChange(..) .. }; pool.execute(notifier);}).
   */
  private static boolean deliversCallback(ExpressionTree task, VisitorState state) {
    ExpressionTree value = ASTHelpers.stripParentheses(task);
    return DeliveryTasks.deliversCallback(value, state)
        || TaskOrigins.allReport(value, state, origin -> DeliveryTasks.deliversCallback(origin, state));
  }

  /**
   * Whether the task is itself a {@code Future} ({@code FutureTask}, {@code RunnableFuture}) that somebody holds:
   * a field, or a local that is returned, stored, passed on or awaited besides being executed. The future is the
   * handle, so the work is owned like a submitted task (LeakedFuture judges that handle). Also for the task of a
   * started thread ({@code new Thread(futureTask).start()}).
   */
  static boolean isKeptFutureTask(ExpressionTree task, VisitorState state) {
    Type future = ClasspathTypes.find("java.util.concurrent.Future", state);
    ExpressionTree value = ASTHelpers.stripParentheses(task);
    Type type = ASTHelpers.getType(value);
    if (future == null || type == null || !ClasspathTypes.isA(type, future, state)) {
      return false;
    }
    Symbol symbol = ASTHelpers.getSymbol(value);
    if (symbol != null && symbol.getKind().isField()) {
      return true;
    }
    TreePath scope = LocalUses.enclosingMember(state);
    if (!(value instanceof IdentifierTree) || !LocalUses.isLocal(symbol) || scope == null) {
      return false;
    }
    for (TreePath use : LocalUses.usesOf(symbol, scope)) {
      if (use.getLeaf() == value) {
        continue;
      }
      MethodInvocationTree call = LocalUses.invokedOn(use);
      if (call != null) {
        Symbol method = ASTHelpers.getSymbol(call);
        if (method != null && method.getSimpleName().contentEquals("get")) {
          return true;
        }
        continue;
      }
      TreePath parent = LocalUses.skipParentheses(use.getParentPath());
      boolean overwritten =
          parent != null
              && parent.getLeaf() instanceof AssignmentTree assignment
              && ASTHelpers.stripParentheses(assignment.getVariable()) == use.getLeaf();
      if (!overwritten) {
        return true;
      }
    }
    return false;
  }

  /** Whether the current path is inside a class or lambda that implements {@code Executor}. */
  static boolean insideExecutor(VisitorState state) {
    Type executor = ClasspathTypes.find(EXECUTOR, state);
    if (executor == null) {
      return false;
    }
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (node instanceof ClassTree || node instanceof LambdaExpressionTree) {
        Type type = ASTHelpers.getType(node);
        if (type != null && ClasspathTypes.isA(type, executor, state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isDispatchExecutor(@Nullable ExpressionTree receiver, VisitorState state) {
    Type executorService = ClasspathTypes.find(EXECUTOR_SERVICE, state);
    Type receiverType = receiver == null ? null : ASTHelpers.getType(receiver);
    if (receiverType == null || executorService == null || ClasspathTypes.isA(receiverType, executorService, state)) {
      return false;
    }
    return !createdAsPool(ASTHelpers.getSymbol(receiver), state);
  }

  /** Whether the variable is declared in this file with a pool as its initializer. */
  private static boolean createdAsPool(@Nullable Symbol variable, VisitorState state) {
    if (variable == null || !(variable.getKind().isField() || LocalUses.isLocal(variable))) {
      return false;
    }
    TreePath declaration =
        LocalUses.declarationOf(variable, new TreePath(state.getPath().getCompilationUnit()));
    if (declaration == null
        || !(declaration.getLeaf() instanceof VariableTree tree)
        || tree.getInitializer() == null) {
      return false;
    }
    Type executorService = ClasspathTypes.find(EXECUTOR_SERVICE, state);
    Type initialized = ASTHelpers.getType(tree.getInitializer());
    return initialized != null && executorService != null && ClasspathTypes.isA(initialized, executorService, state);
  }

  private static boolean ownedByReceiver(ExpressionTree receiver, VisitorState state) {
    if (receiver == null) {
      return false;
    }
    if (DIRECT_EXECUTOR.matches(ASTHelpers.stripParentheses(receiver), state)) {
      return true;
    }
    // Compared by name: the Netty class is loaded only if the receiver's type hierarchy reaches it.
    Type receiverType = ASTHelpers.getType(receiver);
    return receiverType != null
        && state.getTypes().closure(receiverType).stream()
            .anyMatch(supertype -> supertype.tsym != null && isNettyExecutor(supertype.tsym.getQualifiedName().toString()));
  }

  /**
   * Netty's {@code EventExecutor} or {@code EventExecutorGroup} (event loops and their groups), also relocated
   * copies such as {@code org.apache.hbase.thirdparty.io.netty.util.concurrent.EventExecutor}.
   */
  static boolean isNettyExecutor(String qualifiedName) {
    String netty = NettyNames.unrelocated(qualifiedName);
    return netty != null && NETTY_EXECUTORS.contains(netty);
  }
}
