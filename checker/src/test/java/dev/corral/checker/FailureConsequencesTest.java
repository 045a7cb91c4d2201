package dev.corral.checker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * UnscopedTask with its default flags: a task whose failure only reaches the uncaught-exception handler's printed
 * trace is not reported; one whose failure also skips a hand-back or ends a service loop is ({@link
 * FailureConsequences}). The other UnscopedTask tests run with {@code -XepOpt:Corral:ReportPrintedFailures=true}.
 */
final class FailureConsequencesTest {
  private final CompilationTestHelper helper = CompilationTestHelper.newInstance(UnscopedTask.class, getClass());

  /** What the tasks below call: work that may throw, and the parties a failure may leave waiting. */
  private static final String WORK =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.Semaphore;

      class Work {
        interface Listener {
          void onDone(String result);

          void onEvent(String event);
        }

        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        final CountDownLatch latch = new CountDownLatch(1);
        final Semaphore permits = new Semaphore(4);
        final CompletableFuture<String> result = new CompletableFuture<>();
        volatile boolean done;

        String fetch() {
          return System.getProperty("source").trim();
        }

        void store(String value) {
          System.setProperty("stored", java.util.UUID.fromString(value).toString());
        }

        void finish() {
          latch.countDown();
        }

        void finishLater() {
          finish();
        }
      }
      """;

  @Test
  void executeWhoseFailureSkipsAHandBackToTheStarter() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "A.java",
            """
            import java.util.Set;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicBoolean;

            class A extends Work {
              private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
              private final AtomicBoolean running = new AtomicBoolean();

              void awaitsTheLatch() throws InterruptedException {
                // BUG: Diagnostic contains: and `latch.countDown()` never runs; fork it
                pool.execute(() -> { store(fetch()); latch.countDown(); });
                latch.await();
              }

              void resetsTheFlag() {
                done = false;
                // BUG: Diagnostic contains: `done = true` never runs
                pool.execute(() -> { store(fetch()); done = true; });
              }

              CompletableFuture<String> returnsTheFuture() {
                CompletableFuture<String> loaded = new CompletableFuture<>();
                // BUG: Diagnostic contains: `loaded.complete(value)` never runs
                pool.execute(() -> { String value = fetch(); loaded.complete(value); });
                return loaded;
              }

              void claimedTheFlag() {
                if (running.compareAndSet(false, true)) {
                  // BUG: Diagnostic contains: UnscopedTask
                  pool.execute(() -> { store(fetch()); running.set(false); });
                }
              }

              void releasedByASwap(AtomicBoolean busy) {
                busy.set(true);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> { store(fetch()); busy.compareAndSet(true, false); });
              }

