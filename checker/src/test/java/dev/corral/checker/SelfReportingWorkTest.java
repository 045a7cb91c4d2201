package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The one judgement of "work that reports its own failures" ({@link FailureCoverage}), through both checks that use
 * it: LeakedFuture (a dropped future of submitted work) and UnscopedTask (a started thread or executed task).
 */
final class SelfReportingWorkTest {
  /** The shapes of work that reports, each once for a dropped submit future and once for an unjoined thread. */
  private static final String SHAPES =
      """
      import java.net.Socket;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.atomic.AtomicBoolean;
      import java.util.logging.Logger;

      class A {
        private static final Logger LOG = Logger.getLogger("A");
        private static final ThreadLocal<Boolean> ON_WORKER = new ThreadLocal<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final CountDownLatch latch = new CountDownLatch(1);
        private final Map<String, String> pending = new java.util.HashMap<>();
        private volatile boolean closed;
        private boolean done;
        private final java.util.concurrent.locks.Lock lock = new java.util.concurrent.locks.ReentrantLock();

        void handle(String item) {
          work();
        }

        /** Stands for work that can fail. */
        void work() {
          if (closed) {
            throw new IllegalStateException();
          }
        }

        void close(Socket s) {}

        static void decideSomething() {
          throw new IllegalStateException();
        }

        /** Each of these reports its own failures. */
        void reporting(ExecutorService pool, List<String> items) {
          SUBMIT(() -> {
            if (closed) return;
            try {
              work();
            } catch (Throwable t) {
              LOG.severe("failed: " + t);
            }
          });
          SUBMIT(() -> {
            if (!running.compareAndSet(false, true)) {
              return;
            }
            Socket s = new Socket();
            try {
              work();
            } catch (Exception e) {
              LOG.warning("failed: " + e);
            } finally {
              close(s);
              pending.remove("k");
            }
            LOG.info("done");
            running.set(false);
            latch.countDown();
          });
          SUBMIT(() -> {
            for (String item : items) {
              try {
                handle(item);
              } catch (Throwable e) {
                LOG.warning("item failed: " + e);
              }
            }
          });
          SUBMIT(() -> {
            ON_WORKER.set(true);
            try {
              work();
            } catch (Throwable t) {
              LOG.log(java.util.logging.Level.SEVERE, "failed", t);
              throw t;
            } finally {
              ON_WORKER.set(false);
            }
          });
          SUBMIT(() -> {
            for (String item : items) {
              assert item != null : "null item";
              if (Math.min(item.length(), 10) > 0) {
                try {
                  handle(item);
                } catch (Throwable e) {
                  LOG.warning("item failed: " + e);
                }
              }
            }
          });
          SUBMIT(() -> {
            String name = items.get(0);
            while (running.get()) {
              try {
                handle(name);
              } catch (Exception e) {
                LOG.warning("failed: " + e);
              }
            }
            closed = true;
          });
          SUBMIT(() -> {
            try {
              work();
            } catch (RuntimeException e) {
              LOG.warning("failed: " + e);
            }
            synchronized (this) {
              done = true;
              notifyAll();
            }
          });
          SUBMIT(() -> {
            lock.lock();
            try {
              work();
            } catch (Throwable t) {
              LOG.severe("failed: " + t);
            } finally {
              lock.unlock();
            }
          });
          SUBMIT(() -> {
            try {
              work();
            } catch (Throwable t) {
              LOG.severe("failed: " + t);
              System.exit(1);
            }
            Runtime.getRuntime().halt(0);
          });
          SUBMIT(this::drain);
          SUBMIT(() -> drain());
          SUBMIT(() -> {
            Map<String, String> added = new java.util.HashMap<>();
            for (String item : items) {
              added.put(item, new String(item));
            }
            try {
              work();
            } catch (Exception e) {
              listener.onException(e);
              return;
            }
            listener.onCompletion();
          });
          SUBMIT(() -> {
            java.util.concurrent.CompletableFuture<String> f = start();
            f.whenComplete((r, e) -> LOG.info(r + " " + e));
          });
          SUBMIT(() -> {
            try {
              work();
            } catch (Exception e) {
              LOG.warning("failed: " + e);
            }
            stats.addHits(items.size());
            scheduleLater(this::work);
          });
          SUBMIT(() -> {
            running.set(lookUp());
            inScope(items, new Runnable() {
              @Override
              public void run() {
                try {
                  work();
                } catch (Throwable t) {
                  listener.onException(new Exception(t));
                }
              }
            });
          });
          SUBMIT(() -> java.util.Optional.ofNullable(closed ? null : "x").ifPresent(x -> {
            try {
              handle(x);
            } catch (Exception e) {
              LOG.warning("failed: " + e);
            }
          }));
          SUBMIT(() -> {
            try {
              work();
            } catch (Throwable t) {
              failures.incrementAndGet();
              LOG.log(java.util.logging.Level.SEVERE, "failed", t);
              throw new IllegalStateException(t);
            }
          });
        }

        private final java.util.concurrent.atomic.AtomicInteger failures =
            new java.util.concurrent.atomic.AtomicInteger();

        boolean lookUp() {
          work();
          return true;
        }

        void inScope(List<String> context, Runnable body) {
          work();
          body.run();
        }

        static final class Stats {
          void addHits(int n) {
            if (n < 0) {
              throw new IllegalArgumentException();
            }
          }
        }

        private final Stats stats = new Stats();

        interface Listener {
          void onCompletion();

          void onException(Exception e);
        }

        private Listener listener;

        static void scheduleLater(Runnable next) {
          next.run();
        }

        java.util.concurrent.CompletableFuture<String> start() {
          work();
          return new java.util.concurrent.CompletableFuture<>();
        }

        private void drain() {
          guardedStep();
          LOG.info("drained");
        }

        private void guardedStep() {
          try {
            work();
          } catch (Exception e) {
            LOG.warning("failed: " + e);
          }
        }

        /** Whichever class the receiver has, the body that runs reports. */
        static class Dispatcher {
          void dispatch() {
            try {
              decideSomething();
            } catch (RuntimeException e) {
              LOG.warning("failed: " + e);
            }
          }
        }

        static class TracingDispatcher extends Dispatcher {
          @Override
          void dispatch() {
            LOG.info("dispatching");
            super.dispatch();
          }
        }

        /** One of the classes the receiver may have runs a body that does not report. */
        static class Relay {
          void relay() {
            try {
              decideSomething();
            } catch (RuntimeException e) {
              LOG.warning("failed: " + e);
            }
          }
        }

        static class RawRelay extends Relay {
          @Override
          void relay() {
            decideSomething();
          }
        }

        private final Dispatcher dispatcher = new TracingDispatcher();
        private final Relay relay = new RawRelay();

        void reportingThroughOverrides(ExecutorService pool) {
          SUBMIT(() -> dispatcher.dispatch());
        }

        /** Each of these has work that can fail outside any reporting handler. */
        void notReporting(ExecutorService pool, Object lock) {
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> relay.relay());
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            synchronized (lock) {
              decideSomething();
              try {
                work();
              } catch (Exception e) {
                LOG.warning("failed: " + e);
              }
            }
          });
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            try {
              work();
            } catch (Exception e) {
              LOG.warning("failed: " + e);
            }
            work();
          });
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            try {
              work();
            } catch (RuntimeException e) {
              LOG.warning("failed: " + e);
            } finally {
              work();
            }
          });
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            if (pick()) {
              return;
            }
            try {
              work();
            } catch (Exception e) {
              LOG.warning("failed: " + e);
            }
          });
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            for (String item : List.of("a")) {
              handle(item);
              try {
                work();
              } catch (Exception e) {
                LOG.warning("failed: " + e);
              }
            }
          });
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            try {
              work();
            } catch (IllegalStateException e) {
              LOG.warning("failed: " + e);
            }
          });
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(this::halfGuarded);
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            try {
              work();
            } catch (Exception e) {
              com.google.common.base.Throwables.throwIfUnchecked(e);
              throw new IllegalStateException(e);
            }
          });
          // The wrapper's own arguments run first, outside the work's handler.
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            inScope(List.of(String.valueOf(pick())), () -> {
              try {
                work();
              } catch (Exception e) {
                LOG.warning("failed: " + e);
              }
            });
          });
          // Only one of the two pieces of work handed over reports.
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            both(() -> {
              try {
                work();
              } catch (Exception e) {
                LOG.warning("failed: " + e);
              }
            }, () -> work());
          });
        }

        void both(Runnable first, Runnable second) {
          first.run();
          second.run();
        }

        boolean pick() {
          work();
          return true;
        }

        private void halfGuarded() {
          guardedStep();
          work();
        }
      }
      """;

