package dev.corral.checker;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.YieldTree;

/**
 * Jumps that can leave code before its end, for fixes that wait after it (after a loop, at a block's end): code
 * that can be left that way would skip the wait. Jumps inside nested lambdas and classes leave only those.
 */
final class EarlyExits {
  private EarlyExits() {}

  /**
   * Whether {@code loop} holds a {@code return}, or a labelled {@code break} or {@code continue} (which may name an
   * outer loop).
   */
  static boolean canLeaveLoop(StatementTree loop) {
    return scan(loop, false);
  }

  /** Whether {@code statement} holds a {@code return}, {@code break}, {@code continue} or {@code yield}. */
  static boolean canLeaveBlock(StatementTree statement) {
    return scan(statement, true);
  }

  /** A statement that jumps: {@code return}, {@code throw}, {@code break}, {@code continue} or {@code yield}. */
  static boolean isJump(StatementTree statement) {
    return statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof BreakTree
        || statement instanceof ContinueTree
        || statement instanceof YieldTree;
  }

  private static boolean scan(StatementTree tree, boolean unlabelledJumpsLeave) {
    Boolean leaves =
        new OwnBody.Scanner<Boolean, Void>() {
          @Override
          public Boolean visitReturn(ReturnTree jump, Void unused) {
            return true;
          }

          @Override
          public Boolean visitYield(YieldTree jump, Void unused) {
            return unlabelledJumpsLeave;
          }

          @Override
          public Boolean visitBreak(BreakTree jump, Void unused) {
            return unlabelledJumpsLeave || jump.getLabel() != null;
          }

          @Override
          public Boolean visitContinue(ContinueTree jump, Void unused) {
            return unlabelledJumpsLeave || jump.getLabel() != null;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(leaves);
  }
}
