package dev.corral.checker;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * A cheap, syntactic proof that a future a local takes on is observed on every path that ends
 * normally, so {@link LeakAnalysis} need not build a control-flow graph for it: {@code var f =
 * submit(task); log(..); return f.thenApply(..);}.
 *
 * <p>It holds when the creating statement sits directly in a block, and a later statement of the
 * same block observes the local where it is always evaluated (not behind {@code ?:}, {@code &&},
 * {@code ||}, an {@code if} or a loop), and no statement in between can leave that block normally
 * ({@code return}, a {@code break} or {@code continue} that leaves the statement, {@code yield}) or
 * mentions the local. Exceptions cannot skip the observation on a path that ends normally unless a
 * {@code catch} of the method recovers from them, so the block must not sit in a {@code try} with
 * a {@code catch}. Anything else is left to the graph: this only ever saves work, never decides a
 * finding.
 */
final class StraightLineObservation {
  private StraightLineObservation() {}

  /**
   * Whether the obligation {@code local} takes on at {@code sitePath} (its declaration or an
   * assignment statement) is observed straight away; {@code observes} tells whether a tree of the
   * body observes a local (as {@link LeakAnalysis} recorded it).
   */
  static boolean holds(TreePath sitePath, Symbol local, BiPredicate<Tree, Symbol> observes) {
    TreePath statementPath =
        sitePath.getLeaf() instanceof VariableTree ? sitePath : sitePath.getParentPath();
    if (statementPath == null
        || !(statementPath.getLeaf() instanceof StatementTree statement)
        || !(statementPath.getParentPath().getLeaf() instanceof BlockTree block)
        || insideRecoveringTry(statementPath.getParentPath())) {
      return false;
    }
    List<? extends StatementTree> statements = block.getStatements();
    for (int i = statements.indexOf(statement) + 1; i < statements.size(); i++) {
      StatementTree next = statements.get(i);
      Verdict verdict = new StatementScanner(local, observes, next).scan(next, null);
      if (verdict == Verdict.OBSERVES) {
        return true;
      }
      if (verdict == Verdict.UNKNOWN) {
        return false;
      }
    }
    return false;
  }

