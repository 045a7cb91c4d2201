package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.FindIdentifiers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the fix every Corral check prefers for work that has no owner: fork it into a {@code dev.corral.TaskGroup}
 * opened in try-with-resources. The fix joins the group where {@code InterruptedException} may be thrown;
 * elsewhere it relies on {@code close()}, which also waits for every task and reports failures, and throws no
 * checked exception, so the fix compiles in every context.
 */
final class TaskScopes {
  static final String TASK_GROUP = "dev.corral.TaskGroup";
  static final String INTERRUPTED = "java.lang.InterruptedException";

  /** {@code TaskGroup.open()} and {@code TaskGroup.builder()...open()}. */
  static final Matcher<ExpressionTree> OPEN_GROUP =
      anyOf(
          staticMethod().onClass(TASK_GROUP).named("open"),
          instanceMethod().onExactClass(TASK_GROUP + ".Builder").named("open"));

  private TaskScopes() {}

  /** Whether corral-runtime is on the compilation classpath, so fixes may use it. */
  static boolean corralAvailable(VisitorState state) {
    return ClasspathTypes.find(TASK_GROUP, state) != null;
  }

  /**
   * Replaces {@code statement} by a try-with-resources block that forks {@code work} (a {@code Runnable} or
   * {@code Callable} expression) into a new group. The state's path must point inside {@code statement}.
   */
  static SuggestedFix forkInGroup(StatementTree statement, ExpressionTree work, VisitorState state) {
    return forkInGroup(statement, state.getSourceForNode(work), state);
  }

  static SuggestedFix forkInGroup(StatementTree statement, String work, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String taskGroup = SuggestedFixes.qualifyType(state, fix, TASK_GROUP);
    String group = freshName("group", state);
    TreePath statementPath = pathOf(statement, state);
    String indent = SourceLayout.indentOf(statement, state);
    String inner = indent + SourceLayout.unit(statementPath, state);
    StringBuilder block = new StringBuilder();
    block.append("try (var ").append(group).append(" = ").append(taskGroup).append(".open()) {\n");
    block.append(inner).append(group).append(".fork(").append(work).append(");\n");
    if (CheckedExceptions.isHandled(INTERRUPTED, state)) {
      block.append(inner).append(group).append(".join();\n");
    }
    block.append(indent).append("}");
    return fix.replace(statement, block.toString()).build();
  }

  /** The path of {@code statement}, an ancestor of the state's path. */
  static TreePath pathOf(Tree statement, VisitorState state) {
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      if (path.getLeaf() == statement) {
        return path;
      }
    }
    throw new IllegalArgumentException("not an ancestor of the current path: " + statement);
  }

  /**
   * Returns {@code base}, or {@code base2}, {@code base3}..., whichever is neither a variable visible here (a
   * field, a parameter) nor declared anywhere in the enclosing method: a little stricter than Java's scoping
   * rules, never wrong.
   */
  static String freshName(String base, VisitorState state) {
    Set<String> declared = new HashSet<>();
    TreePath member = LocalUses.enclosingMember(state);
    if (member != null) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree variable, Void unused) {
          declared.add(variable.getName().toString());
          return super.visitVariable(variable, null);
        }
      }.scan(member.getLeaf(), null);
    }
    String name = base;
    for (int i = 2; declared.contains(name) || FindIdentifiers.findIdent(name, state) != null; i++) {
      name = base + i;
    }
    return name;
  }
}
