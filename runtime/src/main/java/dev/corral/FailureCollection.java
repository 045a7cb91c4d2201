package dev.corral;

import java.util.ArrayList;
import java.util.List;

/** Builds the "first failure is the cause, every other one is suppressed" shape all Corral exceptions share. */
final class FailureCollection {
  private FailureCollection() {}

  static List<Throwable> attach(Throwable carrier, List<Throwable> failures) {
    List<Throwable> copy = List.copyOf(failures);
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i) != carrier) {
        carrier.addSuppressed(copy.get(i));
      }
    }
    return copy;
  }

  /**
   * The failures a carrier holds, read back from its cause and suppressed exceptions: what {@code failures()}
   * returns after serialization, which drops the transient list.
   */
  static List<Throwable> rebuilt(Throwable carrier) {
    List<Throwable> failures = new ArrayList<>();
    if (carrier.getCause() != null) {
      failures.add(carrier.getCause());
    }
    failures.addAll(List.of(carrier.getSuppressed()));
    return List.copyOf(failures);
  }

  static String describe(List<Throwable> failures) {
    if (failures.isEmpty()) {
      return "";
    }
    String first = String.valueOf(failures.get(0));
    return failures.size() == 1 ? first : first + " (and " + (failures.size() - 1) + " more)";
  }
}
