package dev.corral;

import static dev.corral.TestSupport.await;
import static dev.corral.TestSupport.releaseWhenOwnerWaits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TryBlockExit}: tells a normal from an exceptional exit of a try-with-resources block by reading the
 * caller's exception table. Tested directly (a resource that classifies its own {@code close()} call site) and
 * through {@link TaskGroup}: on a normal exit close() waits for the tasks, on an exceptional one it cancels them.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@SuppressWarnings("try") // resources that the body never references are the shapes under test
class TryBlockExitTest {

  /** A resource whose close() classifies the call site that invoked it, as TaskGroup.close() does. */
  static final class Probe implements AutoCloseable {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    TryBlockExit.Exit exit;

    @Override
    public void close() {
      StackFrame caller = WALKER.walk(frames -> frames.skip(1).findFirst()).orElseThrow();
      try {
        exit = TryBlockExit.classify(classBytes(caller.getDeclaringClass()), caller.getMethodName(),
            caller.getDescriptor(), caller.getByteCodeIndex());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  static Probe probe() {
    return new Probe();
  }

  static byte[] classBytes(Class<?> type) throws IOException {
    String name = type.getName();
    try (InputStream in = type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
      return in.readAllBytes();
    }
  }

  private final List<String> log = new ArrayList<>();

  // ------------------------------------------------------------------------------------- direct classification

  @Test
  void normalExit() {
    Probe probe = new Probe();
    try (probe) {
      log.add("body");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, probe.exit);
  }

  @Test
  void normalExit_resourceFromAMethodCall() {
    Probe probe;
    try (Probe p = probe()) {
      probe = p;
      log.add("body");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, probe.exit);
  }

  @Test
  void exceptionalExit() {
    Probe probe = new Probe();
    RuntimeException thrown = new RuntimeException();
    assertSame(thrown, assertThrows(RuntimeException.class, () -> {
      try (probe) {
        throw thrown;
      }
    }));
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, probe.exit);
  }

  @Test
  void exceptionalExit_resourceFromAMethodCall() {
    Probe[] probe = new Probe[1];
    assertThrows(IllegalStateException.class, () -> {
      try (Probe p = probe()) {
        probe[0] = p;
        throw new IllegalStateException();
      }
    });
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, probe[0].exit);
  }

  @Test
  void returnFromInsideTheBlockIsNormal() {
    Probe probe = new Probe();
    assertEquals("returned", returnFromInside(probe));
    assertEquals(TryBlockExit.Exit.NORMAL, probe.exit);
  }

  private String returnFromInside(Probe probe) {
    try (probe) {
      log.add("body");
      return "returned";
    }
  }

  @Test
  void breakAndContinueAreNormal() {
    List<Probe> probes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Probe probe = new Probe();
      probes.add(probe);
      try (probe) {
        if (i == 1) {
          continue;
        }
        if (i == 3) {
          break;
        }
      }
    }
    assertEquals(4, probes.size());
    for (Probe probe : probes) {
      assertEquals(TryBlockExit.Exit.NORMAL, probe.exit);
    }
  }

