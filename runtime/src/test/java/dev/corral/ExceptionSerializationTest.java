package dev.corral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Corral's exceptions declare a {@code serialVersionUID}, so they travel (RMI, a job framework's result store, a
 * test runner's fork): after a round trip {@code failures()} must still list every failure, as cause and
 * suppressed do.
 */
@Timeout(10)
class ExceptionSerializationTest {

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T roundTrip(T exception) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(exception);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void taskGroupExceptionKeepsItsFailures() throws Exception {
    TaskGroupException e = new TaskGroupException("m", List.of(new IOException("a"), new IllegalStateException("b")));
    TaskGroupException back = roundTrip(e);
    assertNotNull(back.failures());
    assertEquals(2, back.failures().size());
    assertEquals("a", back.failures().get(0).getMessage());
  }

  @Test
  void timeoutExceptionKeepsItsEmptyFailures() throws Exception {
    TaskGroupTimeoutException back = roundTrip(new TaskGroupTimeoutException("g", "timeout PT1S", List.of()));
    assertEquals(List.of(), back.failures());
  }

  @Test
  void gatherAndOutcomeExceptionsKeepTheirFailures() throws Exception {
    GatherException gather = roundTrip(new GatherException("m", List.of(new IOException("a"))));
    assertEquals(1, gather.failures().size());
    OutcomeException outcome = roundTrip(new OutcomeException(List.of(new IOException("a"), new IOException("b"))));
    assertEquals(2, outcome.failures().size());
  }
}
