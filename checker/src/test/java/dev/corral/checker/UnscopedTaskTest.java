package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class UnscopedTaskTest {
  @Test
  void identification() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
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
              private final ExecutorService pool = ForkJoinPool.commonPool();
              private Thread worker;
              private TaskGroup current;

              void forkIntoScopedGroup(Runnable r) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.fork(() -> 42);
                  group.join();
                }
              }

              void builderInTry(Runnable r) {
                try (TaskGroup group = TaskGroup.builder().maxConcurrency(2).open()) {
                  group.fork(r);
                  forkMore(group, r);
                }
              }

              void forkMore(TaskGroup group, Runnable r) {
                group.fork(r);
              }

              void closedInFinally(Runnable r) {
                TaskGroup group = TaskGroup.open();
                try {
                  group.fork(r);
                } finally {
                  group.close();
                }
              }

              void laterResource(Runnable r) {
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

              void direct(Runnable r) {
                MoreExecutors.directExecutor().execute(r);
              }

              void submitIsNotThisCheck(Runnable r) {
                var unused = pool.submit(r);
              }

              void startField(Runnable r) {
                worker = new Thread(r);
                worker.start();
              }

              void joined(Runnable r) throws InterruptedException {
                Thread thread = new Thread(r);
                thread.start();
                thread.join();
              }

              void keptInList(Runnable r, List<Thread> threads) {
                Thread thread = new Thread(r);
                thread.start();
                threads.add(thread);
              }

              Thread returned(Runnable r) {
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

              Thread virtualReturned(Runnable r) {
                return Thread.startVirtualThread(r);
              }

              void virtualJoined(Runnable r) throws InterruptedException {
                Thread.ofVirtual().start(r).join();
                Thread thread = Thread.ofPlatform().start(r);
                thread.join();
              }

              void virtualKept(Runnable r) {
                worker = Thread.startVirtualThread(r);
              }

              void executeOnParameter(Executor executor, Runnable r) {
                // BUG: Diagnostic contains: Executor.execute starts a task nobody waits for
                executor.execute(r);
              }

              void executeOnCommonPool() {
                // BUG: Diagnostic contains: UnscopedTask
                ForkJoinPool.commonPool().execute(() -> System.out.println("hi"));
              }

              void executeOnField(Runnable r) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(r);
              }

              void executeOnListeningDecorator(Runnable r) {
                // BUG: Diagnostic contains: UnscopedTask
                MoreExecutors.listeningDecorator(pool).execute(r);
              }

              Runnable executeInLambda(Executor executor, Runnable r) {
                // BUG: Diagnostic contains: UnscopedTask
                return () -> executor.execute(r);
              }

              void newThreadStarted(Runnable r) {
                // BUG: Diagnostic contains: neither joined nor kept
                new Thread(r).start();
              }

              void localNotJoined(Runnable r) {
                Thread thread = new Thread(r, "worker");
                thread.setDaemon(true);
                // BUG: Diagnostic contains: neither joined nor kept
                thread.start();
              }

              void fromFactory(ThreadFactory factory, Runnable r) {
                // BUG: Diagnostic contains: UnscopedTask
                factory.newThread(r).start();
              }

              void unstartedLocal(Runnable r) {
                Thread thread = Thread.ofVirtual().unstarted(r);
                // BUG: Diagnostic contains: UnscopedTask
                thread.start();
              }

              void startVirtual(Runnable r) {
                // BUG: Diagnostic contains: neither joined nor kept
                Thread.startVirtualThread(r);
              }

              void builderStart(Runnable r) {
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofVirtual().start(r);
                // BUG: Diagnostic contains: UnscopedTask
                Thread.ofPlatform().name("worker").daemon(true).start(r);
              }

              void virtualLocalNotJoined(Runnable r) {
                // BUG: Diagnostic contains: UnscopedTask
                Thread thread = Thread.startVirtualThread(r);
                System.out.println(thread.getName());
              }

              void groupOutsideTry(Runnable r) {
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

              void groupEscapesItsBlock(Runnable r) {
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
        .addSourceLines(
            "EventExecutor.java",
            """
            package io.netty.util.concurrent;

            public interface EventExecutor extends java.util.concurrent.Executor {}
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
              void onLoop(EventLoop loop, Runnable r) {
                loop.execute(r);
              }

              void asPlainExecutor(EventLoop loop, Runnable r) {
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
        .addSourceLines(
            "B.java",
            """
            import java.util.concurrent.Executor;

            class B {
              sealed interface Job permits Print, Sleep {}
              record Print(String text) implements Job {}
              record Sleep(long millis) implements Job {}

              record Runner(Executor executor) {
                Runner {
                  // BUG: Diagnostic contains: UnscopedTask
                  executor.execute(() -> {});
                }
              }

              void run(Object job, Executor executor) {
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

  @Test
  void replacement() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .addInputLines(
            "A.java",
            """
            import dev.corral.TaskGroup;
            import java.util.concurrent.Executor;

            class A {
              void execute(Executor executor, Runnable r) throws InterruptedException {
                executor.execute(r);
              }

              void executeWithoutInterrupt(Executor executor, Runnable group) {
                executor.execute(group);
              }

              void newThread(Runnable r) throws InterruptedException {
                new Thread(r).start();
              }

              void localThread(Runnable r) throws InterruptedException {
                Thread worker = new Thread(r, "worker");
                worker.start();
              }

              void virtual(Runnable r) throws InterruptedException {
                Thread.startVirtualThread(r);
                Thread.ofVirtual().start(r);
                Thread started = Thread.ofPlatform().start(r);
                System.out.println(started.getName());
              }

              void newThreadWithoutInterrupt(Runnable r) {
                new Thread(r).start();
              }

              void groupOutsideTry(Runnable r) {
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
            import java.util.concurrent.Executor;

            class A {
              void execute(Executor executor, Runnable r) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.join();
                }
              }

              void executeWithoutInterrupt(Executor executor, Runnable group) {
                try (var group2 = TaskGroup.open()) {
                  group2.fork(group);
                }
              }

              void newThread(Runnable r) throws InterruptedException {
                Thread thread = new Thread(r);
                thread.start();
                thread.join();
              }

              void localThread(Runnable r) throws InterruptedException {
                Thread worker = new Thread(r, "worker");
                worker.start();
                worker.join();
              }

              void virtual(Runnable r) throws InterruptedException {
                Thread.startVirtualThread(r).join();
                Thread.ofVirtual().start(r).join();
                Thread started = Thread.ofPlatform().start(r);
                started.join();
                System.out.println(started.getName());
              }

              void newThreadWithoutInterrupt(Runnable r) {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                }
              }

              void groupOutsideTry(Runnable r) {
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
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.Executor;
            import java.util.concurrent.ForkJoinPool;

            class A {
              void execute(Runnable r) {
                ForkJoinPool.commonPool().execute(r);
              }

              void newThread(Runnable r) throws InterruptedException {
                new Thread(r, "worker").start();
              }

              void localThread(Runnable r) throws InterruptedException {
                Thread worker = new Thread(r);
                worker.start();
              }

              void virtual(Runnable r) throws InterruptedException {
                Thread.startVirtualThread(r);
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import dev.corral.TaskGroup;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;
            import java.util.concurrent.ForkJoinPool;

            class A {
              void execute(Runnable r) {
                CompletableFuture.runAsync(r, ForkJoinPool.commonPool()).join();
              }

              void newThread(Runnable r) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  group.fork(r);
                  group.join();
                }
              }

              void localThread(Runnable r) throws InterruptedException {
                Thread worker = new Thread(r);
                try (var group = TaskGroup.open()) {
                  group.fork(worker);
                  group.join();
                }
              }

              void virtual(Runnable r) throws InterruptedException {
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
        .setArgs("-classpath", TestClasspath.without(dev.corral.TaskGroup.class))
        .addInputLines(
            "A.java",
            """
            import java.util.concurrent.Executor;

            class A {
              void execute(Executor executor, Runnable r) {
                executor.execute(r);
              }

              void newThread(Runnable r) throws InterruptedException {
                new Thread(r).start();
              }
            }
            """)
        .addOutputLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executor;

            class A {
              void execute(Executor executor, Runnable r) {
                CompletableFuture.runAsync(r, executor).join();
              }

              void newThread(Runnable r) throws InterruptedException {
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
        .withClasspath(UnscopedTask.class)
        .addSourceLines(
            "A.java",
            """
            class A {
              void newThreadWithoutInterrupt(Runnable r) {
                // BUG: Diagnostic matches: NO_FIX
                new Thread(r).start();
              }
            }
            """)
        .expectErrorMessage("NO_FIX", message -> message.contains("UnscopedTask") && !message.contains("Did you mean"))
        .doTest();
  }

  @Test
  void documentationExists() {
    assertTrue(
        Files.isRegularFile(Path.of("..", "docs", "checks", "UnscopedTask.md")),
        "the @BugPattern link points at docs/checks/UnscopedTask.md");
  }
}
