package dev.corral.benchmarks;

import dev.corral.Gather;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Gather.all} over {@code futures} CompletableFutures, half already done and half completed by a pool
 * while they are gathered, against {@code CompletableFuture.allOf(...).join()} plus a {@code join()} per element.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class GatherBenchmark {
  @Param({"1000"})
  public int futures;

  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() {
    pool = Executors.newFixedThreadPool(2);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public long gatherAll() throws InterruptedException {
    long sum = 0;
    for (int value : Gather.all(inputs())) {
      sum += value;
    }
    return sum;
  }

  @Benchmark
  public long allOfThenJoinEach() {
    List<CompletableFuture<Integer>> inputs = inputs();
    CompletableFuture.allOf(inputs.toArray(new CompletableFuture<?>[0])).join();
    long sum = 0;
    for (CompletableFuture<Integer> input : inputs) {
      sum += input.join();
    }
    return sum;
  }

  private List<CompletableFuture<Integer>> inputs() {
    List<CompletableFuture<Integer>> inputs = new ArrayList<>(futures);
    for (int i = 0; i < futures; i++) {
      int value = i;
      inputs.add(i % 2 == 0 ? CompletableFuture.completedFuture(value)
          : CompletableFuture.supplyAsync(() -> value, pool));
    }
    return inputs;
  }
}
