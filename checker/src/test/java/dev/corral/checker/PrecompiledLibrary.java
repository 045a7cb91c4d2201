package dev.corral.checker;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles library sources to class files only, so that a test input sees them as a library does: on the
 * classpath, with bytecode and no source in the build (NullAway's {@code test-java-lib} idea, in one test).
 */
final class PrecompiledLibrary {
  private PrecompiledLibrary() {}

  /** Compiles {@code sources} (path to text) into a new directory and returns it. */
  static Path compile(Map<String, String> sources) {
    try {
      Path output = Files.createTempDirectory("corral-precompiled");
      List<JavaFileObject> files = new ArrayList<>();
      sources.forEach(
          (path, text) ->
              files.add(
                  new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                      return text;
                    }
                  }));
      JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
      StringWriter errors = new StringWriter();
      boolean ok =
          compiler
              .getTask(errors, null, null, List.of("--release", "17", "-d", output.toString()), null, files)
              .call();
      if (!ok) {
        throw new IllegalStateException("library does not compile:\n" + errors);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test JVM's classpath with {@code library} in front. */
  static String classpathWith(Path library) {
    return library + File.pathSeparator + System.getProperty("java.class.path");
  }
}