  @Test
  void withACatchClause() {
    Probe normal = new Probe();
    try (normal) {
      log.add("body");
    } catch (RuntimeException e) {
      log.add("caught");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, normal.exit);

    Probe exceptional = new Probe();
    try (exceptional) {
      throw new IllegalStateException();
    } catch (RuntimeException e) {
      log.add("caught");
    }
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, exceptional.exit);
  }

  @Test
  void withAFinallyClause() {
    Probe normal = new Probe();
    try (normal) {
      log.add("body");
    } finally {
      log.add("finally");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, normal.exit);

    Probe exceptional = new Probe();
    assertThrows(IllegalStateException.class, () -> {
      try (exceptional) {
        throw new IllegalStateException();
      } finally {
        log.add("finally");
      }
    });
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, exceptional.exit);
  }

  @Test
  void insideALambda() {
    Supplier<Probe> normal = () -> {
      Probe probe = new Probe();
      try (probe) {
        log.add("body");
      }
      return probe;
    };
    assertEquals(TryBlockExit.Exit.NORMAL, normal.get().exit);
  }

  @Test
  void secondResourceOfOneStatement_normalExit() {
    Probe second;
    try (Probe first = probe(); Probe p = probe()) {
      second = p;
      log.add("body");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, second.exit);
  }

  @Test
  void secondResourceOfOneStatement_afterANewExpressionResource_normalExit() {
    // javac omits the null check for a `new` resource, which makes the outer handler short: the normal close()
    // of the inner resource must still be NORMAL.
    Probe second;
    try (Probe first = new Probe(); Probe p = probe()) {
      second = p;
      log.add("body");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, second.exit);
  }

  private static volatile Probe lastProbe;

  /** Few locals (a static method, no parameters): javac's handlers use one-byte astore/aload instructions. */
  static void staticNewResourceThenProbe() {
    try (Probe first = new Probe(); Probe second = probe()) {
      lastProbe = second;
    }
  }

  @Test
  void secondResourceAfterANewExpressionResource_inAMethodWithFewLocals_normalExit() {
    staticNewResourceThenProbe();
    assertEquals(TryBlockExit.Exit.NORMAL, lastProbe.exit);
  }

  @Test
  void nestedTryBlocks_innerNormalExit() {
    Probe inner;
    try (Probe outer = new Probe()) {
      try (Probe p = probe()) {
        inner = p;
        log.add("body");
      }
    }
    assertEquals(TryBlockExit.Exit.NORMAL, inner.exit);
  }

  @Test
  void normalExitInsideATryWhoseCatchCallsAddSuppressed() {
    // A catch handler that happens to call addSuppressed (collecting errors) is not a try-with-resources handler.
    Probe probe;
    RuntimeException collector = new RuntimeException("collector");
    try {
      try (Probe p = probe()) {
        probe = p;
        log.add("body");
      }
    } catch (RuntimeException e) {
      collector.addSuppressed(e);
      probe = null;
    }
    assertEquals(TryBlockExit.Exit.NORMAL, probe.exit);
  }

  @Test
  void resourceDeclaredAsAnInterface_invokeinterfaceClose() throws Exception {
    Probe normal = new Probe();
    try (AutoCloseable resource = normal) {
      log.add("body");
    }
    assertEquals(TryBlockExit.Exit.NORMAL, normal.exit);

    Probe exceptional = new Probe();
    assertThrows(IllegalStateException.class, () -> {
      try (AutoCloseable resource = exceptional) {
        throw new IllegalStateException();
      }
    });
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, exceptional.exit);
  }

  @Test
  void java9EffectivelyFinalResource() {
    Probe exceptional = new Probe();
    assertThrows(IllegalStateException.class, () -> {
      try (exceptional) {
        log.add("body");
        throw new IllegalStateException();
      }
    });
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, exceptional.exit);
  }

  @Test
  void manyLocals_wideInstructions() {
    // Enough locals that javac needs two-byte (or wide) local indexes in the handlers.
    long a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
    Probe normal = new Probe();
    try (normal) {
      log.add("body" + (a + b + c + d + e + f + g + h));
    }
    assertEquals(TryBlockExit.Exit.NORMAL, normal.exit);
    Probe exceptional = new Probe();
    try (exceptional) {
      throw new IllegalStateException("" + (a + b + c + d + e + f + g + h));
    } catch (IllegalStateException expected) {
      log.add("caught");
    }
    assertEquals(TryBlockExit.Exit.EXCEPTIONAL, exceptional.exit);
  }

  @Test
  void explicitCloseOutsideATryIsNormal() {
    Probe probe = new Probe();
    log.add("work");
    probe.close();
    assertEquals(TryBlockExit.Exit.NORMAL, probe.exit);
  }

  @Test
  void unreadableInputIsUnknown() throws Exception {
    assertEquals(TryBlockExit.Exit.UNKNOWN, TryBlockExit.classify(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "m", "()V", 0));
    byte[] own = classBytes(TryBlockExitTest.class);
    assertEquals(TryBlockExit.Exit.UNKNOWN, TryBlockExit.classify(own, "noSuchMethod", "()V", 0));
    assertEquals(TryBlockExit.Exit.UNKNOWN, TryBlockExit.classify(own, "normalExit", "(I)V", 0),
        "a different descriptor is a different method");
  }

  @Test
  void ofCaller_aCallThatIsNotCloseIsNotRecognised() {
    // The instruction at the caller's bytecode index must be a call of close(); anything else means the class file
    // does not describe the running code (as under a bytecode agent), which counts as UNKNOWN: the group waits.
    assertEquals(TryBlockExit.Exit.UNKNOWN, TryBlockExit.ofCaller());
  }

  @Test
  void ofCaller_aHandWrittenCatchThatCallsAddSuppressedIsNotATryWithResourcesExit() {
    // Only javac's exceptional close() shape counts: a range guarding just the close() call whose handler calls
    // addSuppressed. A user's catch that happens to call addSuppressed around some other call is not it.
    TryBlockExit.Exit exit = null;
    try {
      throw new IllegalStateException("body");
    } catch (Throwable primary) {
      try {
        exit = TryBlockExit.ofCaller();
      } catch (Throwable suppressed) {
        primary.addSuppressed(suppressed);
      }
    }
    assertNotEquals(TryBlockExit.Exit.EXCEPTIONAL, exit);
  }

  // ---------------------------------------------------------------------------------- through TaskGroup.close()

  /** Forks a task that waits for {@code release}, records an interrupt in {@code interrupted}. */
  private static Task<String> forkWaiting(TaskGroup group, CountDownLatch release, AtomicBoolean interrupted) {
    return group.fork(() -> {
      try {
        await(release);
        return "done";
      } catch (InterruptedException e) {
        interrupted.set(true);
        throw e;
      }
    });
  }

  @Test
  void groupClose_normalExit_waits() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    Task<String> task;
    try (var group = TaskGroup.open()) {
      task = forkWaiting(group, release, interrupted);
      releaseWhenOwnerWaits(Thread.currentThread(), group, release);
    }
    assertFalse(interrupted.get());
    assertEquals("done", task.get());
  }

  @Test
  void groupClose_exceptionalExit_cancels() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Task<String>> task = new AtomicReference<>();
    assertThrows(IllegalStateException.class, () -> {
      try (var group = TaskGroup.open()) {
        task.set(forkWaiting(group, never, interrupted));
        throw new IllegalStateException("block failed");
      }
    });
    // Cancelled either before it started or by an interrupt while it waited: never left running or awaited.
    assertEquals(Task.State.CANCELLED, task.get().state());
  }

  @Test
  void groupClose_resourceDeclaredAsAutoCloseable_exceptionalExit_cancels() throws Exception {
    AtomicReference<Task<String>> task = new AtomicReference<>();
    assertThrows(IllegalStateException.class, () -> {
      TaskGroup group = TaskGroup.open();
      try (AutoCloseable resource = group) {
        task.set(forkWaiting(group, new CountDownLatch(1), new AtomicBoolean()));
        throw new IllegalStateException("block failed");
      }
    });
    assertEquals(Task.State.CANCELLED, task.get().state());
  }

  @Test
  void groupClose_java9ResourceForm_exceptionalExit_cancels() throws Exception {
    AtomicReference<Task<String>> task = new AtomicReference<>();
    assertThrows(IllegalStateException.class, () -> {
      TaskGroup group = TaskGroup.open();
      try (group) {
        task.set(forkWaiting(group, new CountDownLatch(1), new AtomicBoolean()));
        throw new IllegalStateException("block failed");
      }
    });
    assertEquals(Task.State.CANCELLED, task.get().state());
  }

  @Test
  void groupClose_handWrittenFinallyAfterAThrow_waits_asDocumented() throws Exception {
    // TaskGroup.close() Javadoc: in a hand-written finally close() cannot tell the exit and waits; the caller
    // cancels first on the exceptional path if it wants cancellation.
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Task<String>> task = new AtomicReference<>();
    assertThrows(IllegalStateException.class, () -> {
      TaskGroup group = TaskGroup.open();
      try {
        task.set(forkWaiting(group, release, interrupted));
        releaseWhenOwnerWaits(Thread.currentThread(), group, release);
        throw new IllegalStateException("block failed");
      } finally {
        group.close();
      }
    });
    assertFalse(interrupted.get());
    assertEquals("done", task.get().get());
  }

  @Test
  void groupClose_secondResourceAfterANewExpressionResource_normalExit_waits() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    Task<String> task;
    try (var out = new StringWriter(); var group = TaskGroup.open()) {
      task = forkWaiting(group, release, interrupted);
      releaseWhenOwnerWaits(Thread.currentThread(), group, release);
      out.write("body");
    }
    assertFalse(interrupted.get(), "close() on a normal exit cancelled the tasks");
    assertEquals("done", task.get());
  }

  private static volatile CountDownLatch staticRelease;
  private static volatile AtomicBoolean staticInterrupted;
  private static volatile Task<String> staticTask;

  /** The same shape as {@link #staticNewResourceThenProbe()} with a real group; everything else lives in fields. */
  static void staticWriterThenGroup() throws IOException {
    try (var out = new StringWriter(); var group = TaskGroup.open()) {
      staticTask = forkWaiting(group, staticRelease, staticInterrupted);
      releaseWhenOwnerWaits(Thread.currentThread(), group, staticRelease);
    }
  }

  @Test
  void groupClose_secondResourceAfterANewExpressionResource_inAMethodWithFewLocals_normalExit_waits()
      throws Exception {
    staticRelease = new CountDownLatch(1);
    staticInterrupted = new AtomicBoolean();
    staticWriterThenGroup();
    assertFalse(staticInterrupted.get(), "close() on a normal exit cancelled the tasks");
    assertEquals("done", staticTask.get());
  }

  @Test
  void groupClose_nestedInsideATryWithANewExpressionResource_normalExit_waits() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    Task<String> task;
    try (var out = new StringWriter()) {
      try (var group = TaskGroup.open()) {
        task = forkWaiting(group, release, interrupted);
        releaseWhenOwnerWaits(Thread.currentThread(), group, release);
      }
      out.write("after");
    }
    assertFalse(interrupted.get(), "close() on a normal exit cancelled the tasks");
    assertEquals("done", task.get());
  }

  @Test
  void groupClose_insideATryWhoseCatchCallsAddSuppressed_normalExit_waits() throws Exception {
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    RuntimeException collector = new RuntimeException("collected errors");
    Task<String> task = null;
    try {
      try (var group = TaskGroup.open()) {
        task = forkWaiting(group, release, interrupted);
        releaseWhenOwnerWaits(Thread.currentThread(), group, release);
      }
    } catch (RuntimeException e) {
      collector.addSuppressed(e);
    }
    assertEquals(0, collector.getSuppressed().length);
    assertFalse(interrupted.get(), "close() on a normal exit cancelled the tasks");
    assertEquals("done", task.get());
  }
}
