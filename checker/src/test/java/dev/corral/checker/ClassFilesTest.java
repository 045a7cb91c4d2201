package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.corral.checker.ClassFiles.ClassFile;
import dev.corral.checker.ClassFiles.Method;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClassFiles} and {@link BytecodeFlow} on the class files of {@link ExecutorLibrary}. */
final class ClassFilesTest {
  private static final Path LIBRARY = PrecompiledLibrary.compile(ExecutorLibrary.SOURCES);

  private static ClassFile read(String name) throws IOException {
    try (InputStream in = Files.newInputStream(LIBRARY.resolve("org/example/pools/" + name + ".class"))) {
      ClassFile file = ClassFiles.read(in);
      assertNotNull(file, name);
      return file;
    }
  }

  /** Every value handed to a call outside java.lang, as {@link AfterExecuteReports} reads a report. */
  private static int reported(ClassFile file, Method method, int[] roles, boolean[] readsFuture) {
    int[] reported = {0};
    readsFuture[0] =
        BytecodeFlow.walk(
            file,
            method,
            roles,
            (op, callee, receiver, arguments) -> {
              int passed = 0;
              for (int argument : arguments) {
                passed |= argument;
              }
              if (callee.owner().startsWith("java/lang/")) {
                return receiver | passed;
              }
              reported[0] |= passed;
              return 0;
            });
    return reported[0];
  }

  @Test
  void readsTheHelperThatLogsAFuturesFailure() throws IOException {
    ClassFile file = read("Failures");
    assertEquals("org/example/pools/Failures", file.name);
    assertTrue(file.isFinal());
    Method helper = file.method("logThrowable", "(Ljava/lang/Runnable;Ljava/lang/Throwable;)V");
    assertNotNull(helper);
    assertTrue(helper.isStatic());
    boolean[] readsFuture = {false};
    int reported =
        reported(file, helper, new int[] {BytecodeFlow.RUNNABLE, BytecodeFlow.THROWABLE}, readsFuture);
    assertTrue(readsFuture[0], "get() on the runnable");
    assertTrue((reported & BytecodeFlow.THROWABLE) != 0, "the throwable reaches LOG.log");
    assertTrue((reported & BytecodeFlow.CAUGHT) != 0, "the ExecutionException's cause reaches LOG.log");
  }

  @Test
  void aCountingOverrideReportsNothing() throws IOException {
    ClassFile file = read("CountingPool");
    assertEquals("java/util/concurrent/ThreadPoolExecutor", file.superName);
    Method afterExecute = file.method("afterExecute", "(Ljava/lang/Runnable;Ljava/lang/Throwable;)V");
    assertNotNull(afterExecute);
    boolean[] readsFuture = {false};
    assertEquals(
        0, reported(file, afterExecute, new int[] {BytecodeFlow.RUNNABLE, BytecodeFlow.THROWABLE}, readsFuture));
    assertFalse(readsFuture[0]);
  }

  @Test
  void seesWhatAFactoryCreates() throws IOException {
    ClassFile file = read("Pools");
    List<String> created = new ArrayList<>();
    List<String> called = new ArrayList<>();
    BytecodeFlow.Calls calls =
        new BytecodeFlow.Calls() {
          @Override
          public int call(int opcode, ClassFiles.Member callee, int receiver, int[] arguments) {
            called.add(callee.owner() + "." + callee.name());
            return 0;
          }

          @Override
          public void created(String internal) {
            created.add(internal);
          }
        };
    BytecodeFlow.walk(file, file.method("newFixedThreadPool", "(I)Ljava/util/concurrent/ExecutorService;"), new int[1], calls);
    assertEquals(List.of("org/example/pools/LoggingThreadPool"), List.copyOf(new LinkedHashSet<>(created)));
    created.clear();
    called.clear();
    BytecodeFlow.walk(file, file.method("newSingleThreadExecutor", "()Ljava/util/concurrent/ExecutorService;"), new int[0], calls);
    assertEquals(List.of(), created);
    assertEquals(List.of("java/util/concurrent/Executors.newSingleThreadExecutor"), List.copyOf(new LinkedHashSet<>(called)));
  }

  @Test
  void malformedInputIsNull() {
    assertNull(ClassFiles.read(new ByteArrayInputStream(new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1})));
    assertNull(ClassFiles.read(new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void descriptorSizes() {
    assertEquals(List.of(1, 2, 1, 1), ClassFiles.parameterSizes("(IJ[DLjava/lang/String;)V"));
    assertEquals(2, ClassFiles.returnSize("()D"));
    assertEquals(0, ClassFiles.returnSize("()V"));
    assertEquals("java/util/concurrent/ExecutorService", ClassFiles.returnClass("(I)Ljava/util/concurrent/ExecutorService;"));
    assertNull(ClassFiles.returnClass("()[Ljava/lang/Object;"));
  }
}
