package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;

/**
 * Reads the indentation around a tree so that multi-line fixes applied in patch mode keep the file's layout
 * (Error Prone does not reformat patched code).
 */
final class SourceLayout {
  private static final String DEFAULT_UNIT = "  ";

  private SourceLayout() {}

  /** The leading whitespace of the line {@code tree} starts on. */
  static String indentOf(Tree tree, VisitorState state) {
    return indentAt(ASTHelpers.getStartPosition(tree), state);
  }

  static String indentAt(int position, VisitorState state) {
    CharSequence source = state.getSourceCode();
    if (source == null || position < 0) {
      return "";
    }
    int lineStart = position;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int end = lineStart;
    while (end < source.length() && (source.charAt(end) == ' ' || source.charAt(end) == '\t')) {
      end++;
    }
    return source.subSequence(lineStart, end).toString();
  }

  /**
   * One indentation step, measured between the statement at {@code statementPath} and the tree that owns its
   * block (a method, a loop...): two spaces when it cannot be told.
   */
  static String unit(TreePath statementPath, VisitorState state) {
    TreePath block = statementPath.getParentPath();
    if (block == null || !(block.getLeaf() instanceof BlockTree) || block.getParentPath() == null) {
      return DEFAULT_UNIT;
    }
    String inner = indentOf(statementPath.getLeaf(), state);
    String outer = indentOf(block.getParentPath().getLeaf(), state);
    return inner.length() > outer.length() && inner.startsWith(outer)
        ? inner.substring(outer.length())
        : DEFAULT_UNIT;
  }

  /**
   * Returns {@code statements} as they may replace the statement at {@code statementPath}: as they are inside a
   * block or an old-style {@code case}, wrapped in braces elsewhere (the body of an {@code if}, a loop or a
   * {@code case ->} rule, where a declaration, several statements or a {@code try} are not allowed).
   */
  static String asStatement(String statements, TreePath statementPath) {
    Tree parent = statementPath.getParentPath().getLeaf();
    boolean bare =
        parent instanceof BlockTree
            || (parent instanceof CaseTree caseTree && caseTree.getCaseKind() == CaseTree.CaseKind.STATEMENT);
    return bare ? statements : "{\n" + statements + "\n}";
  }

  /** Joins {@code lines} with newlines, each line after the first prefixed by {@code indent}. */
  static String lines(String indent, String... lines) {
    return String.join("\n" + indent, lines);
  }
}
