package dev.corral.benchmarks;

import dev.corral.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@code tasks} short tasks with at most {@code limit} running at once: a group with
 * {@code maxConcurrency(limit)} against a {@link Semaphore}-guarded virtual-thread executor (Java 21+).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class BoundedConcurrencyBenchmark {
  @Param({"4"})
  public int limit;

  @Param({"1000"})
  public int tasks;

  @Benchmark
  public void taskGroup() throws InterruptedException {
    try (TaskGroup group = TaskGroup.builder().maxConcurrency(limit).open()) {
      for (int i = 0; i < tasks; i++) {
        group.fork(BoundedConcurrencyBenchmark::work);
      }
      group.join();
    }
  }

  @Benchmark
  public void semaphoreGuardedExecutor() throws Exception {
    Semaphore permits = new Semaphore(limit);
    ExecutorService executor = Baselines.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<?>> futures = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        permits.acquire();
        futures.add(executor.submit(() -> {
          try {
            work();
          } finally {
            permits.release();
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      Baselines.close(executor);
    }
  }

  private static void work() {
    Thread.onSpinWait();
  }
}
