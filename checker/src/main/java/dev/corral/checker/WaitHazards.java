package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Where a fix that waits for started work may deadlock instead: the work may need something the waiting thread
 * would only do, or only give up, after the wait. Such a wait is not offered (LeakedFuture then reports first):
 *
 * <ul>
 *   <li>the wait holds a monitor or a lock the work may need: inside {@code synchronized}, or after {@code
 *       lock.lock()} in an enclosing block;
 *   <li>code that runs after the wait may be what the work waits for: it counts down a latch, releases a
 *       semaphore, signals, completes a future, feeds or drains a queue, unlocks, closes, or starts other work, in the
 *       statements after the wait's position, in the blocks around it, in a {@code finally} around it, anywhere in
 *       a loop around it (the next round runs after the wait), or after a call of the method in a caller of the
 *       build (a helper that starts the work, whose caller then releases it);
 *   <li>the method runs while its class is initialized: a static initializer calls it ({@link
 *       StaticInitializers}).
 * </ul>
 *
 * <p>Read by names and receiver types; what the work itself waits for is not read, so any such release counts.
 */
final class WaitHazards {
  private WaitHazards() {}

  /** Calls that may be what waiting work needs to go on, on any receiver. */
  private static final Set<String> RELEASES =
      Set.of(
          "countDown",
          "release",
          "releaseShared",
          "signal",
          "signalAll",
          "notify",
          "notifyAll",
          "unlock",
          "arrive",
          "arriveAndDeregister",
          "arriveAndAwaitAdvance",
          "exchange",
          "complete",
          "completeExceptionally",
          "obtrudeValue",
          "obtrudeException",
          "setException",
          "setSuccess",
          "setFailure",
          "trySuccess",
          "tryFailure",
          "interrupt",
          "close",
          "start",
          "startVirtualThread",
          "runAsync",
          "supplyAsync",
          "fork",
          "submit",
          "execute",
          "invokeAll",
          "invokeAny",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay");

  /** Calls that feed a queue a consumer may be waiting on, or drain one a producer may be waiting on. */
  private static final Set<String> QUEUE_CALLS =
      Set.of(
          "put", "offer", "add", "addAll", "push", "addFirst", "addLast", "offerFirst", "offerLast", "putFirst",
          "putLast", "transfer", "tryTransfer", "take", "poll", "pollFirst", "pollLast", "takeFirst", "takeLast",
          "drainTo", "remove", "clear");

  /**
   * Whether waiting at the end of the code at {@code waitsAfter} (the start's statement for a wait in place, its
   * block for a wait at the block's end, its loop for one after the loop) may deadlock; {@code start} is the
   * statement that starts the work, which does not count as a release of itself.
   */
  static boolean mayDeadlock(TreePath waitsAfter, Tree start, VisitorState state) {
    return holdsALock(waitsAfter) || releasedAfter(waitsAfter, start, state, /* callerDepth= */ 1);
  }

  private static boolean holdsALock(TreePath path) {
    for (TreePath p = path; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree method) {
        return method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED);
      }
      if (parent instanceof SynchronizedTree) {
        return true;
      }
      if (parent instanceof BlockTree block && leaf instanceof StatementTree statement) {
        for (StatementTree before : block.getStatements()) {
          if (before == statement) {
            break;
          }
          if (takesALock(before)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean takesALock(StatementTree statement) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && (method.getSimpleName().contentEquals("lock")
            || method.getSimpleName().contentEquals("lockInterruptibly"));
  }

  private static boolean releasedAfter(TreePath waitsAfter, Tree start, VisitorState state, int callerDepth) {
    for (TreePath p = waitsAfter; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        return false;
      }
      if (leaf instanceof MethodTree method) {
        return callerDepth > 0 && releasedAfterACall(method, state, callerDepth - 1);
      }
      if (parent instanceof BlockTree block && leaf instanceof StatementTree statement) {
        List<? extends StatementTree> statements = block.getStatements();
        int index = statements.indexOf(statement);
        for (StatementTree later : statements.subList(index + 1, statements.size())) {
          if (releases(later, start, state)) {
            return true;
          }
        }
      }
      if (parent instanceof TryTree tryTree
          && leaf != tryTree.getFinallyBlock()
          && releases(tryTree.getFinallyBlock(), start, state)) {
        return true;
      }
      // The next round of a loop around the wait runs after it.
      if (FanOutFixes.isLoop(parent) && releases(parent, start, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a caller in the build of the method declared by {@code method} releases after the call. */
  private static boolean releasedAfterACall(MethodTree method, VisitorState state, int callerDepth) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    List<TreePath> calls = symbol == null ? null : BuildIndex.of(state).callsOf(symbol, state);
    if (calls == null) {
      return false;
    }
    for (TreePath call : calls) {
      if (StaticInitializers.runsDuringClassInitialization(call)
          || holdsALock(call)
          || releasedAfter(call, call.getLeaf(), state, callerDepth)) {
        return true;
      }
    }
    return false;
  }

  private static boolean releases(@Nullable Tree tree, Tree start, VisitorState state) {
    if (tree == null) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree node, Void unused) {
        // The start itself is no release of its work; a lambda it is handed runs inside that work.
        return found[0] || node == start ? null : super.scan(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (isRelease(call, state)) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  private static boolean isRelease(MethodInvocationTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    String name = method.getSimpleName().toString();
    if (RELEASES.contains(name)) {
      return true;
    }
    Type receiver = ASTHelpers.getReceiverType(call);
    return (QUEUE_CALLS.contains(name) && FutureTypes.isSubtypeOf(receiver, "java.util.Queue", state))
        || (name.equals("await") && FutureTypes.isSubtypeOf(receiver, "java.util.concurrent.CyclicBarrier", state))
        || (name.equals("set") && FutureTypes.isSubtypeOf(receiver, "java.util.concurrent.Future", state));
  }
}
