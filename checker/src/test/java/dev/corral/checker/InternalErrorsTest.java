package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneJavaCompiler;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.scanner.ScannerSupplier;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.MethodInvocationTree;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A check that throws on one site does not break the build: the site gets no finding, a note names the check,
 * the file and line, and the exception, and the other sites are still analysed.
 */
final class InternalErrorsTest {
  /** Throws on every call of a method named {@code boom}, and reports every other call. */
  @BugPattern(summary = "Throws on boom() calls", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ThrowsOnBoom extends BugChecker implements MethodInvocationTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return InternalErrors.guard(
          this,
          tree,
          state,
          () -> {
            if (state.getSourceForNode(tree).startsWith("boom(")) {
              throw new IllegalStateException("a case nobody foresaw");
            }
            return describeMatch(tree);
          });
    }
  }

  @Test
  void aThrowingSiteIsSkippedWithANoteAndTheBuildGoesOn(@TempDir Path classes) {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "Calls",
            "class Calls {",
            "  void boom() {}",
            "  void fine() {}",
            "  void run() {",
            "    boom();",
            "    fine();",
            "  }",
            "}");
    StringWriter output = new StringWriter();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled =
        new ErrorProneJavaCompiler(ScannerSupplier.fromBugCheckerClasses(ThrowsOnBoom.class))
            .getTask(output, null, diagnostics, List.of("-d", classes.toString()), null, List.of(source))
            .call();
    List<String> messages =
        diagnostics.getDiagnostics().stream()
            .map(d -> d.getKind() + " " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
            .toList();
    assertAll(
        () -> assertTrue(compiled, "compilation must succeed: " + messages + output),
        () ->
            assertEquals(
                List.of(
                    "NOTE -1: [ThrowsOnBoom] internal error of the Corral checker at Calls.java:5, site skipped"
                        + " (please report): java.lang.IllegalStateException: a case nobody foresaw",
                    "WARNING 6: [ThrowsOnBoom] Throws on boom() calls"),
                messages.stream().map(m -> m.replaceAll("\\s+\\(see .*", "")).toList()),
        () -> assertFalse(output.toString().contains("An unhandled exception"), output::toString));
  }
}
