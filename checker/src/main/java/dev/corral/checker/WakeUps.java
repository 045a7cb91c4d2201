package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;

/** The JDK's calls that wake a waiting thread: they neither block nor fail, and skipping one leaves a waiter. */
final class WakeUps {
  /** {@code notify()}, {@code notifyAll()}, {@code Condition.signal(All)}, a latch count-down, a permit release. */
  static final Matcher<ExpressionTree> WAKE_UP =
      anyOf(
          instanceMethod().anyClass().namedAnyOf("notify", "notifyAll").withNoParameters(),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.locks.Condition")
              .namedAnyOf("signal", "signalAll"),
          instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("countDown"),
          instanceMethod().onDescendantOf("java.util.concurrent.Semaphore").named("release"));

  private WakeUps() {}
}
