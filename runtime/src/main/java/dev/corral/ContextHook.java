package dev.corral;

import java.util.Arrays;
import java.util.Objects;

/**
 * Carries context from the thread that forks a task to the thread that runs it: thread-local values, a logging
 * MDC, a security or tracing context.
 *
 * <p>A hook is called once per {@link TaskGroup#fork fork}, <em>on the forking thread</em>; it captures what it
 * needs there and returns the {@link Runnable} that runs the task on the task's thread, installing the captured
 * context around {@code task.run()} and removing it afterwards. An MDC hook, for example:
 *
 * <pre>{@code
 * ContextHook mdc = task -> {
 *   Map<String, String> captured = MDC.getCopyOfContextMap();
 *   return () -> {
 *     Map<String, String> previous = MDC.getCopyOfContextMap();
 *     MDC.setContextMap(captured == null ? Map.of() : captured);
 *     try { task.run(); } finally { MDC.setContextMap(previous == null ? Map.of() : previous); }
 *   };
 * };
 * }</pre>
 *
 * <p>Threads: {@code wrap} runs on the thread that calls {@code fork} (owner or task); the returned runnable on
 * the task's thread, as part of the task: code there may fork into the task's group, and a group it opens is nested
 * in the task's group, as in the task body. Cancellation interrupts the task's thread while the runnable runs; the
 * hook's {@code finally} blocks still run. {@link #inheritThreadLocals} hooks are immutable and may be shared.
 *
 * @implSpec The returned runnable <strong>must</strong> call {@code task.run()} exactly once. If it returns or
 *     throws without doing so, the task fails with an {@link IllegalStateException} (or with what the wrapper
 *     threw), so a faulty hook is reported instead of leaving {@link TaskGroup#join()} waiting forever. If
 *     {@code wrap} itself throws, {@code fork} throws that exception and no task is started.
 */
@FunctionalInterface
public interface ContextHook {

  /**
   * Called on the forking thread; returns what runs on the task's thread.
   *
   * @param task the task body; the returned runnable must call it exactly once
   * @return the runnable to run on the task's thread, never {@code null}
   */
  Runnable wrap(Runnable task);

  /**
   * A hook that copies the forking thread's values of {@code locals} into the task's thread for the task's
   * duration, then restores what the task's thread held before (which matters on pooled executor threads).
   *
   * @throws NullPointerException if {@code locals} or one of its elements is {@code null}
   */
  static ContextHook inheritThreadLocals(ThreadLocal<?>... locals) {
    ThreadLocal<?>[] copy = locals.clone();
    Arrays.asList(copy).forEach(local -> Objects.requireNonNull(local, "thread local"));
    return task -> {
      Object[] captured = new Object[copy.length];
      for (int i = 0; i < copy.length; i++) {
        captured[i] = copy[i].get();
      }
      return () -> {
        Object[] previous = new Object[copy.length];
        for (int i = 0; i < copy.length; i++) {
          previous[i] = copy[i].get();
          set(copy[i], captured[i]);
        }
        try {
          task.run();
        } finally {
          for (int i = 0; i < copy.length; i++) {
            set(copy[i], previous[i]);
          }
        }
      };
    };
  }

  /**
   * Returns a hook that applies this hook and then {@code next} (so {@code next}'s context is innermost).
   *
   * @throws NullPointerException if {@code next} is {@code null}
   */
  default ContextHook andThen(ContextHook next) {
    Objects.requireNonNull(next, "next");
    return task -> wrap(next.wrap(task));
  }

  @SuppressWarnings("unchecked")
  private static <V> void set(ThreadLocal<V> local, Object value) {
    if (value == null) {
      local.remove();
    } else {
      local.set((V) value);
    }
  }
}