              void addedTheKey(String key) {
                inFlight.add(key);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> { store(key); inFlight.remove(key); });
              }

              void callsBackTheCaller(Listener listener) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> { String value = fetch(); listener.onDone(value); });
              }

              void feedsTheCallersQueue(BlockingQueue<String> pages) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> { String page = fetch(); pages.offer(page); });
              }

              void tookAPermit() throws InterruptedException {
                permits.acquire();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> { store(fetch()); permits.release(); });
              }

              void handBackInAHelper() throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> { store(fetch()); finish(); });
                latch.await();
              }

              void caughtOnlyForOneKind() throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        store(fetch());
                        latch.countDown();
                      } catch (IllegalStateException e) {
                        System.err.println("no store: " + e);
                      }
                    });
                latch.await();
              }
            }
            """)
        .doTest();
  }

  @Test
  void executeOfMethodsAndClassesThatHandBack() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "B.java",
            """
            class B extends Work {
              class Loader implements Runnable {
                @Override
                public void run() {
                  store(fetch());
                  latch.countDown();
                }
              }

              void refresh() {
                store(fetch());
                done = true;
              }

              void methodReference() {
                done = false;
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(this::refresh);
              }

              void lambdaCallingAHelper() {
                done = false;
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> refresh());
              }

              void taskClass() throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(new Loader());
                latch.await();
              }

              void anonymousTask() throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    new Runnable() {
                      @Override
                      public void run() {
                        store(fetch());
                        latch.countDown();
                      }
                    });
                latch.await();
              }

              void localTask() {
                done = false;
                Runnable task = this::refresh;
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(task);
              }
            }
            """)
        .doTest();
  }

  /**
   * A batch forked onto a pool and joined by waiting for the pool to end (Ignite's {@code loadCache}, Gerrit's
   * project cache warmer): a failed task does not stop the wait, and the starter goes on as if it had done its part.
   */
  @Test
  void executeIntoAPoolTheStarterWaitsFor() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;

            class A extends Work {
              private final java.util.concurrent.atomic.AtomicInteger loaded =
                  new java.util.concurrent.atomic.AtomicInteger();

              void loadAll(List<String> keys) throws InterruptedException {
                ExecutorService exec = Executors.newFixedThreadPool(4);
                for (String key : keys) {
                  // BUG: Diagnostic contains: `exec.awaitTermination(1, TimeUnit.HOURS)` returns as if it had done its
                  exec.execute(() -> store(key));
                }
                exec.shutdown();
                exec.awaitTermination(1, TimeUnit.HOURS);
              }

              void loadWithWorkers(List<String> keys) throws InterruptedException {
                for (String key : keys) {
                  // BUG: Diagnostic contains: returns as if it had done its work
                  pool.execute(new Loader(key));
                }
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.HOURS);
              }

              void loadByReference(List<String> keys) throws InterruptedException {
                ExecutorService exec = Executors.newSingleThreadExecutor();
                // BUG: Diagnostic contains: returns as if it had done its work
                exec.execute(this::loadOne);
                exec.shutdown();
                exec.awaitTermination(1, TimeUnit.MINUTES);
              }

              void noWait(List<String> keys) {
                // Nobody waits for the pool here: the failure costs only its printed trace.
                pool.execute(() -> store(keys.get(0)));
              }

              void waitsForAnotherPool(ExecutorService other) throws InterruptedException {
                pool.execute(() -> store("x"));
                other.awaitTermination(1, TimeUnit.MINUTES);
              }

              void workThatCannotFail(List<String> keys) throws InterruptedException {
                ExecutorService exec = Executors.newFixedThreadPool(2);
                exec.execute(() -> loaded.addAndGet(keys.size()));
                exec.execute(
                    () -> {
                      try {
                        store(fetch());
                      } catch (RuntimeException e) {
                        System.err.println("could not store: " + e);
                      }
                    });
                exec.shutdown();
                exec.awaitTermination(1, TimeUnit.MINUTES);
              }

              private void loadOne() {
                store(fetch());
              }

              final class Loader implements Runnable {
                private final String key;

                Loader(String key) {
                  this.key = key;
                }

                @Override
                public void run() {
                  store(key);
                }
              }
            }
            """)
        .doTest();
  }

  /** The fix forks the batch into a group that joins it: a failed load now reaches the starter. */
  @Test
  void replacementForksTheBatchTheStarterWaitsFor() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .addInputLines(
            "Loader.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;

            class Loader {
              void loadAll(List<String> keys) throws InterruptedException {
                ExecutorService exec = Executors.newFixedThreadPool(4);
                for (String key : keys) {
                  exec.execute(() -> load(key));
                }
                exec.shutdown();
                exec.awaitTermination(1, TimeUnit.HOURS);
              }

              void load(String key) {
                if (key.isBlank()) {
                  throw new IllegalArgumentException("blank key");
                }
              }
            }
            """)
        .addOutputLines(
            "Loader.java",
            """
            import dev.corral.TaskGroup;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.TimeUnit;

            class Loader {
              void loadAll(List<String> keys) throws InterruptedException {
                ExecutorService exec = Executors.newFixedThreadPool(4);
                try (var group = TaskGroup.open()) {
                  for (String key : keys) {
                    group.fork(() -> load(key));
                  }
                  group.join();
                }
                exec.shutdown();
                exec.awaitTermination(1, TimeUnit.HOURS);
              }

              void load(String key) {
                if (key.isBlank()) {
                  throw new IllegalArgumentException("blank key");
                }
              }
            }
            """)
        .doTest();
  }

  /** Since Java 19 an {@code ExecutorService} closes by awaiting its tasks: try-with-resources is the same wait. */
  @Test
  void executeIntoAPoolClosedByTryWithResources() {
    assumeTrue(Runtime.version().feature() >= 19, "ExecutorService is AutoCloseable since Java 19");
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            class A extends Work {
              void storeAll(List<String> keys) {
                try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
                  for (String key : keys) {
                    // BUG: Diagnostic contains: and closing `exec` returns as if it had done its work
                    exec.execute(() -> store(key));
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadsWhoseFailureSkipsAHandBack() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "D.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ThreadFactory;

            class D extends Work {
              void newThread() throws InterruptedException {
                CountDownLatch loaded = new CountDownLatch(1);
                // BUG: Diagnostic contains: uncaught-exception handler, and `loaded.countDown()` never runs; join
                new Thread(() -> { store(fetch()); loaded.countDown(); }, "loader").start();
                loaded.await();
              }

              void threadSubclass() {
                done = false;
                new Thread() {
                  @Override
                  public void run() {
                    store(fetch());
                    done = true;
                  }
                }
                // BUG: Diagnostic contains: UnscopedTask
                .start();
              }

              String localThread() {
                Thread loader = new Thread(() -> { store(fetch()); result.complete("ok"); });
                // BUG: Diagnostic contains: UnscopedTask
                loader.start();
                return result.join();
              }

              void fromAFactory(ThreadFactory factory) throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                factory.newThread(() -> { store(fetch()); finish(); }).start();
                latch.await();
              }

              void virtual() throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                Thread.startVirtualThread(() -> { store(fetch()); finish(); });
                latch.await();
              }

              void builder() {
                done = false;
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofPlatform().name("loader").start(() -> { store(fetch()); done = true; });
              }
            }
            """)
        .doTest();
  }

  @Test
  void scheduledExecutorsAreJudgedByTheSameCost() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "E.java",
            """
            class E extends Work {
              void nothingAfter() {
                // A scheduled pool keeps the failure in a future it throws away, unprinted; what it costs is the
                // same test: here nothing waits for it (UnscopedTask.md, known limits).
                scheduler.execute(() -> store(fetch()));
              }

              void flagLeftSet() {
                done = false;
                // BUG: Diagnostic contains: UnscopedTask
                scheduler.execute(() -> { store(fetch()); done = true; });
              }
            }
            """)
        .doTest();
  }

  @Test
  void tasksMadeByAFactoryOfTheBuild() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "K.java",
            """
            class K extends Work {
              Runnable loader() {
                return () -> { store(fetch()); done = true; };
              }

              Runnable printer() {
                return () -> store(fetch());
              }

              void made() {
                done = false;
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(loader());
                pool.execute(printer());
              }
            }
            """)
        .doTest();
  }

  @Test
  void failuresThatCostOnlyTheTrace() {
    helper
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "F.java",
            """
            import java.util.List;
            import java.util.concurrent.Executor;

            abstract class F extends Work {
              private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
              private Runnable refresher;

              void store() {
                store(fetch());
              }

              void delivery(Listener listener, String event) {
                pool.execute(() -> listener.onEvent(event));
              }

              void deliveryToEach(String event) {
                pool.execute(() -> { for (Listener l : listeners) { l.onEvent(event); } });
              }

              void workWithNothingAfter() {
                pool.execute(() -> { String value = fetch(); store(value); System.out.println("stored"); });
              }

              void handBackBeforeTheWork() {
                pool.execute(() -> { latch.countDown(); store(fetch()); });
              }

              void handBackInFinally() {
                pool.execute(
                    () -> {
                      try {
                        store(fetch());
                      } finally {
                        latch.countDown();
                      }
                    });
              }

              void methodWithNothingAfter() {
                pool.execute(this::store);
              }

              void libraryMethod(Listener listener) {
                pool.execute(listener::toString);
              }

              void claimIsNoRelease(java.util.concurrent.atomic.AtomicBoolean claimed) {
                pool.execute(
                    () -> {
                      store(fetch());
                      boolean wasClaimed = claimed.compareAndSet(true, false);
                      System.out.println("claimed: " + wasClaimed);
                    });
              }

              void recordOnAnotherObject(java.util.Map<String, Work> metrics, String key) {
                done = false;
                pool.execute(
                    () -> {
                      Work entry = metrics.get(key);
                      store(fetch());
                      entry.done = true;
                    });
              }

              void stepsThatCannotFailBeforeAFlag(java.util.Map<String, Work> windows) {
                done = false;
                pool.execute(
                    () -> {
                      windows.values().forEach(Work::finish);
                      done = true;
                    });
              }

              void handBackNobodyStartingItHolds() {
                // The latch is the object's; this method neither awaits nor set up anything the task releases.
                pool.execute(() -> { store(fetch()); latch.countDown(); });
              }

              void handBackToAnObjectOfItsOwn() {
                pool.execute(
                    () -> {
                      java.util.concurrent.CountDownLatch own = new java.util.concurrent.CountDownLatch(1);
                      store(fetch());
                      own.countDown();
                    });
              }

              void failureHandledInTheTask(java.util.concurrent.atomic.AtomicReference<String> live) throws Exception {
                // The catch-all handles the failure: skipping the store is the task's own handling of it.
                pool.execute(
                    () -> {
                      try {
                        String value = fetch();
                        live.compareAndSet(null, value);
                      } catch (Exception ignored) {
                        // not reachable: try the next one
                      } finally {
                        latch.countDown();
                      }
                    });
                latch.await();
              }

              void unreadableBody() {
                // A task held in a field of an interface type: nothing shows what its failure would cost.
                pool.execute(refresher);
              }

              void serviceLoop(java.util.concurrent.BlockingQueue<String> queue) {
                // A consumer whose loop a failure ends: not counted (see UnscopedTask.md, known limits).
                pool.execute(
                    () -> {
                      while (!done) {
                        try {
                          store(queue.take());
                        } catch (InterruptedException e) {
                          return;
                        }
                      }
                    });
              }

              void thread() {
                new Thread(() -> store(fetch())).start();
                Thread.startVirtualThread(this::store);
                Thread local = new Thread(this::store);
                local.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void theFlagReportsThemToo() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines("Work.java", WORK)
        .addSourceLines(
            "G.java",
            """
            import java.util.concurrent.Executor;

            abstract class G extends Work {
              void delivery(Listener listener, String event) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> store(fetch()));
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(() -> store(fetch())).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void groupsOutsideTryWithResourcesAreStillReported() {
    helper
        .addSourceLines(
            "H.java",
            """
            import dev.corral.TaskGroup;

            class H {
              void leaked(Runnable work) throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                TaskGroup group = TaskGroup.open();
                group.fork(work);
                group.join();
              }
            }
            """)
        .doTest();
  }
}
