package dev.corral;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default threads of a group: a virtual thread per task on Java 21+; on 17, one JVM-wide cached pool of daemon
 * platform threads ({@code corral-worker-<n>}), created when the first group needs it.
 *
 * <p>One jar serves both: the {@code Thread.ofVirtual()} builder is looked up once, through method handles, when
 * this class initialises.
 *
 * <p>The pool is unbounded like {@link java.util.concurrent.Executors#newCachedThreadPool()}: a task never waits
 * for a thread (so nested groups cannot starve each other), and a thread idle for {@value #KEEP_ALIVE_SECONDS} s
 * ends. Its threads are daemons, so the pool never keeps the JVM alive, and it is never shut down. A pooled thread
 * carries nothing from one task to the next: {@link #runPooled} clears its interrupt status, removes Corral's own
 * thread-locals and restores its context class loader after every task ({@link ContextHook}s undo their own
 * effects, as their contract says). {@link TaskGroup#close()} waits until every task has ended, not for these
 * threads, which go back to the pool.
 */
final class TaskThreads {
  static final long KEEP_ALIVE_SECONDS = 60;

  private static final MethodHandle OF_VIRTUAL;
  private static final MethodHandle NAME;
  private static final MethodHandle FACTORY;
  /** One JVM-wide factory of unnamed virtual threads (thread-safe, as every such factory is); null before 21. */
  private static final ThreadFactory UNNAMED_VIRTUAL;

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
      // Java 17-20: no virtual threads; the shared pool of platform threads is used instead.
      ofVirtual = null;
    }
    OF_VIRTUAL = ofVirtual;
    NAME = name;
    FACTORY = factory;
    ThreadFactory unnamed = null;
    if (ofVirtual != null) {
      try {
        unnamed = (ThreadFactory) factory.invoke(ofVirtual.invoke());
      } catch (Throwable e) {
        throw new ExceptionInInitializerError(e);
      }
    }
    UNNAMED_VIRTUAL = unnamed;
  }

  private TaskThreads() {}

  static boolean virtualThreadsAvailable() {
    return OF_VIRTUAL != null;
  }

  /**
   * A factory whose threads are named {@code <prefix>0}, {@code <prefix>1}, ...: virtual threads on Java 21+,
   * platform threads on 17 (for Gather's waiter threads; a group's tasks use the pool there, see
   * {@link #runPooled}).
   */
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

  /**
   * The JVM-wide factory of unnamed virtual threads (Java 21+ only). A group opened without a name gives each of
   * its threads the group's own name string ({@link Thread#setName}, before the thread starts): the threads still
   * show their group in a thread dump, and neither a name nor a factory is made per thread or per group.
   */
  static ThreadFactory unnamedVirtualFactory() {
    return UNNAMED_VIRTUAL;
  }

  /**
   * Runs {@code task} on a thread of the shared pool (Java 17-20). Throws what the pool throws when it cannot start
   * a thread (e.g. an {@link OutOfMemoryError} from {@link Thread#start()}); it never rejects otherwise.
   */
  static void runPooled(Runnable task) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Pool.EXECUTOR.execute(() -> {
      Thread worker = Thread.currentThread();
      worker.setContextClassLoader(loader); // what a new thread started here would have inherited
      try {
        task.run();
      } finally {
        // Nothing of this task may reach the next one on this thread. GroupTask already cleared an interrupt the
        // group delivered and restored the current-group marker (CurrentGroup); this also clears an interrupt the
        // task left set itself, and removes the marker's thread-local entry.
        Thread.interrupted();
        CurrentGroup.clearPooledThread();
        worker.setContextClassLoader(Pool.LOADER);
      }
    });
  }

  /** The pool, created on first use (holder idiom): on Java 21+ it is never created. */
  private static final class Pool {
    static final ClassLoader LOADER = TaskThreads.class.getClassLoader();
    static final ThreadPoolExecutor EXECUTOR;

    static {
      AtomicLong counter = new AtomicLong();
      ThreadFactory daemons = runnable -> {
        // No inheritable thread-locals: the thread serves many tasks, not the one whose fork happened to create it.
        Thread thread = new Thread(null, runnable, "corral-worker-" + counter.getAndIncrement(), 0, false);
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY);
        thread.setContextClassLoader(LOADER);
        return thread;
      };
      EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
          new SynchronousQueue<>(), daemons);
    }
  }
}
