package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.TaskGroup;
import org.junit.jupiter.api.Test;

final class TestClasspathTest {
  @Test
  void dropsOnlyTheLibrary() {
    String classpath = TestClasspath.without(TaskGroup.class);
    String runtime = TaskGroup.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    assertFalse(classpath.contains(runtime.endsWith("/") ? runtime.substring(0, runtime.length() - 1) : runtime));
    assertTrue(classpath.contains("guava"));
  }
}
