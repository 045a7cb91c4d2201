package dev.corral.benchmarks.compile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the checker spends its CPU samples in a JFR recording ({@code jdk.ExecutionSample}): the share of all
 * samples with a {@code dev.corral.checker} frame on the stack, then those samples grouped by the outermost
 * checker frame (which check's matcher), by the innermost checker frame (which checker method, callees included)
 * and the method it called,
 * by checker self time (the leaf frame is the checker's), and by the leaf frame outside the checker (what javac or
 * Error Prone code the checks call into). A method counts once per sample, however deep its recursion.
 *
 * <p>Usage: {@code JfrHotspots recording.jfr [top-n]}; run by {@code benchmarks/checker-profile.sh}.
 */
public final class JfrHotspots {
  private static final String CHECKER = "dev.corral.checker.";

  private JfrHotspots() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    long all = 0;
    long truncated = 0;
    long errorProne = 0;
    long checker = 0;
    Map<String, Long> outermost = new HashMap<>();
    Map<String, Long> innermost = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> calleeLeaf = new HashMap<>();
    Map<String, Long> checkerClass = new HashMap<>();
    Map<String, Long> callee = new HashMap<>();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null) {
          continue;
        }
        all++;
        if (stack.isTruncated()) {
          truncated++;
        }
        List<RecordedFrame> frames = stack.getFrames(); // leaf first
        String inner = null;
        String outer = null;
        String calledByInner = null;
        boolean ep = false;
        Set<String> methods = new LinkedHashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        for (RecordedFrame frame : frames) {
          String type = frame.getMethod().getType().getName();
          if (type.startsWith("com.google.errorprone.")) {
            ep = true;
          }
          if (type.startsWith(CHECKER)) {
            String method = shortName(type) + "." + frame.getMethod().getName();
            if (inner == null) {
              inner = method;
              int at = frames.indexOf(frame);
              calledByInner = at == 0 ? "(self)" : frames.get(at - 1).getMethod().getType().getName() + "."
                  + frames.get(at - 1).getMethod().getName();
            }
            outer = method;
            methods.add(method);
            classes.add(shortName(type).replaceAll("\\$.*", ""));
          }
        }
        if (ep) {
          errorProne++;
        }
        if (inner == null) {
          continue;
        }
        checker++;
        add(outermost, outer);
        add(innermost, inner);
        add(callee, inner + " -> " + calledByInner);
        methods.forEach(m -> add(inclusive, m));
        classes.forEach(c -> add(checkerClass, c));
        RecordedFrame leaf = frames.get(0);
        String leafType = leaf.getMethod().getType().getName();
        if (leafType.startsWith(CHECKER)) {
          add(self, shortName(leafType) + "." + leaf.getMethod().getName());
        } else {
          add(calleeLeaf, leafType + "." + leaf.getMethod().getName());
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d execution samples (%d truncated stacks); Error Prone on the stack in %d"
        + " (%.1f%%); dev.corral.checker on the stack in %d (%.1f%% of all, %.1f%% of Error Prone's)%n", file, all,
        truncated, errorProne, pct(errorProne, all), checker, pct(checker, all), pct(checker, errorProne));
    print("checker samples by outermost checker frame (the check's entry point)", outermost, checker, all, top);
    print("checker samples by innermost checker frame (callees included)", innermost, checker, all, top);
    print("innermost checker frame -> the method it called", callee, checker, all, top);
    print("checker methods on the stack (inclusive)", inclusive, checker, all, top);
    print("checker classes on the stack (inclusive)", checkerClass, checker, all, top);
    print("checker self time (leaf frame in the checker)", self, checker, all, top);
    print("leaf frames outside the checker, under a checker frame (what the checks call)", calleeLeaf, checker, all,
        top);
  }

  private static void print(String title, Map<String, Long> counts, long checker, long all, int top) {
    System.out.printf(Locale.ROOT, "%n%s:%n  %8s %8s %8s  %s%n", title, "samples", "% chk", "% all", "frame");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %8d %7.1f%% %7.2f%%  %s%n", e.getValue(),
            pct(e.getValue(), checker), pct(e.getValue(), all), e.getKey()));
  }

  private static void add(Map<String, Long> counts, String key) {
    counts.merge(key, 1L, Long::sum);
  }

  private static String shortName(String type) {
    return type.startsWith(CHECKER) ? type.substring(CHECKER.length()) : type;
  }

  private static double pct(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
