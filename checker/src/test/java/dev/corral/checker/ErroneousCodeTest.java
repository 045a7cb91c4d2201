package dev.corral.checker;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Runs real javac with {@code -Xplugin:ErrorProne}, the checks found through the checker's ServiceLoader
 * registration, on code that does not compile: the checks must not crash javac, and javac's own errors are all
 * the user sees.
 */
final class ErroneousCodeTest {
  @Test
  void checksDoNotCrashOnErroneousCode() {
    Compilation compilation =
        javac()
            .withOptions(
                // Error Prone loads plugin checks from the processor path, as in a user's build.
                "-processorpath",
                System.getProperty("java.class.path"),
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW",
                "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:UnscopedTask:WARN -Xep:UncheckedGatherError:WARN"
                    + " -XepOpt:Corral:ReportPrintedFailures=true")
            .compile(
                JavaFileObjects.forSourceString(
                    "A",
                    """
                    import dev.corral.Gather;
                    import dev.corral.TaskGroup;
                    import java.util.concurrent.ExecutorService;

                    class A {
                      void broken(ExecutorService pool) throws Exception {
                        pool.execute(missing);
                        new Thread(missing).start();
                        TaskGroup group = TaskGroup.open(missing);
                        Missing thread = new Missing();
                        thread.start();
                        pool.invokeAll(missing);
                        for (var outcome : Gather.settled(missing)) {
                          if (outcome.isSuccess()) unknown(outcome);
                        }
                        switch (missing) {
                          case Missing(var x) -> pool.execute(() -> x.run());
                          default -> {}
                        }
                      }
                    }
                    """));

    assertEquals(Compilation.Status.FAILURE, compilation.status());
    List<String> errors =
        compilation.errors().stream().map(error -> error.getMessage(Locale.ROOT)).toList();
    assertTrue(
        errors.stream().noneMatch(message -> message.contains("unhandled exception") || message.contains("Corral")),
        () -> "javac's errors only, no crash: " + errors);
    assertTrue(errors.stream().anyMatch(message -> message.contains("cannot find symbol")), errors::toString);
  }

  @Test
  void pluginRunsTheChecksOnValidCode() {
    Compilation compilation =
        javac()
            .withOptions(
                // Error Prone loads plugin checks from the processor path, as in a user's build.
                "-processorpath",
                System.getProperty("java.class.path"),
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW",
                "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:UnscopedTask:WARN -Xep:UncheckedGatherError:WARN"
                    + " -XepOpt:Corral:ReportPrintedFailures=true")
            .compile(
                JavaFileObjects.forSourceString(
                    "B",
                    """
                    import dev.corral.Gather;
                    import java.util.List;
                    import java.util.concurrent.ExecutorService;
                    import java.util.concurrent.Future;

                    class B {
                      void valid(ExecutorService pool, List<Future<String>> futures) throws Exception {
                        pool.execute(() -> System.out.println("work"));
                        Gather.settled(futures);
                      }
                    }
                    """));

    assertEquals(Compilation.Status.SUCCESS, compilation.status());
    List<String> warnings =
        compilation.warnings().stream()
            .filter(warning -> warning.getKind() == Diagnostic.Kind.WARNING)
            .map(warning -> warning.getMessage(Locale.ROOT))
            .toList();
    assertTrue(warnings.stream().anyMatch(message -> message.contains("[UnscopedTask]")), warnings::toString);
    assertTrue(warnings.stream().anyMatch(message -> message.contains("[UncheckedGatherError]")), warnings::toString);
  }
}