  /**
   * Updating a JDK collection or map the object holds changes memory and cannot fail but on a bug: a timeout task
   * that takes its request out of the pending map and completes it; so does filling an array or stopping a pool. A
   * queue's {@code add} (a bounded one throws when full) and a container class of the build's own are still read as
   * work.
   */
  private static final String IN_MEMORY =
      """
      import java.util.HashMap;
      import java.util.UUID;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ConcurrentMap;
      import java.util.concurrent.LinkedBlockingQueue;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;

      class A {
        static class Registry extends HashMap<UUID, String> {
          @Override
          public String remove(Object key) {
            throw new IllegalStateException("read-only");
          }
        }

        volatile boolean disconnected;
        final ConcurrentMap<UUID, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>(16);
        final Registry registry = new Registry();
        final int[] slots = new int[4];
        java.util.concurrent.ExecutorService cleaner;

        /** Looks up or registers the pending entry (stores of read or built values), then hands the task on. */
        private void requeue(UUID id, Runnable task) {
          CompletableFuture<Boolean> current;
          synchronized (pending) {
            current = pending.get(id);
            if (current == null) {
              current = new CompletableFuture<>();
              pending.put(id, current);
            }
          }
          cleaner.execute(task);
        }

        /** The same with a lookup that runs code of its own. */
        private void requeueComputing(UUID id, Runnable task) {
          CompletableFuture<Boolean> current;
          synchronized (pending) {
            current = pending.computeIfAbsent(id, key -> new CompletableFuture<>());
          }
          cleaner.execute(task);
        }

        void negatives(ScheduledExecutorService pool, UUID id, CompletableFuture<Boolean> request, Runnable later) {
          // HELPER_THAT_CANNOT_FAIL
          SCHEDULE(() -> requeue(id, later), 10, TimeUnit.SECONDS);
          SCHEDULE(() -> {
            if (pending.remove(id, request)) {
              if (disconnected) {
                request.completeExceptionally(new IllegalStateException("disconnected"));
              } else {
                request.complete(false);
              }
            }
          }, 10, TimeUnit.SECONDS);
          SCHEDULE(() -> {
            pending.remove(id);
            events.offer(new Object());
          }, 10, TimeUnit.SECONDS);
          // Completing a future with a value read from state.
          SCHEDULE(() -> request.complete(pending.isEmpty()), 10, TimeUnit.SECONDS);
          SCHEDULE(() -> {
            java.util.Arrays.fill(slots, 0);
            cleaner.shutdownNow();
          }, 10, TimeUnit.SECONDS);
        }

        void positives(ScheduledExecutorService pool, UUID id, java.net.InetAddress address, Runnable later) {
          // BUG: Diagnostic contains: EXPECTED
          SCHEDULE(() -> requeueComputing(id, later), 10, TimeUnit.SECONDS);
          // BUG: Diagnostic contains: EXPECTED
          SCHEDULE(() -> {
            events.add(new Object());
          }, 10, TimeUnit.SECONDS);
          // A read by name that declares IOException does I/O: its failure goes to an empty catch.
          // BUG: Diagnostic contains: EXPECTED
          SCHEDULE(() -> {
            try {
              if (address.isReachable(500)) {
                pending.clear();
              }
            } catch (java.io.IOException ignored) {
            }
          }, 10, TimeUnit.SECONDS);
          // BUG: Diagnostic contains: EXPECTED
          SCHEDULE(() -> {
            registry.remove(id);
          }, 10, TimeUnit.SECONDS);
        }
      }
      """;

