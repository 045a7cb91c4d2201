package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import org.junit.jupiter.api.Test;

final class CorralFlagsTest {
  @Test
  void absentFlagMeansNoExtraTypes() {
    assertTrue(CorralFlags.from(ErrorProneFlags.empty()).extraFutureTypes().isEmpty());
  }

  @Test
  void emptyValueMeansNoExtraTypes() {
    assertTrue(flags("").extraFutureTypes().isEmpty());
  }

  @Test
  void readsQualifiedNames() {
    assertEquals(
        ImmutableSet.of("com.example.Promise", "Deferred"),
        flags("com.example.Promise, Deferred").extraFutureTypes());
  }

  @Test
  void badValueFailsNamingTheFlag() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> flags("com.example.Not A Type"));
    assertTrue(e.getMessage().contains("Corral:ExtraFutureTypes"), e.getMessage());
  }

  @Test
  void checkConstructionFailsOnBadValue() {
    assertThrows(IllegalArgumentException.class, () -> new LeakedFuture(raw("a..b")));
  }

  @Test
  void printedFailuresAreNotReportedByDefault() {
    assertFalse(CorralFlags.from(ErrorProneFlags.empty()).reportPrintedFailures());
    assertTrue(CorralFlags.from(printed("true")).reportPrintedFailures());
    assertFalse(CorralFlags.from(printed("false")).reportPrintedFailures());
  }

  @Test
  void badPrintedFailuresValueFailsNamingTheFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UnscopedTask(printed("maybe")));
    assertTrue(e.getMessage().contains("Corral:ReportPrintedFailures"), e.getMessage());
  }

  private static ErrorProneFlags printed(String value) {
    return ErrorProneFlags.fromMap(ImmutableMap.of(CorralFlags.REPORT_PRINTED_FAILURES, value));
  }

  private static CorralFlags flags(String value) {
    return CorralFlags.from(raw(value));
  }

  private static ErrorProneFlags raw(String value) {
    return ErrorProneFlags.fromMap(ImmutableMap.of(CorralFlags.EXTRA_FUTURE_TYPES, value));
  }
}
