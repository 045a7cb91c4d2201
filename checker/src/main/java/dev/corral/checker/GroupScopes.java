package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a {@code dev.corral.TaskGroup} just opened is scoped: declared as a try-with-resources resource
 * (or closed in a {@code finally}, or later used as a {@code try (group)} resource) and never escaping that block
 * through a field or a return value. Passing the group to a method that forks into it keeps it scoped.
 */
final class GroupScopes {
  private static final String OUTSIDE_TRY =
      "This TaskGroup is opened outside try-with-resources: if the code after open() throws, close() never"
          + " runs, its tasks are never awaited and their failures are lost; open it in try-with-resources";
  private static final String IN_FIELD =
      "This TaskGroup is stored in a field, so it outlives the block that opened it: its tasks may run on"
          + " with nobody waiting for them; open it in try-with-resources where the work is forked";
  private static final String RETURNED =
      "This TaskGroup is returned, so it escapes the block that opened it: nothing guarantees it is ever"
          + " joined or closed; open it in try-with-resources where the work is forked";

  /** A group that is not scoped: why, and the fix if one exists. */
  record Finding(String message, @Nullable SuggestedFix fix) {}

  private GroupScopes() {}

  /** Returns why the group opened by {@code open} (the state's path) is not scoped, or null if it is. */
  static @Nullable Finding analyze(MethodInvocationTree open, VisitorState state) {
    TreePath parentPath = LocalUses.skipParentheses(state.getPath().getParentPath());
    TreePath scope = LocalUses.enclosingMember(state);
    if (parentPath == null || scope == null) {
      return null;
    }
    return switch (parentPath.getLeaf()) {
      case VariableTree declaration -> analyzeVariable(declaration, parentPath, scope, state);
      case ReturnTree unused -> new Finding(RETURNED, null);
      case LambdaExpressionTree unused -> new Finding(RETURNED, null);
      case AssignmentTree assignment ->
          new Finding(LocalUses.isLocal(ASTHelpers.getSymbol(assignment.getVariable())) ? OUTSIDE_TRY : IN_FIELD, null);
      default -> new Finding(OUTSIDE_TRY, null);
    };
  }

  private static @Nullable Finding analyzeVariable(
      VariableTree declaration, TreePath declarationPath, TreePath scope, VisitorState state) {
    Symbol group = ASTHelpers.getSymbol(declaration);
    if (!LocalUses.isLocal(group)) {
      return new Finding(IN_FIELD, null);
    }
    String escape = escapeOf(group, scope);
    if (escape != null) {
      return new Finding(escape, null);
    }
    boolean resource =
        declarationPath.getParentPath().getLeaf() instanceof TryTree tryTree
            && tryTree.getResources().contains(declaration);
    if (resource || closedByOwner(group, scope)) {
      return null;
    }
    return new Finding(OUTSIDE_TRY, wrapInTry(declaration, declarationPath, group, state));
  }

  /** Whether the group leaves its block through a return value or a field. */
  private static @Nullable String escapeOf(Symbol group, TreePath scope) {
    for (TreePath use : LocalUses.usesOf(group, scope)) {
      TreePath parentPath = LocalUses.skipParentheses(use.getParentPath());
      Tree parent = parentPath == null ? null : parentPath.getLeaf();
      switch (parent) {
        case ReturnTree unused -> {
          return RETURNED;
        }
        case AssignmentTree assignment when !LocalUses.isLocal(ASTHelpers.getSymbol(assignment.getVariable())) -> {
          return IN_FIELD;
        }
        case VariableTree variable when !LocalUses.isLocal(ASTHelpers.getSymbol(variable)) -> {
          return IN_FIELD;
        }
        case null, default -> {}
      }
    }
    return null;
  }

