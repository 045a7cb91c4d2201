package dev.corral.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three checks never break a build: real javac with {@code -Xplugin:ErrorProne} and all three checks on, found
 * through the checker's ServiceLoader file as in a user's build, on code with compile errors, on current syntax,
 * and twice on the same sources.
 *
 * <p>Every compilation must be free of Error Prone crashes ("An unhandled exception was thrown by the Error Prone
 * static analysis plugin", or a stack trace through Error Prone or the checks). In sources that compile, a line
 * {@code // BUG: Diagnostic contains: <Check>} expects a finding of that check on the next line, and every finding
 * of a Corral check must have such a line: a source without one is correct code and gets no Corral finding. A line
 * {@code // NOT FOUND YET: <Check>} marks a leak the check misses today; the next line must then have no finding,
 * so that a check that learns to find it makes this test fail and the line becomes a {@code BUG} line.
 */
final class NeverBreaksTheBuildTest {
  private static final List<String> CHECKS = List.of("LeakedFuture", "UnscopedTask", "UncheckedGatherError");

  /**
   * Error Prone's own checks are off: this suite is about Corral's, and some of Error Prone's differ between runs
   * (FutureReturnValueIgnored names capture variables, {@code capture#52 of ?}, in its messages).
   */
  private static final String PLUGIN =
      "-Xplugin:ErrorProne -XepDisableAllChecks"
          + " -Xep:LeakedFuture:WARN -Xep:UnscopedTask:WARN -Xep:UncheckedGatherError:WARN";

  /**
   * UnscopedTask also reporting tasks whose failure costs only a printed trace: the {@code BUG} lines mark every
   * finding of that mode, and the default mode must report a subset of them.
   */
  private static final String PLUGIN_REPORTING_ALL = PLUGIN + " -XepOpt:Corral:ReportPrintedFailures=true";

  private static final Pattern EXPECTED_FINDING = Pattern.compile("// BUG: Diagnostic contains: (\\w+)");

  private static final Pattern NOT_FOUND_YET = Pattern.compile("// NOT FOUND YET: (\\w+)");

  /** A correct file with one finding of each check, compiled next to each broken file. */
  private static final String FINDINGS =
      """
      import dev.corral.Gather;
      import java.util.List;
      import java.util.concurrent.Callable;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;

      class Findings {
        void fireAndForget(ExecutorService pool, List<Callable<String>> tasks, List<Future<String>> futures)
            throws InterruptedException {
          // BUG: Diagnostic contains: LeakedFuture
          CompletableFuture.runAsync(() -> System.out.println("audit"));
          // BUG: Diagnostic contains: UnscopedTask
          pool.execute(() -> System.out.println("cleanup"));
          // BUG: Diagnostic contains: UncheckedGatherError
          pool.invokeAll(tasks);
        }
      }
      """;

  @TempDir Path sources;

  // 1. Code that does not compile, next to a correct file with findings.

  /**
   * A file with a javac error, compiled with {@link #FINDINGS}.
   *
   * @param javacError a fragment of the error javac reports
   * @param findingsKept whether the findings of the correct file are still reported
   * @param brokenFileFirst whether javac is given the broken file before the correct one (else after)
   */
  record BrokenCode(
      String name, String source, String javacError, boolean findingsKept, boolean brokenFileFirst) {
    BrokenCode(String name, String source, String javacError, boolean findingsKept) {
      this(name, source, javacError, findingsKept, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Observed behaviour (javac 25, Error Prone 2.50.0), the same for every check: Error Prone runs after javac's flow
   * analysis of each class ({@code -XDcompilePolicy=simple}) and skips every class once javac has reported an
   * error. javac attributes all files before it flows any ({@code --should-stop=ifError=FLOW} lets it go on to flow
   * despite errors), so an attribution error anywhere (unresolved symbol, wrong type, bad lambda, bad arguments) or
   * a syntax error hides the findings of every file in the compilation. A flow error (missing return, unreachable
   * code) is found only when javac flows the broken class, so the classes flowed before it, here the correct file,
   * still get their findings, and those after it do not ({@code missingReturnBeforeTheCorrectFile}). Either way the
   * checks never run on a class with an error, and the user sees only javac's errors.
   */
  static Stream<BrokenCode> brokenCode() {
    return Stream.of(
        new BrokenCode(
            "unresolvedSymbols",
            """
            import java.util.concurrent.CompletableFuture;

            class Broken {
              void m() {
                CompletableFuture.runAsync(() -> missingMethod());
                unknownVariable.join();
              }
            }
            """,
            "cannot find symbol",
            false),
        new BrokenCode(
            "unresolvedTypes",
            """
            class Broken {
              MissingType field = new MissingType();

              void m(AlsoMissing task) {
                new Thread(task).start();
              }
            }
            """,
            "cannot find symbol",
            false),
        new BrokenCode(
            "unresolvedFutureType",
            """
            // ListenableFuture is not imported.
            class Broken {
              ListenableFuture<String> load() {
                return null;
              }

              void m() {
                load();
                ListenableFuture<String> f = load();
                f.addListener(() -> {}, Runnable::run);
              }
            }
            """,
            "cannot find symbol",
            false),
        new BrokenCode(
            "unresolvedExecutor",
            """
            import java.util.concurrent.Future;

            class Broken {
              void m(TaskExecutor executor) throws Exception {
                executor.execute(() -> {});
                executor.submit(() -> "x");
                Future<?> f = missingPool.submit(() -> {});
                f.get();
              }
            }
            """,
            "cannot find symbol",
            false),
        new BrokenCode(
            "wrongTypes",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Broken {
              void m(ExecutorService pool) {
                Future<String> f = pool.submit(() -> 42);
                String s = CompletableFuture.supplyAsync(() -> "x");
                Thread t = pool.submit(() -> {});
              }
            }
            """,
            "incompatible types",
            false),
        new BrokenCode(
            "missingReturn",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Broken {
              Future<String> start(ExecutorService pool, boolean now) {
                if (now) {
                  return pool.submit(() -> "x");
                }
                pool.submit(() -> "y");
              }
            }
            """,
            "missing return statement",
            true),
        new BrokenCode(
            "unreachableCode",
            """
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.Future;

            class Broken {
              String m(Future<String> f) throws ExecutionException, InterruptedException {
                return f.get();
                f.cancel(true);
              }
            }
            """,
            "unreachable statement",
            true),
        new BrokenCode(
            "brokenLambda",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.function.Supplier;

            class Broken {
              void m() {
                Supplier<String> twoParameters = (a, b) -> "x";
                CompletableFuture.supplyAsync(() -> { System.out.println("no value"); });
              }
            }
            """,
            "incompatible",
            false),
        new BrokenCode(
            "lambdaThatDoesNotParse",
            """
            import java.util.concurrent.ExecutorService;

            class Broken {
              void m(ExecutorService pool) {
                pool.submit(() -> );
              }
            }
            """,
            "illegal start of expression",
            false),
        new BrokenCode(
            "futureMethodWithWrongArguments",
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class Broken {
              CompletableFuture<String> load(String key) {
                return CompletableFuture.supplyAsync(() -> key);
              }

              void m(ExecutorService pool) {
                load(1, 2);
                CompletableFuture.supplyAsync(42);
                pool.submit();
              }
            }
            """,
            "cannot be applied to given types",
            false),
        new BrokenCode(
            "missingReturnBeforeTheCorrectFile",
            """
            import java.util.concurrent.CompletableFuture;

            class Broken {
              CompletableFuture<String> start() {
                CompletableFuture.supplyAsync(() -> "x");
              }
            }
            """,
            "missing return statement",
            false,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void brokenCode(BrokenCode broken) {
    Path findings = write("Findings.java", FINDINGS);
    Path file = write(broken.name() + ".java", broken.source());
    // javac flows the classes in the order it is given the files.
    List<Path> files = broken.brokenFileFirst() ? List.of(file, findings) : List.of(findings, file);

    Compilation byDefault = compile(files, PLUGIN);
    assertNoCrash(byDefault);
    assertEquals(Compilation.Status.FAILURE, byDefault.status());

    Compilation compilation = compile(files);

    assertNoCrash(compilation);
    assertEquals(Compilation.Status.FAILURE, compilation.status());
    List<String> errors = messages(compilation.errors());
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertTrue(
          error.getCode().startsWith("compiler.err.") && !error.getCode().contains("error.prone"),
          () -> "not javac's own error: " + error.getCode() + " " + error.getMessage(Locale.ROOT));
      assertTrue(error.getSource().getName().endsWith(broken.name() + ".java"), error::toString);
    }
    assertTrue(errors.stream().anyMatch(m -> m.contains(broken.javacError())), errors::toString);
    assertEquals(
        broken.findingsKept() ? expectedFindings(findings) : List.of(),
        corralFindings(compilation),
        "findings of the correct file");
  }

  // 2. Current syntax with futures, threads and gathers inside.

  /** One source on current syntax; {@code minJdk} is the first Java release that compiles it as final syntax. */
  record Syntax(String name, int minJdk, String source) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Syntax> currentSyntax() {
    return Stream.of(
        // Found by mutating real sources (2026-12-07): a null task, tasks cloning arrays (javac's array class has
        // no package), a future method that returns itself recursively (read once per cycle, not per depth).
        new Syntax(
            "oddTasks",
            17,
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class OddTasks {
              void nullTask(ExecutorService executor, boolean ready) {
                executor.execute(null);
                Runnable task = null;
                if (ready) {
                  task = () -> System.out.println("ready");
                }
                // BUG: Diagnostic contains: UnscopedTask
                executor.execute(task);
              }

              void arrayClones(ExecutorService executor, int[] data) {
                // BUG: Diagnostic contains: UnscopedTask
                executor.execute(() -> data.clone());
                // BUG: Diagnostic contains: LeakedFuture
                executor.submit(data::clone);
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(data::clone).start();
                executor.execute(
                    () -> {
                      try {
                        data.clone();
                      } catch (Throwable t) {
                        t.printStackTrace();
                      }
                      System.out.println(data.length);
                    });
              }

              CompletableFuture<Object> countdown(int n) {
                if (n == 0) {
                  return countdown(n - 1);
                }
                if (n == 1) {
                  return countdown(n - 1);
                }
                return CompletableFuture.supplyAsync(() -> n);
              }

              void dropsTheCountdown() {
                // BUG: Diagnostic contains: LeakedFuture
                countdown(3);
              }
            }
            """),
        new Syntax(
            "records",
            17,
            """
            import java.util.concurrent.CompletableFuture;

            class Records {
              record Job(String name, CompletableFuture<String> result) {
                Job {
                  if (name.isBlank()) {
                    throw new IllegalArgumentException("blank name");
                  }
                  // BUG: Diagnostic contains: LeakedFuture
                  CompletableFuture.runAsync(() -> System.out.println("audit " + name));
                }

                String await() {
                  return result.join();
                }
              }

              String run() {
                Job job = new Job("a", CompletableFuture.supplyAsync(() -> "x"));
                return job.await();
              }
            }
            """),
        new Syntax(
            "sealedSwitchWithRecordPatternsAndGuards",
            21,
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class SealedSwitch {
              sealed interface Command permits Send, Await, Stop {}

              record Send(String text) implements Command {}

              record Await(Future<String> reply) implements Command {}

              record Stop() implements Command {}

              String handle(Command command, ExecutorService pool) throws Exception {
                return switch (command) {
                  case Send(var text) when text.isEmpty() -> "nothing to send";
                  case Send(var text) -> {
                    // BUG: Diagnostic contains: LeakedFuture
                    pool.submit(() -> System.out.println(text));
                    yield "sent";
                  }
                  case Await(Future<String> reply) -> reply.get();
                  case Stop() -> "stopped";
                };
              }
            }
            """),
        new Syntax(
            "instanceofPatterns",
            17,
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Future;

            class InstanceofPatterns {
              Object describe(Object o) throws Exception {
                if (o instanceof Future<?> f && f.isDone()) {
                  return f.get();
                }
                if (!(o instanceof CompletableFuture<?> cf)) {
                  return o;
                }
                // BUG: Diagnostic contains: LeakedFuture
                cf.thenRun(() -> System.out.println("done"));
                return cf;
              }
            }
            """),
        new Syntax(
            "nullArguments",
            17,
            """
            import java.util.concurrent.ExecutorService;

            class NullArguments {
              static class Acceptor implements Runnable {
                @Override
                public void run() {
                  System.out.println("accepting");
                }
              }

              void open(ExecutorService pool) {
                // The null ThreadGroup is not the task (the null type is a subtype of every class).
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(null, new Acceptor(), "acceptor").start();
                // BUG: Diagnostic contains: UnscopedTask
                new Thread(null, () -> System.out.println("x"), "lambda", 0).start();
              }
            }
            """),
        new Syntax(
            "textBlocks",
            17,
            """
            import java.util.concurrent.ExecutorService;

            class TextBlocks {
              void report(ExecutorService pool) {
                String query = \"""
                    SELECT id FROM jobs
                    WHERE state = 'FAILED'
                    \""";
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> System.out.println(query));
              }
            }
            """),
        new Syntax(
            "localVariableTypeInference",
            21,
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;

            class LocalVariableTypeInference {
              String fetch(ExecutorService pool, List<String> names) throws Exception {
                var first = pool.submit(() -> "a");
                // BUG: Diagnostic contains: LeakedFuture
                var second = CompletableFuture.supplyAsync(() -> "b");
                var threads = new ArrayList<Thread>();
                for (var name : names) {
                  var thread = Thread.ofVirtual().name(name).start(() -> System.out.println(name));
                  threads.add(thread);
                }
                for (var thread : threads) {
                  thread.join();
                }
                return first.get();
              }
            }
            """),
        new Syntax(
            "unnamedVariablesAndLambdaParameters",
            22,
            """
            import dev.corral.Gather;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class UnnamedVariables {
              int count(List<Future<String>> futures, Map<String, Future<String>> byName, ExecutorService pool)
                  throws InterruptedException {
                int n = 0;
                for (var _ : futures) {
                  n++;
                }
                try {
                  n += Gather.all(futures).size();
                } catch (RuntimeException _) {
                  n = -1;
                }
                byName.forEach((_, future) -> future.cancel(true));
                // BUG: Diagnostic contains: UnscopedTask
                futures.forEach(_ -> pool.execute(() -> System.out.println("tick")));
                return n;
              }
            }
            """),
        new Syntax(
            "moduleImport",
            25,
            """
            import module java.base;

            class ModuleImport {
              void m(ExecutorService pool, List<Callable<String>> tasks) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                pool.invokeAll(tasks);
                // BUG: Diagnostic contains: LeakedFuture
                pool.submit(() -> System.out.println("x"));
              }
            }
            """),
        new Syntax(
            "compactSourceFileWithInstanceMain",
            25,
            """
            import dev.corral.Gather;

            final ExecutorService pool = Executors.newFixedThreadPool(2);

            void main() throws Exception {
              Future<String> greeting = pool.submit(() -> "hello");
              IO.println(greeting.get());
              // BUG: Diagnostic contains: LeakedFuture
              pool.submit(() -> IO.println("lost"));
              // BUG: Diagnostic contains: UnscopedTask
              new Thread(() -> IO.println("detached")).start();
              // BUG: Diagnostic contains: UncheckedGatherError
              Gather.settled(List.of(greeting));
              pool.shutdown();
            }
            """),
        new Syntax(
            "flexibleConstructorBodies",
            25,
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class FlexibleConstructors {
              static class Connection {
                final Future<?> handshake;

                Connection(Future<?> handshake) {
                  this.handshake = handshake;
                }
              }

              static class Pooled extends Connection {
                Pooled(ExecutorService pool, String host) {
                  if (host.isBlank()) {
                    throw new IllegalArgumentException("blank host");
                  }
                  // BUG: Diagnostic contains: LeakedFuture
                  pool.submit(() -> System.out.println("resolving " + host));
                  // BUG: Diagnostic contains: UnscopedTask
                  new Thread(() -> System.out.println("pinging " + host)).start();
                  super(pool.submit(() -> System.out.println("handshake " + host)));
                }
              }
            }
            """),
        new Syntax(
            "genericFutureTypeVariables",
            17,
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.function.Supplier;

            class GenericFutures {
              static <F extends Future<T>, T> F retrying(Supplier<F> attempt) {
                return attempt.get();
              }

              static <F extends CompletableFuture<T>, T> F logged(Supplier<F> start) {
                F future = start.get();
                future.whenComplete((r, e) -> System.out.println(r + " " + e));
                return future;
              }

              String use(ExecutorService pool) throws Exception {
                Future<String> kept = retrying(() -> pool.submit(() -> "x"));
                // BUG: Diagnostic contains: LeakedFuture
                retrying(() -> pool.submit(() -> "y"));
                logged(() -> CompletableFuture.supplyAsync(() -> "z")).join();
                return kept.get();
              }
            }
            """),
        new Syntax(
            "anonymousClasses",
            17,
            """
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutorService;

            class AnonymousClasses {
              Runnable task(ExecutorService pool) {
                return new Runnable() {
                  @Override
                  public void run() {
                    // BUG: Diagnostic contains: LeakedFuture
                    pool.submit(() -> System.out.println("nested"));
                  }
                };
              }

              Callable<String> awaited(ExecutorService pool) {
                return new Callable<>() {
                  @Override
                  public String call() throws Exception {
                    return pool.submit(() -> "x").get();
                  }
                };
              }
            }
            """),
        new Syntax(
            "initializersThatDropFutures",
            17,
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CopyOnWriteArrayList;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;

            class Initializers {
              static final ExecutorService POOL = Executors.newCachedThreadPool();

              static {
                // BUG: Diagnostic contains: LeakedFuture
                POOL.submit(() -> System.out.println("warm up"));
              }

              private final List<String> names = new CopyOnWriteArrayList<>();

              {
                // BUG: Diagnostic contains: LeakedFuture
                CompletableFuture.runAsync(() -> names.add("init"));
              }

              // BUG: Diagnostic contains: LeakedFuture
              final Runnable refresh = () -> POOL.submit(() -> names.add("refresh"));

              // Locals are traced only in methods and in lambdas inside methods (LeakAnalysis.underlyingAst).
              {
                // NOT FOUND YET: LeakedFuture
                CompletableFuture<Void> loaded = CompletableFuture.runAsync(() -> names.add("loaded"));
              }

              final Runnable reload =
                  () -> {
                    // NOT FOUND YET: LeakedFuture
                    CompletableFuture<Void> reloaded = CompletableFuture.runAsync(() -> names.clear());
                  };
            }
            """),
        new Syntax(
            "enumConstructorsThatStartThreads",
            17,
            """
            enum EnumConstructors {
              PRIMARY,
              SECONDARY;

              private final Thread heartbeat;

              EnumConstructors() {
                heartbeat = new Thread(() -> System.out.println("beat"));
                heartbeat.start();
                Thread logger = new Thread(() -> System.out.println("started"));
                // BUG: Diagnostic contains: UnscopedTask
                logger.start();
              }

              void stop() throws InterruptedException {
                heartbeat.interrupt();
                heartbeat.join();
              }
            }
            """),
        new Syntax(
            "interfaceDefaultAndStaticMethods",
            17,
            """
            import java.util.concurrent.ExecutorService;

            interface InterfaceMethods {
              ExecutorService pool();

              default String fetch() throws Exception {
                return pool().submit(() -> "x").get();
              }

              default void refresh() {
                // BUG: Diagnostic contains: LeakedFuture
                pool().submit(() -> System.out.println("refresh"));
              }

              static void warmUp(ExecutorService pool) {
                // BUG: Diagnostic contains: UnscopedTask
                pool.execute(() -> System.out.println("warm"));
              }
            }
            """),
        new Syntax(
            "nestedLambdasAndMethodReferencesReturningFutures",
            17,
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;
            import java.util.function.Function;
            import java.util.function.Supplier;

            class NestedLambdas {
              Supplier<CompletableFuture<?>> later(ExecutorService pool) {
                return () -> CompletableFuture.runAsync(() -> System.out.println("later"), pool);
              }

              Function<Callable<String>, Future<?>> submitter(ExecutorService pool) {
                return pool::submit;
              }

              void run(List<Callable<String>> tasks, ExecutorService pool) {
                Function<Callable<String>, Future<?>> submit = pool::submit;
                // Function.apply is declared to return R, not a future (OwnedFutures decides on the declared type).
                // NOT FOUND YET: LeakedFuture
                tasks.forEach(task -> submit.apply(task));
                // BUG: Diagnostic contains: LeakedFuture
                tasks.forEach(pool::submit);
                Runnable nested =
                    () -> {
                      Supplier<CompletableFuture<?>> start = () -> CompletableFuture.supplyAsync(() -> "x");
                      start.get().join();
                    };
                nested.run();
              }
            }
            """),
        new Syntax(
            "switchExpressionsYieldingFutures",
            17,
            """
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class SwitchExpressions {
              enum Mode { NOW, ASYNC, POOLED }

              CompletableFuture<String> start(Mode mode, ExecutorService pool) {
                return switch (mode) {
                  case NOW -> CompletableFuture.completedFuture("now");
                  case ASYNC -> CompletableFuture.supplyAsync(() -> "async");
                  case POOLED -> {
                    String label = mode.name().toLowerCase();
                    yield CompletableFuture.supplyAsync(() -> label, pool);
                  }
                };
              }

              String oldStyleYield(int code, ExecutorService pool) throws Exception {
                Future<String> f =
                    switch (code) {
                      case 0:
                        yield pool.submit(() -> "zero");
                      default:
                        Future<String> other = pool.submit(() -> "other");
                        yield other;
                    };
                return f.get();
              }

              void dropped(Mode mode, ExecutorService pool) {
                // A switch expression that yields a new future makes the local its owner.
                // BUG: Diagnostic contains: LeakedFuture
                CompletableFuture<String> f =
                    switch (mode) {
                      case NOW -> CompletableFuture.completedFuture("now");
                      default -> CompletableFuture.supplyAsync(() -> "later", pool);
                    };
              }
            }
            """),
        new Syntax(
            "tryWithResourcesTaskGroupAndExecutorService",
            21,
            """
            import dev.corral.Task;
            import dev.corral.TaskGroup;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;

            class TryWithResources {
              List<String> fetchAll(List<String> urls) throws InterruptedException {
                try (var group = TaskGroup.open()) {
                  List<Task<String>> tasks = new ArrayList<>();
                  for (String url : urls) {
                    tasks.add(group.fork(() -> url.toUpperCase()));
                  }
                  group.join();
                  return tasks.stream().map(Task::get).toList();
                }
              }

              String viaExecutor() throws Exception {
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
                    TaskGroup group = TaskGroup.builder().maxConcurrency(2).open()) {
                  Future<String> f = pool.submit(() -> "x");
                  group.fork(() -> System.out.println("side"));
                  group.join();
                  return f.get();
                }
              }
            }
            """),
        new Syntax(
            "labeledBreakAndContinueAroundAwaits",
            17,
            """
            import java.util.List;
            import java.util.concurrent.Callable;
            import java.util.concurrent.ExecutionException;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class LabeledLoops {
              int healthyBatches(List<List<Future<Integer>>> batches) throws InterruptedException {
                int healthy = 0;
                batches:
                for (List<Future<Integer>> batch : batches) {
                  for (Future<Integer> f : batch) {
                    try {
                      if (f.get() < 0) {
                        break batches;
                      }
                    } catch (ExecutionException e) {
                      continue batches;
                    }
                  }
                  healthy++;
                }
                return healthy;
              }

              void leakOnBreak(ExecutorService pool, List<Callable<String>> tasks, int limit) throws Exception {
                search:
                for (Callable<String> task : tasks) {
                  // BUG: Diagnostic contains: LeakedFuture
                  Future<String> f = pool.submit(task);
                  for (int i = 0; i < limit; i++) {
                    if (i == 3) {
                      break search;
                    }
                  }
                  f.get();
                }
              }

              void leakOnBlockBreak(ExecutorService pool, boolean skip) throws Exception {
                done:
                {
                  // BUG: Diagnostic contains: LeakedFuture
                  Future<?> f = pool.submit(() -> System.out.println("x"));
                  if (skip) {
                    break done;
                  }
                  f.get();
                }
              }
            }
            """),
        new Syntax(
            "synchronizedBlocks",
            17,
            """
            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class SynchronizedBlocks {
              private final Object lock = new Object();
              private final List<Future<?>> pending = new ArrayList<>();

              void submit(ExecutorService pool) {
                synchronized (lock) {
                  pending.add(pool.submit(() -> System.out.println("queued")));
                }
              }

              void awaitAll() throws Exception {
                synchronized (lock) {
                  for (Future<?> f : pending) {
                    f.get();
                  }
                  pending.clear();
                }
              }

              void dropped(ExecutorService pool) {
                synchronized (this) {
                  // BUG: Diagnostic contains: LeakedFuture
                  pool.submit(() -> System.out.println("lost"));
                }
              }
            }
            """),
        new Syntax(
            "localClassesAndLocalRecords",
            17,
            """
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class LocalTypes {
              String run(ExecutorService pool) throws Exception {
                record Pending(String name, Future<String> result) {}

                class Starter {
                  Pending start(String name) {
                    return new Pending(name, pool.submit(() -> name));
                  }

                  void fireAndForget() {
                    // BUG: Diagnostic contains: LeakedFuture
                    pool.submit(() -> System.out.println("forgotten"));
                  }
                }

                Pending pending = new Starter().start("a");
                return pending.result().get();
              }
            }
            """),
        new Syntax(
            "gatheredOutcomesInPatterns",
            21,
            """
            import dev.corral.Gather;
            import dev.corral.Outcome;
            import java.util.List;
            import java.util.concurrent.Future;

            class GatheredOutcomes {
              void report(List<Future<String>> futures) throws InterruptedException {
                for (Outcome<String> outcome : Gather.settled(futures)) {
                  switch (outcome) {
                    case Outcome.Success<String>(var value) when value.isEmpty() -> System.out.println("empty");
                    case Outcome.Success<String>(var value) -> System.out.println(value);
                    case Outcome.Failure<String>(var error) -> System.err.println(error);
                  }
                }
              }

              void countOnly(List<Future<String>> futures) throws InterruptedException {
                // BUG: Diagnostic contains: UncheckedGatherError
                List<Outcome<String>> outcomes = Gather.settled(futures);
                System.out.println(outcomes.size() + " done");
              }

              void successesOnly(List<Future<String>> futures) throws InterruptedException {
                // A loop that only handles Success drops every failure.
                // BUG: Diagnostic contains: UncheckedGatherError
                for (var outcome : Gather.settled(futures)) {
                  if (outcome instanceof Outcome.Success<String>(var value)) {
                    System.out.println(value);
                  }
                }
              }
            }
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void currentSyntax(Syntax syntax) {
    assumeTrue(
        Runtime.version().feature() >= syntax.minJdk(), () -> syntax.name() + " needs Java " + syntax.minJdk());
    Path file = write(syntax.name() + ".java", syntax.source());

    Compilation compilation = compile(List.of(file));
    Compilation byDefault = compile(List.of(file), PLUGIN);

    assertNoCrash(compilation);
    assertNoCrash(byDefault);
    assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> messages(compilation.errors()).toString());
    List<String> findings = corralFindings(compilation);
    assertTrue(findings.stream().noneMatch(notFoundYet(file)::contains), "a gap is closed: make it a BUG line");
    assertEquals(expectedFindings(file), findings);
    List<String> defaultFindings = corralFindings(byDefault);
    assertTrue(findings.containsAll(defaultFindings), () -> defaultFindings + " not within " + findings);
    assertEquals(
        findings.stream().filter(finding -> !finding.contains("UnscopedTask")).toList(),
        defaultFindings.stream().filter(finding -> !finding.contains("UnscopedTask")).toList(),
        "the flag changes only UnscopedTask");
  }

  // 3. Determinism.

  @Test
  void sameDiagnosticsOnTwoRuns() {
    List<Path> files = new ArrayList<>();
    files.add(write("Findings.java", FINDINGS));
    currentSyntax()
        .filter(syntax -> Runtime.version().feature() >= syntax.minJdk())
        .forEach(syntax -> files.add(write(syntax.name() + ".java", syntax.source())));

    List<String> first = diagnostics(compile(files));
    List<String> second = diagnostics(compile(files));

    for (String check : CHECKS) {
      assertTrue(first.stream().anyMatch(d -> d.contains("[" + check + "]")), () -> check + " in " + first);
    }
    assertEquals(first, second);
  }

  // Helpers.

  private Path write(String name, String source) {
    try {
      return Files.writeString(sources.resolve(name), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Real javac with the plugin, the checks found on the processor path as in a user's build. */
  private static Compilation compile(List<Path> files) {
    return compile(files, PLUGIN_REPORTING_ALL);
  }

  private static Compilation compile(List<Path> files, String plugin) {
    List<File> processorPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new).toList();
    // Files on disk, as in a user's build; diagnostics name them.
    List<JavaFileObject> units =
        files.stream()
            .map(
                file -> {
                  try {
                    return JavaFileObjects.forResource(file.toUri().toURL());
                  } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(e);
                  }
                })
            .toList();
    return Compiler.javac()
        .withAnnotationProcessorPath(processorPath)
        .withOptions("-XDcompilePolicy=simple", "--should-stop=ifError=FLOW", plugin)
        .compile(units);
  }

  private static void assertNoCrash(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      assertFalse(
          message.contains("An unhandled exception was thrown by the Error Prone static analysis plugin")
              || message.contains("internal error of the Corral checker")
              || message.contains("at com.google.errorprone.")
              || message.contains("at dev.corral.checker.")
              || diagnostic.getCode().contains("error.prone.crash"),
          message);
    }
  }

  /** The {@code // BUG: Diagnostic contains: <Check>} lines of {@code file}, as findings on the next line. */
  private static List<String> expectedFindings(Path file) {
    return markedFindings(file, EXPECTED_FINDING);
  }

  private static List<String> markedFindings(Path file, Pattern marker) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher match = marker.matcher(lines.get(i));
      if (match.find()) {
        assertTrue(CHECKS.contains(match.group(1)), lines.get(i));
        expected.add(file.getFileName() + ":" + (i + 2) + " [" + match.group(1) + "]");
      }
    }
    expected.sort(null);
    return expected;
  }

  /** The {@code // NOT FOUND YET: <Check>} lines of {@code file}, as findings on the next line. */
  private static List<String> notFoundYet(Path file) {
    return markedFindings(file, NOT_FOUND_YET);
  }

  /** The findings of the three checks, as {@code File.java:line [Check]}, sorted. */
  private static List<String> corralFindings(Compilation compilation) {
    List<String> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      for (String check : CHECKS) {
        if (message.startsWith("[" + check + "]")) {
          findings.add(
              Path.of(diagnostic.getSource().toUri()).getFileName()
                  + ":"
                  + diagnostic.getLineNumber()
                  + " ["
                  + check
                  + "]");
        }
      }
    }
    findings.sort(null);
    return findings;
  }

  /** Every diagnostic, in report order, with its kind, place and full text. */
  private static List<String> diagnostics(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(
            d ->
                d.getKind()
                    + " "
                    + (d.getSource() == null ? "-" : Path.of(d.getSource().toUri()).getFileName())
                    + ":"
                    + d.getLineNumber()
                    + ":"
                    + d.getColumnNumber()
                    + " "
                    + d.getMessage(Locale.ROOT))
        .toList();
  }

  private static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream().map(d -> d.getMessage(Locale.ROOT)).toList();
  }
}
