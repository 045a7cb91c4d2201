package dev.corral.checker;

import java.util.List;

/** The JDK's single-value atomics, whose reads and writes neither block nor fail. */
final class AtomicTypes {
  /** {@code AtomicBoolean}, {@code AtomicInteger}, {@code AtomicLong}, {@code AtomicReference}. */
  static final List<String> SCALARS =
      List.of(
          "java.util.concurrent.atomic.AtomicBoolean",
          "java.util.concurrent.atomic.AtomicInteger",
          "java.util.concurrent.atomic.AtomicLong",
          "java.util.concurrent.atomic.AtomicReference");

  private AtomicTypes() {}
}
