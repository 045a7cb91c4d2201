package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wait of a fix for work started in the middle of a block, moved to the block's end: {@code
 * pool.submit(task); go.countDown();} becomes {@code Future<?> future = pool.submit(task); go.countDown();
 * future.get();}. The statements after the start ran while the work ran, and still do; waiting where the work
 * starts would run them only after it, and deadlock where the work waits for one of them (a latch the block
 * counts down later, a queue it fills, a consumer thread fed by the loop after it).
 *
 * <p>Only where every way out of the block passes its end: the statements after the start contain no {@code
 * return}, {@code break}, {@code continue} or {@code yield} (outside nested lambdas and classes) except as the
 * block's last statement, before which the wait goes; a thrown exception still skips the wait, as it skipped the
 * code after it before. Where the start is the block's last statement, or the block starts other work (whose own
 * fix would declare a handle of the same name), the fix waits in place.
 */
final class LaterAwaits {
  private LaterAwaits() {}

  /**
   * The fix for the statement at {@code statementPath}: replaced by {@code start} (given the handle's fresh name,
   * the statements that start the work and keep its handle), with {@code awaitOf}'s statement at the block's end.
   * Empty where the statement is last in its block, or the block can be left before its end.
   */
  static Optional<SuggestedFix> holdAndAwaitAtEnd(
      TreePath statementPath,
      String handleName,
      Function<String, String> start,
      FanOutFixes.Awaiter awaitOf,
      SuggestedFix.Builder fix,
      VisitorState state) {
    String name = TaskScopes.freshName(handleName, state.withPath(statementPath));
    return awaitAtEnd(statementPath, name, awaitOf, fix, state)
        .map(awaited -> awaited.replace(statementPath.getLeaf(), start.apply(name)).build());
  }

  /**
   * The fix that adds {@code awaitOf}'s statement for the handle {@code name}, which the statement at {@code
   * statementPath} starts and which is in scope to the block's end, at that end; empty as above.
   */
  static Optional<SuggestedFix> awaitAtEndOnly(
      TreePath statementPath, String name, FanOutFixes.Awaiter awaitOf, VisitorState state) {
    return awaitAtEnd(statementPath, name, awaitOf, SuggestedFix.builder(), state)
        .map(SuggestedFix.Builder::build);
  }

  private static Optional<SuggestedFix.Builder> awaitAtEnd(
      TreePath statementPath,
      String name,
      FanOutFixes.Awaiter awaitOf,
      SuggestedFix.Builder fix,
      VisitorState state) {
    if (!(statementPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf((StatementTree) statementPath.getLeaf());
    int end = statements.size() - 1;
    StatementTree last = statements.get(end);
    if (isJump(last)) {
      end--;
    } else if (!Reachability.canCompleteNormally(last)) {
      return Optional.empty();
    }
    if (index < 0 || index >= end) {
      return Optional.empty();
    }
    for (StatementTree later : statements.subList(index + 1, end + 1)) {
      if (EarlyExits.canLeaveBlock(later)) {
        return Optional.empty();
      }
    }
    // Another start in the block would be another finding whose fix declares a handle of the same name and
    // waits at the same place: both fixes wait where the work starts instead.
    if (TaskScopes.othersStartWork(statements, statementPath.getLeaf(), state)
        || WaitHazards.mayDeadlock(statementPath.getParentPath(), statementPath.getLeaf(), state)) {
      return Optional.empty();
    }
    TreePath lastPath = new TreePath(statementPath.getParentPath(), last);
    Optional<String> await = awaitOf.await(name, lastPath, fix);
    if (await.isEmpty()) {
      return Optional.empty();
    }
    String indent = SourceLayout.indentOf(statementPath.getLeaf(), state);
    if (isJump(last)) {
      fix.prefixWith(last, await.get() + ";\n" + indent);
    } else {
      fix.postfixWith(last, "\n" + indent + await.get() + ";");
    }
    return Optional.of(fix);
  }

  /** A final jump the wait can go before: the block's normal ways out, not a {@code throw}. */
  private static boolean isJump(StatementTree statement) {
    return EarlyExits.isJump(statement) && !(statement instanceof ThrowTree);
  }
}
