package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import java.util.regex.Pattern;

/**
 * The {@code -XepOpt:Corral:*} flags every Corral check reads, parsed and validated once at the
 * check's construction (NullAway style): a bad value fails fast with a message naming the flag.
 */
final class CorralFlags {
  /** Namespace of every Corral flag: {@code -XepOpt:Corral:<Name>=<value>}. */
  static final String NAMESPACE = "Corral";

  /**
   * Comma-separated fully qualified names of extra types to treat as futures, e.g. a project's own
   * {@code Promise} that does not extend {@code java.util.concurrent.Future}.
   */
  static final String EXTRA_FUTURE_TYPES = NAMESPACE + ":ExtraFutureTypes";

  /**
   * {@code true} to have UnscopedTask report every task started outside a scope, also those whose failure costs
   * nothing but the trace the thread's uncaught-exception handler prints ({@link FailureConsequences}); by default
   * those are not reported.
   */
  static final String REPORT_PRINTED_FAILURES = NAMESPACE + ":ReportPrintedFailures";

  private static final Pattern QUALIFIED_NAME =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final ImmutableSet<String> extraFutureTypes;
  private final boolean reportPrintedFailures;

  private CorralFlags(ImmutableSet<String> extraFutureTypes, boolean reportPrintedFailures) {
    this.extraFutureTypes = extraFutureTypes;
    this.reportPrintedFailures = reportPrintedFailures;
  }

  /**
   * Reads and validates the Corral flags.
   *
   * @throws IllegalArgumentException naming the flag when a value is malformed
   */
  static CorralFlags from(ErrorProneFlags flags) {
    ImmutableSet.Builder<String> extra = ImmutableSet.builder();
    for (String raw : flags.getListOrEmpty(EXTRA_FUTURE_TYPES)) {
      String name = raw.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (!QUALIFIED_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            String.format(
                "-XepOpt:%s expects comma-separated fully qualified type names, but got '%s'",
                EXTRA_FUTURE_TYPES, raw));
      }
      extra.add(name);
    }
    boolean reportPrinted;
    try {
      reportPrinted = flags.getBoolean(REPORT_PRINTED_FAILURES).orElse(false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format("-XepOpt:%s expects true or false: %s", REPORT_PRINTED_FAILURES, e.getMessage()), e);
    }
    return new CorralFlags(extra.build(), reportPrinted);
  }

  /**
   * Fully qualified names given with {@link #EXTRA_FUTURE_TYPES}; empty when the flag is absent.
   */
  ImmutableSet<String> extraFutureTypes() {
    return extraFutureTypes;
  }

  /** Whether {@link #REPORT_PRINTED_FAILURES} is set: UnscopedTask then reports tasks that cost only a trace too. */
  boolean reportPrintedFailures() {
    return reportPrintedFailures;
  }
}
