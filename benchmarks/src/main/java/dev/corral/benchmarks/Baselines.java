package dev.corral.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The JDK baselines, looked up once so that one benchmark jar (compiled for 17) runs on 17 and on 25:
 * {@code Executors.newVirtualThreadPerTaskExecutor()} (21+) and {@code StructuredTaskScope} (25, preview; needs
 * {@code --enable-preview} at run time). Each handle is a constant, so the JIT inlines the calls.
 */
final class Baselines {
  private static final MethodHandle NEW_VIRTUAL_EXECUTOR = find(() -> MethodHandles.publicLookup()
      .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)));

  private static final MethodHandle VIRTUAL_FACTORY = find(() -> {
    Class<?> builder = Class.forName("java.lang.Thread$Builder");
    MethodHandle ofVirtual = MethodHandles.publicLookup().findStatic(Thread.class, "ofVirtual",
        MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
    MethodHandle factory = MethodHandles.publicLookup().findVirtual(builder, "factory",
        MethodType.methodType(java.util.concurrent.ThreadFactory.class));
    return MethodHandles.filterReturnValue(ofVirtual, factory.asType(MethodType.methodType(
        java.util.concurrent.ThreadFactory.class, ofVirtual.type().returnType())));
  });

  private static final Class<?> SCOPE = type("java.util.concurrent.StructuredTaskScope");
  private static final MethodHandle SCOPE_OPEN = find(() -> MethodHandles.publicLookup()
      .findStatic(SCOPE, "open", MethodType.methodType(SCOPE))
      .asType(MethodType.methodType(AutoCloseable.class)));
  private static final MethodHandle SCOPE_FORK = find(() -> MethodHandles.publicLookup()
      .findVirtual(SCOPE, "fork", MethodType.methodType(
          type("java.util.concurrent.StructuredTaskScope$Subtask"), Callable.class))
      .asType(MethodType.methodType(Supplier.class, AutoCloseable.class, Callable.class)));
  private static final MethodHandle SCOPE_JOIN = find(() -> MethodHandles.publicLookup()
      .findVirtual(SCOPE, "join", MethodType.methodType(Object.class))
      .asType(MethodType.methodType(Object.class, AutoCloseable.class)));

  private Baselines() {}

  static boolean hasVirtualThreads() {
    return NEW_VIRTUAL_EXECUTOR != null;
  }

  static boolean hasStructuredTaskScope() {
    return SCOPE_OPEN != null && SCOPE_FORK != null && SCOPE_JOIN != null;
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
  static ExecutorService newVirtualThreadPerTaskExecutor() {
    require(hasVirtualThreads(), "virtual threads (Java 21+)");
    try {
      return (ExecutorService) NEW_VIRTUAL_EXECUTOR.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** New threads of the kind a group starts by default: virtual on 21+ ({@code Thread.ofVirtual()}), else platform. */
  static java.util.concurrent.ThreadFactory defaultThreads() {
    if (VIRTUAL_FACTORY == null) {
      return Thread::new;
    }
    try {
      return (java.util.concurrent.ThreadFactory) VIRTUAL_FACTORY.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** What {@code ExecutorService.close()} does on 19+ (shutdown, then wait): the class is compiled for 17. */
  static void close(ExecutorService executor) throws InterruptedException {
    executor.shutdown();
    while (!executor.awaitTermination(1, java.util.concurrent.TimeUnit.DAYS)) {
      // keep waiting, as close() does
    }
  }

  /** {@code StructuredTaskScope.open()}. */
  static AutoCloseable openScope() throws Throwable {
    require(hasStructuredTaskScope(), "StructuredTaskScope (Java 25 with --enable-preview)");
    return (AutoCloseable) SCOPE_OPEN.invokeExact();
  }

  /** {@code scope.fork(task)}; the subtask is a {@link Supplier} of its result. */
  static Supplier<?> fork(AutoCloseable scope, Callable<?> task) throws Throwable {
    return (Supplier<?>) SCOPE_FORK.invokeExact(scope, task);
  }

  /** {@code scope.join()}. */
  static void join(AutoCloseable scope) throws Throwable {
    Object ignored = (Object) SCOPE_JOIN.invokeExact(scope);
  }

  private static void require(boolean available, String what) {
    if (!available) {
      throw new UnsupportedOperationException("this JVM (Java " + Runtime.version().feature() + ") lacks " + what);
    }
  }

  private interface Lookup {
    MethodHandle find() throws ReflectiveOperationException;
  }

  private static MethodHandle find(Lookup lookup) {
    try {
      return lookup.find();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null; // older JDK, or StructuredTaskScope without --enable-preview
    }
  }

  private static Class<?> type(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException | LinkageError e) {
      return Object.class; // lookups against it fail and leave their handle null
    }
  }
}
