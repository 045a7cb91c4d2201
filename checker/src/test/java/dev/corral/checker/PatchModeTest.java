package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

/**
 * {@code -XepPatchChecks:LeakedFuture -XepPatchLocation:IN_PLACE} applies each finding's first fix;
 * the patched file compiles and has no finding left.
 */
final class PatchModeTest {
  private static final String BAD =
      """
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;

      class Bad {
        void dropped(ExecutorService executor, Runnable task) throws Exception {
          executor.submit(task);
          CompletableFuture.runAsync(task);
        }

        void inCallback(List<Runnable> tasks) {
          tasks.forEach(t -> CompletableFuture.runAsync(t));
        }

        void periodic(ScheduledExecutorService scheduler, Runnable command) {
          scheduler.scheduleAtFixedRate(command, 1, 1, TimeUnit.SECONDS);
        }

        void awaitedOnlyInIf(ExecutorService executor, boolean b) throws Exception {
          Future<?> f = executor.submit(() -> {});
          if (b) {
            f.get();
          }
        }

        int derived(CompletableFuture<String> cf, boolean b) {
          CompletableFuture<Integer> length = cf.thenApply(String::length);
          if (b) {
            return length.join();
          }
          return 0;
        }
      }
      """;

  @TempDir Path sources;

  @Test
  void patchedCodeCompilesWithoutFindings() throws IOException {
    Path file = Files.writeString(sources.resolve("Bad.java"), BAD);

    Compilation patching =
        compile(
            file, "-Xplugin:ErrorProne -XepPatchChecks:LeakedFuture -XepPatchLocation:IN_PLACE");
    assertEquals(Compilation.Status.SUCCESS, patching.status(), patching.diagnostics()::toString);
    String patched = Files.readString(file);
    assertNotEquals(BAD, patched);

    Compilation again = compile(file, "-Xplugin:ErrorProne");
    assertEquals(Compilation.Status.SUCCESS, again.status(), again.diagnostics()::toString);
    List<String> findings =
        again.warnings().stream()
            .map(d -> d.getMessage(Locale.ROOT))
            .filter(m -> m.contains("[LeakedFuture]"))
            .toList();
    assertEquals(List.of(), findings, patched);
  }

  private static Compilation compile(Path file, String plugin) throws IOException {
    return Compiler.javac()
        .withAnnotationProcessorPath(
            Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .toList())
        .withOptions("-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", plugin)
        .compile(JavaFileObjects.forResource(file.toUri().toURL()));
  }
}
