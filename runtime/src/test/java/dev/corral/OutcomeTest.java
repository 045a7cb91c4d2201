package dev.corral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Outcome}: a sealed interface with two records. Tests compile with {@code --release 17}, where a pattern
 * {@code switch} over it is not available, so they use {@code instanceof} patterns (what Java 17 users write).
 */
@Timeout(10)
class OutcomeTest {

  @Test
  void sealedInterfaceWithExactlyTwoRecords() {
    assertTrue(Outcome.class.isSealed());
    assertTrue(Outcome.class.isInterface());
    assertEquals(Set.of(Outcome.Success.class, Outcome.Failure.class), Set.of(Outcome.class.getPermittedSubclasses()));
    assertTrue(Outcome.Success.class.isRecord());
    assertTrue(Outcome.Failure.class.isRecord());
    assertEquals("value", Outcome.Success.class.getRecordComponents()[0].getName());
    assertEquals("exception", Outcome.Failure.class.getRecordComponents()[0].getName());
  }

  @Test
  void instanceofPatternsCoverBothCases() {
    IOException failure = new IOException("boom");
    List<Outcome<String>> outcomes = List.of(Outcome.success("a"), Outcome.failure(failure));
    StringBuilder seen = new StringBuilder();
    for (Outcome<String> outcome : outcomes) {
      if (outcome instanceof Outcome.Success<String> success) {
        seen.append("ok:").append(success.value()).append(' ');
      } else if (outcome instanceof Outcome.Failure<String> f) {
        seen.append("failed:").append(f.exception().getMessage());
      }
    }
    assertEquals("ok:a failed:boom", seen.toString());
  }

  @Test
  void success_isSuccessGetOrThrowAndNullValue() {
    Outcome<String> success = Outcome.success("v");
    assertTrue(success.isSuccess());
    assertEquals("v", success.getOrThrow());
    Outcome<String> empty = Outcome.success(null);
    assertTrue(empty.isSuccess());
    assertNull(empty.getOrThrow());
    assertEquals(new Outcome.Success<>("v"), success);
    assertEquals(new Outcome.Success<>("v").hashCode(), success.hashCode());
  }

  @Test
  void failure_getOrThrowThrowsUncheckedOutcomeExceptionWithTheCause() {
    IOException checked = new IOException("checked");
    Outcome<String> failure = Outcome.failure(checked);
    assertFalse(failure.isSuccess());
    OutcomeException e = assertThrows(OutcomeException.class, failure::getOrThrow);
    assertSame(checked, e.getCause());
    assertEquals(List.of(checked), e.failures());
    assertTrue(RuntimeException.class.isAssignableFrom(OutcomeException.class), "never a sneaky checked throw");
  }

  @Test
  void failureNeverHoldsNull() {
    assertThrows(NullPointerException.class, () -> Outcome.failure(null));
    assertThrows(NullPointerException.class, () -> new Outcome.Failure<String>(null));
  }

  @Test
  void recordsHaveValueEquality() {
    IOException e = new IOException();
    assertEquals(Outcome.failure(e), new Outcome.Failure<>(e));
    assertNotEquals(Outcome.failure(e), Outcome.failure(new IOException()));
    assertNotEquals(Outcome.success(1), Outcome.success(2));
    assertTrue(Outcome.success("x").toString().contains("x"));
  }

  @Test
  void valuesAndFailuresSplitAListInOrder() {
    IOException e1 = new IOException("1");
    IllegalStateException e2 = new IllegalStateException("2");
    List<Outcome<Integer>> outcomes = List.of(Outcome.success(1), Outcome.failure(e1), Outcome.success(null),
        Outcome.failure(e2), Outcome.success(3));
    assertEquals(Arrays.asList(1, null, 3), Outcome.values(outcomes));
    assertEquals(List.of(e1, e2), Outcome.failures(outcomes));
    assertEquals(List.of(), Outcome.values(List.of()));
    assertEquals(List.of(), Outcome.failures(List.of()));
  }

  @Test
  void throwIfAnyFailed_allFailuresAttachedInOrder() {
    IOException e1 = new IOException("1");
    IllegalStateException e2 = new IllegalStateException("2");
    Error e3 = new AssertionError("3");
    List<Outcome<Integer>> outcomes = List.of(Outcome.success(1), Outcome.failure(e1), Outcome.failure(e2),
        Outcome.success(4), Outcome.failure(e3));
    OutcomeException e = assertThrows(OutcomeException.class, () -> Outcome.throwIfAnyFailed(outcomes));
    assertSame(e1, e.getCause());
    assertEquals(List.of(e1, e2, e3), e.failures());
    assertArrayEquals(new Throwable[] {e2, e3}, e.getSuppressed());
    assertTrue(e.getMessage().contains("3"), e.getMessage());
  }

  @Test
  void throwIfAnyFailed_returnsTheValuesWhenAllSucceeded() {
    assertEquals(List.of(1, 2), Outcome.throwIfAnyFailed(List.of(Outcome.success(1), Outcome.success(2))));
    assertEquals(List.of(), Outcome.throwIfAnyFailed(List.of()));
  }

  @Test
  void helpersRejectNullListsAndElements() {
    List<Outcome<Integer>> withNull = Arrays.asList(Outcome.success(1), null);
    assertThrows(NullPointerException.class, () -> Outcome.values(null));
    assertThrows(NullPointerException.class, () -> Outcome.failures(null));
    assertThrows(NullPointerException.class, () -> Outcome.throwIfAnyFailed(null));
    assertThrows(NullPointerException.class, () -> Outcome.values(withNull));
    assertThrows(NullPointerException.class, () -> Outcome.failures(withNull));
    assertThrows(NullPointerException.class, () -> Outcome.throwIfAnyFailed(withNull));
  }

  @Test
  void failuresListOfTheExceptionIsUnmodifiable() {
    OutcomeException e = assertThrows(OutcomeException.class,
        () -> Outcome.throwIfAnyFailed(List.of(Outcome.failure(new IOException()))));
    assertThrows(UnsupportedOperationException.class, () -> e.failures().add(new RuntimeException()));
  }
}
