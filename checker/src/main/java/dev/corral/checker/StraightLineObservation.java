package dev.corral.checker;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
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
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.tree.JCTree;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A cheap, syntactic proof that a future a local takes on is observed on every path that ends
 * normally, so {@link LeakAnalysis} need not build a control-flow graph for it: {@code var f =
 * submit(task); log(..); return f.thenApply(..);}, {@code if (cached) return f; return wrap(f);}.
 *
 * <p>It holds when, after the creating statement, the statements that follow it in order (going on
 * after the enclosing {@code if} or {@code synchronized} when its block ends) reach one that observes
 * the local where it is always evaluated (not behind {@code ?:}, {@code &&}, {@code ||} or in a
 * loop), or an {@code if} both branches of which do, before any that may leave normally ({@code
 * return}, a {@code break} or {@code continue} that leaves the statement, {@code yield}) or
 * mentions the local otherwise; a {@code try} counts as observing when the first statement of its
 * block observes the local before anything in it is called. Exceptions cannot skip the observation
 * on a path that ends normally unless a {@code catch} of the method recovers from them, so the site
 * must not sit in a {@code try} with a {@code catch}. Anything else is left to the graph: this only ever saves work, never
 * decides a finding.
 */
final class StraightLineObservation {
  private StraightLineObservation() {}

  /**
   * Whether the obligation {@code local} takes on at {@code sitePath} (its declaration or an
   * assignment statement) is observed straight away; {@code observes} tells whether a tree of the
   * body observes a local (as {@link LeakAnalysis} recorded it).
   */
  static boolean holds(TreePath sitePath, Symbol local, BiPredicate<Tree, Symbol> observes) {
    TreePath current =
        sitePath.getLeaf() instanceof VariableTree ? sitePath : sitePath.getParentPath();
    if (current == null
        || !(current.getLeaf() instanceof StatementTree)
        || insideRecoveringTry(current)) {
      return false;
    }
    // Falling off the end of a block or an if's branch goes on after the enclosing statement.
    for (TreePath parent = current.getParentPath();
        parent != null;
        current = parent, parent = parent.getParentPath()) {
      Tree container = parent.getLeaf();
      if (container instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        int next = statements.indexOf(current.getLeaf()) + 1;
        Verdict verdict =
            sequence(statements.subList(next, statements.size()), local, observes, 0, 0);
        if (verdict != Verdict.NEUTRAL) {
          return verdict == Verdict.OBSERVES;
        }
      } else if (!(container instanceof IfTree) && !(container instanceof SynchronizedTree)) {
        return false; // a loop's next round, a try's catch, a switch, the end of the body
      }
    }
    return false;
  }

  /** The statements in order: the first that observes or may leave decides. */
  private static Verdict sequence(
      List<? extends StatementTree> statements,
      Symbol local,
      BiPredicate<Tree, Symbol> observes,
      int loopsAndSwitches,
      int conditional) {
    for (StatementTree statement : statements) {
      Verdict verdict =
          new StatementScanner(local, observes, statement, loopsAndSwitches, conditional)
              .scan(statement, null);
      if (verdict != Verdict.NEUTRAL) {
        return verdict;
      }
    }
    return Verdict.NEUTRAL;
  }

  /**
   * Whether no call or instance creation in {@code statement} may run before {@code observation}:
   * Java evaluates left to right, receivers before arguments, so a call that starts later in the
   * source or encloses the observation ({@code f.get()}) runs after it.
   */
  private static boolean nothingCalledBefore(StatementTree statement, Tree observation) {
    int observedAt = ((JCTree) observation).getStartPosition();
    boolean[] earlier = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == observation) {
          return null;
        }
        if ((tree instanceof MethodInvocationTree || tree instanceof NewClassTree)
            && ((JCTree) tree).getStartPosition() < observedAt
            && !encloses(tree, observation)) {
          earlier[0] = true;
        }
        return super.scan(tree, unused);
      }
    }.scan(statement, null);
    return !earlier[0];
  }

  private static boolean encloses(Tree outer, Tree inner) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        found[0] |= tree == inner;
        return found[0] ? null : super.scan(tree, unused);
      }
    }.scan(outer, null);
    return found[0];
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

    /** The first tree found observing the local at statement level. */
    private @Nullable Tree observation;

    StatementScanner(
        Symbol local,
        BiPredicate<Tree, Symbol> observes,
        StatementTree statement,
        int loopsAndSwitches,
        int conditional) {
      this.local = local;
      this.observes = observes;
      this.statement = statement;
      this.loopsAndSwitches = loopsAndSwitches;
      this.conditional = conditional;
    }

    @Override
    public Verdict scan(Tree tree, Void unused) {
      if (tree == null) {
        return Verdict.NEUTRAL;
      }
      if (observes.test(tree, local)) {
        // Captured by a lambda or class, or the identifier itself (visited below).
        if (conditional == 0 && isStatementLevel()) {
          observation = observation == null ? tree : observation;
          return Verdict.OBSERVES;
        }
        return Verdict.UNKNOWN;
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

    /**
     * {@code try { r = f.get(..); ... } catch (..) {..}}: the block's first statement runs whenever the
     * {@code try} does, and when it observes the local before anything in it could throw, no
     * exception can skip the observation; otherwise the {@code try} is read as any statement.
     */
    @Override
    public Verdict visitTry(TryTree tree, Void unused) {
      List<? extends StatementTree> statements = tree.getBlock().getStatements();
      if (tree.getResources().isEmpty() && !statements.isEmpty() && conditional == 0) {
        StatementTree first = statements.get(0);
        StatementScanner inner =
            new StatementScanner(local, observes, first, loopsAndSwitches, conditional);
        if (inner.scan(first, null) == Verdict.OBSERVES
            && inner.observation != null
            && nothingCalledBefore(first, inner.observation)) {
          return Verdict.OBSERVES;
        }
      }
      return super.visitTry(tree, unused);
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

    /**
     * {@code if (cached) return f; ...}: each branch is a sequence of its own; the {@code if}
     * observes when both branches do, and is neutral when neither may leave or mention the local.
     */
    @Override
    public Verdict visitIf(IfTree tree, Void unused) {
      Verdict condition = scan(tree.getCondition(), null);
      if (condition != Verdict.NEUTRAL) {
        return condition;
      }
      Verdict then = branch(tree.getThenStatement());
      Verdict otherwise = branch(tree.getElseStatement());
      if (then == Verdict.UNKNOWN || otherwise == Verdict.UNKNOWN) {
        return Verdict.UNKNOWN;
      }
      return then == Verdict.OBSERVES && otherwise == Verdict.OBSERVES
          ? Verdict.OBSERVES
          : Verdict.NEUTRAL;
    }

    private Verdict branch(@Nullable StatementTree branch) {
      if (branch == null) {
        return Verdict.NEUTRAL;
      }
      List<? extends StatementTree> statements =
          branch instanceof BlockTree block ? block.getStatements() : List.of(branch);
      return sequence(statements, local, observes, loopsAndSwitches, conditional);
    }

    /** {@code f = f.thenApply(..)}: the value observes the old future before the new one is stored. */
    @Override
    public Verdict visitAssignment(AssignmentTree tree, Void unused) {
      if (ASTHelpers.getSymbol(tree.getVariable()) != local) {
        return super.visitAssignment(tree, unused);
      }
      return scan(tree.getExpression(), null) == Verdict.OBSERVES
          ? Verdict.OBSERVES
          : Verdict.UNKNOWN;
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