  /**
   * A task whose class is known exactly ({@code new Ping()}) runs its own implementation of the steps its template's
   * {@code run()} calls on itself, whatever other subclasses of the template do.
   */
  private static final String TEMPLATE =
      """
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.logging.Logger;

      class A {
        static final Logger LOG = Logger.getLogger("A");

        abstract static class Named implements Runnable {
          @Override
          public void run() {
            String old = Thread.currentThread().getName();
            try {
              execute();
            } finally {
              Thread.currentThread().setName(old);
            }
          }

          abstract void execute();
        }

        static void work() {
          throw new IllegalStateException();
        }

        static class Ping extends Named {
          @Override
          void execute() {
            try {
              work();
            } catch (RuntimeException e) {
              LOG.warning("ping failed: " + e);
            }
          }
        }

        static class Raw extends Named {
          @Override
          void execute() {
            work();
          }
        }

        void start(ScheduledExecutorService pool) {
          SUBMIT(new Ping());
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(new Raw());
        }
      }
      """;

  @Test
  void theTaskClassDecidesWhichStepRuns() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java", TEMPLATE.replace("SUBMIT(", "pool.submit(").replace("EXPECTED", "submit() is dropped"))
        .doTest();
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines("A.java", TEMPLATE.replace("SUBMIT(", "pool.execute(").replace("EXPECTED", "UnscopedTask"))
        .doTest();
  }

  @Test
  void inMemoryUpdatesCannotFail() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java", IN_MEMORY.replace("SCHEDULE(", "pool.schedule(").replace("EXPECTED", "schedule() is dropped"))
        .doTest();
    // A started task that calls other code is the delivery UnscopedTask is about, even code that cannot fail.
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            IN_MEMORY
                .replace("HELPER_THAT_CANNOT_FAIL", "BUG: Diagnostic contains: UnscopedTask")
                .replace("SCHEDULE(", "pool.execute(")
                .replace(", 10, TimeUnit.SECONDS);", ");")
                .replace("EXPECTED", "UnscopedTask"))
        .doTest();
  }

  @Test
  void leakedFutureJudgesSubmittedWork() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            SHAPES.replace("SUBMIT(", "pool.submit(").replace("EXPECTED", "submit() is dropped"))
        .doTest();
  }

  @Test
  void unscopedTaskJudgesStartedThreads() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            SHAPES.replace("SUBMIT(", "pool.execute(").replace("EXPECTED", "UnscopedTask"))
        .doTest();
  }

  /**
   * A handler that logs the failure before it rethrows it reports it (to LeakedFuture: the future then carries a
   * failure somebody has seen), also after statements that cannot fail; not after one that can, which may throw
   * before the log line.
   */
  @Test
  void leakedFutureCreditsLoggingBeforeTheRethrowOnly() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.logging.Level;
            import java.util.logging.Logger;

            class A {
              private static final Logger LOG = Logger.getLogger("A");
              private final AtomicInteger failures = new AtomicInteger();
              private volatile boolean failed;

              void work() {
                if (failures.get() > 3) {
                  throw new IllegalStateException();
                }
              }

              void start(ExecutorService pool) {
                pool.submit(() -> {
                  try {
                    work();
                  } catch (Throwable t) {
                    failures.incrementAndGet();
                    failed = true;
                    LOG.log(Level.SEVERE, "failed", t);
                    throw new IllegalStateException(t);
                  }
                });
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> {
                  try {
                    work();
                  } catch (Throwable t) {
                    work();
                    LOG.log(Level.SEVERE, "failed", t);
                    throw t;
                  }
                });
              }
            }
            """)
        .doTest();
  }

  /**
   * Work that only completes another library's settable future or promise ({@code backoff.set(null)} on gax's
   * {@code SettableApiFuture}, {@code fut.onDone(null, err)} on Ignite's {@code GridFutureAdapter}) cannot fail; a
   * call of the same name that computes its argument, or one on a type that is no future, can. Work handed with a
   * held future to a library call that completes the one with the other ({@code LambdaUtils.eval(result, () ->
   * ..)}, hadoop-aws) reports into that future; not when the call computes the work first or is handed no future.
   */
  private static final java.nio.file.Path SETTABLE_LIBRARY =
      PrecompiledLibrary.compile(
          java.util.Map.of(
              "org/example/futures/SettableApiFuture.java",
              """
              package org.example.futures;

              public class SettableApiFuture<V> {
                public boolean set(V value) {
                  return true;
                }

                public boolean setException(Throwable t) {
                  return true;
                }
              }
              """,
              "org/example/futures/GridFutureAdapter.java",
              """
              package org.example.futures;

              public class GridFutureAdapter<V> implements IgniteInternalFuture<V> {
                public boolean onDone(V value, Throwable err) {
                  return true;
                }
              }
              """,
              "org/example/futures/LambdaUtils.java",
              """
              package org.example.futures;

              import java.util.concurrent.Callable;
              import java.util.concurrent.CompletableFuture;

              public final class LambdaUtils {
                public static <T> CompletableFuture<T> eval(CompletableFuture<T> result, Callable<T> call) {
                  try {
                    result.complete(call.call());
                  } catch (Throwable t) {
                    result.completeExceptionally(t);
                  }
                  return result;
                }

                public static <T> T timed(String name, Callable<T> call) throws Exception {
                  return call.call();
                }
              }
              """,
              "org/example/futures/IgniteInternalFuture.java",
              """
              package org.example.futures;

              public interface IgniteInternalFuture<V> {}
              """,
              "org/example/futures/Registry.java",
              """
              package org.example.futures;

              public class Registry {
                public boolean set(String value) {
                  return true;
                }
              }
              """));

  @Test
  void workThatOnlyCompletesAnotherLibrarysFuture() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(SETTABLE_LIBRARY))
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import org.example.futures.GridFutureAdapter;
            import org.example.futures.LambdaUtils;
            import org.example.futures.Registry;
            import org.example.futures.SettableApiFuture;

            class A {
              String compute() {
                throw new IllegalStateException();
              }

              java.util.concurrent.Callable<String> later() {
                throw new IllegalStateException();
              }

              java.util.concurrent.CompletableFuture<String> open(ScheduledExecutorService pool) {
                java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
                pool.submit(() -> LambdaUtils.eval(result, () -> compute()));
                pool.submit(() -> LambdaUtils.eval(result, this::compute));
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> LambdaUtils.eval(result, later()));
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> LambdaUtils.timed("open", () -> compute()));
                return result;
              }

              void start(ScheduledExecutorService pool, SettableApiFuture<Void> backoff,
                  GridFutureAdapter<Void> fut, Throwable err, Registry registry) {
                pool.schedule(() -> backoff.set(null), 10, TimeUnit.MILLISECONDS);
                pool.submit(() -> fut.onDone(null, err));
                pool.submit(() -> backoff.setException(new IllegalStateException("timed out")));
                // BUG: Diagnostic contains: schedule() is dropped
                pool.schedule(() -> registry.set("x"), 10, TimeUnit.MILLISECONDS);
                // BUG: Diagnostic contains: submit() is dropped
                pool.submit(() -> backoff.setException(new IllegalStateException(compute())));
              }
            }
            """)
        .doTest();
  }

  /** Tasks held as a same-build interface or abstract class, a union catch, and how deep helpers are followed. */
  private static final String TYPED =
      """
      import java.io.IOException;
      import java.util.concurrent.ExecutorService;
      import java.util.logging.Logger;

      class B {
        private static final Logger LOG = Logger.getLogger("B");

        static void work() {
          throw new IllegalStateException();
        }

        static void io() throws IOException {}

        interface Refresher extends Runnable {
          String name();
        }

        static final class CacheRefresher implements Refresher {
          @Override
          public String name() {
            return "cache";
          }

          @Override
          public void run() {
            try {
              work();
            } catch (Throwable t) {
              LOG.severe("refresh failed: " + t);
            }
          }
        }

        static final class IndexRefresher implements Refresher {
          @Override
          public String name() {
            return "index";
          }

          @Override
          public void run() {
            try {
              work();
            } catch (RuntimeException e) {
              LOG.severe("refresh failed: " + e);
            }
          }
        }

        abstract static class Job implements Runnable {}

        static final class GoodJob extends Job {
          @Override
          public void run() {
            try {
              work();
            } catch (Exception e) {
              LOG.severe("job failed: " + e);
            }
          }
        }

        static final class BareJob extends Job {
          @Override
          public void run() {
            work();
          }
        }

        // Not private nor final: only their types say what they hold.
        Refresher refresher;
        Job job;

        void typed(ExecutorService pool) {
          SUBMIT(refresher);
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(job);
        }

        void unionAndDepth(ExecutorService pool) {
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> {
            try {
              work();
            } catch (IllegalArgumentException | IllegalStateException e) {
              LOG.warning("failed: " + e);
            }
          });
          SUBMIT(() -> twoDeep());
          // BUG: Diagnostic contains: EXPECTED
          SUBMIT(() -> threeDeep());
        }

        private void threeDeep() {
          twoDeep();
        }

        private void twoDeep() {
          oneDeep();
        }

        private void oneDeep() {
          try {
            work();
          } catch (Exception e) {
            LOG.warning("failed: " + e);
          }
        }
      }
      """;

  @Test
  void leakedFutureJudgesTypedTasksUnionsAndDepth() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "B.java", TYPED.replace("SUBMIT(", "pool.submit(").replace("EXPECTED", "submit() is dropped"))
        .doTest();
  }

  @Test
  void unscopedTaskJudgesTypedTasksUnionsAndDepth() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines("B.java", TYPED.replace("SUBMIT(", "pool.execute(").replace("EXPECTED", "UnscopedTask"))
        .doTest();
  }

  /**
   * UnscopedTask only: one-shot work that catches and reports its checked failure owns it ({@link
   * ExpectedFailures}); a loop that does so does not (its first unchecked failure ends the service for good).
   */
  @Test
  void expectedFailuresOnlyForOneShotWork() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "C.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.logging.Logger;

            class C {
              private static final Logger LOG = Logger.getLogger("C");
              private volatile boolean running;

              static void io() throws IOException {}

              void start(ExecutorService pool) {
                pool.execute(() -> {
                  try {
                    io();
                  } catch (IOException e) {
                    LOG.warning("failed: " + e);
                  }
                });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> {
                  while (running) {
                    try {
                      io();
                    } catch (IOException e) {
                      LOG.warning("failed: " + e);
                    }
                  }
                });
              }
            }
            """)
        .doTest();
  }

  /** The thread shape that the old "any statement reports" reading accepted: work before the try, under a lock. */
  @Test
  void unscopedTaskLooksIntoSynchronizedBlocks() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "D.java",
            """
            class D {
              private final Object lock = new Object();
              private boolean stopping;

              void decideSomething() {
                if (stopping) {
                  throw new IllegalStateException();
                }
              }

              void stop(Thread stopper) {
                new Thread(() -> {
                  synchronized (lock) {
                    decideSomething();
                    try {
                      stopper.start();
                      stopper.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
                    // BUG: Diagnostic contains: UnscopedTask
                    .start();
                new Thread(() -> {
                  synchronized (lock) {
                    if (stopping) {
                      return;
                    }
                    try {
                      decideSomething();
                      stopper.join();
                    } catch (Exception e) {
                      System.err.println("stop failed: " + e);
                    }
                    stopping = true;
                    lock.notifyAll();
                  }
                }).start();
              }
            }
            """)
        .doTest();
  }

  /**
   * Periodic work that cannot fail may log what it reads ({@code LOG.debug("rotating {}", file.getName())}); a line
   * that computes its message with other calls can throw and stop the task.
   */
  @Test
  void leakedFutureReadsLogLinesOfWorkThatCannotFail() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Rotation.java",
            """
            import java.util.List;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Logger;

            class Rotation {
              private static final Logger LOG = Logger.getLogger("R");
              private final List<String> files = new java.util.ArrayList<>();
              private volatile boolean shouldRotate;

              static String describe(List<String> files) {
                return String.join(",", files.subList(0, 3));
              }

              void start(ScheduledExecutorService scheduler) {
                scheduler.scheduleAtFixedRate(
                    () -> {
                      LOG.fine("rotating after " + files.size() + " files");
                      shouldRotate = true;
                    },
                    1,
                    1,
                    TimeUnit.HOURS);
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.scheduleAtFixedRate(
                    () -> {
                      LOG.fine("rotating " + describe(files));
                      shouldRotate = true;
                    },
                    1,
                    1,
                    TimeUnit.HOURS);
              }
            }
            """)
        .doTest();
  }
  /**
   * Work typed as another functional interface whose method takes no argument (Hadoop's {@code CallableRaisingIOE}
   * run by a submit helper of the build): its {@code apply()} is the body that runs, read like {@code run()}.
   */
  @Test
  void workOfAnotherNoArgumentInterface() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Drains.java",
            """
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class Drains {
              @FunctionalInterface
              interface CallableRaisingIOE<T> {
                T apply() throws IOException;
              }

              interface Callbacks {
                <T> CompletableFuture<T> submit(CallableRaisingIOE<T> operation);
              }

              static final class PoolCallbacks implements Callbacks {
                private final ExecutorService pool;

                PoolCallbacks(ExecutorService pool) {
                  this.pool = pool;
                }

                @Override
                public <T> CompletableFuture<T> submit(CallableRaisingIOE<T> operation) {
                  return CompletableFuture.supplyAsync(
                      () -> {
                        try {
                          return operation.apply();
                        } catch (IOException e) {
                          throw new java.io.UncheckedIOException(e);
                        }
                      },
                      pool);
                }
              }

              static final class Drainer implements CallableRaisingIOE<Boolean> {
                volatile Exception thrown;

                void drain() throws IOException {}

                @Override
                public Boolean apply() {
                  try {
                    drain();
                    return true;
                  } catch (Exception e) {
                    thrown = e;
                    return false;
                  }
                }
              }

              static final class RawDrainer implements CallableRaisingIOE<Boolean> {
                @Override
                public Boolean apply() throws IOException {
                  throw new IOException("drain failed");
                }
              }

              /** A Runnable runs run(), whatever else it implements: get() is no work. */
              static final class EmailTask implements Runnable, java.util.function.Supplier<String> {
                @Override
                public void run() {
                  throw new IllegalStateException("not sent");
                }

                @Override
                public String get() {
                  try {
                    return "user";
                  } catch (RuntimeException e) {
                    return null;
                  }
                }
              }

              private final Callbacks client = new PoolCallbacks(java.util.concurrent.Executors.newSingleThreadExecutor());

              private CompletableFuture<Boolean> closeStream(boolean blocking) {
                Drainer drainer = new Drainer();
                CompletableFuture<Boolean> operation;
                if (blocking) {
                  operation = CompletableFuture.completedFuture(drainer.apply());
                } else {
                  operation = client.submit(drainer);
                }
                return operation;
              }

              void close(boolean blocking) {
                closeStream(blocking);
                client.submit(new Drainer());
                // BUG: Diagnostic contains: LeakedFuture
                client.submit(new RawDrainer());
              }

              void send(ExecutorService pool) {
                // BUG: Diagnostic contains: LeakedFuture
                pool.submit(new EmailTask());
              }
            }
            """)
        .doTest();
  }

  /** A library's template task ({@code AbstractBrokerRunnable}, rocketmq-common): run() calls the abstract step. */
  private static final java.nio.file.Path TEMPLATE_LIBRARY =
      PrecompiledLibrary.compile(
          java.util.Map.of(
              "org/example/common/TemplateRunnable.java",
              """
              package org.example.common;

              public abstract class TemplateRunnable implements Runnable {
                public abstract void run0();

                @Override
                public void run() {
                  try {
                    Thread.currentThread().setName("worker");
                    run0();
                  } finally {
                    Thread.currentThread().setName("idle");
                  }
                }
              }
              """));

  @Test
  void templateOfALibraryJudgedByItsSteps() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(TEMPLATE_LIBRARY))
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Level;
            import java.util.logging.Logger;
            import org.example.common.TemplateRunnable;

            abstract class A {
              private static final Logger LOG = Logger.getLogger("A");

              abstract void notifyChange() throws Exception;

              void start(ScheduledExecutorService scheduler) {
                scheduler.scheduleAtFixedRate(
                    new TemplateRunnable() {
                      @Override
                      public void run0() {
                        try {
                          notifyChange();
                        } catch (Exception e) {
                          LOG.log(Level.SEVERE, "notify failed", e);
                        }
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.scheduleAtFixedRate(
                    new TemplateRunnable() {
                      @Override
                      public void run0() {
                        LOG.info("notifying " + this);
                        throw new IllegalStateException("not yet");
                      }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }

  /**
   * A library method that catches everything it calls and only logs in its handler ({@code Tracer.logEvent},
   * apollo-core) cannot fail the work that calls it; one that rethrows, or calls outside its {@code try}, can.
   */
  private static final java.nio.file.Path TRACER_LIBRARY =
      PrecompiledLibrary.compile(
          java.util.Map.of(
              "org/example/trace/Tracer.java",
              """
              package org.example.trace;

              import java.util.logging.Logger;

              public final class Tracer {
                private static final Logger logger = Logger.getLogger("trace");

                static Producer producer() {
                  throw new IllegalStateException("no producer");
                }

                public static void logEvent(String type, String name) {
                  try {
                    producer().logEvent(type, name);
                  } catch (Throwable ex) {
                    logger.warning("Failed to log event for type: " + type + ", name: " + name + ": " + ex);
                  }
                }

                public static void logRethrown(String type) {
                  try {
                    producer().logEvent(type, type);
                  } catch (Throwable ex) {
                    logger.warning("Failed to log event " + ex);
                    throw new IllegalStateException(ex);
                  }
                }

                public static void logReleasing(String type) {
                  try {
                    producer().logEvent(type, type);
                  } finally {
                    producer().flush();
                  }
                }

                public static void logAfterwards(String type) {
                  try {
                    producer().logEvent(type, type);
                  } catch (Exception ex) {
                    logger.warning("Failed to log event " + ex);
                  }
                  producer().flush();
                }
              }
              """,
              "org/example/trace/Events.java",
              """
              package org.example.trace;

              public class Events {
                public void logOverridable(String type) {
                  try {
                    Tracer.logRethrown(type);
                  } catch (Throwable ex) {
                    System.err.println("Failed " + ex);
                  }
                }
              }
              """,
              "org/example/trace/Producer.java",
              """
              package org.example.trace;

              public interface Producer {
                void logEvent(String type, String name);

                void flush();
              }
              """));

  @Test
  void libraryMethodsThatCatchEverythingCannotFail() {
    String source =
        """
        import java.util.concurrent.ScheduledExecutorService;
        import java.util.concurrent.TimeUnit;
        import org.example.trace.Events;
        import org.example.trace.Tracer;

        class A {
          private final String namespace = "app";

          boolean tryRefresh() {
            try {
              refresh();
              return true;
            } catch (Throwable ex) {
              return false;
            }
          }

          void refresh() {
            throw new IllegalStateException();
          }

          void schedule(ScheduledExecutorService pool, Events tracer) {
            SCHEDULE(() -> {
              Tracer.logEvent("meta", String.format("periodicRefresh: %s", namespace));
              tryRefresh();
            }, 1, 1, TimeUnit.SECONDS);
            // BUG: Diagnostic contains: EXPECTED
            SCHEDULE(() -> {
              Tracer.logRethrown("meta");
              tryRefresh();
            }, 1, 1, TimeUnit.SECONDS);
            // BUG: Diagnostic contains: EXPECTED
            SCHEDULE(() -> {
              Tracer.logAfterwards("meta");
              tryRefresh();
            }, 1, 1, TimeUnit.SECONDS);
            // A finally handler (no catch type) rethrows.
            // BUG: Diagnostic contains: EXPECTED
            SCHEDULE(() -> {
              Tracer.logReleasing("meta");
              tryRefresh();
            }, 1, 1, TimeUnit.SECONDS);
            // BUG: Diagnostic contains: EXPECTED
            SCHEDULE(() -> {
              tracer.logOverridable("meta");
              tryRefresh();
            }, 1, 1, TimeUnit.SECONDS);
          }
        }
        """;
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(TRACER_LIBRARY))
        .addSourceLines(
            "A.java",
            source
                .replace("SCHEDULE(", "pool.scheduleAtFixedRate(")
                .replace("EXPECTED", "scheduleAtFixedRate() is dropped"))
        .doTest();
  }
}
