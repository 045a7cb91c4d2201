package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import java.util.function.Supplier;
import javax.tools.Diagnostic;

/**
 * The boundary that keeps a Corral check from breaking a build. Error Prone turns an exception thrown by a check
 * into a compile error ("An unhandled exception was thrown by the Error Prone static analysis plugin"), which
 * fails the user's build for a bug of the check. Here such an exception (a case the check did not foresee: odd
 * code, code with compile errors, a class file it cannot read) ends the analysis of that one site with no finding,
 * and a note among javac's messages names the check, the site and the exception, so the miss is seen and can be
 * reported. javac and every other site and check carry on.
 *
 * <p>{@link OutOfMemoryError} and other virtual-machine errors are not caught: the compilation cannot go on.
 */
final class InternalErrors {
  private InternalErrors() {}

  /** Runs {@code analysis} of {@code site} for {@code check}. */
  static Description guard(
      BugChecker check, Tree site, VisitorState state, Supplier<Description> analysis) {
    try {
      return analysis.get();
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      report(check, site, state, e);
      return Description.NO_MATCH;
    }
  }

  private static void report(BugChecker check, Tree site, VisitorState state, Throwable e) {
    String where = "?";
    try {
      var unit = state.getPath().getCompilationUnit();
      where =
          unit.getSourceFile().getName()
              + ":"
              + unit.getLineMap().getLineNumber(((JCTree) site).getStartPosition());
    } catch (RuntimeException unknownPosition) {
      // Keep "?": the line below must be written whatever the tree looks like.
    }
    // A note, through the processing environment's Messager (javac's own diagnostics, in a package builds
    // already export): it never fails a build, not even with -Werror, and shows among the compiler's messages.
    JavacProcessingEnvironment.instance(state.context)
        .getMessager()
        .printMessage(
            Diagnostic.Kind.NOTE,
            String.format(
                "[%s] internal error of the Corral checker at %s, site skipped (please report): %s",
                check.canonicalName(), where, e));
  }
}
