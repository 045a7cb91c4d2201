package dev.corral.benchmarks;

import dev.corral.Task;
import dev.corral.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Skynet: a tree of {@code 10^depth} leaf tasks with fan-out 10, each inner task a nested group that sums its
 * children. {@code depth = 6} is a million tasks. Needs Java 21+ (virtual threads).
 *
 * <p>Memory: {@code -prof gc} gives the bytes allocated per run ({@code gc.alloc.rate.norm}); peak heap comes from
 * {@code -prof dev.corral.benchmarks.PeakHeapProfiler}. The fork's heap is fixed (2 GiB, G1, {@code -Xms} =
 * {@code -Xmx}) so that both variants run under the same collector and the same heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class SkynetBenchmark {
  private static final int FAN_OUT = 10;

  @Param({"6"})
  public int depth;

  @Benchmark
  public long taskGroup() throws InterruptedException {
    return corral(0, depth);
  }

  @Benchmark
  public long virtualThreadExecutor() throws Exception {
    ExecutorService executor = Baselines.newVirtualThreadPerTaskExecutor();
    try {
      return raw(executor, 0, depth);
    } finally {
      Baselines.close(executor);
    }
  }

  private static long corral(long number, int level) throws InterruptedException {
    if (level == 0) {
      return number;
    }
    try (TaskGroup group = TaskGroup.open()) {
      List<Task<Long>> children = new ArrayList<>(FAN_OUT);
      for (int i = 0; i < FAN_OUT; i++) {
        long child = number * FAN_OUT + i;
        children.add(group.fork(() -> corral(child, level - 1)));
      }
      group.join();
      long sum = 0;
      for (Task<Long> task : children) {
        sum += task.get();
      }
      return sum;
    }
  }

  private static long raw(ExecutorService executor, long number, int level) throws Exception {
    if (level == 0) {
      return number;
    }
    List<Future<Long>> children = new ArrayList<>(FAN_OUT);
    for (int i = 0; i < FAN_OUT; i++) {
      long child = number * FAN_OUT + i;
      children.add(executor.submit(() -> raw(executor, child, level - 1)));
    }
    long sum = 0;
    for (Future<Long> future : children) {
      sum += future.get();
    }
    return sum;
  }
}
