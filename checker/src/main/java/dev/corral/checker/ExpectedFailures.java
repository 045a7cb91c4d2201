package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One-shot work that owns the failures its calls announce: the body is nothing but {@code try} statements (after
 * locals declared empty, {@code Socket sock = null;}, and log lines, {@code LOG.info(..);}, which may also follow
 * it; a {@code synchronized} block made of such statements counts as one) each of which catches a checked failure ({@code IOException},
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
  private ExpectedFailures() {}

  static boolean ownsThem(@Nullable BlockTree body, VisitorState state) {
    if (body == null) {
      return false;
    }
    boolean guarded = false;
    for (StatementTree statement : body.getStatements()) {
      if ((statement instanceof TryTree tryTree && reportsCheckedFailures(tryTree, state))
          || (statement instanceof SynchronizedTree lock && ownsThem(lock.getBlock(), state))) {
        guarded = true;
      } else if (!declaredEmpty(statement) && !LogStatements.isLogging(statement, state)) {
        return false;
      }
    }
    return guarded;
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
      catchesFailure |= caughtTypes(catchTree).stream().anyMatch(type -> isCheckedFailure(type, state));
    }
    return catchesFailure;
  }

  private static List<Type> caughtTypes(CatchTree catchTree) {
    Tree typeTree = catchTree.getParameter().getType();
    List<? extends Tree> alternatives =
        typeTree instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(typeTree);
    return alternatives.stream().map(ASTHelpers::getType).filter(type -> type != null).toList();
  }

  /** A checked exception other than {@code InterruptedException}, or {@code Exception}/{@code Throwable}. */
  private static boolean isCheckedFailure(Type caught, VisitorState state) {
    Type interrupted = state.getSymtab().interruptedExceptionType;
    Type runtime = state.getSymtab().runtimeExceptionType;
    Type error = state.getSymtab().errorType;
    return !ASTHelpers.isSubtype(caught, interrupted, state)
        && !ASTHelpers.isSubtype(caught, runtime, state)
        && !ASTHelpers.isSubtype(caught, error, state);
  }

  /** A catch that does something besides throwing: an empty catch or a bare rethrow reports nothing. */
  private static boolean reports(BlockTree handler) {
    return handler.getStatements().stream().anyMatch(statement -> !(statement instanceof ThrowTree));
  }
}
