package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.bugpatterns.BugChecker;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real javac with {@code -Xplugin:ErrorProne} finds LeakedFuture through AutoService's file. */
final class PluginRegistrationTest {
  private static final String SOURCE =
      """
      import java.util.concurrent.CompletableFuture;

      class A {
        void m() {
          CompletableFuture.runAsync(() -> {});
        }
      }
      """;

  @TempDir Path sources;

  @Test
  void serviceFileListsTheCheck() {
    assertTrue(
        ServiceLoader.load(BugChecker.class).stream()
            .anyMatch(provider -> provider.type() == LeakedFuture.class));
  }

  @Test
  void javacPluginReportsTheFinding() throws IOException {
    Compilation compilation = compile("-Xplugin:ErrorProne");

    assertEquals(
        Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics()::toString);
    List<String> findings = leakedFutureWarnings(compilation);
    assertEquals(1, findings.size(), findings::toString);
    assertTrue(findings.get(0).contains("runAsync() is dropped"), findings.get(0));
  }

  @Test
  void checkCanBeTurnedOffByName() throws IOException {
    Compilation compilation = compile("-Xplugin:ErrorProne -Xep:LeakedFuture:OFF");

    assertEquals(List.of(), leakedFutureWarnings(compilation));
  }

  private Compilation compile(String plugin) throws IOException {
    // A file on disk: Error Prone's PackageInfo check needs a file: URI, not compile-testing's.
    Path file = Files.writeString(sources.resolve("A.java"), SOURCE);
    // The checker's classes and Error Prone itself, as a user's annotationProcessorPaths would be.
    List<File> processorPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(File::new)
            .toList();
    return Compiler.javac()
        .withAnnotationProcessorPath(processorPath)
        .withOptions("-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", plugin)
        .compile(JavaFileObjects.forResource(file.toUri().toURL()));
  }

  private static List<String> leakedFutureWarnings(Compilation compilation) {
    return compilation.warnings().stream()
        .map((Diagnostic<? extends JavaFileObject> d) -> d.getMessage(Locale.ROOT))
        .filter(message -> message.contains("[LeakedFuture]"))
        .toList();
  }
}
