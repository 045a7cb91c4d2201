package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * One-shot work that owns the failures its calls announce: the body is nothing but {@code try} statements (after
 * locals declared empty, {@code Socket sock = null;}, an early return, {@code if (canceled) return;}, a delay, {@code try { Thread.sleep(d); } catch
 * (InterruptedException ignored) {}}, and log lines, {@code LOG.info(..);}, which may also follow it; a {@code
 * synchronized} block made of such statements, or an {@code if} without {@code else} on a condition that only
 * reads state around them, counts as one) each of which catches a checked failure ({@code IOException},
 * not only {@code InterruptedException}) and reports it in every {@code catch} (logs, closes, calls {@code
 * onError}), e.g. a connection attempt that logs its {@code IOException} and closes the socket.
 *
 * <p>Where the line is: the author wrapped all of the work, decided what can fail and reported it; an unchecked
 * exception escaping such work is a programming error in what it calls, not a failure the work was meant to
 * report, and a reviewer would not add a scope for it. Not owners, and still flagged: a catch of {@code
 * InterruptedException} alone (that is cancellation, not a failure); an empty catch; work outside the {@code try};
 * and a loop (a service loop that catches only its checked exceptions dies silently on the first unchecked one and
 * the service stops for good).
 */
final class ExpectedFailures {
  private static final Matcher<ExpressionTree> SLEEP =
      anyOf(
          staticMethod().onClass("java.lang.Thread").named("sleep"),
          instanceMethod().onExactClass("java.util.concurrent.TimeUnit").named("sleep"));

  private static final Matcher<ExpressionTree> ATOMIC_READ =
      instanceMethod()
          .onDescendantOfAny(AtomicTypes.SCALARS)
          .named("get")
          .withNoParameters();

  private ExpectedFailures() {}

  static boolean ownsThem(@Nullable BlockTree body, VisitorState state) {
    if (body == null) {
      return false;
    }
    boolean guarded = false;
    for (StatementTree statement : body.getStatements()) {
      if ((statement instanceof TryTree tryTree && reportsCheckedFailures(tryTree, state))
          || (statement instanceof SynchronizedTree lock && ownsThem(lock.getBlock(), state))
          || guardedBranch(statement, state)) {
        guarded = true;
      } else if (!declaredEmpty(statement)
          && !LogStatements.isLogging(statement, state)
          && (guarded || !(isDelay(statement, state) || isEarlyReturn(statement)))) {
        return false;
      }
    }
    return guarded;
  }

  /**
   * A delay before the work: a {@code try} that only sleeps ({@code Thread.sleep}, {@code TimeUnit.sleep}) and
   * catches only {@code InterruptedException}, even silently. An interrupted delay only starts the work early; it
   * is not a failure of the work.
   */
  private static boolean isDelay(StatementTree statement, VisitorState state) {
    if (!(statement instanceof TryTree tryTree)
        || tryTree.getFinallyBlock() != null
        || !tryTree.getResources().isEmpty()
        || tryTree.getCatches().isEmpty()
        || tryTree.getBlock().getStatements().isEmpty()) {
      return false;
    }
    Type interrupted = state.getSymtab().interruptedExceptionType;
    return tryTree.getBlock().getStatements().stream().allMatch(inner -> sleepCall(inner) instanceof ExpressionTree call && SLEEP.matches(call, state))
        && tryTree.getCatches().stream()
            .allMatch(
                catchTree ->
                    FailureCoverage.caughtTypes(catchTree).stream()
                        .allMatch(type -> ASTHelpers.isSameType(type, interrupted, state)));
  }

  /**
   * {@code if (started.get()) { try { send(); } catch (IOException e) { onException(e); } }}: a test that only reads
   * state, with no {@code else}, around a block that owns its expected failures.
   */
  private static boolean guardedBranch(StatementTree statement, VisitorState state) {
    return statement instanceof IfTree branch
        && branch.getElseStatement() == null
        && readsOnly(branch.getCondition(), state)
        && branch.getThenStatement() instanceof BlockTree block
        && ownsThem(block, state);
  }

  /** A condition made of values already computed ({@link DeliveryTasks#isComputed}) or reads of atomics. */
  private static boolean readsOnly(ExpressionTree condition, VisitorState state) {
    ExpressionTree value = ASTHelpers.stripParentheses(condition);
    if (value instanceof BinaryTree binary) {
      return readsOnly(binary.getLeftOperand(), state) && readsOnly(binary.getRightOperand(), state);
    }
    if (value instanceof UnaryTree unary) {
      return readsOnly(unary.getExpression(), state);
    }
    return DeliveryTasks.isComputed(value) || ATOMIC_READ.matches(value, state);
  }

  /** {@code if (canceled) return;}: a guard on a value already computed that skips the work. */
  private static boolean isEarlyReturn(StatementTree statement) {
    if (!(statement instanceof IfTree guard)
        || guard.getElseStatement() != null
        || !DeliveryTasks.isComputed(guard.getCondition())) {
      return false;
    }
    StatementTree then = guard.getThenStatement();
    StatementTree only =
        then instanceof BlockTree block && block.getStatements().size() == 1 ? block.getStatements().get(0) : then;
    return only instanceof ReturnTree exit && exit.getExpression() == null;
  }

  private static @Nullable ExpressionTree sleepCall(StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression ? expression.getExpression() : null;
  }

  /** {@code Socket sock = null;} or {@code T result;}: a local the {@code try} below fills. */
  private static boolean declaredEmpty(StatementTree statement) {
    if (!(statement instanceof VariableTree local)) {
      return false;
    }
    ExpressionTree initializer = local.getInitializer();
    return initializer == null || ASTHelpers.stripParentheses(initializer) instanceof LiteralTree;
  }

  private static boolean reportsCheckedFailures(TryTree tryTree, VisitorState state) {
    boolean catchesFailure = false;
    for (CatchTree catchTree : tryTree.getCatches()) {
      if (!reports(catchTree.getBlock())) {
        return false;
      }
      catchesFailure |= FailureCoverage.caughtTypes(catchTree).stream().anyMatch(type -> isCheckedFailure(type, state));
    }
    return catchesFailure;
  }

  /** A checked exception other than {@code InterruptedException}, or {@code Exception}/{@code Throwable}. */
  static boolean isCheckedFailure(Type caught, VisitorState state) {
    Type interrupted = state.getSymtab().interruptedExceptionType;
    Type runtime = state.getSymtab().runtimeExceptionType;
    Type error = state.getSymtab().errorType;
    return !ClasspathTypes.isA(caught, interrupted, state)
        && !ClasspathTypes.isA(caught, runtime, state)
        && !ClasspathTypes.isA(caught, error, state);
  }

  /**
   * A catch that does something besides throwing: an empty catch or a bare rethrow ({@code throw e;}, {@code
   * Throwables.throwIfUnchecked(e); throw new RuntimeException(e);}) reports nothing.
   */
  private static boolean reports(BlockTree handler) {
    return handler.getStatements().stream().anyMatch(statement -> !FailureCoverage.rethrows(statement));
  }
}
