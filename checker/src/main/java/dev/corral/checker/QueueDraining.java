package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * The steps around callback delivery that are not work of their own: taking the next message from a queue or
 * an iterator, and bookkeeping on a synchronizer or an atomic ({@code phaser.arriveAndAwaitAdvance()}, {@code
 * sent.set(false)}). A delivery task made of these and callback calls still only runs the caller's callbacks.
 */
final class QueueDraining {
  private static final Matcher<ExpressionTree> TAKE_NEXT =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.Queue")
              .namedAnyOf("poll", "remove", "peek")
              .withNoParameters(),
          instanceMethod()
              .onDescendantOf("java.util.Deque")
              .namedAnyOf("pollFirst", "pollLast", "removeFirst", "removeLast")
              .withNoParameters(),
          instanceMethod().onDescendantOf("java.util.concurrent.BlockingQueue").named("take"),
          instanceMethod().onDescendantOf("java.util.Iterator").named("next"));

  /**
   * Synchronizers and atomics: counting, arriving, releasing or setting a flag. Futures are not among them: a
   * future completed after a callback is the outcome the callback can skip by throwing.
   */
  private static final Matcher<ExpressionTree> BOOKKEEPING =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Phaser"),
          instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch"),
          instanceMethod().onDescendantOf("java.util.concurrent.Semaphore"),
          instanceMethod().onDescendantOf("java.util.concurrent.CyclicBarrier"),
          instanceMethod().onDescendantOf("java.util.concurrent.locks.Lock"),
          instanceMethod().onDescendantOf("java.util.concurrent.atomic.AtomicBoolean"),
          instanceMethod().onDescendantOf("java.util.concurrent.atomic.AtomicInteger"),
          instanceMethod().onDescendantOf("java.util.concurrent.atomic.AtomicLong"),
          instanceMethod().onDescendantOf("java.util.concurrent.atomic.AtomicReference"));

  private QueueDraining() {}

  /** {@code queue.poll()}, {@code iterator.next()}... on a value the task already has. */
  static boolean takesNext(@Nullable ExpressionTree initializer, VisitorState state) {
    ExpressionTree value = initializer == null ? null : ASTHelpers.stripParentheses(initializer);
    return value instanceof MethodInvocationTree call
        && TAKE_NEXT.matches(call, state)
        && DeliveryTasks.isComputed(ASTHelpers.getReceiver(call));
  }

  /** {@code (message = queue.poll()) != null}: the loop condition that takes the next message. */
  static boolean takesNextUntilEmpty(ExpressionTree condition, VisitorState state) {
    return ASTHelpers.stripParentheses(condition) instanceof BinaryTree test
        && test.getKind() == Tree.Kind.NOT_EQUAL_TO
        && test.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL
        && ASTHelpers.stripParentheses(test.getLeftOperand()) instanceof AssignmentTree assignment
        && takesNext(assignment.getExpression(), state);
  }

  /** A statement that only calls a synchronizer or an atomic held by the task, with computed arguments. */
  static boolean isBookkeeping(StatementTree statement, VisitorState state) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && BOOKKEEPING.matches(call, state)
        && DeliveryTasks.isComputed(ASTHelpers.getReceiver(call))
        && call.getArguments().stream().allMatch(DeliveryTasks::isComputed);
  }
}
