package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import java.util.List;

/** The JDK's single-value atomics and adders, whose reads and writes neither block nor fail. */
final class AtomicTypes {
  /** {@code AtomicBoolean}, {@code AtomicInteger}, {@code AtomicLong}, {@code AtomicReference}. */
  static final List<String> SCALARS =
      List.of(
          "java.util.concurrent.atomic.AtomicBoolean",
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.AtomicLong",
          "java.util.concurrent.atomic.AtomicReference");

  /** {@code ref.set(value)} on a scalar atomic: a store, as an assignment is. */
  static final Matcher<ExpressionTree> STORE =
      instanceMethod().onDescendantOfAny(SCALARS).namedAnyOf("set", "lazySet", "setPlain", "setRelease", "setOpaque");

  /** Counting on a {@code LongAdder} or {@code DoubleAdder}: statistics that cannot fail. */
  static final Matcher<ExpressionTree> ADDER_UPDATE =
      instanceMethod()
          .onDescendantOfAny(
              "java.util.concurrent.atomic.LongAdder", "java.util.concurrent.atomic.DoubleAdder")
          .namedAnyOf("increment", "decrement", "add");

  /**
   * A numeric update on an {@code AtomicInteger} or {@code AtomicLong} ({@code incrementAndGet()}, {@code
   * getAndAdd(n)}, ..) or an adder ({@link #ADDER_UPDATE}): counting, which neither blocks nor fails.
   */
  static final Matcher<ExpressionTree> COUNTER_UPDATE =
      anyOf(
          instanceMethod()
              .onDescendantOfAny(
                  "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong")
              .namedAnyOf(
                  "incrementAndGet",
                  "decrementAndGet",
                  "getAndIncrement",
                  "getAndDecrement",
                  "addAndGet",
                  "getAndAdd"),
          ADDER_UPDATE);

  private AtomicTypes() {}
}
