package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.FindIdentifiers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /** Names of the calls the checks give a group to: a second one in a loop blocks hoisting the group. */
  private static final Set<String> WORK_STARTS =
      Set.of("execute", "start", "startVirtualThread", "invokeAll");

  private TaskScopes() {}

  /** Whether corral-runtime is on the compilation classpath, so fixes may use it. */
  static boolean corralAvailable(VisitorState state) {
    return ClasspathTypes.find(TASK_GROUP, state) != null;
  }

  /**
   * Replaces {@code statement} by a try-with-resources block that forks {@code work} (a {@code Runnable} or
   * {@code Callable} expression) into a new group. The state's path must point inside {@code statement}.
   */
  static Optional<SuggestedFix> forkInGroup(StatementTree statement, ExpressionTree work, VisitorState state) {
    return forkInGroup(statement, state.getSourceForNode(work), state);
  }

  /** The group fix; empty where the group's wait may deadlock ({@link WaitHazards}). */
  static Optional<SuggestedFix> forkInGroup(StatementTree statement, String work, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String taskGroup = SuggestedFixes.qualifyType(state, fix, TASK_GROUP);
    String group = freshName("group", state);
    String open = "try (var " + group + " = " + taskGroup + ".open()) {\n";
    String fork = group + ".fork(" + work + ");";
    boolean join = CheckedExceptions.isHandled(INTERRUPTED, state);
    TreePath statementPath = pathOf(statement, state);
    TreePath loop = soleWorkLoopAround(statementPath);
    if (loop != null) {
      return WaitHazards.mayDeadlock(loop, statement, state)
          ? Optional.empty()
          : Optional.of(hoistAroundLoop(fix, loop, statement, open, fork, join ? group + ".join();" : null, state));
    }
    Optional<SuggestedFix> enclosing =
        encloseTheRestOfTheBlock(fix, statementPath, open, fork, join ? group + ".join();" : null, state);
    // The group waits where the block ends, or (alone around the start) where the start is.
    if (enclosing.isPresent()) {
      return enclosing.filter(
          unused -> !WaitHazards.mayDeadlock(statementPath.getParentPath(), statement, state));
    }
    if (WaitHazards.mayDeadlock(statementPath, statement, state)) {
      return Optional.empty();
    }
    String indent = SourceLayout.indentOf(statement, state);
    String inner = indent + SourceLayout.unit(statementPath, state);
    StringBuilder block = new StringBuilder(open);
    block.append(inner).append(fork).append("\n");
    if (join) {
      block.append(inner).append(group).append(".join();\n");
    }
    block.append(indent).append("}");
    return Optional.of(fix.replace(statement, SourceLayout.asStatement(block.toString(), statementPath)).build());
  }

  /**
   * One group around the loop, forking in each iteration, keeps the iterations concurrent; a group per iteration
   * would run them one after the other. The loop's text is rewritten as a whole (Error Prone rejects overlapping
   * edits), with the forking statement replaced and every line indented one step.
   */
  private static SuggestedFix hoistAroundLoop(
      SuggestedFix.Builder fix,
      TreePath loop,
      StatementTree statement,
      String open,
      String fork,
      @Nullable String join,
      VisitorState state) {
    int loopStart = ASTHelpers.getStartPosition(loop.getLeaf());
    int loopEnd = state.getEndPosition(loop.getLeaf());
    CharSequence source = state.getSourceCode();
    String loopText =
        source.subSequence(loopStart, ASTHelpers.getStartPosition(statement))
            + fork
            + source.subSequence(state.getEndPosition(statement), loopEnd);
    String indent = SourceLayout.indentOf(loop.getLeaf(), state);
    String unit = SourceLayout.unit(loop, state);
    StringBuilder block = new StringBuilder(open);
    block.append(indent).append(unit).append(loopText.replaceAll("\n(?=[^\n])", "\n" + unit)).append("\n");
    if (join != null) {
      block.append(indent).append(unit).append(join).append("\n");
    }
    block.append(indent).append("}");
    return fix.replace(loopStart, loopEnd, block.toString()).build();
  }

  /**
   * Before more statements of its block, the group encloses them: they ran alongside the work and still do (a
   * consumer forked before the loop that feeds it), and the group waits at the block's end; a group around the
   * start alone would wait before them, and deadlock where the work waits for one of them. The text from the
   * statement to the block's last one is rewritten as a whole, indented one step. Not where a later statement
   * starts work or makes a future (its own finding's fix would edit inside the rewritten text).
   */
  private static Optional<SuggestedFix> encloseTheRestOfTheBlock(
      SuggestedFix.Builder fix,
      TreePath statementPath,
      String open,
      String fork,
      @Nullable String join,
      VisitorState state) {
    if (!(statementPath.getParentPath().getLeaf() instanceof BlockTree block)) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    int index = statements.indexOf((StatementTree) statementPath.getLeaf());
    if (index < 0 || index == statements.size() - 1) {
      return Optional.empty();
    }
    List<? extends StatementTree> rest = statements.subList(index + 1, statements.size());
    if (othersStartWork(rest, null, state)) {
      return Optional.empty();
    }
    StatementTree statement = (StatementTree) statementPath.getLeaf();
    StatementTree last = rest.get(rest.size() - 1);
    CharSequence source = state.getSourceCode();
    String indent = SourceLayout.indentOf(statement, state);
    String unit = SourceLayout.unit(statementPath, state);
    String restText =
        source.subSequence(state.getEndPosition(statement), state.getEndPosition(last)).toString();
    StringBuilder text = new StringBuilder(open);
    text.append(indent).append(unit).append(fork);
    text.append(restText.replaceAll("\n(?=[^\n])", "\n" + unit)).append("\n");
    if (join != null && Reachability.canCompleteNormally(last)) {
      text.append(indent).append(unit).append(join).append("\n");
    }
    text.append(indent).append("}");
    return Optional.of(
        fix.replace(ASTHelpers.getStartPosition(statement), state.getEndPosition(last), text.toString()).build());
  }

  /**
   * Whether a statement of {@code statements} other than {@code except} starts work or makes a future: another
   * finding, whose own fix would declare a handle of the same name or edit inside a rewritten range.
   */
  static boolean othersStartWork(
      List<? extends StatementTree> statements, @Nullable Tree except, VisitorState state) {
    for (StatementTree other : statements) {
      if (other != except && (countWorkStarts(other) > 0 || makesFutures(other, state))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code tree} calls a method that returns a future (whose drop may be another finding). */
  static boolean makesFutures(Tree tree, VisitorState state) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Type type = ASTHelpers.getType(call);
        if (type != null
            && (FutureTypes.isSubtypeOf(type, "java.util.concurrent.Future", state)
                || FutureTypes.isSubtypeOf(type, "java.util.concurrent.CompletionStage", state))) {
          found[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(tree, null);
    return found[0];
  }

  /**
   * The loop directly around {@code statement} (through blocks and {@code if}s, not through a lambda or class),
   * if it sits in a block and holds no other call that starts work: with two such calls the two findings' fixes
   * would both rewrite the loop.
   */
  private static @Nullable TreePath soleWorkLoopAround(TreePath statement) {
    for (TreePath path = statement.getParentPath(); path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (FanOutFixes.isLoop(node)) {
        boolean inBlock = path.getParentPath().getLeaf() instanceof BlockTree;
        return inBlock && countWorkStarts(node) == 1 ? path : null;
      }
      if (!(node instanceof BlockTree || node instanceof IfTree)) {
        return null;
      }
    }
    return null;
  }

  /** How many calls that start work (the checks' findings: execute, start, ...) {@code tree} holds. */
  static int countWorkStarts(Tree loop) {
    int[] count = new int[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = ASTHelpers.getSymbol(call);
        if (method != null && WORK_STARTS.contains(method.getSimpleName().toString())) {
          count[0]++;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop, null);
    return count[0];
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