  /** {@code try (group) {...}} after the declaration, or {@code group.close()} in a {@code finally} block. */
  private static boolean closedByOwner(Symbol group, TreePath scope) {
    for (TreePath use : LocalUses.usesOf(group, scope)) {
      if (use.getParentPath().getLeaf() instanceof TryTree tryTree && tryTree.getResources().contains(use.getLeaf())) {
        return true;
      }
      if (isClose(LocalUses.invokedOn(use)) && insideFinally(use)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClose(@Nullable MethodInvocationTree call) {
    return call != null
        && call.getArguments().isEmpty()
        && ASTHelpers.getSymbol(call) != null
        && ASTHelpers.getSymbol(call).getSimpleName().contentEquals("close");
  }

  private static boolean insideFinally(TreePath path) {
    Tree child = path.getLeaf();
    for (TreePath parent = path.getParentPath(); parent != null; parent = parent.getParentPath()) {
      if (parent.getLeaf() instanceof TryTree tryTree && tryTree.getFinallyBlock() == child) {
        return true;
      }
      child = parent.getLeaf();
    }
    return false;
  }

  /**
   * Turns {@code TaskGroup g = ...; rest...} into {@code try (TaskGroup g = ...) { rest... }}, dropping a plain
   * {@code g.close();} statement of the rest and indenting the rest one step. Only for an effectively final local
   * declared directly in a block.
   */
  private static @Nullable SuggestedFix wrapInTry(
      VariableTree declaration, TreePath declarationPath, Symbol group, VisitorState state) {
    if (!(declarationPath.getParentPath().getLeaf() instanceof BlockTree block)
        || !ASTHelpers.isConsideredFinal(group)) {
      return null;
    }
    String source = state.getSourceForNode(declaration);
    if (source == null || isOneOfSeveralDeclarators(declaration, block, state)) {
      return null;
    }
    source = source.strip();
    if (source.endsWith(";")) {
      source = source.substring(0, source.length() - 1).strip();
    }
    int restStart = state.getEndPosition(declaration);
    int closingBrace = state.getEndPosition(block) - 1;
    StringBuilder rest = new StringBuilder(state.getSourceCode().subSequence(restStart, closingBrace));
    List<? extends StatementTree> statements = block.getStatements();
    List<? extends StatementTree> following =
        statements.subList(statements.indexOf(declaration) + 1, statements.size());
    for (StatementTree statement : following.reversed()) {
      // A close() that shares its line with other code stays: a second close() does nothing.
      if (isCloseOf(group, statement) && startsItsLine(statement, state)) {
        int lineStart = ASTHelpers.getStartPosition(statement) - SourceLayout.indentOf(statement, state).length();
        // Delete from the newline that ends the previous line, so no blank line stays behind.
        rest.delete(Math.max(lineStart - 1 - restStart, 0), state.getEndPosition(statement) - restStart);
      }
    }
    String unit = SourceLayout.unit(declarationPath, state);
    String indented = rest.toString().replaceAll("\n(?=[^\n])", "\n" + unit);
    String outer = SourceLayout.indentOf(declaration, state);
    // The text before the block's brace ended with the block owner's indentation; close the try there.
    String body = indented.endsWith(unit) ? indented.substring(0, indented.length() - unit.length()) : indented;
    return SuggestedFix.replace(
        ASTHelpers.getStartPosition(declaration),
        closingBrace,
        "try (" + source + ") {" + body + unit + "}\n" + outer.substring(Math.min(unit.length(), outer.length())));
  }

  /** {@code TaskGroup a = open(), b = open();}: javac gives each declarator a tree, both from the same text. */
  private static boolean isOneOfSeveralDeclarators(VariableTree declaration, BlockTree block, VisitorState state) {
    int start = ASTHelpers.getStartPosition(declaration);
    CharSequence source = state.getSourceCode();
    int after = state.getEndPosition(declaration);
    while (after < source.length() && Character.isWhitespace(source.charAt(after))) {
      after++;
    }
    return (after < source.length() && source.charAt(after) == ',')
        || block.getStatements().stream()
            .anyMatch(other -> other != declaration && ASTHelpers.getStartPosition(other) == start);
  }

  private static boolean startsItsLine(StatementTree statement, VisitorState state) {
    CharSequence source = state.getSourceCode();
    for (int i = ASTHelpers.getStartPosition(statement) - 1; i >= 0 && source.charAt(i) != '\n'; i--) {
      if (!Character.isWhitespace(source.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCloseOf(Symbol group, StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && isClose(call)
        && ASTHelpers.getReceiver(call) != null
        && group.equals(ASTHelpers.getSymbol(ASTHelpers.getReceiver(call)));
  }
}
