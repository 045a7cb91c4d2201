package dev.corral.checker;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The test JVM's classpath minus one library, to compile test inputs as if that library were absent. */
final class TestClasspath {
  private TestClasspath() {}

  /** The classpath without the jar or directory {@code libraryClass} was loaded from. */
  static String without(Class<?> libraryClass) {
    Path library = locationOf(libraryClass);
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).toAbsolutePath().equals(library))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Path locationOf(Class<?> libraryClass) {
    try {
      return Path.of(libraryClass.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
