package dev.corral.checker;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Name;

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

  /**
   * The {@code break} and {@code continue} statements in the statement at {@code statementPath} that leave it: an
   * unlabelled one not inside a loop (or, for {@code break}, a {@code switch}) nested in it, a labelled one whose
   * label is not declared in it.
   */
  static List<TreePath> jumpsOutOf(TreePath statementPath) {
    List<TreePath> jumps = new ArrayList<>();
    Set<Name> labels = new HashSet<>();
    Tree root = statementPath.getLeaf();
    new OwnBody.PathScanner<Void, Void>() {
      // scan(TreePath) visits the root without scan(Tree): a loop or switch statement given itself counts here.
      private int loops = FanOutFixes.isLoop(root) ? 1 : 0;
      private int switches = root instanceof SwitchTree ? 1 : 0;

      @Override
      public Void visitLabeledStatement(LabeledStatementTree labeled, Void unused) {
        labels.add(labeled.getLabel());
        return super.visitLabeledStatement(labeled, unused);
      }

      @Override
      public Void scan(Tree tree, Void unused) {
        boolean loop = FanOutFixes.isLoop(tree);
        boolean choice = tree instanceof SwitchTree || tree instanceof SwitchExpressionTree;
        loops += loop ? 1 : 0;
        switches += choice ? 1 : 0;
        try {
          return super.scan(tree, unused);
        } finally {
          loops -= loop ? 1 : 0;
          switches -= choice ? 1 : 0;
        }
      }

      @Override
      public Void visitBreak(BreakTree jump, Void unused) {
        if (jump.getLabel() != null ? !labels.contains(jump.getLabel()) : loops == 0 && switches == 0) {
          jumps.add(getCurrentPath());
        }
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree jump, Void unused) {
        if (jump.getLabel() != null ? !labels.contains(jump.getLabel()) : loops == 0) {
          jumps.add(getCurrentPath());
        }
        return null;
      }
    }.scan(statementPath, null);
    return jumps;
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
