package dev.corral;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default threads of a group: a virtual thread per task on Java 21+, a platform thread per task on 17.
 *
 * <p>One jar serves both: the {@code Thread.ofVirtual()} builder is looked up once, through method handles, when
 * this class initialises. A new thread per task (never a shared pool) is what lets {@link TaskGroup#close()}
 * promise that no thread the group started outlives the block.
 */
final class TaskThreads {
  private static final MethodHandle OF_VIRTUAL;
  private static final MethodHandle NAME;
  private static final MethodHandle FACTORY;

  static {
    MethodHandle ofVirtual = null;
    MethodHandle name = null;
    MethodHandle factory = null;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
      ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
      name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class));
      factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
    } catch (ReflectiveOperationException | LinkageError e) {
      // Java 17-20: no virtual threads; platform threads are used instead.
      ofVirtual = null;
    }
    OF_VIRTUAL = ofVirtual;
    NAME = name;
    FACTORY = factory;
  }

  private TaskThreads() {}

  static boolean virtualThreadsAvailable() {
    return OF_VIRTUAL != null;
  }

  /** A factory whose threads are named {@code <prefix>0}, {@code <prefix>1}, ... */
  static ThreadFactory newFactory(String prefix) {
    if (OF_VIRTUAL != null) {
      try {
        return (ThreadFactory) FACTORY.invoke(NAME.invoke(OF_VIRTUAL.invoke(), prefix, 0L));
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create virtual threads", e);
      }
    }
    AtomicLong counter = new AtomicLong();
    return task -> new Thread(task, prefix + counter.getAndIncrement());
  }
}
