package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Every registered Corral check links to its page, and the page exists with its sections. */
final class DocumentationTest {
  /** Surefire runs in the module directory; the pages live at the repository root. */
  private static final Path DOCS = Path.of("..", "docs", "checks");

  private static final List<String> SECTIONS =
      List.of(
          "## The problem",
          "## Bad code",
          "## Fixes",
          "## Flags",
          "## Suppression",
          "## Known limits and exemptions");

  @Test
  void everyCorralCheckHasItsPage() throws IOException {
    List<Class<? extends BugChecker>> checks =
        ServiceLoader.load(BugChecker.class).stream()
            .map(ServiceLoader.Provider::type)
            .filter(type -> type.getPackageName().equals("dev.corral.checker"))
            .toList();
    assertFalse(checks.isEmpty());
    for (Class<? extends BugChecker> check : checks) {
      String name = check.getSimpleName();
      BugPattern pattern = check.getAnnotation(BugPattern.class);
      assertEquals(Documentation.DOCS_BASE + name + ".md", pattern.link(), name);
      assertEquals(BugPattern.LinkType.CUSTOM, pattern.linkType(), name);

      Path page = DOCS.resolve(name + ".md");
      assertTrue(Files.isRegularFile(page), page.toAbsolutePath().toString());
      String text = Files.readString(page);
      assertTrue(text.startsWith("# " + name + "\n"), name);
      assertTrue(text.contains("**" + pattern.summary() + "**"), name + ": bold summary");
      for (String section : SECTIONS) {
        assertTrue(text.contains("\n" + section + "\n"), name + ": " + section);
      }
    }
  }

  @Test
  void leakedFuturePageComparesWithFrvi() throws IOException {
    assertTrue(
        Files.readString(DOCS.resolve("LeakedFuture.md")).contains("\n## Differences from FRVI\n"));
  }
}
