package dev.corral.benchmarks;

import dev.corral.Task;
import dev.corral.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Fork and join {@code tasks} trivial tasks, then read every result: a {@link TaskGroup} against the JDK's ways to
 * do the same. Virtual-thread baselines need Java 21+, {@code structuredTaskScope} Java 25; on 17 run only
 * {@code taskGroup}, {@code cachedThreadPool} and {@code platformThreadPerTask} (the class itself loads on 17: the
 * newer APIs are behind {@link Baselines}). {@code taskGroup} measures whatever a group's default threads are on
 * the running JVM; the trial set-up prints which kind of thread a task ran on ({@code default task thread: ...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-preview")
public class ForkJoinBenchmark {
  @Param({"1", "10", "1000"})
  public int tasks;

  private ExecutorService cachedPool;

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    cachedPool = Executors.newCachedThreadPool();
    try (TaskGroup group = TaskGroup.open()) {
      Task<String> probe = group.fork(() -> Thread.currentThread().toString());
      group.join();
      System.out.println("default task thread: " + probe.get() + " (Java " + Runtime.version() + ")");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cachedPool.shutdownNow();
  }

  /** Corral: one group per batch, default threads (virtual on 21+). */
  @Benchmark
  public long taskGroup() throws InterruptedException {
    try (TaskGroup group = TaskGroup.open()) {
      List<Task<Integer>> forked = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        int value = i;
        forked.add(group.fork(() -> value));
      }
      group.join();
      long sum = 0;
      for (Task<Integer> task : forked) {
        sum += task.get();
      }
      return sum;
    }
  }

  /** {@code newVirtualThreadPerTaskExecutor()} closed per batch: submit, then get each. */
  @Benchmark
  public long virtualThreadExecutor() throws Exception {
    ExecutorService executor = Baselines.newVirtualThreadPerTaskExecutor();
    try {
      return submitAndGet(executor);
    } finally {
      Baselines.close(executor);
    }
  }

  /** A shared cached platform-thread pool: submit, then get each (the Java 17 baseline). */
  @Benchmark
  public long cachedThreadPool() throws Exception {
    return submitAndGet(cachedPool);
  }

  /** A new platform thread per task, started and joined through a {@link FutureTask}: Java 17's thread-per-task. */
  @Benchmark
  public long platformThreadPerTask() throws Exception {
    List<FutureTask<Integer>> futures = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int value = i;
      FutureTask<Integer> future = new FutureTask<>(() -> value);
      new Thread(future).start();
      futures.add(future);
    }
    long sum = 0;
    for (FutureTask<Integer> future : futures) {
      sum += future.get();
    }
    return sum;
  }

  /** {@code supplyAsync} on a per-batch virtual-thread executor, then {@code allOf(...).join()}. */
  @Benchmark
  public long completableFutureAllOf() throws InterruptedException {
    ExecutorService executor = Baselines.newVirtualThreadPerTaskExecutor();
    try {
      @SuppressWarnings({"unchecked", "rawtypes"})
      CompletableFuture<Integer>[] futures = new CompletableFuture[tasks];
      for (int i = 0; i < tasks; i++) {
        int value = i;
        futures[i] = CompletableFuture.supplyAsync(() -> value, executor);
      }
      CompletableFuture.allOf(futures).join();
      long sum = 0;
      for (CompletableFuture<Integer> future : futures) {
        sum += future.join();
      }
      return sum;
    } finally {
      Baselines.close(executor);
    }
  }

  /** JDK 25 {@code StructuredTaskScope.open()} (preview): fork, join, read each subtask. */
  @Benchmark
  public long structuredTaskScope() throws Throwable {
    try (AutoCloseable scope = Baselines.openScope()) {
      List<Supplier<?>> forked = new ArrayList<>(tasks);
      for (int i = 0; i < tasks; i++) {
        int value = i;
        forked.add(Baselines.fork(scope, () -> value));
      }
      Baselines.join(scope);
      long sum = 0;
      for (Supplier<?> subtask : forked) {
        sum += (Integer) subtask.get();
      }
      return sum;
    }
  }

  private long submitAndGet(ExecutorService executor) throws Exception {
    List<Future<Integer>> futures = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      int value = i;
      futures.add(executor.submit(() -> value));
    }
    long sum = 0;
    for (Future<Integer> future : futures) {
      sum += future.get();
    }
    return sum;
  }
}
