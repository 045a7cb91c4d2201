package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.errorprone.CompilationTestHelper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Current syntax and broken code: LeakedFuture keeps its findings and never crashes javac. */
final class ModernSyntaxTest {
  @TempDir Path sources;

  @Test
  void java21Syntax() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.concurrent.CompletableFuture;

            sealed interface Shape permits Circle, Square {}

            record Circle(double r) implements Shape {}

            record Square(double side) implements Shape {}

            record Job(CompletableFuture<String> result) {
              Job {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<String> audit = CompletableFuture.supplyAsync(() -> "audit");
              }
            }

            class A {
              String describe(Object shape) {
                // BUG: Diagnostic contains: not observed on every path
                CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "x");
                String text = \"""
                    text block
                    \""";
                return switch (shape) {
                  case Circle(double r) when r > 1 -> {
                    f.join();
                    yield "big circle";
                  }
                  case Circle c -> "circle";
                  case Square(var side) -> {
                    f.cancel(true);
                    yield "square " + side;
                  }
                  default -> text;
                };
              }

              void patternInstanceof(Object o) {
                if (o instanceof CompletableFuture<?> cf) {
                  cf.join();
                }
                var inferred = CompletableFuture.supplyAsync(() -> "x");
                inferred.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void unnamedVariables() {
    assumeTrue(Runtime.version().feature() >= 22, "_ needs Java 22");
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            class A {
              void m(List<String> items) {
                for (var _ : items) {
                  // BUG: Diagnostic contains: not observed on every path
                  CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> "x");
                }
                try {
                  CompletableFuture.supplyAsync(() -> "x").join();
                } catch (RuntimeException _) {
                }
                items.forEach(_ -> CompletableFuture.runAsync(() -> {}).join());
                var _ = CompletableFuture.runAsync(() -> {});
              }
            }
            """)
        .doTest();
  }

  @Test
  void moduleImport() {
    assumeTrue(Runtime.version().feature() >= 25, "import module is final in Java 25");
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import module java.base;

            class A {
              void m(ExecutorService executor) {
                // BUG: Diagnostic contains: submit() is dropped
                executor.submit(() -> {});
              }
            }
            """)
        .doTest();
  }

  /**
   * Error Prone skips a compilation that has errors (javac stops it before the checks run), so the
   * only errors must be the user's own: no plugin crash, no finding on broken trees.
   */
  @Test
  void codeWithCompileErrorsDoesNotCrash() throws IOException {
    Path file =
        Files.writeString(
            sources.resolve("A.java"),
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;

            class A {
              void m(Missing missing) {
                Future<?> f = missing.submit(() -> {});
                CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> undefined());
                var v = unknown.call();
                missing.submit(() -> {});
                cf.thenApply(s -> s.nope());
              }

              void valid(boolean b) {
                CompletableFuture<String> ok = CompletableFuture.supplyAsync(() -> "x");
                if (b) {
                  ok.join();
                }
                CompletableFuture.runAsync(() -> {});
              }
            }
            """);
    Compilation compilation =
        Compiler.javac()
            .withAnnotationProcessorPath(
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(File::new)
                    .toList())
            .withOptions(
                "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", "-Xplugin:ErrorProne")
            .compile(JavaFileObjects.forResource(file.toUri().toURL()));

    assertEquals(Compilation.Status.FAILURE, compilation.status());
    List<String> crashes =
        compilation.errors().stream()
            .map(d -> d.getMessage(Locale.ROOT))
            .filter(m -> m.contains("unhandled exception") || m.contains("LeakedFuture"))
            .toList();
    assertEquals(List.of(), crashes);
  }
}
