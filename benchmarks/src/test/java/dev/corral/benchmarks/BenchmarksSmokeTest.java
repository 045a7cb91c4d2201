package dev.corral.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, tiny, so that the suites cannot rot: one fork, no warmup, one short iteration, small
 * parameters. It asserts only that each benchmark ran; figures come from the documented JMH commands.
 */
class BenchmarksSmokeTest {

  @Test
  void everyBenchmarkRuns() throws Exception {
    OptionsBuilder options = new OptionsBuilder();
    options.include(ForkJoinBenchmark.class.getSimpleName() + "\\.(taskGroup|cachedThreadPool|platformThreadPerTask)$");
    options.include(FailFastLatencyBenchmark.class.getSimpleName() + "\\.(taskGroup|rawInterrupt)$");
    options.include(GatherBenchmark.class.getSimpleName());
    if (Baselines.hasVirtualThreads()) {
      options.include(ForkJoinBenchmark.class.getSimpleName() + "\\.(virtualThreadExecutor|completableFutureAllOf)$");
      options.include(FailFastLatencyBenchmark.class.getSimpleName() + "\\.executorShutdownNow$");
      options.include(SkynetBenchmark.class.getSimpleName());
      options.include(BoundedConcurrencyBenchmark.class.getSimpleName());
    }
    if (Runtime.version().feature() >= 25) {
      options.include(ForkJoinBenchmark.class.getSimpleName() + "\\.structuredTaskScope$");
    }
    Options smoke = options
        .forks(1)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .param("tasks", "10")
        .param("depth", "2")
        .param("siblings", "20")
        .param("blockedOn", "own")
        .param("futures", "20")
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(smoke).run();
    assertFalse(results.isEmpty(), "no benchmark ran");
  }

  @Test
  void peakHeapProfilerReports() throws Exception {
    Options smoke = new OptionsBuilder()
        .include(ForkJoinBenchmark.class.getSimpleName() + "\\.taskGroup$")
        .addProfiler(PeakHeapProfiler.class)
        .forks(1)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .param("tasks", "10")
        .shouldFailOnError(true)
        .build();
    for (RunResult result : new Runner(smoke).run()) {
      assertTrue(result.getSecondaryResults().containsKey("peak.heap.used"), "no peak.heap.used");
    }
  }
}
