package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /**
   * Whether {@code statement} is a log line: a call on one of the logging APIs ({@code log.debug(..)}, {@code
   * logger.atInfo().log(..)}), or on a library's own logging facade, a type named {@code *Logger} (Netty's and
   * Micrometer's {@code InternalLogger}, Ignite's {@code IgniteLogger}, Dubbo's {@code ErrorTypeAwareLogger}) or a
   * {@code *Log} in a {@code logging}, {@code log} or {@code logger} package (JGroups' {@code
   * org.jgroups.logging.Log}); a static helper of a log level given such a logger ({@code U.error(log, "..")});
   * also such a line under a level test, {@code if (log.isDebugEnabled()) log.debug(..);}.
   */
  static boolean isLogging(StatementTree statement, VisitorState state) {
    if (statement instanceof IfTree guard
        && guard.getElseStatement() == null
        && ASTHelpers.stripParentheses(guard.getCondition()) instanceof MethodInvocationTree test
        && isLoggerCall(test, state)) {
      StatementTree then = guard.getThenStatement();
      return then instanceof BlockTree block
          ? !block.getStatements().isEmpty()
              && block.getStatements().stream().allMatch(inner -> isLogging(inner, state))
          : isLogging(then, state);
    }
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && isLoggerCall(call, state);
  }

  private static boolean isLoggerCall(MethodInvocationTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (ASTHelpers.getSymbol(call) instanceof Symbol.MethodSymbol method
        && method.isStatic()
        && LEVELS.contains(method.getSimpleName().toString())
        && !call.getArguments().isEmpty()) {
      // U.error(log, "Stopping the node"), LogUtil.warn(logger, msg, e): a static helper given the logger.
      return isLogger(ASTHelpers.getType(call.getArguments().get(0)), state);
    }
    return receiver != null && isLogger(ASTHelpers.getType(receiver), state);
  }

  private static final Set<String> LEVELS =
      Set.of("error", "warn", "warning", "info", "debug", "trace", "fine", "finest", "severe", "log");

  private static boolean isLogger(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    if (LOGGERS.stream().anyMatch(logger -> FutureTypes.isSubtypeOf(type, logger, state))) {
      return true;
    }
    if (!(type.tsym instanceof ClassSymbol logger)) {
      return false;
    }
    String simpleName = logger.getSimpleName().toString();
    String packageName = logger.packge().getQualifiedName().toString();
    // A *Logger anywhere (Ignite's org.apache.ignite.IgniteLogger); a *Log only in a logging package, since
    // CommitLog, RaftLog or WriteAheadLog elsewhere are storage, not loggers.
    return simpleName.endsWith("Logger")
        || (simpleName.endsWith("Log")
            && (packageName.endsWith(".logging")
                || packageName.endsWith(".log")
                || packageName.endsWith(".logger")
                || packageName.contains(".logging.")
                || packageName.contains(".log.")
                || packageName.contains(".logger.")));
  }
}
