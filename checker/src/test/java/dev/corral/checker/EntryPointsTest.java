package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A program's {@code main} starts the program's own threads: no caller's scope exists for them to outlive. Only
 * the real entry point counts; a method that merely looks like it, or an anonymous class's method inside it, is
 * judged as usual, and so is a {@code TaskGroup} opened there.
 */
final class EntryPointsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
          .setArgs("-XepOpt:Corral:ReportPrintedFailures=true");

  @Test
  void threadsOfTheProgramItself() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            public class Demo {
              static Runnable participant;

              public static void main(String[] args) {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                pool.execute(participant);
                new Thread(participant).start();
                Thread.startVirtualThread(participant);
                Runnable later = () -> new Thread(participant).start();
                later.run();
              }
            }
            """)
        .doTest();
  }

  @Test
  void methodsThatAreNoEntryPoint() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            public class Demo {
              static Runnable task;

              static void start(Runnable unused) {
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(task).start();
              }

              public static void main(String[] args) {
                Runnable anonymous =
                    new Runnable() {
                      @Override
                      public void run() {
                        // BUG: Diagnostic contains: UnscopedTask
                        new Thread(task).start();
                      }
                    };
                anonymous.run();
              }
            }
            """)
        .addSourceLines(
            "Instance.java",
            """
            public class Instance {
              Runnable task;

              public void main(String[] args) {
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(task).start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aMainThatWaitsForItsThreadsIsTheirScope() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            import java.util.concurrent.CountDownLatch;

            public class Demo {
              static Runnable publisher;

              public static void main(String[] args) throws InterruptedException {
                CountDownLatch acks = new CountDownLatch(1);
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(publisher).start();
                acks.await();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aGroupOpenedInMainIsStillJudged() {
    helper
        .addSourceLines(
            "Demo.java",
            """
            import dev.corral.TaskGroup;

            public class Demo {
              public static void main(String[] args) throws InterruptedException {
                // BUG: Diagnostic contains: UnscopedTask
                TaskGroup group = TaskGroup.open();
                group.fork(() -> 1);
                group.join();
              }
            }
            """)
        .doTest();
  }
}
