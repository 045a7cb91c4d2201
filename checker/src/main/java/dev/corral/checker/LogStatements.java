package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.code.Type;
import java.util.List;

/**
 * Log lines ({@code LOG.info("deleting {}", path);}): statements that fail only when logging itself is broken, so
 * work that logs before its guarded part still reports its own failures.
 */
final class LogStatements {
  /** The logging APIs: SLF4J, java.util.logging, System.Logger, Log4j 2 and 1, Commons Logging, Flogger. */
  private static final List<String> LOGGERS =
      List.of(
          "org.slf4j.Logger",
          "java.util.logging.Logger",
          "java.lang.System.Logger",
          "org.apache.logging.log4j.Logger",
          "org.apache.log4j.Logger",
          "org.apache.commons.logging.Log",
          "com.google.common.flogger.LoggingApi");

  private LogStatements() {}

  /** Whether {@code statement} is a call on a logger ({@code log.debug(..)}, {@code logger.atInfo().log(..)}). */
  static boolean isLogging(StatementTree statement, VisitorState state) {
    if (!(statement instanceof ExpressionStatementTree expression)
        || !(expression.getExpression() instanceof MethodInvocationTree call)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Type type = receiver == null ? null : ASTHelpers.getType(receiver);
    return type != null
        && LOGGERS.stream().anyMatch(logger -> FutureTypes.isSubtypeOf(type, logger, state));
  }
}
