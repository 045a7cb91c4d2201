package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;

final class UnscopedTaskTest {
  @Test
  void identification() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import dev.corral.TaskGroup;
            import java.util.List;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinPool;
            import java.util.concurrent.ThreadFactory;

            class A {
              private final Runnable r = () -> {};
              private final ExecutorService pool = ForkJoinPool.commonPool();
              private Thread worker;
              private TaskGroup current;

              void forkIntoScopedGroup() throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.fork(() -> 42);
                  group.join();
                }
              }

              void builderInTry() {
                try (TaskGroup group = TaskGroup.builder().maxConcurrency(2).open()) {
                  group.fork(r);
                  forkMore(group);
                }
              }

              void forkMore(TaskGroup group) {
                group.fork(r);
              }

              void closedInFinally() {
                TaskGroup group = TaskGroup.open();
                try {
                  group.fork(r);
                } finally {
                  group.close();
                }
              }

              void laterResource() {
                TaskGroup group = TaskGroup.open();
                try (group) {
                  group.fork(r);
                }
              }

              static final class Delegating implements Executor {
                private final Executor delegate;

                Delegating(Executor delegate) {
                  this.delegate = delegate;
                }

                @Override
                public void execute(Runnable command) {
                  delegate.execute(() -> command.run());
                }
              }

              Executor wrapping(Executor delegate) {
                return command -> delegate.execute(command);
              }

              void direct() {
                MoreExecutors.directExecutor().execute(r);
              }

              void work() {}

              void submitIsNotThisCheck() {
                var unused = pool.submit(r);
              }

              void startField() {
                worker = new Thread(r);
                worker.start();
              }

              void joined() throws InterruptedException {
                Thread thread = new Thread(r);
                thread.start();
                thread.join();
              }

              void keptInList(List<Thread> threads) {
                Thread thread = new Thread(r);
                thread.start();
                threads.add(thread);
              }

              Thread returned() {
                Thread thread = new Thread(r);
                thread.start();
                return thread;
              }

              void parameter(Thread thread) {
                thread.start();
              }

              void copiedFromField() {
                Thread thread = worker;
                thread.start();
              }

              static final class SelfStarting extends Thread {
                SelfStarting() {
                  setDaemon(true);
                  start();
                }
              }

              Thread virtualReturned() {
                return Thread.startVirtualThread(r);
              }

              void virtualJoined() throws InterruptedException {
                Thread.ofVirtual().start(r).join();
                Thread thread = Thread.ofPlatform().start(r);
                thread.join();
              }

              void virtualKept() {
                worker = Thread.startVirtualThread(r);
              }

              void forwardsItsParameter(ExecutorService executor, Runnable task) {
                executor.execute(task);
                new Thread(task).start();
                Thread.startVirtualThread(task);
              }

              static final class Step implements Runnable {
                private final Executor executor;

                Step(Executor executor) {
                  this.executor = executor;
                }

                @Override
                public void run() {
                  executor.execute(this);
                }
              }

              void reportsItsOwnFailure(ExecutorService executor) {
                executor.execute(
                    () -> {
                      try {
                        r.run();
                      } catch (RuntimeException e) {
                        System.err.println("task failed: " + e);
                      }
                    });
                new Thread(
                        new Runnable() {
                          @Override
                          public void run() {
                            try {
                              r.run();
                            } catch (Throwable t) {
                              t.printStackTrace();
                            }
                          }
                        })
                    .start();
              }

              void daemons() {
                Thread closer = new Thread(r, "closer");
                closer.setDaemon(true);
                closer.start();
                Thread.ofPlatform().daemon().start(r);
              }

              static final class Reporting implements Runnable {
                @Override
                public void run() {
                  try {
                    System.out.println("work");
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                }
              }

              void namedTaskReportsItsOwnFailure() {
                pool.execute(new Reporting());
                Runnable reporting = new Reporting();
                pool.execute(reporting);
              }

              static final class Pool implements Executor {
                @Override
                public void execute(Runnable command) {
                  new Thread(() -> command.run()).start();
                }
              }

              void dispatchOnPlainExecutor(Executor callbacks, ThreadFactory factory) {
                callbacks.execute(() -> System.out.println("event"));
              }

              void executeOnPool(ExecutorService executor) {
                // BUG: Diagnostic contains: Executor.execute starts a task nobody waits for
                executor.execute(r);
                // BUG: Diagnostic contains: UnscopedTask
                executor.execute(this::work);
                // BUG: Diagnostic contains: UnscopedTask
                executor.execute(
                    () -> {
                      try {
                        r.run();
                      } catch (RuntimeException swallowed) {
                      }
                    });
              }

              void executeOnCommonPool() {
                // BUG: Diagnostic contains: UnscopedTask
                ForkJoinPool.commonPool().execute(() -> System.out.println("hi"));
              }

              void executeOnPoolTypedAsExecutor() {
                Executor owned = java.util.concurrent.Executors.newFixedThreadPool(2);
                // BUG: Diagnostic contains: UnscopedTask
                owned.execute(() -> System.out.println("work"));
              }

              void executeOnField() {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(r);
              }

              void executeOnListeningDecorator() {
                // BUG: Diagnostic contains: UnscopedTask
                MoreExecutors.listeningDecorator(pool).execute(r);
              }

              Runnable executeInLambda(ExecutorService executor) {
                // BUG: Diagnostic contains: UnscopedTask
                return () -> executor.execute(r);
              }

              void newThreadStarted() {
                // BUG: Diagnostic contains: neither joined nor kept
                new Thread(r).start();
              }

              void localNotJoined() {
                Thread thread = new Thread(r, "worker");
                thread.setPriority(Thread.MAX_PRIORITY);
                // BUG: Diagnostic contains: neither joined nor kept
                thread.start();
              }

              void fromFactory(ThreadFactory factory) {
                // BUG: Diagnostic contains: UnscopedTask
                factory.newThread(r).start();
              }

              void unstartedLocal() {
                Thread thread = Thread.ofVirtual().unstarted(r);
                // BUG: Diagnostic contains: UnscopedTask
                thread.start();
              }

              void startVirtual() {
                // BUG: Diagnostic contains: neither joined nor kept
                Thread.startVirtualThread(r);
              }

              void builderStart() {
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofVirtual().start(r);
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofPlatform().name("worker").start(r);
              }

              void virtualLocalNotJoined() {
                // BUG: Diagnostic contains: UnscopedTask
                Thread thread = Thread.startVirtualThread(r);
                System.out.println(thread.getName());
              }

              void groupOutsideTry() {
                // BUG: Diagnostic contains: outside try-with-resources
                TaskGroup group = TaskGroup.open();
                group.fork(r);
                group.close();
              }

              void groupInField() {
                // BUG: Diagnostic contains: stored in a field
                current = TaskGroup.builder().name("background").open();
              }

              TaskGroup groupReturned() {
                // BUG: Diagnostic contains: is returned
                return TaskGroup.open();
              }

              void groupEscapesItsBlock() {
                // BUG: Diagnostic contains: stored in a field
                try (var group = TaskGroup.open()) {
                  current = group;
                  group.fork(r);
                }
              }

              void groupDiscarded() {
                // BUG: Diagnostic contains: outside try-with-resources
                TaskGroup.open();
              }
            }
            """)
        .doTest();
  }

  @Test
  void nettyEventLoopIsExempt() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "EventExecutor.java",
            """
            package io.netty.util.concurrent;

            public interface EventExecutor extends java.util.concurrent.ExecutorService {}
            """)
        .addSourceLines(
            "EventLoop.java",
            """
            package io.netty.channel;

            public interface EventLoop extends io.netty.util.concurrent.EventExecutor {}
            """)
        .addSourceLines(
            "A.java",
            """
            import io.netty.channel.EventLoop;
            import java.util.concurrent.Executor;

            class A {
              private final Runnable r = () -> {};

              void onLoop(EventLoop loop) {
                loop.execute(r);
              }

              void asPlainExecutor(EventLoop loop) {
                Executor executor = loop;
                // BUG: Diagnostic contains: UnscopedTask
                executor.execute(r);
              }
            }
            """)
        .doTest();
  }

  @Test
  void modernSyntax() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "B.java",
            """
            import java.util.concurrent.ExecutorService;

            class B {
              sealed interface Job permits Print, Sleep {}
              record Print(String text) implements Job {}
              record Sleep(long millis) implements Job {}

              record Runner(ExecutorService executor) {
                Runner {
                  // BUG: Diagnostic contains: UnscopedTask
                  executor.execute(() -> {});
                }
              }

              void run(Object job, ExecutorService executor) {
                switch (job) {
                  case Print(var text) -> {
                    var thread = new Thread(() -> System.out.println(text));
                    // BUG: Diagnostic contains: UnscopedTask
                    thread.start();
                  }
                  // BUG: Diagnostic contains: UnscopedTask
                  case Sleep s when s.millis() > 0 -> executor.execute(() -> {});
                  default -> {}
                }
                if (job instanceof Print(String text)) {
                  Runnable r = () -> System.out.println(text);
                  r.run();
                }
                String text = \"""
                    text block
                    \""";
              }
            }
            """)
        .doTest();
  }

  /** Unnamed variables ({@code _}, Java 22) and module imports (Java 25). */
  @Test
  @EnabledForJreRange(minVersion = 25)
  void modernSyntaxJava25() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "C.java",
            """
            import module java.base;

            class C {
              void run(ExecutorService pool) {
                try {
                  // BUG: Diagnostic contains: UnscopedTask
                  pool.execute(() -> {});
                } catch (RuntimeException _) {
                }
                BiConsumer<String, String> ignoreBoth = (_, _) -> {};
                ignoreBoth.accept("a", "b");
                Thread thread = new Thread(() -> System.out.println("unnamed"));
                // BUG: Diagnostic contains: UnscopedTask
                thread.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addInputLines(
            "A.java",
            """
            import dev.corral.TaskGroup;
            import java.util.List;
            import java.util.concurrent.ExecutorService;

            class A {
              private final Runnable r = () -> {};

              void execute(ExecutorService executor) throws InterruptedException {
                executor.execute(r);
              }

              void executeWithoutInterrupt(ExecutorService executor) {
                Runnable group = () -> {};
                executor.execute(group);
              }

              void inLoop(ExecutorService executor, List<String> users) throws InterruptedException {
                for (String user : users) {
                  if (!user.isEmpty()) {
                    executor.execute(() -> System.out.println(user));
                  }
                }
              }

              void newThread() throws InterruptedException {
                new Thread(r).start();
              }

              void localThread() throws InterruptedException {
                Thread worker = new Thread(r, "worker");
                worker.start();
              }

              void virtual() throws InterruptedException {
                Thread.startVirtualThread(r);
              }

              void virtualBuilt() throws InterruptedException {
                Thread.ofVirtual().start(r);
              }

              void platformBuilt() throws InterruptedException {
                Thread started = Thread.ofPlatform().start(r);
                System.out.println(started.getName());
              }

              void newThreadWithoutInterrupt() {
                new Thread(r).start();
              }

              void braceless(boolean ready) throws InterruptedException {
                if (ready) new Thread(r).start();
              }

              void bracelessCase(Object mode) throws InterruptedException {
                switch (mode) {
                  case String s -> new Thread(r).start();
                  default -> {}
                }
              }

              void groupOutsideTry() {
                TaskGroup group = TaskGroup.open();
                group.fork(r);
                group.close();
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import dev.corral.TaskGroup;
            import java.util.List;
            import java.util.concurrent.ExecutorService;

            class A {
              private final Runnable r = () -> {};

              void execute(ExecutorService executor) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.join();
                }
              }

              void executeWithoutInterrupt(ExecutorService executor) {
                Runnable group = () -> {};
                try (var group2 = TaskGroup.open()) {
                  group2.fork(group);
                }
              }

              void inLoop(ExecutorService executor, List<String> users) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  for (String user : users) {
                    if (!user.isEmpty()) {
                      group.fork(() -> System.out.println(user));
                    }
                  }
                  group.join();
                }
              }

              void newThread() throws InterruptedException {
                Thread thread = new Thread(r);
                thread.start();
                thread.join();
              }

              void localThread() throws InterruptedException {
                Thread worker = new Thread(r, "worker");
                worker.start();
                worker.join();
              }

              void virtual() throws InterruptedException {
                Thread.startVirtualThread(r).join();
              }

              void virtualBuilt() throws InterruptedException {
                Thread.ofVirtual().start(r).join();
              }

              void platformBuilt() throws InterruptedException {
                Thread started = Thread.ofPlatform().start(r);
                started.join();
                System.out.println(started.getName());
              }

              void newThreadWithoutInterrupt() {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                }
              }

              void braceless(boolean ready) throws InterruptedException {
                if (ready) {
                  Thread thread = new Thread(r);
                  thread.start();
                  thread.join();
                }
              }

              void bracelessCase(Object mode) throws InterruptedException {
                switch (mode) {
                  case String s -> {
                    Thread thread = new Thread(r);
                    thread.start();
                    thread.join();
                  }
                  default -> {}
                }
              }

              void groupOutsideTry() {
                try (TaskGroup group = TaskGroup.open()) {
                  group.fork(r);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementSecondFix() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinPool;

            class A {
              private final Runnable r = () -> {};

              void execute() {
                ForkJoinPool.commonPool().execute(r);
              }

              void newThread() throws InterruptedException {
                new Thread(r, "worker").start();
              }

              void localThread() throws InterruptedException {
                Thread worker = new Thread(r);
                worker.start();
              }

              void virtual() throws InterruptedException {
                Thread.startVirtualThread(r);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import dev.corral.TaskGroup;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ForkJoinPool;

            class A {
              private final Runnable r = () -> {};

              void execute() {
                CompletableFuture.runAsync(r, ForkJoinPool.commonPool()).join();
              }

              void newThread() throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.join();
                }
              }

              void localThread() throws InterruptedException {
                Thread worker = new Thread(r);
                try (var group = TaskGroup.open()) {
                  group.fork(worker);
                  group.join();
                }
              }

              void virtual() throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.join();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementWithoutCorral() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs(
            "-XepOpt:Corral:ReportPrintedFailures=true",
            "-classpath",
            TestClasspath.without(dev.corral.TaskGroup.class))
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;

            class A {
              private final Runnable r = () -> {};

              void execute(ExecutorService executor) {
                executor.execute(r);
              }

              void newThread() throws InterruptedException {
                new Thread(r).start();
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class A {
              private final Runnable r = () -> {};

              void execute(ExecutorService executor) {
                CompletableFuture.runAsync(r, executor).join();
              }

              void newThread() throws InterruptedException {
                Thread thread = new Thread(r);
                thread.start();
                thread.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void identificationWithoutCorral() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .withClasspath(UnscopedTask.class)
        .addSourceLines(
            "A.java",
            """
            class A {
              private final Runnable r = () -> {};

              void newThreadWithoutInterrupt() {
                // BUG: Diagnostic matches: NO_FIX
                new Thread(r).start();
              }
            }
            """)
        .expectErrorMessage("NO_FIX", message -> message.contains("UnscopedTask") && !message.contains("Did you mean"))
        .doTest();
  }

  @Test
  void selfReportingTasks() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "Worker.java",
            """
            class Worker implements Runnable {
              private final java.util.function.Consumer<Exception> listener;

              Worker(java.util.function.Consumer<Exception> listener) {
                this.listener = listener;
              }

              @Override
              public void run() {
                try {
                  handle();
                } catch (Exception e) {
                  listener.accept(e);
                }
              }

              void handle() throws Exception {}
            }
            """)
        .addSourceLines(
            "SubWorker.java",
            """
            class SubWorker extends Worker {
              SubWorker() {
                super(e -> {});
              }
            }
            """)
        .addSourceLines(
            "Swallowing.java",
            """
            class Swallowing implements Runnable {
              @Override
              public void run() {
                try {
                  System.out.println("work");
                } catch (Exception e) {
                }
              }
            }
            """)
        .addSourceLines(
            "Rethrowing.java",
            """
            class Rethrowing implements Runnable {
              @Override
              public void run() {
                try {
                  System.out.println("work");
                } catch (RuntimeException e) {
                  throw new IllegalStateException(e);
                }
              }
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Consumer;

            class A {
              private Worker worker;
              private Runnable task;

              void heldInAField(ExecutorService pool, Consumer<Exception> listener) {
                worker = new Worker(listener);
                pool.execute(worker);
                task = new Worker(listener);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(task);
              }

              void otherFile(ExecutorService pool, Consumer<Exception> listener) {
                pool.execute(new Worker(listener));
                pool.execute(new SubWorker());
                new Thread(new Worker(listener)).start();
              }

              void everyAssignmentReports(ExecutorService pool, boolean atomic, Runnable write, Consumer<Exception> onError) {
                Runnable r;
                if (atomic) {
                  r = () -> {
                    try {
                      write.run();
                    } catch (RuntimeException e) {
                      onError.accept(e);
                    }
                  };
                } else {
                  r = new Worker(onError);
                }
                pool.execute(r);
              }

              void reportsThenRethrowsInLoop(ExecutorService pool, List<Runnable> steps, Consumer<Exception> listener) {
                pool.execute(
                    () -> {
                      for (Runnable step : steps) {
                        try {
                          step.run();
                        } catch (Exception e) {
                          listener.accept(e);
                          throw e;
                        }
                      }
                    });
              }

              void wrapped(ExecutorService pool, String key, java.util.function.UnaryOperator<Runnable> context) {
                pool.execute(context.apply(() -> process(key)));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(context.apply(() -> quietProcess(key)));
              }

              void oneCallDeep(ExecutorService pool, String key) {
                pool.execute(() -> process(key));
                pool.execute(
                    () -> {
                      process(key);
                    });
                pool.execute(this::processAll);
              }

              private void process(String key) {
                try {
                  System.out.println(key);
                } catch (RuntimeException e) {
                  System.err.println("failed " + key + ": " + e);
                }
              }

              private void processAll() {
                try {
                  System.out.println("all");
                } catch (Throwable t) {
                  t.printStackTrace();
                }
              }

              void notReporting(ExecutorService pool, boolean atomic, Runnable write, Consumer<Exception> onError) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(new Swallowing());
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(new Rethrowing());
                Runnable r;
                if (atomic) {
                  r = new Worker(onError);
                } else {
                  r = write::run;
                }
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(r);
                // Overridable, but no class of the build overrides it: its catch-all is what runs.
                pool.execute(() -> publicProcess("k"));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> quietProcess("k"));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        write.run();
                      } catch (RuntimeException e) {
                        throw e;
                      }
                    });
              }

              public void publicProcess(String key) {
                try {
                  System.out.println(key);
                } catch (RuntimeException e) {
                  System.err.println(e);
                }
              }

              private void quietProcess(String key) {
                System.out.println(key);
              }
            }
            """)
        .doTest();
  }

  @Test
  void nettyEventExecutorGroupsAndRelocatedNetty() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "EventExecutorGroup.java",
            """
            package io.netty.util.concurrent;

            public interface EventExecutorGroup extends java.util.concurrent.ScheduledExecutorService {}
            """)
        .addSourceLines(
            "EventLoopGroup.java",
            """
            package io.netty.channel;

            public interface EventLoopGroup extends io.netty.util.concurrent.EventExecutorGroup {}
            """)
        .addSourceLines(
            "org/apache/hbase/thirdparty/io/netty/util/concurrent/EventExecutor.java",
            """
            package org.apache.hbase.thirdparty.io.netty.util.concurrent;

            public interface EventExecutor extends java.util.concurrent.ExecutorService {}
            """)
        .addSourceLines(
            "notio/netty/util/concurrent/EventExecutorGroup.java",
            """
            package notio.netty.util.concurrent;

            public interface EventExecutorGroup extends java.util.concurrent.ExecutorService {}
            """)
        .addSourceLines(
            "A.java",
            """
            import io.netty.channel.EventLoopGroup;

            class A {
              void group(EventLoopGroup group, Runnable work) {
                group.execute(() -> work.run());
              }

              void shaded(org.apache.hbase.thirdparty.io.netty.util.concurrent.EventExecutor loop) {
                loop.execute(() -> System.out.println("relogin done"));
              }

              void lookAlike(notio.netty.util.concurrent.EventExecutorGroup group) {
                // BUG: Diagnostic contains: UnscopedTask
                group.execute(() -> System.out.println("not netty"));
              }
            }
            """)
        .doTest();
  }

  @Test
  void callbackDeliveryOnTheCallersPool() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.function.Consumer;

            class A {
              interface ScanResultConsumer {
                void onNext(String row);

                void onError(Throwable error);

                void onComplete();
              }

              interface ConnectionListener {
                void connected(String address);

                void disconnected(String address);
              }

              interface Config {
                Consumer<String> getConnectedListener();
              }

              interface Job {
                void execute();
              }

              interface OrderService {
                void process(String order);

                void cancel(String order);
              }

              private final ExecutorService pool;
              private final Config config;
              private final ConnectionListener listener;
              private final OrderService service;
              private final Runnable r = () -> {};

              A(ExecutorService pool, Config config, ConnectionListener listener, OrderService service) {
                this.pool = pool;
                this.config = config;
                this.listener = listener;
                this.service = service;
              }

              String getAddress() {
                return "host";
              }

              void delivered(ScanResultConsumer consumer, Throwable error, String row) {
                pool.execute(() -> consumer.onError(error));
                pool.execute(consumer::onComplete);
                pool.execute(() -> consumer.onNext(row));
                pool.execute(() -> config.getConnectedListener().accept(getAddress()));
                pool.execute(() -> listener.connected(getAddress()));
                pool.execute(
                    () -> {
                      listener.disconnected(row);
                    });
              }

              interface Context {
                Runnable wrap(Runnable task);
              }

              static class Connection {
                static Connection getFrom(Object channel) {
                  return new Connection();
                }

                void onMessage(String message) {}
              }

              void guardedWrappedAndBookkept(
                  ScanResultConsumer consumer, Context context, Object channel, Object result, java.util.concurrent.Phaser phaser) {
                pool.execute(
                    () -> {
                      if (config.getConnectedListener() != null) {
                        config.getConnectedListener().accept(getAddress());
                      }
                    });
                pool.execute(context.wrap(() -> consumer.onNext("last")));
                pool.execute(context.wrap(consumer::onComplete));
                pool.execute(
                    context.wrap(
                        () -> {
                          try {
                            consumer.onNext("row");
                          } finally {
                            phaser.arriveAndDeregister();
                          }
                        }));
                Connection connection = Connection.getFrom(channel);
                pool.execute(
                    new Runnable() {
                      @Override
                      public void run() {
                        if (result instanceof String) {
                          connection.onMessage((String) result);
                        }
                      }
                    });
              }

              void onTick() {}

              void ownWork(ScanResultConsumer consumer, String order, CompletableFuture<Void> done, Job job) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> job.execute());
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(this::onTick);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> this.onTick());
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> service.process(order));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> consumer.onNext(order.trim().substring(1)));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      service.process(order);
                      done.complete(null);
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> r.run());
                ScanResultConsumer own =
                    new ScanResultConsumer() {
                      @Override
                      public void onNext(String row) {}

                      @Override
                      public void onError(Throwable error) {}

                      @Override
                      public void onComplete() {}
                    };
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> own.onComplete());
                Connection created = new Connection();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> created.onMessage(order));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        consumer.onNext(order);
                      } catch (RuntimeException e) {
                        throw e;
                      } finally {
                        done.complete(null);
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      service.process(order);
                      consumer.onComplete();
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadsThatOnlyCompleteFutures() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ThreadFactory;

            class A {
              String work() {
                return "done";
              }

              CompletableFuture<Void> close(CompletableFuture<Void> closing, ThreadFactory factory) {
                CompletableFuture<Void> p = new CompletableFuture<>();
                closing.whenComplete(
                    (v, failure) -> {
                      factory.newThread(
                              () -> {
                                if (failure == null) {
                                  p.complete(null);
                                } else {
                                  p.completeExceptionally(failure);
                                }
                              })
                          .start();
                    });
                return p;
              }

              CompletableFuture<Void> methodReference(ThreadFactory factory) {
                CompletableFuture<Void> promise = new CompletableFuture<>();
                Runnable complete = () -> promise.complete(null);
                factory.newThread(complete).start();
                return promise;
              }

              CompletableFuture<String> reportsThroughTheFuture() {
                CompletableFuture<String> f = new CompletableFuture<>();
                new Thread(
                        () -> {
                          try {
                            f.complete(work());
                          } catch (Throwable t) {
                            f.completeExceptionally(t);
                          }
                        })
                    .start();
                return f;
              }

              CompletableFuture<String> worksBeforeCompleting() {
                CompletableFuture<String> f = new CompletableFuture<>();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(() -> f.complete(work())).start();
                Thread worker =
                    new Thread(
                        () -> {
                          System.out.println(work());
                          f.complete(null);
                        });
                // BUG: Diagnostic contains: UnscopedTask
                worker.start();
                return f;
              }
            }
            """)
        .doTest();
  }

  @Test
  void futureTaskIsTheHandle() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.FutureTask;
            import java.util.concurrent.RunnableFuture;

            class A {
              private RunnableFuture<String> pending;

              <T> FutureTask<T> returned(ExecutorService pool, Callable<T> callable) {
                FutureTask<T> task = new FutureTask<>(callable);
                pool.execute(task);
                return task;
              }

              String awaited(ExecutorService pool, Callable<String> callable)
                  throws InterruptedException, ExecutionException {
                FutureTask<String> task = new FutureTask<>(callable);
                pool.execute(task);
                return task.get();
              }

              void field(ExecutorService pool, Callable<String> callable) {
                pending = new FutureTask<>(callable);
                pool.execute(pending);
              }

              void dropped(ExecutorService pool, Callable<String> callable) {
                FutureTask<String> task = new FutureTask<>(callable);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(task);
                task.cancel(false);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(new FutureTask<>(callable));
              }
            }
            """)
        .doTest();
  }

  @Test
  void threadsWithTheirOwnHandler() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "LoggingThread.java",
            """
            class LoggingThread extends Thread {
              LoggingThread(String name) {
                super(name);
                setUncaughtExceptionHandler((t, e) -> System.err.println(t.getName() + " failed: " + e));
              }
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import java.util.List;

            class A {
              static final class LearnerHandler extends LoggingThread {
                private final List<LearnerHandler> learners;

                LearnerHandler(List<LearnerHandler> learners) {
                  super("LearnerHandler");
                  this.learners = learners;
                }

                @Override
                public void run() {
                  learners.add(this);
                }
              }

              static final class Plain extends Thread {
                @Override
                public void run() {
                  System.out.println("plain");
                }
              }

              void subclass(List<LearnerHandler> learners) {
                LearnerHandler handler = new LearnerHandler(learners);
                handler.start();
                new LearnerHandler(learners).start();
              }

              void installedBeforeStart(Runnable work) {
                Thread thread = new Thread(() -> work.run());
                thread.setUncaughtExceptionHandler((t, e) -> e.printStackTrace());
                thread.start();
              }

              void noHandler() {
                // BUG: Diagnostic contains: UnscopedTask
                new Plain().start();
                Thread thread = new Plain();
                thread.setName("plain");
                // BUG: Diagnostic contains: UnscopedTask
                thread.start();
              }
            }
            """)
        .doTest();
  }

  /**
   * Reduced from the real-code findings U1, U7, U12, U14, U15 (FPs), U10 (FP since round 4) and U2, U13, U16 (TPs,
   * still flagged).
   */
  @Test
  void tasksThatOwnTheirFailuresInRealShapes() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.net.Socket;
            import java.util.ArrayList;
            import java.util.Collection;
            import java.util.Collections;
            import java.util.List;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.CyclicBarrier;
            import java.util.concurrent.ExecutorService;

            class A {
              private final ExecutorService pool;

              A(ExecutorService pool) {
                this.pool = pool;
              }

              final class Reporting implements Runnable {
                @Override
                public void run() {
                  try {
                    System.out.println("call");
                  } catch (Throwable t) {
                    System.err.println(t);
                    throw new RuntimeException(t);
                  }
                }
              }

              static final class Delaying implements Runnable {
                private Runnable runner;

                void setRunner(Runnable runner) {
                  this.runner = runner;
                }

                @Override
                public void run() {
                  runner.run();
                }
              }

              // U1: tasks from a collection built by this file, each one reporting or wrapping one that reports.
              void fromCollection(boolean delayed) {
                Collection<? extends Runnable> runnables = newRunnables(delayed);
                for (Runnable runnable : runnables) {
                  pool.execute(runnable);
                }
              }

              private Collection<? extends Runnable> newRunnables(boolean delayed) {
                if (!delayed) {
                  Reporting runnable = new Reporting();
                  return Collections.singletonList(runnable);
                }
                List<Runnable> toReturn = new ArrayList<>(2);
                for (Delaying runner : List.of(new Delaying())) {
                  Runnable runnable = new Reporting();
                  runner.setRunner(runnable);
                  runnable = runner;
                  toReturn.add(runnable);
                }
                return toReturn;
              }

              void fromUnknownCollection(List<Runnable> given, boolean delayed) {
                List<Runnable> mixed = new ArrayList<>();
                mixed.add(new Reporting());
                mixed.add(() -> System.out.println("plain"));
                for (Runnable runnable : mixed) {
                  // BUG: Diagnostic contains: UnscopedTask
                  pool.execute(runnable);
                }
                List<Runnable> filledElsewhere = new ArrayList<>();
                filledElsewhere.add(new Reporting());
                fill(filledElsewhere);
                for (Runnable runnable : filledElsewhere) {
                  // BUG: Diagnostic contains: UnscopedTask
                  pool.execute(runnable);
                }
                for (Runnable runnable : given) {
                  // BUG: Diagnostic contains: UnscopedTask
                  pool.execute(runnable);
                }
                Delaying empty = new Delaying();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(empty);
              }

              void fill(List<Runnable> tasks) {}

              // U7: a helper that catches and logs each item's failure, next to other work.
              void helperNextToOtherWork(List<String> keys, String key) {
                pool.execute(
                    () -> {
                      if (key != null) {
                        processKeys(keys);
                        poll();
                      } else {
                        flush(keys);
                        poll();
                      }
                    });
              }

              private void processKeys(List<String> keys) {
                for (String key : keys) {
                  try {
                    System.out.println(key);
                  } catch (Exception e) {
                    System.err.println("unable to write " + key + ": " + e);
                  }
                }
              }

              private void flush(List<String> keys) {
                try {
                  keys.clear();
                } catch (Exception e) {
                  System.err.println(e);
                }
              }

              private void poll() {}

              // U14, U15: one-shot work whose helper reports every checked failure it catches.
              private final java.util.Set<String> inProgress = new java.util.HashSet<>();

              private final class ConnectionRequest implements Runnable {
                private final String address;

                ConnectionRequest(String address) {
                  this.address = address;
                }

                @Override
                public void run() {
                  try {
                    initiateConnection(address);
                  } finally {
                    inProgress.remove(address);
                  }
                }
              }

              void connectAsync(String address, Socket sock) {
                pool.execute(new ConnectionRequest(address));
                pool.execute(() -> receiveConnection(sock));
              }

              public void initiateConnection(String address) {
                Socket sock = null;
                try {
                  sock = new Socket(address, 80);
                } catch (IOException | IllegalArgumentException e) {
                  System.err.println("cannot open channel to " + address + ": " + e);
                  return;
                }
                try {
                  sock.close();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }

              public void receiveConnection(Socket sock) {
                try {
                  sock.getInputStream().read();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }

              // U2, U13, U16, U10: still flagged.
              void stillFlagged(Socket sock, BlockingQueue<String> queue, CyclicBarrier barrier) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        Thread.sleep(10);
                      } catch (InterruptedException e) {
                        System.err.println("interrupted");
                        return;
                      }
                      processAll();
                    });
                new Thread() {
                  @Override
                  public void run() {
                    Thread.currentThread().setName("sender");
                    try {
                      sendPackets(queue);
                    } catch (InterruptedException e) {
                      System.err.println("unexpected interruption");
                    }
                  }
                  // BUG: Diagnostic contains: UnscopedTask
                }.start();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> sendPacketsOnce(queue));
                new Thread(
                        () -> {
                          System.out.println("validate");
                          try {
                            sock.getInetAddress().isReachable(500);
                          } catch (NullPointerException | IOException ignored) {
                          }
                          System.out.println("not reachable");
                        })
                    // BUG: Diagnostic contains: UnscopedTask
                    .start();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> checkOnly(sock));
                // Overridden, but every body the call may run reports or cannot fail (Sub's is empty).
                pool.execute(() -> overridden(sock));
                // U10, re-judged a false alarm in round 4: a helper made only of calls to reporting helpers.
                pool.execute(() -> twoDeep(barrier));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> twoDeepWithWork(barrier));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> threeDeep(barrier));
              }

              private void processAll() {
                System.out.println("work");
              }

              private void sendPackets(BlockingQueue<String> queue) throws InterruptedException {
                while (true) {
                  try {
                    String packet = queue.take();
                    new Socket(packet, 80).close();
                  } catch (IOException e) {
                    System.err.println(e);
                    break;
                  }
                }
              }

              private void sendPacketsOnce(BlockingQueue<String> queue) {
                try {
                  System.out.println(queue.take());
                } catch (InterruptedException e) {
                  System.err.println("interrupted");
                }
              }

              private void checkOnly(Socket sock) {
                try {
                  sock.getInetAddress().isReachable(500);
                } catch (IOException ignored) {
                }
              }

              void overridden(Socket sock) {
                try {
                  sock.close();
                } catch (IOException e) {
                  System.err.println(e);
                }
              }

              static class Sub extends A {
                Sub(ExecutorService pool) {
                  super(pool);
                }

                @Override
                void overridden(Socket sock) {}
              }

              private void twoDeep(CyclicBarrier barrier) {
                awaitBarrier(barrier);
              }

              private void twoDeepWithWork(CyclicBarrier barrier) {
                awaitBarrier(barrier);
                processAll();
              }

              private void threeDeep(CyclicBarrier barrier) {
                twoDeep(barrier);
              }

              private void awaitBarrier(CyclicBarrier barrier) {
                try {
                  barrier.await();
                } catch (Exception ex) {
                  System.err.println(ex);
                }
              }

              // U12: an anonymous template subclass whose abstract step reports into the promise.
              abstract static class WorkerTask implements Runnable {
                @Override
                public void run() {
                  execute();
                }

                protected abstract void execute();

                public void reject() {}
              }

              void template(java.util.concurrent.Callable<String> code, java.util.concurrent.CompletableFuture<String> promise) {
                WorkerTask task =
                    new WorkerTask() {
                      @Override
                      protected void execute() {
                        String result;
                        try {
                          result = code.call();
                        } catch (Throwable t) {
                          promise.completeExceptionally(t);
                          return;
                        }
                        promise.complete(result);
                      }

                      @Override
                      public void reject() {
                        promise.cancel(false);
                      }
                    };
                pool.execute(task);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    new WorkerTask() {
                      @Override
                      protected void execute() {
                        System.out.println("unguarded");
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  /** Reduced from unseen real code (hbase-server): a log line before the guarded work, an overridable helper. */
  @Test
  void tasksThatOwnTheirFailuresBeyondTheFirstCorpus() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "Archiver.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.logging.Logger;

            class Archiver {
              private static final Logger LOG = Logger.getLogger("archiver");

              void delete(String path) throws IOException {}

              protected void archive(String path) {
                try {
                  delete(path);
                } catch (Throwable t) {
                  LOG.severe("archive failed: " + t);
                }
              }

              protected void archiveOverridden(String path) {
                try {
                  delete(path);
                } catch (Throwable t) {
                  LOG.severe("archive failed: " + t);
                }
              }

              void start(ExecutorService pool, String path) {
                pool.execute(
                    () -> {
                      LOG.info("deleting " + path);
                      try {
                        delete(path);
                      } catch (IOException e) {
                        LOG.warning("could not delete " + path + ": " + e);
                      }
                    });
                pool.execute(() -> archive(path));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> archiveOverridden(path));
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      System.out.println("deleting " + path);
                      try {
                        delete(path);
                      } catch (IOException e) {
                        LOG.warning("could not delete " + path + ": " + e);
                      }
                    });
              }
            }
            """)
        .addSourceLines(
            "LoudArchiver.java",
            """
            class LoudArchiver extends Archiver {
              @Override
              protected void archiveOverridden(String path) {
                throw new IllegalStateException(path);
              }
            }
            """)
        .doTest();
  }

  /** Reduced from the real-code findings U3, U4, U9 (FPs) and U8 (TP, still flagged). */
  @Test
  void callbackDeliveryInRealShapes() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.Map;
            import java.util.Queue;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Phaser;
            import java.util.concurrent.atomic.AtomicBoolean;

            class A {
              interface ScanConsumer {
                boolean onNext(String row);

                void onError(Throwable error);

                void onComplete();
              }

              interface Scanner extends AutoCloseable {
                String next() throws IOException;

                @Override
                void close() throws IOException;
              }

              interface Connection {
                void onMessage(String message);
              }

              interface Entry {
                Queue<Object> getQueue();

                AtomicBoolean getSent();
              }

              interface MessageListener {
                void onMessage(String message);
              }

              private final ExecutorService pool;
              private final Phaser inProgress = new Phaser(1);

              A(ExecutorService pool) {
                this.pool = pool;
              }

              Scanner open() {
                return null;
              }

              // U3: the helper drives the caller's consumer and reports its failure to onError.
              void scan(ScanConsumer consumer) {
                pool.execute(() -> scan0(consumer));
              }

              private void scan0(ScanConsumer consumer) {
                try (Scanner scanner = open()) {
                  for (String row; (row = scanner.next()) != null; ) {
                    if (!consumer.onNext(row)) {
                      break;
                    }
                  }
                  consumer.onComplete();
                } catch (IOException e) {
                  consumer.onError(e);
                }
              }

              // U4: bookkeeping on a synchronizer before the callback.
              void complete(ScanConsumer callback) {
                pool.execute(
                    () -> {
                      inProgress.arriveAndAwaitAdvance();
                      callback.onComplete();
                    });
              }

              // U9: a loop draining a queue of messages to the connection's listeners.
              void drain(Entry entry, Connection connection) {
                pool.execute(
                    () -> {
                      try {
                        while (true) {
                          Object message = entry.getQueue().poll();
                          if (message != null) {
                            if (message instanceof String) {
                              connection.onMessage((String) message);
                            }
                          } else {
                            break;
                          }
                        }
                      } finally {
                        entry.getSent().set(false);
                      }
                    });
              }

              void drainUntilEmpty(Queue<String> queue, MessageListener listener) {
                pool.execute(
                    () -> {
                      String message;
                      while ((message = queue.poll()) != null) {
                        listener.onMessage(message);
                      }
                    });
              }

              // U8 and other shapes that stay flagged.
              void stillFlagged(
                  Map<String, String> messages,
                  MessageListener listener,
                  ScanConsumer callback,
                  CountDownLatch latch,
                  Entry entry,
                  Connection connection,
                  CompletableFuture<Void> done) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      for (Map.Entry<String, String> message : messages.entrySet()) {
                        listener.onMessage(message.getValue());
                      }
                      done.complete(null);
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      callback.onComplete();
                      latch.countDown();
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      while (true) {
                        Object message = entry.getQueue().poll();
                        if (message == null) {
                          break;
                        }
                        connection.onMessage(decode(message));
                      }
                    });
                // Only a signal: it cannot fail, nothing is lost (FailureCoverage.onlyChangesState).
                pool.execute(
                    () -> {
                      latch.countDown();
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> scanQuietly(callback));
              }

              private String decode(Object message) {
                return message.toString();
              }

              private void scanQuietly(ScanConsumer consumer) {
                try (Scanner scanner = open()) {
                  consumer.onNext(scanner.next());
                } catch (IOException e) {
                }
              }
            }
            """)
        .doTest();
  }

  /**
   * Round 5, shape B (hbase-server N2, N3): a pool whose thread factory installs an uncaught-exception handler hands
   * a task's exception to it. A scheduled pool never does (N19), and a factory that sets none stays flagged.
   */
  @Test
  void poolWhoseThreadFactoryInstallsAHandler() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "LoggingFactory.java",
            """
            import java.util.concurrent.ThreadFactory;

            class LoggingFactory implements ThreadFactory {
              @Override
              public Thread newThread(Runnable r) {
                Thread thread = new Thread(r);
                thread.setUncaughtExceptionHandler((t, e) -> System.err.println(t + " failed: " + e));
                return thread;
              }
            }
            """)
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import com.google.common.util.concurrent.ThreadFactoryBuilder;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.ThreadFactory;
            import java.util.concurrent.ThreadPoolExecutor;
            import java.util.concurrent.TimeUnit;

            class A {
              private static final Thread.UncaughtExceptionHandler LOG_IT = (t, e) -> System.err.println(e);

              private final ExecutorService readers =
                  Executors.newFixedThreadPool(
                      2, new ThreadFactoryBuilder().setDaemon(true).setUncaughtExceptionHandler(LOG_IT).build());
              private ExecutorService started;
              private final ExecutorService plain =
                  Executors.newFixedThreadPool(2, new ThreadFactoryBuilder().setDaemon(true).build());
              private final ScheduledExecutorService timer =
                  Executors.newScheduledThreadPool(
                      1, new ThreadFactoryBuilder().setUncaughtExceptionHandler(LOG_IT).build());
              private ExecutorService sometimes;

              void start(boolean fresh) {
                started =
                    new ThreadPoolExecutor(
                        1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new LoggingFactory());
                sometimes = fresh ? Executors.newCachedThreadPool() : started;
                sometimes = Executors.newCachedThreadPool();
              }

              void run(Runnable work, ThreadFactory given) {
                readers.execute(() -> System.out.println("read"));
                started.execute(() -> System.out.println("started"));
                ThreadFactory local =
                    r -> {
                      Thread thread = new Thread(r);
                      thread.setUncaughtExceptionHandler(LOG_IT);
                      return thread;
                    };
                ExecutorService pool = Executors.newSingleThreadExecutor(local);
                pool.execute(() -> System.out.println("local"));
                MoreExecutors.listeningDecorator(Executors.newCachedThreadPool(new LoggingFactory()))
                    .execute(() -> System.out.println("decorated"));
                // BUG: Diagnostic contains: UnscopedTask
                plain.execute(() -> System.out.println("daemon, no handler"));
                // BUG: Diagnostic contains: UnscopedTask
                timer.execute(() -> System.out.println("kept in a future nobody reads"));
                // BUG: Diagnostic contains: UnscopedTask
                sometimes.execute(() -> System.out.println("one value has no handler"));
                // BUG: Diagnostic contains: UnscopedTask
                Executors.newCachedThreadPool(given).execute(() -> System.out.println("unknown factory"));
                ExecutorService nulled =
                    Executors.newCachedThreadPool(new ThreadFactoryBuilder().setUncaughtExceptionHandler(null).build());
                // BUG: Diagnostic contains: UnscopedTask
                nulled.execute(() -> System.out.println("no handler after all"));
              }
            }
            """)
        .doTest();
  }

  /**
   * Round 5, shape D (hbase-server N1): a thread made by a factory that makes daemons, or installs a handler, is
   * exempt like a thread given {@code setDaemon(true)} or a handler itself.
   */
  @Test
  void threadFromADaemonOrReportingFactory() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.ThreadFactoryBuilder;
            import java.util.concurrent.ThreadFactory;

            class A {
              private static final ThreadFactory DAEMONS = new ThreadFactoryBuilder().setDaemon(true).build();
              private final ThreadFactory named = new ThreadFactoryBuilder().setNameFormat("x-%d").build();

              void load(Runnable loader) {}

              void start(ThreadFactory given) {
                ThreadFactory background = new ThreadFactoryBuilder().setDaemon(true).setNameFormat("bg").build();
                background.newThread(() -> System.out.println("load")).start();
                Thread thread = DAEMONS.newThread(() -> System.out.println("sweep"));
                thread.start();
                Thread.ofPlatform().daemon().factory().newThread(() -> System.out.println("watch")).start();
                ThreadFactory anonymous =
                    new ThreadFactory() {
                      @Override
                      public Thread newThread(Runnable r) {
                        Thread t = new Thread(r);
                        t.setDaemon(true);
                        return t;
                      }
                    };
                anonymous.newThread(() -> System.out.println("closer")).start();
                Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> e.printStackTrace()).start(() -> {});
                // BUG: Diagnostic contains: UnscopedTask
                named.newThread(() -> System.out.println("named only")).start();
                // BUG: Diagnostic contains: UnscopedTask
                given.newThread(() -> System.out.println("unknown")).start();
                ThreadFactory notDaemon = new ThreadFactoryBuilder().setDaemon(false).build();
                // BUG: Diagnostic contains: UnscopedTask
                notDaemon.newThread(() -> System.out.println("user thread")).start();
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofPlatform().name("plain").start(() -> {});
              }
            }
            """)
        .doTest();
  }

  /**
   * Round 5, shape C (hbase-server N2): the caller's task, a parameter, run inside a wrapper that only adds
   * bookkeeping, is forwarded work. A release after the run, or work of the wrapper's own, stays flagged.
   */
  @Test
  void forwardedTaskWrappedWithBookkeeping() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.logging.Logger;

            class A {
              private static final Logger LOG = Logger.getLogger("A");

              static class Call {
                void setStatus(String status) {}

                void run() {}
              }

              abstract static class Runner implements Runnable {
                Runner(Call call) {}
              }

              private final ExecutorService pool;
              private final AtomicInteger queued = new AtomicInteger();
              private final CountDownLatch done = new CountDownLatch(1);
              private int running;

              A(ExecutorService pool) {
                this.pool = pool;
              }

              void dispatch(Call task, Runnable plain) {
                queued.incrementAndGet();
                pool.execute(
                    new Runner(task) {
                      @Override
                      public void run() {
                        task.setStatus("running");
                        task.run();
                        queued.decrementAndGet();
                      }
                    });
                pool.execute(
                    () -> {
                      LOG.fine("running");
                      running++;
                      plain.run();
                      running--;
                    });
                pool.execute(() -> plain.run());
                pool.execute(
                    () -> {
                      try {
                        plain.run();
                      } finally {
                        done.countDown();
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      plain.run();
                      done.countDown();
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      plain.run();
                      System.out.println("own work after the caller's");
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      plain.run();
                      plain.run();
                    });
                Runnable local = () -> {};
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      queued.incrementAndGet();
                      local.run();
                    });
              }
            }
            """)
        .doTest();
  }

  /**
   * Round 5, shapes E and G (hbase-server N11, gerrit N20): log lines after the guarded work, and work under a lock,
   * are read as the rest of the body. A lock around unguarded work stays flagged (gerrit N21).
   */
  @Test
  void logLinesAfterAndLocksAroundGuardedWork() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.logging.Logger;

            class A {
              private static final Logger LOG = Logger.getLogger("A");

              private final ExecutorService pool;
              private final Object lock = new Object();

              A(ExecutorService pool) {
                this.pool = pool;
              }

              void delete(String path) throws IOException {}

              void handleError(Throwable t) {}

              private final class Thunk implements Runnable {
                @Override
                public void run() {
                  synchronized (this) {
                    Thread.currentThread().setName("thunk");
                    try {
                      delete("x");
                    } catch (Throwable e) {
                      handleError(e);
                    } finally {
                      Thread.currentThread().setName("idle");
                    }
                  }
                }
              }

              void start(String path) {
                pool.execute(
                    () -> {
                      LOG.info("deleting " + path);
                      try {
                        delete(path);
                      } catch (IOException e) {
                        LOG.warning("could not delete " + path + ": " + e);
                      }
                      LOG.info("deleted " + path);
                    });
                pool.execute(
                    () -> {
                      synchronized (lock) {
                        try {
                          delete(path);
                        } catch (IOException e) {
                          LOG.warning("could not delete " + path);
                        }
                      }
                    });
                Thunk thunk = new Thunk();
                new Thread(thunk, "admin").start();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      synchronized (lock) {
                        try {
                          delete(path);
                        } catch (IOException e) {
                          LOG.warning("could not delete " + path);
                        }
                        System.out.println("more work");
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      synchronized (lock) {
                        try {
                          delete(path);
                          LOG.info("cancelled");
                        } catch (IOException e) {
                          throw new IllegalStateException(e);
                        } finally {
                          System.out.println("cleanup");
                        }
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        delete(path);
                      } catch (IOException e) {
                        LOG.warning("could not delete " + path);
                      }
                      System.out.println("not a log line");
                    });
              }
            }
            """)
        .doTest();
  }

  /**
   * Round 5, shapes of the projects added unseen (jgroups, activemq-broker, quartz, hadoop-common): the task of a
   * {@code newThread(r, name)}, a thread that only ends the JVM, a delay before work that owns its expected
   * failures, and an early return before it. The near misses stay flagged.
   */
  @Test
  void shapesOfTheRoundFiveProjects() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.logging.Logger;

            class A {
              private static final Logger LOG = Logger.getLogger("A");

              interface NamingFactory extends java.util.concurrent.ThreadFactory {
                Thread newThread(Runnable r, String name);
              }

              private final NamingFactory factory;
              private final ExecutorService pool;
              private volatile boolean canceled;

              A(NamingFactory factory, ExecutorService pool) {
                this.factory = factory;
                this.pool = pool;
              }

              private void acceptAll() {
                try {
                  System.out.println("accept");
                } catch (Throwable t) {
                  LOG.warning("accept failed: " + t);
                }
              }

              void start() throws IOException {}

              void threads(int code) {
                Thread acceptor = factory.newThread(this::acceptAll, "acceptor");
                acceptor.start();
                factory.newThread(() -> acceptAll(), "acceptor").start();
                new Thread(() -> System.exit(code)).start();
                new Thread(
                        () -> {
                          LOG.info("halting");
                          Runtime.getRuntime().halt(code);
                        })
                    .start();
                // BUG: Diagnostic contains: UnscopedTask
                factory.newThread(() -> System.out.println("unguarded"), "worker").start();
                new Thread(
                        () -> {
                          System.out.println("cleanup first");
                          System.exit(code);
                        })
                    // BUG: Diagnostic contains: UnscopedTask
                    .start();
              }

              private Runnable exitTask(int code) {
                return new Runnable() {
                  @Override
                  public void run() {
                    LOG.info("Exiting");
                    System.exit(code);
                  }
                };
              }

              private Runnable workThenExit(int code) {
                return () -> {
                  System.out.println("work");
                  System.exit(code);
                };
              }

              private Runnable recursive() {
                return recursive();
              }

              private void halt() {
                LOG.severe("halting");
                Runtime.getRuntime().halt(2);
              }

              void threadsThatEndTheProcess(int code) {
                new Thread("exit-on-failure") {
                  @Override
                  public void run() {
                    LOG.severe("exit(1)");
                    Runtime.getRuntime().exit(1);
                  }
                }.start();
                Thread shutDown = new Thread(exitTask(code));
                shutDown.setName("shutdown handler");
                shutDown.start();
                new Thread(this::halt).start();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(workThenExit(code)).start();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(recursive()).start();
                new Thread("exit-later") {
                  @Override
                  public void run() {
                    System.out.println("work first");
                    Runtime.getRuntime().exit(1);
                  }
                  // BUG: Diagnostic contains: UnscopedTask
                }.start();
              }

              void delayed(int seconds) {
                new Thread(
                        () -> {
                          try {
                            Thread.sleep(seconds * 1000L);
                          } catch (InterruptedException ignore) {
                          }
                          try {
                            start();
                          } catch (IOException e) {
                            LOG.severe("unable to start after the delay: " + e);
                          }
                        })
                    .start();
                pool.execute(
                    () -> {
                      try {
                        TimeUnit.SECONDS.sleep(seconds);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      try {
                        start();
                      } catch (IOException e) {
                        LOG.severe("unable to start: " + e);
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        Thread.sleep(seconds);
                      } catch (InterruptedException ignore) {
                      }
                      System.out.println("unguarded after the delay");
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      try {
                        Thread.sleep(seconds);
                        System.out.println("work inside the delay");
                      } catch (InterruptedException ignore) {
                      }
                      try {
                        start();
                      } catch (IOException e) {
                        LOG.severe("unable to start: " + e);
                      }
                    });
              }

              void earlyReturn() {
                pool.execute(
                    () -> {
                      if (canceled) return;
                      try {
                        start();
                      } catch (IOException e) {
                        if (canceled) {
                          return;
                        }
                        LOG.warning("failed: " + e);
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      if (canceled) {
                        System.out.println("work before returning");
                        return;
                      }
                      try {
                        start();
                      } catch (IOException e) {
                        LOG.warning("failed: " + e);
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  /**
   * Round 5, shapes of the project read after the rules (activemq-client): guarded work under a test that only reads
   * state, and callback delivery through a local copy of a listener field or over a collection of listeners. The
   * near misses stay flagged.
   */
  @Test
  void shapesReadAfterTheRules() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "A.java",
            """
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.atomic.AtomicBoolean;
            import java.util.logging.Logger;

            class A {
              private static final Logger LOG = Logger.getLogger("A");

              interface DiscoveryListener {
                void onServiceAdd(String service);
              }

              private final ExecutorService pool;
              private final AtomicBoolean started = new AtomicBoolean();
              private final List<DiscoveryListener> listeners = new CopyOnWriteArrayList<>();
              private final java.util.Map<String, DiscoveryListener> byName = new java.util.concurrent.ConcurrentHashMap<>();
              private volatile DiscoveryListener listener;

              A(ExecutorService pool) {
                this.pool = pool;
              }

              void send() throws IOException {}

              void onException(IOException e) {}

              boolean ready() {
                return true;
              }

              void keepAlive() {
                pool.execute(
                    () -> {
                      LOG.fine("keep-alive");
                      if (started.get()) {
                        try {
                          send();
                        } catch (IOException e) {
                          onException(e);
                        }
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      if (ready()) {
                        try {
                          send();
                        } catch (IOException e) {
                          onException(e);
                        }
                      }
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      if (started.get()) {
                        try {
                          send();
                        } catch (IOException e) {
                          onException(e);
                        }
                      } else {
                        System.out.println("not started");
                      }
                    });
              }

              void fire(String service) {
                pool.execute(
                    () -> {
                      DiscoveryListener current = A.this.listener;
                      if (current != null) {
                        current.onServiceAdd(service);
                      }
                    });
                pool.execute(
                    () -> {
                      for (DiscoveryListener each : listeners) {
                        each.onServiceAdd(service);
                      }
                    });
                pool.execute(
                    () -> {
                      for (DiscoveryListener each : byName.values()) {
                        each.onServiceAdd(service);
                      }
                    });
                Runnable notifier =
                    new Runnable() {
                      @Override
                      public void run() {
                        for (DiscoveryListener each : listeners) {
                          each.onServiceAdd(service);
                        }
                      }
                    };
                pool.execute(notifier);
                Runnable worker =
                    () -> {
                      System.out.println("work");
                      listener.onServiceAdd(service);
                    };
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(worker);
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      DiscoveryListener created = s -> System.out.println(s);
                      created.onServiceAdd(service);
                    });
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(
                    () -> {
                      for (DiscoveryListener each : List.<DiscoveryListener>of(s -> System.out.println(s))) {
                        each.onServiceAdd(service);
                      }
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void executorsThatReportTheirTasksFailures() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines("Pools.java", LeakedFutureTest.SAME_BUILD_POOLS)
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ScheduledExecutorService;

            abstract class A {
              private ExecutorService threadPool;
              private ScheduledExecutorService cleaner;
              private final ExecutorService throwableOnly = new Pools.ThrowableLoggingPool();
              private final ExecutorService plain = Executors.newFixedThreadPool(2);
              private ExecutorService mixed;
              private final ExecutorService counting = new Pools.CountingPool();
              private final ExecutorService swallowing = new Pools.SwallowingPool();

              void serviceInit(int size) {
                this.threadPool = new Pools.LoggingPool(size);
                cleaner = new Pools.HelperScheduler();
                mixed = size > 1 ? new Pools.LoggingPool(size) : Executors.newSingleThreadExecutor();
              }

              ExecutorService threadPool() {
                return threadPool;
              }

              abstract void work();

              void run() {
                threadPool.execute(() -> work());
                threadPool().execute(() -> work());
                cleaner.execute(() -> work());
                throwableOnly.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                plain.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                mixed.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                counting.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                swallowing.execute(() -> work());
              }
            }
            """)
        .doTest();
  }

  /** The pools of a library, read from their class files: Hadoop's {@code HadoopExecutors} shapes. */
  @Test
  void libraryExecutorsThatReportTheirTasksFailures() {
    java.nio.file.Path library = PrecompiledLibrary.compile(ExecutorLibrary.SOURCES);
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true", "-classpath", PrecompiledLibrary.classpathWith(library))
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.ScheduledExecutorService;
            import org.example.pools.Pools;

            abstract class A {
              private ExecutorService threadPool;
              private final ScheduledExecutorService scheduled = Pools.newScheduledThreadPool(1);
              private final ExecutorService throwableOnly = Pools.newThrowableLoggingPool();
              private final ExecutorService single = Pools.newSingleThreadExecutor();
              private final ExecutorService counting = Pools.newCountingPool();

              void serviceInit(int size) {
                this.threadPool = Pools.newFixedThreadPool(size);
              }

              abstract void work();

              void run() {
                threadPool.execute(() -> work());
                scheduled.execute(() -> work());
                throwableOnly.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                single.execute(() -> work());
                // BUG: Diagnostic contains: Executor.execute
                counting.execute(() -> work());
              }
            }
            """)
        .doTest();
  }

  @Test
  void documentationExists() {
    assertTrue(
        Files.isRegularFile(Path.of("..", "docs", "checks", "UnscopedTask.md")),
        "the @BugPattern link points at docs/checks/UnscopedTask.md");
  }

  /** A thread or executor running a future task: the work's failure stays in that future, read by its holder. */
  @Test
  void identificationFutureTasksKeepTheirFailure() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "Loader.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.FutureTask;

            class Loader {
              String load(ExecutorService pool) throws Exception {
                FutureTask<String> config = new FutureTask<>(this::read);
                new Thread(config, "config-loader").start();
                FutureTask<String> schema = new FutureTask<>(this::read);
                pool.execute(schema);
                return config.get() + schema.get();
              }

              void plain(ExecutorService pool) {
                Runnable read = () -> System.out.println(read());
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(read, "reader").start();
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(read);
              }

              String read() {
                if (Thread.currentThread().isInterrupted()) {
                  throw new IllegalStateException("interrupted");
                }
                return "x";
              }
            }
            """)
        .doTest();
  }
}
