package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Type;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Function;

/**
 * The await fix for a future dropped in the body of a loop (a fan-out: {@code for (item : items)
 * pool.submit(() -> load(item));}): awaiting each future where it is made would run the items one after
 * another, so the futures are collected in a list declared before the loop and awaited after it, once all are
 * running.
 *
 * <p>Offered only where every way out of the loop reaches the code after it, and the body starts no other work
 * (whose own fix would declare a list of the same name): the loop completes normally and its body has no {@code
 * return} and no labelled {@code break} or {@code continue} (which could leave an outer loop). A failure thrown in
 * the loop still skips the await, as it skipped the code after the loop before. Not where waiting after the loop
 * may deadlock ({@link WaitHazards}: a release after the loop, a lock held).
 */
final class FanOutFixes {
  private FanOutFixes() {}

  /**
   * The fix for the statement at {@code statementPath}, which starts one item's work: it is replaced by {@code
   * replacement} (given the list's name: the statement that starts the work and adds its handle, a {@code handle}
   * of type {@code elementType}, to the list), and each handle is awaited after the loop with {@code awaitOf}.
   * Empty if the statement is not in a loop's body (directly, or through blocks, {@code if}s and a {@code try}'s
   * block, where the loop then holds no other start), the loop can be left early, or {@code awaitOf} has no await
   * there.
   */
  static Optional<SuggestedFix> collectAndAwaitAfterLoop(
      TreePath statementPath,
      String handle,
      String elementType,
      Function<String, String> replacement,
      Awaiter awaitOf,
      SuggestedFix.Builder fix,
      VisitorState state) {
    // Up to the loop through blocks, ifs and a try's block: for (..) { if (dirty) { pool.submit(..); } }.
    TreePath loopPath = statementPath.getParentPath();
    Tree body = statementPath.getLeaf();
    boolean nested = false;
    while (loopPath != null && !isLoop(loopPath.getLeaf())) {
      Tree node = loopPath.getLeaf();
      boolean passes =
          node instanceof BlockTree
              || node instanceof IfTree
              || (node instanceof TryTree tryTree && tryTree.getBlock() == body);
      if (!passes) {
        return Optional.empty();
      }
      nested |= body != statementPath.getLeaf() || !(node instanceof BlockTree);
      body = node;
      loopPath = loopPath.getParentPath();
    }
    if (loopPath == null
        // The loop's body, not a statement of a for loop's header (for (..; ..; pool.execute(r))).
        || bodyOf(loopPath.getLeaf()) != body
        || loopPath.getParentPath() == null
        || !(loopPath.getParentPath().getLeaf() instanceof BlockTree)) {
      return Optional.empty();
    }
    StatementTree loop = (StatementTree) loopPath.getLeaf();
    if (!Reachability.canCompleteNormally(loop)
        || EarlyExits.canLeaveLoop(loop)
        || WaitHazards.mayDeadlock(loopPath, statementPath.getLeaf(), state)) {
      return Optional.empty();
    }
    // Another start in the loop would be another finding whose fix declares a list of the same name.
    boolean othersStart =
        nested
            ? TaskScopes.countWorkStarts(bodyOf(loop)) > 1
            : statementPath.getParentPath().getLeaf() instanceof BlockTree loopBody
                && TaskScopes.othersStartWork(loopBody.getStatements(), statementPath.getLeaf(), state);
    if (othersStart) {
      return Optional.empty();
    }
    // Names not declared anywhere in the member: the list lives on in the block after the loop.
    VisitorState atLoop = state.withPath(loopPath);
    String list = TaskScopes.freshName(handle + "s", atLoop);
    String element = TaskScopes.freshName(handle, atLoop);
    Optional<String> await = awaitOf.await(element, loopPath, fix);
    if (await.isEmpty()) {
      return Optional.empty();
    }
    String indent = SourceLayout.indentOf(loop, state);
    String listType = SuggestedFixes.qualifyType(state, fix, "java.util.List");
    String arrayList = SuggestedFixes.qualifyType(state, fix, "java.util.ArrayList");
    fix.prefixWith(
        loop, listType + "<" + elementType + "> " + list + " = new " + arrayList + "<>();\n" + indent);
    String statements = replacement.apply(list);
    fix.replace(
        statementPath.getLeaf(),
        statements.contains("\n") ? SourceLayout.asStatement(statements, statementPath) : statements);
    fix.postfixWith(
        loop,
        "\n" + indent + "for (" + elementType + " " + element + " : " + list + ") { " + await.get() + "; }");
    return Optional.of(fix.build());
  }

  /**
   * The fix for {@code call} (its source {@code source}, its type {@code type}), a future dropped as a statement
   * at {@code path}: the future is added to the list.
   */
  static Optional<SuggestedFix> collectDroppedFuture(
      ExpressionTree call, Type type, TreePath path, VisitorState state, String source, Awaiter awaitOf) {
    TreePath statementPath = path.getParentPath();
    if (statementPath == null || !(statementPath.getLeaf() instanceof ExpressionStatementTree)) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    return collectAndAwaitAfterLoop(
        statementPath,
        "future",
        elementType(type, state, fix),
        list -> list + ".add(" + source + ");",
        awaitOf,
        fix,
        state);
  }

  /**
   * Builds the expression that awaits the future named {@code future} after the statement at {@code path}, adding
   * its imports to {@code fix}.
   */
  interface Awaiter {
    Optional<String> await(String future, TreePath path, SuggestedFix.Builder fix);
  }

  private static Tree bodyOf(Tree loop) {
    return switch (loop) {
      case EnhancedForLoopTree forEach -> forEach.getStatement();
      case ForLoopTree forLoop -> forLoop.getStatement();
      case WhileLoopTree whileLoop -> whileLoop.getStatement();
      case DoWhileLoopTree doWhile -> doWhile.getStatement();
      default -> loop;
    };
  }

  /** A {@code for}, enhanced {@code for}, {@code while} or {@code do} loop. */
  static boolean isLoop(Tree tree) {
    return tree instanceof EnhancedForLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree;
  }

  /** {@code Future<?>} for {@code Future<Integer>}: any element type may be added to the list. */
  static String elementType(Type type, VisitorState state, SuggestedFix.Builder fix) {
    Type erased = state.getTypes().erasure(type);
    String name = SuggestedFixes.qualifyType(state, fix, erased.tsym);
    int parameters = erased.tsym.type.getTypeArguments().size();
    return parameters == 0 ? name : name + "<" + String.join(", ", Collections.nCopies(parameters, "?")) + ">";
  }
}
