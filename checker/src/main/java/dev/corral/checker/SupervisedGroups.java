package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;

/**
 * Tells a fail-fast {@code TaskGroup} from a supervised one by reading how a local group was built. A fail-fast
 * group's {@code join()} already threw for the first failure, so its {@code outcomes()} hide nothing; a supervised
 * group's failures are only in {@code outcomes()}. Groups whose construction is not visible (fields, parameters)
 * count as supervised.
 */
final class SupervisedGroups {

  private SupervisedGroups() {}

  /** Whether {@code outcomes} is called on a local group opened in this member without supervision. */
  static boolean isKnownFailFast(MethodInvocationTree outcomes, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(outcomes);
    TreePath scope = LocalUses.enclosingMember(state);
    if (!(receiver instanceof IdentifierTree identifier) || scope == null) {
      return false;
    }
    Symbol group = ASTHelpers.getSymbol(identifier);
    if (!LocalUses.isLocal(group)) {
      return false;
    }
    TreePath declaration = LocalUses.declarationOf(group, scope);
    if (declaration == null
        || !(declaration.getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() == null) {
      return false;
    }
    ExpressionTree initializer = ASTHelpers.stripParentheses(variable.getInitializer());
    return initializer instanceof MethodInvocationTree open
        && TaskScopes.OPEN_GROUP.matches(open, state)
        && ASTHelpers.streamReceivers(open).noneMatch(SupervisedGroups::configuresSupervision);
  }

  /** {@code .supervise()}, or {@code .failurePolicy(x)} with anything but {@code FailurePolicy.FAIL_FAST}. */
  private static boolean configuresSupervision(ExpressionTree call) {
    if (!(call instanceof MethodInvocationTree invocation)
        || !(invocation.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    String name = select.getIdentifier().toString();
    if (name.equals("supervise")) {
      return true;
    }
    if (name.equals("failurePolicy") && invocation.getArguments().size() == 1) {
      Symbol policy = ASTHelpers.getSymbol(invocation.getArguments().get(0));
      return policy == null || !policy.getSimpleName().contentEquals("FAIL_FAST");
    }
    return false;
  }
}
