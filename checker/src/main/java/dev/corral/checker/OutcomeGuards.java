package dev.corral.checker;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DeconstructionPatternTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * Reads how code branches on {@code Outcome.isSuccess()}: whether a {@code getOrThrow()} only ever runs on
 * successes (so it rethrows nothing), and whether an {@code isSuccess()} test leads to code for the failures.
 */
final class OutcomeGuards {
  private static final Matcher<ExpressionTree> IS_SUCCESS =
      instanceMethod().onDescendantOf("dev.corral.Outcome").named("isSuccess");
  private static final Matcher<ExpressionTree> FILTER = instanceMethod().anyClass().named("filter");

  private OutcomeGuards() {}

  /**
   * Whether the {@code getOrThrow()} at {@code path} runs only for successes: in the then-branch of {@code if
   * (o.isSuccess())} / {@code if (o instanceof Success)}, the true branch of {@code o.isSuccess() ? ...}, or a
   * lambda of a stream filtered by {@code isSuccess}.
   */
  static boolean onlyOnSuccess(TreePath path, VisitorState state) {
    Tree child = path.getLeaf();
    for (TreePath parent = path.getParentPath(); parent != null; parent = parent.getParentPath()) {
      Tree node = parent.getLeaf();
      if (node instanceof MethodTree || node instanceof ClassTree) {
        return false;
      }
      if (guardsWithSuccess(node, child, parent, state)) {
        return true;
      }
      child = node;
    }
    return false;
  }

  private static boolean guardsWithSuccess(Tree node, Tree child, TreePath nodePath, VisitorState state) {
    return switch (node) {
      case IfTree ifTree -> ifTree.getThenStatement() == child && testsSuccess(ifTree.getCondition(), state);
      case ConditionalExpressionTree conditional ->
          conditional.getTrueExpression() == child && testsSuccess(conditional.getCondition(), state);
      case LambdaExpressionTree lambda ->
          nodePath.getParentPath().getLeaf() instanceof MethodInvocationTree call && filteredToSuccesses(call, state);
      case BinaryTree and when and.getKind() == Tree.Kind.CONDITIONAL_AND ->
          and.getRightOperand() == child && testsSuccess(and.getLeftOperand(), state);
      case BlockTree block -> skipsFailuresBefore(block, child, state);
      default -> false;
    };
  }

  /** {@code if (!o.isSuccess()) continue;} (or return, break) earlier in the same block. */
  private static boolean skipsFailuresBefore(BlockTree block, Tree child, VisitorState state) {
    for (StatementTree statement : block.getStatements()) {
      if (statement == child) {
        return false;
      }
      if (statement instanceof IfTree ifTree
          && ifTree.getElseStatement() == null
          && onlySkips(ifTree.getThenStatement())
          && ASTHelpers.stripParentheses(ifTree.getCondition()) instanceof UnaryTree negation
          && negation.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
          && testsSuccess(negation.getExpression(), state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a stream call such as {@code map(Outcome::getOrThrow)} comes after {@code filter(Outcome::isSuccess)}. */
  static boolean filteredToSuccesses(MethodInvocationTree call, VisitorState state) {
    for (ExpressionTree receiver = ASTHelpers.getReceiver(call);
        receiver instanceof MethodInvocationTree previous;
        receiver = ASTHelpers.getReceiver(previous)) {
      if (FILTER.matches(previous, state)
          && previous.getArguments().stream().anyMatch(argument -> mentionsSuccessTest(argument, state))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the {@code isSuccess()} call at {@code path} leads to code for the failures: an {@code if} with an
   * {@code else}, a negated test whose branch does more than skip, a ternary, a test used as a value. A plain
   * {@code if (o.isSuccess())} without {@code else}, and {@code filter(o -> o.isSuccess())}, only keep the
   * successes.
   */
  static boolean testSeesFailures(TreePath path, VisitorState state) {
    TreePath parentPath = LocalUses.skipParentheses(path.getParentPath());
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    switch (parent) {
      case UnaryTree negation when negation.getKind() == Tree.Kind.LOGICAL_COMPLEMENT -> {
        TreePath outer = LocalUses.skipParentheses(parentPath.getParentPath());
        return !(outer != null && outer.getLeaf() instanceof IfTree ifTree && onlySkips(ifTree.getThenStatement()));
      }
      case IfTree ifTree -> {
        return ifTree.getElseStatement() != null;
      }
      case BinaryTree and when and.getKind() == Tree.Kind.CONDITIONAL_AND -> {
        TreePath outer = LocalUses.skipParentheses(parentPath.getParentPath());
        return !(outer != null && outer.getLeaf() instanceof IfTree ifTree && ifTree.getElseStatement() == null);
      }
      case LambdaExpressionTree lambda -> {
        return !(parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
            && FILTER.matches(call, state));
      }
      case null, default -> {
        return true;
      }
    }
  }

  private static boolean testsSuccess(ExpressionTree condition, VisitorState state) {
    ExpressionTree test = ASTHelpers.stripParentheses(condition);
    if (test instanceof BinaryTree and && and.getKind() == Tree.Kind.CONDITIONAL_AND) {
      return testsSuccess(and.getLeftOperand(), state) || testsSuccess(and.getRightOperand(), state);
    }
    if (test instanceof InstanceOfTree instanceOf) {
      return testsSuccessType(instanceOf);
    }
    return IS_SUCCESS.matches(test, state);
  }

  /** Whether {@code instanceOf} tests for {@code Outcome.Success}: only its true branch sees an outcome. */
  static boolean testsSuccessType(InstanceOfTree instanceOf) {
    Type tested = testedType(instanceOf);
    return tested != null
        && tested.tsym.getSimpleName().contentEquals("Success")
        && tested.tsym.owner.getQualifiedName().contentEquals("dev.corral.Outcome");
  }

  /** The type an {@code instanceof} tests: {@code x instanceof T}, {@code x instanceof T t}, {@code x instanceof T(...)}. */
  private static @Nullable Type testedType(InstanceOfTree instanceOf) {
    return switch (instanceOf.getPattern()) {
      case BindingPatternTree binding -> ASTHelpers.getType(binding.getVariable());
      case DeconstructionPatternTree record -> ASTHelpers.getType(record.getDeconstructor());
      case null, default -> ASTHelpers.getType(instanceOf.getType());
    };
  }

  /** {@code Outcome::isSuccess} or a lambda that calls {@code isSuccess()} without negating it. */
  private static boolean mentionsSuccessTest(ExpressionTree argument, VisitorState state) {
    if (argument instanceof MemberReferenceTree reference) {
      return reference.getName().contentEquals("isSuccess");
    }
    if (argument instanceof LambdaExpressionTree lambda && lambda.getBody() instanceof ExpressionTree body) {
      return testsSuccess(body, state);
    }
    return false;
  }

  /** A branch that only leaves the loop iteration or the method: {@code continue}, {@code break}, {@code return}. */
  private static boolean onlySkips(@Nullable StatementTree statement) {
    return switch (statement) {
      case ContinueTree unused -> true;
      case BreakTree unused -> true;
      case ReturnTree unused -> true;
      case EmptyStatementTree unused -> true;
      case BlockTree block -> block.getStatements().size() == 1 && onlySkips(block.getStatements().get(0));
      case null, default -> false;
    };
  }
}
