package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Commands queued into a batch held in a local or parameter ({@code RBatch b = ...; b.getBucket(k).setAsync(v); return
 * b.executeAsync();}): the future of each queued command reports through the batch, whose own
 * future (a later future-returning call on the same local receiver) is observed.
 */
final class BatchedCommands {
  private BatchedCommands() {}

  /**
   * Whether the dropped call at {@code callPath} is made on a local or parameter (not itself a
   * future), directly
   * or through a chain ({@code b.getBucket(k).setAsync(v)}), and a later call on that local in the
   * same body, without arguments ({@code executeAsync()}: it runs what was queued, it queues
   * nothing new), returns a new future (not {@code newPromise()}) that is used (returned, awaited, assigned, passed on). An
   * executor is no batch: {@code executor.submit(a); return executor.submit(b);} still leaks
   * {@code a}.
   */
  static boolean queuedIntoObservedBatch(
      TreePath callPath, OwnedFutures ownedFutures, VisitorState state) {
    FutureTypes futureTypes = ownedFutures.futureTypes();
    Symbol batch = localReceiver(callPath.getLeaf(), futureTypes, state);
    TreePath owner = LeakAnalysis.ownerOf(callPath);
    Tree body = owner == null ? null : bodyOf(owner.getLeaf());
    if (batch == null || body == null) {
      return false;
    }
    int after = state.getEndPosition(callPath.getLeaf());
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (!found[0]
            && ASTHelpers.getStartPosition(invocation) >= after
            && ASTHelpers.getReceiver(invocation) != null
            && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(ASTHelpers.getReceiver(invocation)))
                == batch
            && invocation.getArguments().isEmpty()
            && ownedFutures.returnsOwnedFuture(invocation, state)
            && !Observation.isDropped(getCurrentPath(), state)
            && Observation.observes(getCurrentPath(), state)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(invocation, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null;
      }
    }.scan(new TreePath(owner, body), null);
    return found[0];
  }

  private static @Nullable Tree bodyOf(Tree owner) {
    return owner instanceof LambdaExpressionTree lambda
        ? lambda.getBody()
        : ((com.sun.source.tree.MethodTree) owner).getBody();
  }

  /** The local at the root of the call's receiver chain, unless a future is on the way. */
  private static @Nullable Symbol localReceiver(Tree call, FutureTypes futureTypes, VisitorState state) {
    ExpressionTree receiver =
        call instanceof ExpressionTree expression ? ASTHelpers.getReceiver(expression) : null;
    while (receiver != null) {
      receiver = ASTHelpers.stripParentheses(receiver);
      if (futureTypes.isFuture(ASTHelpers.getType(receiver), state)) {
        return null;
      }
      if (receiver instanceof IdentifierTree) {
        if (FutureTypes.isSubtypeOf(
            ASTHelpers.getType(receiver), "java.util.concurrent.Executor", state)) {
          // executor.submit(a); return executor.submit(b); leaks a.
          return null;
        }
        Symbol symbol = ASTHelpers.getSymbol(receiver);
        return symbol != null
                && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
                    || symbol.getKind() == ElementKind.PARAMETER)
            ? symbol
            : null;
      }
      if (!(receiver instanceof MethodInvocationTree)) {
        return null;
      }
      receiver = ASTHelpers.getReceiver(receiver);
    }
    return null;
  }
}
