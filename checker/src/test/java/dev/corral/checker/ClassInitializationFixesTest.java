package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Work started in a {@code static {}} block is reported, but no fix waits for it there: the work calls back into
 * the class, whose initialization lock the waiting thread holds, so an await or a join would deadlock.
 */
final class ClassInitializationFixesTest {
  private static final String WARM_UP =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;

      class WarmUp {
        static final ExecutorService POOL = Executors.newFixedThreadPool(2);

        static {
          POOL.submit(() -> load("index"));
          CompletableFuture.runAsync(() -> load("cache"));
        }

        static void load(String what) {
          if (what.isEmpty()) {
            throw new IllegalStateException("nothing to load");
          }
        }
      }
      """;

  @Test
  void replacementReportsInsteadOfAwaiting() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines("WarmUp.java", WARM_UP)
        .addOutputLines(
            "WarmUp.java",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            class WarmUp {
              static final ExecutorService POOL = Executors.newFixedThreadPool(2);

              static {
                POOL.submit(() -> { try { load("index"); } catch (RuntimeException failure) { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); } });
                CompletableFuture.runAsync(() -> load("cache")).exceptionally(failure -> { Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure); return null; });
              }

              static void load(String what) {
                if (what.isEmpty()) {
                  throw new IllegalStateException("nothing to load");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void unscopedWorkOfAStaticInitializerGetsNoFix() {
    BugCheckerRefactoringTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addInputLines(
            "Boot.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            class Boot {
              static final ExecutorService POOL = Executors.newFixedThreadPool(2);

              static {
                POOL.execute(Boot::prime);
                new Thread(Boot::prime).start();
                Thread.startVirtualThread(Boot::prime);
              }

              static void prime() {
                if (POOL.isShutdown()) {
                  throw new IllegalStateException("pool is shut down");
                }
              }
            }
            """)
        .expectUnchanged()
        .doTest();
  }

  @Test
  void identificationStillReportsThem() {
    CompilationTestHelper.newInstance(UnscopedTask.class, getClass())
        .setArgs("-XepOpt:Corral:ReportPrintedFailures=true")
        .addSourceLines(
            "Boot.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            class Boot {
              static final ExecutorService POOL = Executors.newFixedThreadPool(2);

              static {
                // BUG: Diagnostic contains: UnscopedTask
                POOL.execute(Boot::prime);
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(Boot::prime).start();
                // BUG: Diagnostic contains: UnscopedTask
                Thread.startVirtualThread(Boot::prime);
              }

              static void prime() {
                if (POOL.isShutdown()) {
                  throw new IllegalStateException("pool is shut down");
                }
              }
            }
            """)
        .doTest();
  }
}
