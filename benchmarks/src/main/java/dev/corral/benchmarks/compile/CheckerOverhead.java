package dev.corral.benchmarks.compile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.spi.ToolProvider;

/**
 * Compile-time overhead of Corral's checks on real code: every project's sources are compiled in-process, with
 * Error Prone running only FutureReturnValueIgnored ("FRVI") and with FRVI plus LeakedFuture, UnscopedTask and
 * UncheckedGatherError, in alternating rounds (A B, then B A, ...), after warm-up rounds that are not counted.
 * Reports best-of and median per project and overall, as ratios B / A, and the median of the rounds' paired ratios
 * (B / A within one round, so a slow stretch of the machine that hits both variants of a round cancels out). Each
 * compile starts after a full GC, so no variant pays for the garbage of the one before it.
 *
 * <p>Inputs are the real-code runner's ({@code integration-tests/run.sh}): for each project,
 * {@code integration-tests/target/<project>/javac-options.txt} and {@code sources.txt}. Error Prone and the
 * checker are taken from this JVM's class path (the processor path is set to it), so both variants share
 * JIT-compiled code, as in NullAway's JMH compile benchmarks. Run it with {@code benchmarks/checker-overhead.sh}.
 *
 * <p>{@code --profile <file.jfr>} compiles only the FRVI + Corral variant, {@code warmup} + {@code rounds} times
 * per project, and records the measured rounds (not the warm-up) with Java Flight Recorder: execution samples every
 * 1 ms ({@code benchmarks/checker-profile.sh} runs it and aggregates the samples).
 */
public final class CheckerOverhead {
  private static final String FRVI = "-Xep:FutureReturnValueIgnored:WARN";
  private static final String CORRAL = " -Xep:LeakedFuture:WARN -Xep:UnscopedTask:WARN -Xep:UncheckedGatherError:WARN";

  private CheckerOverhead() {}

  public static void main(String[] args) throws IOException {
    Path runs = Path.of("integration-tests/target");
    int rounds = 5;
    int warmup = 2;
    Path profile = null;
    List<String> projects = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Path.of(args[++i]);
        case "--profile" -> profile = Path.of(args[++i]);
        default -> projects.add(args[i]);
      }
    }
    if (projects.isEmpty()) {
      throw new IllegalArgumentException("name the projects to compile, e.g. jetty-util grpc-core (see "
          + runs + ")");
    }
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    if (profile != null) {
      profile(javac, runs, projects, warmup, rounds, profile);
      return;
    }
    Map<String, long[][]> timings = new LinkedHashMap<>();
    for (String project : projects) {
      List<String> baseline = options(runs.resolve(project), FRVI);
      List<String> withCorral = options(runs.resolve(project), FRVI + CORRAL);
      for (int w = 0; w < warmup; w++) {
        compile(javac, baseline, project);
        compile(javac, withCorral, project);
      }
      long[][] nanos = new long[2][rounds];
      for (int r = 0; r < rounds; r++) {
        boolean baselineFirst = r % 2 == 0;
        nanos[baselineFirst ? 0 : 1][r] = compile(javac, baselineFirst ? baseline : withCorral, project);
        nanos[baselineFirst ? 1 : 0][r] = compile(javac, baselineFirst ? withCorral : baseline, project);
      }
      timings.put(project, nanos);
      report(project, nanos);
    }
    long[][] total = new long[2][rounds];
    timings.values().forEach(n -> {
      for (int r = 0; r < n[0].length; r++) {
        total[0][r] += n[0][r];
        total[1][r] += n[1][r];
      }
    });
    report("all projects", total);
  }

  /** Compiles each project with Corral's checks: warm-up rounds first (all projects), then recorded rounds. */
  private static void profile(ToolProvider javac, Path runs, List<String> projects, int warmup, int rounds, Path jfr)
      throws IOException {
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (String project : projects) {
      options.put(project, options(runs.resolve(project), FRVI + CORRAL));
    }
    for (int w = 0; w < warmup; w++) {
      options.forEach((project, opts) -> compile(javac, opts, project));
    }
    try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1)).withStackTrace();
      recording.start();
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, List<String>> project : options.entrySet()) {
          long nanos = compile(javac, project.getValue(), project.getKey());
          System.out.printf(Locale.ROOT, "%-22s round %d: FRVI + Corral %7.0f ms%n", project.getKey(), r + 1,
              nanos / 1e6);
        }
      }
      recording.stop();
      recording.dump(jfr);
    }
    System.out.println("recording: " + jfr);
  }

  /** The runner's javac options with this JVM's class path as processor path and the given Error Prone checks. */
  private static List<String> options(Path run, String checks) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("javac-options.txt"));
    List<String> options = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String option = unquote(lines.get(i).strip());
      if (option.isEmpty()) {
        continue;
      }
      if (option.equals("-processorpath") || option.equals("-d")) {
        i++; // replaced below
      } else if (option.startsWith("-Xplugin:ErrorProne")) {
        options.add("-Xplugin:ErrorProne -XepDisableAllChecks " + checks);
      } else {
        options.add(option);
      }
    }
    options.addAll(List.of("-processorpath", System.getProperty("java.class.path")));
    options.addAll(List.of("-d", Files.createTempDirectory("corral-overhead").toString()));
    for (String source : Files.readAllLines(run.resolve("sources.txt"))) {
      if (!source.isBlank()) {
        options.add(unquote(source.strip()));
      }
    }
    return options;
  }

  private static long compile(ToolProvider javac, List<String> options, String project) {
    System.gc();
    StringWriter log = new StringWriter();
    long start = System.nanoTime();
    int exit = javac.run(new PrintWriter(log), new PrintWriter(log), options.toArray(new String[0]));
    long elapsed = System.nanoTime() - start;
    if (exit != 0 || log.toString().contains("An unhandled exception was thrown by the Error Prone")) {
      throw new IllegalStateException(project + " did not compile (exit " + exit + "):\n" + head(log.toString()));
    }
    return elapsed;
  }

  private static void report(String what, long[][] nanos) {
    double[] paired = new double[nanos[0].length];
    for (int r = 0; r < paired.length; r++) {
      paired[r] = (double) nanos[1][r] / nanos[0][r];
    }
    long[] a = nanos[0].clone();
    long[] b = nanos[1].clone();
    Arrays.sort(a);
    Arrays.sort(b);
    Arrays.sort(paired);
    double bestRatio = (double) b[0] / a[0];
    double medianRatio = median(b) / median(a);
    System.out.printf(Locale.ROOT, "%-22s FRVI best %7.0f ms median %7.0f ms | +Corral best %7.0f ms median %7.0f ms"
        + " | ratio best %.3f median %.3f paired median %.3f%n", what, a[0] / 1e6, median(a) / 1e6, b[0] / 1e6,
        median(b) / 1e6, bestRatio, medianRatio, median(paired));
  }

  private static double median(long[] sorted) {
    return median(Arrays.stream(sorted).asDoubleStream().toArray());
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  /** The start of javac's output: where a crash names the check and the source file. */
  private static String head(String log) {
    return log.length() <= 6000 ? log : log.substring(0, 6000) + "\n...";
  }
}
