package dev.corral.benchmarks;

import dev.corral.TaskGroup;
import dev.corral.TaskGroupException;
import java.util.concurrent.CountDownLatch;
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
 * Fail-fast latency: {@code siblings} tasks are blocked; one task fails; the measured time runs from the failure
 * being released until every sibling has been interrupted (p99 is the figure: {@code Mode.SampleTime}). The group
 * with its blocked tasks is built before each invocation and closed after it, outside the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class FailFastLatencyBenchmark {
  @Param({"1000"})
  public int siblings;

  private TaskGroup group;
  private CountDownLatch fail;
  private CountDownLatch interrupted;

  @Setup(Level.Invocation)
  public void blockSiblings() throws InterruptedException {
    group = TaskGroup.open();
    fail = new CountDownLatch(1);
    interrupted = new CountDownLatch(siblings);
    CountDownLatch started = new CountDownLatch(siblings + 1);
    CountDownLatch never = new CountDownLatch(1);
    for (int i = 0; i < siblings; i++) {
      group.fork(() -> {
        started.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      });
    }
    group.fork(() -> {
      started.countDown();
      fail.await();
      throw new IllegalStateException("the first failure");
    });
    started.await();
  }

  @Benchmark
  public void firstFailureInterruptsEverySibling() throws InterruptedException {
    fail.countDown();
    interrupted.await();
  }

  @TearDown(Level.Invocation)
  public void close() throws InterruptedException {
    try {
      group.join();
    } catch (TaskGroupException expected) {
      // the failure the benchmark released
    }
    group.close();
  }
}
