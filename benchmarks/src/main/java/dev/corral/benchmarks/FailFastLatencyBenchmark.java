package dev.corral.benchmarks;

import dev.corral.TaskGroup;
import dev.corral.TaskGroupException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
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
 * being released until every sibling has been interrupted (p99 is the figure: {@code Mode.SampleTime}). The
 * blocked tasks are set up before each invocation and torn down after it, outside the measurement.
 *
 * <p>Three ways, each with its own state: {@code taskGroup} (Corral, default threads); {@code rawInterrupt}, the
 * lower bound: the same threads (virtual on 21+, platform on 17, as Corral's default) blocked the same way, and
 * the failing thread interrupts each of them from an array, with no group; {@code executorShutdownNow}, the
 * hand-written equivalent: the failing task calls {@code shutdownNow()} on its virtual-thread-per-task executor
 * (Java 21+).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class FailFastLatencyBenchmark {

  /** The latches every variant shares: release the failure, then wait until all siblings saw their interrupt. */
  @State(Scope.Thread)
  public abstract static class Blocked {
    @Param({"1000"})
    public int siblings;

    /**
     * What the siblings block on: {@code shared}, one {@code CountDownLatch} for all (the first readings); or
     * {@code own}, a latch each. With one shared latch, each interrupted waiter unlinks its node from the latch's
     * single AQS queue, so the JDK's own clean-up grows with the number of waiters and dominates the figure.
     */
    @Param({"shared", "own"})
    public String blockedOn;

    CountDownLatch fail;
    CountDownLatch interrupted;
    CountDownLatch started;
    CountDownLatch never;

    void latches() {
      fail = new CountDownLatch(1);
      interrupted = new CountDownLatch(siblings);
      started = new CountDownLatch(siblings + 1);
      never = new CountDownLatch(1);
    }

    /** A sibling: blocked until interrupted, then counts down. */
    Runnable sibling() {
      CountDownLatch blocker = blockedOn.equals("own") ? new CountDownLatch(1) : never;
      return () -> {
        started.countDown();
        try {
          blocker.await();
        } catch (InterruptedException e) {
          interrupted.countDown();
        }
      };
    }
  }

  @State(Scope.Thread)
  public static class Corral extends Blocked {
    TaskGroup group;

    @Setup(Level.Invocation)
    public void blockSiblings() throws InterruptedException {
      latches();
      group = TaskGroup.open();
      for (int i = 0; i < siblings; i++) {
        group.fork(sibling());
      }
      group.fork(() -> {
        started.countDown();
        fail.await();
        throw new IllegalStateException("the first failure");
      });
      started.await();
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

  @State(Scope.Thread)
  public static class Raw extends Blocked {
    Thread[] threads;
    Thread failing;

    @Setup(Level.Invocation)
    public void blockSiblings() throws InterruptedException {
      latches();
      ThreadFactory factory = Baselines.defaultThreads();
      threads = new Thread[siblings];
      for (int i = 0; i < siblings; i++) {
        threads[i] = factory.newThread(sibling());
        threads[i].start();
      }
      Thread[] toInterrupt = threads;
      failing = factory.newThread(() -> {
        started.countDown();
        try {
          fail.await();
        } catch (InterruptedException e) {
          return;
        }
        for (Thread thread : toInterrupt) {
          thread.interrupt();
        }
      });
      failing.start();
      started.await();
    }

    @TearDown(Level.Invocation)
    public void joinAll() throws InterruptedException {
      failing.join();
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  @State(Scope.Thread)
  public static class Executor extends Blocked {
    ExecutorService executor;

    @Setup(Level.Invocation)
    public void blockSiblings() throws InterruptedException {
      latches();
      executor = Baselines.newVirtualThreadPerTaskExecutor();
      ExecutorService self = executor;
      for (int i = 0; i < siblings; i++) {
        executor.execute(sibling());
      }
      executor.execute(() -> {
        started.countDown();
        try {
          fail.await();
        } catch (InterruptedException e) {
          return;
        }
        self.shutdownNow();
      });
      started.await();
    }

    @TearDown(Level.Invocation)
    public void close() throws InterruptedException {
      Baselines.close(executor);
    }
  }

  @Benchmark
  public void taskGroup(Corral state) throws InterruptedException {
    state.fail.countDown();
    state.interrupted.await();
  }

  @Benchmark
  public void rawInterrupt(Raw state) throws InterruptedException {
    state.fail.countDown();
    state.interrupted.await();
  }

  @Benchmark
  public void executorShutdownNow(Executor state) throws InterruptedException {
    state.fail.countDown();
    state.interrupted.await();
  }
}