  /** Whether a {@code catch} between the block and the method or lambda could resume the path. */
  private static boolean insideRecoveringTry(TreePath blockPath) {
    Tree child = blockPath.getLeaf();
    for (TreePath p = blockPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof TryTree tryTree
          && tryTree.getBlock() == child
          && !tryTree.getCatches().isEmpty()) {
        return true;
      }
      child = leaf;
    }
    return false;
  }

  /** What one later statement does to the obligation. */
  private enum Verdict {
    /** Neither observes nor endangers it: look at the next statement. */
    NEUTRAL,
    /** Observes it on every path through the statement. */
    OBSERVES,
    /** May leave the block, mentions the local, or observes it only conditionally: ask the graph. */
    UNKNOWN;

    Verdict and(Verdict other) {
      return this == UNKNOWN || other == UNKNOWN
          ? UNKNOWN
          : this == OBSERVES || other == OBSERVES ? OBSERVES : NEUTRAL;
    }
  }

  private static final class StatementScanner extends TreeScanner<Verdict, Void> {
    private final Symbol local;
    private final BiPredicate<Tree, Symbol> observes;
    private final StatementTree statement;
    private int loopsAndSwitches;
    private int conditional;

    StatementScanner(Symbol local, BiPredicate<Tree, Symbol> observes, StatementTree statement) {
      this.local = local;
      this.observes = observes;
      this.statement = statement;
    }

    @Override
    public Verdict scan(Tree tree, Void unused) {
      if (tree == null) {
        return Verdict.NEUTRAL;
      }
      if (observes.test(tree, local)) {
        // Captured by a lambda or class, or the identifier itself (visited below).
        return conditional == 0 && isStatementLevel() ? Verdict.OBSERVES : Verdict.UNKNOWN;
      }
      Verdict verdict = super.scan(tree, unused);
      return verdict == null ? Verdict.NEUTRAL : verdict;
    }

    /** Only statements that evaluate their whole expression once, in order. */
    private boolean isStatementLevel() {
      return statement instanceof ExpressionStatementTree
          || statement instanceof ReturnTree
          || statement instanceof VariableTree;
    }

    @Override
    public Verdict reduce(Verdict a, Verdict b) {
      return (a == null ? Verdict.NEUTRAL : a).and(b == null ? Verdict.NEUTRAL : b);
    }

    @Override
    public Verdict visitIdentifier(IdentifierTree identifier, Void unused) {
      return ASTHelpers.getSymbol(identifier) == local ? Verdict.UNKNOWN : Verdict.NEUTRAL;
    }

    @Override
    public Verdict visitReturn(ReturnTree tree, Void unused) {
      // return f; observes before it leaves; any other return leaves with the obligation open.
      return scan(tree.getExpression(), null) == Verdict.OBSERVES
          ? Verdict.OBSERVES
          : Verdict.UNKNOWN;
    }

    @Override
    public Verdict visitYield(YieldTree tree, Void unused) {
      return Verdict.UNKNOWN;
    }

    @Override
    public Verdict visitBreak(BreakTree tree, Void unused) {
      return tree.getLabel() == null && loopsAndSwitches > 0 ? Verdict.NEUTRAL : Verdict.UNKNOWN;
    }

    @Override
    public Verdict visitContinue(ContinueTree tree, Void unused) {
      return tree.getLabel() == null && loopsAndSwitches > 0 ? Verdict.NEUTRAL : Verdict.UNKNOWN;
    }

    // A nested body runs later or never; a mention there is a capture (see scan).

    @Override
    public Verdict visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return Verdict.NEUTRAL;
    }

    @Override
    public Verdict visitClass(ClassTree tree, Void unused) {
      return Verdict.NEUTRAL;
    }

    @Override
    public Verdict visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
      Verdict condition = scan(tree.getCondition(), null);
      return condition.and(conditionally(tree.getTrueExpression(), tree.getFalseExpression()));
    }

    @Override
    public Verdict visitBinary(BinaryTree tree, Void unused) {
      Verdict left = scan(tree.getLeftOperand(), null);
      return tree.getKind() == Tree.Kind.CONDITIONAL_AND
              || tree.getKind() == Tree.Kind.CONDITIONAL_OR
          ? left.and(conditionally(tree.getRightOperand()))
          : left.and(scan(tree.getRightOperand(), null));
    }

    @Override
    public Verdict visitIf(IfTree tree, Void unused) {
      return scan(tree.getCondition(), null)
          .and(conditionally(tree.getThenStatement(), tree.getElseStatement()));
    }

    @Override
    public Verdict visitWhileLoop(WhileLoopTree tree, Void unused) {
      return inLoop(() -> super.visitWhileLoop(tree, null));
    }

    @Override
    public Verdict visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
      return inLoop(() -> super.visitDoWhileLoop(tree, null));
    }

    @Override
    public Verdict visitForLoop(ForLoopTree tree, Void unused) {
      return inLoop(() -> super.visitForLoop(tree, null));
    }

    @Override
    public Verdict visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
      return inLoop(() -> super.visitEnhancedForLoop(tree, null));
    }

    @Override
    public Verdict visitSwitch(SwitchTree tree, Void unused) {
      return inLoop(() -> super.visitSwitch(tree, null));
    }

    @Override
    public Verdict visitSwitchExpression(
        SwitchExpressionTree tree, Void unused) {
      return inLoop(() -> super.visitSwitchExpression(tree, null));
    }

    /** A loop or switch: its own unlabeled breaks stay inside; anything in it may not run. */
    private Verdict inLoop(Supplier<Verdict> body) {
      loopsAndSwitches++;
      conditional++;
      try {
        return body.get() == Verdict.UNKNOWN ? Verdict.UNKNOWN : Verdict.NEUTRAL;
      } finally {
        loopsAndSwitches--;
        conditional--;
      }
    }

    /** Trees that may or may not run: an observation there proves nothing. */
    private Verdict conditionally(Tree... trees) {
      conditional++;
      try {
        Verdict verdict = Verdict.NEUTRAL;
        for (Tree tree : trees) {
          verdict = verdict.and(scan(tree, null));
        }
        return verdict == Verdict.UNKNOWN ? Verdict.UNKNOWN : Verdict.NEUTRAL;
      } finally {
        conditional--;
      }
    }
  }
}
