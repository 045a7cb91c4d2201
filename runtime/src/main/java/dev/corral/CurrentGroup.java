package dev.corral;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The group whose task the current thread is running, so that a group can tell its own tasks from strangers
 * ({@code fork} from an unrelated thread fails) and a group opened inside a task finds its parent (and is cancelled
 * with it). The group is all either needs, and unlike the task it is the same for every task of the group, so its
 * binding can be made once per group ({@link #bindingFor}).
 *
 * <p>On Java 25+ the marker is a {@code java.lang.ScopedValue} (final there), bound around each task's hooked body:
 * one {@code ScopedValue.Carrier} per group, made when the group opens, and one small snapshot object per task
 * (about 24 bytes). A {@link ThreadLocal} set on a fresh virtual thread, one per task, creates that thread's whole
 * {@code ThreadLocalMap} instead (about 140 bytes per task, the largest per-task cost after the thread and the
 * thread name). A binding also ends with the body by construction, so nothing reaches the next task of a pooled or
 * executor thread. On Java 17-24 the marker is a {@link ThreadLocal}: on 17 the default threads are pooled, so
 * each pool thread creates its map once, and on 21-24 {@code ScopedValue} is a preview API.
 *
 * <p>One jar serves all: {@code ScopedValue} is looked up once, through method handles, when this class
 * initialises, as {@link TaskThreads} does for virtual threads. A multi-release class compiled with
 * {@code --release 25} would call it directly, but would need a JDK 25 toolchain to build the runtime, and the
 * build accepts any JDK 21+; the handles are constants, which the JIT compiles to the direct calls.
 *
 * <p>A {@code ScopedValue} binding is inherited by the subtasks of a {@code StructuredTaskScope} opened in the body,
 * a {@code ThreadLocal} is not: on Java 25+ such subtasks count as running inside the task (they may fork into its
 * group, and a group they open is nested in it, so cancelling the task's group cancels that group too).
 */
final class CurrentGroup {
  /** {@code (Object group) Object}: {@code ScopedValue.where(KEY, group)}, a carrier; null before Java 25. */
  private static final MethodHandle WHERE;
  /** {@code (Object carrier, Runnable op) void}: {@code carrier.run(op)}; null before Java 25. */
  private static final MethodHandle RUN;
  /** {@code () Object}: {@code KEY.orElse(NONE)}; null before Java 25. */
  private static final MethodHandle GET;
  /** What {@link #GET} returns when the scoped value is unbound ({@code orElse} takes no null). */
  private static final Object NONE = new Object();
  /** The marker on Java 17-24; null on 25+. */
  private static final ThreadLocal<TaskGroup> LOCAL;

  static {
    MethodHandle where = null;
    MethodHandle run = null;
    MethodHandle get = null;
    if (Runtime.version().feature() >= 25) {
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> scopedValue = Class.forName("java.lang.ScopedValue");
        Class<?> carrier = Class.forName("java.lang.ScopedValue$Carrier");
        Object key = lookup.findStatic(scopedValue, "newInstance", MethodType.methodType(scopedValue)).invoke();
        where = MethodHandles.insertArguments(
                lookup.findStatic(scopedValue, "where", MethodType.methodType(carrier, scopedValue, Object.class)), 0,
                key)
            .asType(MethodType.methodType(Object.class, Object.class));
        run = lookup.findVirtual(carrier, "run", MethodType.methodType(void.class, Runnable.class))
            .asType(MethodType.methodType(void.class, Object.class, Runnable.class));
        get = MethodHandles.insertArguments(
                lookup.findVirtual(scopedValue, "orElse", MethodType.methodType(Object.class, Object.class)), 0, key,
                NONE)
            .asType(MethodType.methodType(Object.class));
      } catch (Throwable e) {
        // Not usable after all (a trimmed or unusual runtime): the thread-local below serves.
        where = null;
        run = null;
        get = null;
      }
    }
    WHERE = where;
    RUN = run;
    GET = get;
    LOCAL = run == null ? new ThreadLocal<>() : null;
  }

  private CurrentGroup() {}

  /** Whether the marker is a scoped value (Java 25+) rather than a thread-local. */
  static boolean scoped() {
    return RUN != null;
  }

  /** The group whose task's body the current thread is running, or {@code null}. */
  static TaskGroup get() {
    if (GET == null) {
      return LOCAL.get();
    }
    Object group;
    try {
      group = (Object) GET.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read the current group", e);
    }
    return group == NONE ? null : (TaskGroup) group;
  }

  /**
   * What {@link #runIn} needs to mark a thread as running a task of {@code group}: on Java 25+ the scoped value's
   * carrier, made once per group; before, the group itself.
   */
  static Object bindingFor(TaskGroup group) {
    if (WHERE == null) {
      return group;
    }
    try {
      return (Object) WHERE.invokeExact((Object) group);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot bind the current group", e);
    }
  }

  /**
   * Runs {@code body} on the current thread as a task of the group whose {@link #bindingFor binding} is given, then
   * restores the previous marker (a task of a direct executor runs inside its forking task). Whatever {@code body}
   * throws propagates unchanged.
   */
  static void runIn(Object binding, Runnable body) throws Throwable {
    if (RUN != null) {
      RUN.invokeExact(binding, body);
      return;
    }
    TaskGroup previous = LOCAL.get();
    LOCAL.set((TaskGroup) binding);
    try {
      body.run();
    } finally {
      if (previous == null) {
        LOCAL.remove();
      } else {
        LOCAL.set(previous);
      }
    }
  }

  /**
   * Removes the marker a pooled thread may still hold (the thread-local's map entry; {@link #runIn} already
   * restored its value). A scoped value holds nothing once its body has returned.
   */
  static void clearPooledThread() {
    if (LOCAL != null) {
      LOCAL.remove();
    }
  }
}
