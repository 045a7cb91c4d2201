import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * What bounds the fail-fast latency, without Corral or JMH (docs/performance.md): 1000 virtual threads are blocked,
 * one thread interrupts them all from an array; prints p50/p99 of the interrupt loop alone and of "every sibling
 * observed its interrupt", over 300 rounds after 100 warm-up rounds. The way the siblings block is the argument:
 * shared (one CountDownLatch for all), own (a latch each), sleep (Thread.sleep), park (LockSupport.park and the
 * interrupt flag, no exception thrown).
 *
 * <p>Run: {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/experiments/InterruptDrain.java own}
 */
public class InterruptDrain {
  public static void main(String[] args) throws Exception {
    String how = args.length > 0 ? args[0] : "shared";
    int n = 1000;
    int rounds = 300;
    long[] loops = new long[rounds];
    long[] totals = new long[rounds];
    for (int r = 0; r < rounds + 100; r++) {
      CountDownLatch started = new CountDownLatch(n + 1);
      CountDownLatch fail = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(n);
      CountDownLatch shared = new CountDownLatch(1);
      Thread[] siblings = new Thread[n];
      for (int i = 0; i < n; i++) {
        CountDownLatch latch = how.equals("own") ? new CountDownLatch(1) : shared;
        siblings[i] = Thread.ofVirtual().start(() -> {
          started.countDown();
          try {
            switch (how) {
              case "sleep" -> Thread.sleep(1_000_000);
              case "park" -> {
                while (!Thread.interrupted()) {
                  LockSupport.park();
                }
                done.countDown(); // the interrupt flag only: no exception
                return;
              }
              default -> latch.await();
            }
          } catch (InterruptedException e) {
            done.countDown();
          }
        });
      }
      long[] loopEnd = new long[1];
      Thread failing = Thread.ofVirtual().start(() -> {
        started.countDown();
        try {
          fail.await();
        } catch (InterruptedException e) {
          return;
        }
        for (Thread t : siblings) {
          t.interrupt();
        }
        loopEnd[0] = System.nanoTime();
      });
      started.await();
      long t0 = System.nanoTime();
      fail.countDown();
      done.await();
      long t1 = System.nanoTime();
      failing.join();
      for (Thread t : siblings) {
        t.join();
      }
      if (r >= 100) {
        loops[r - 100] = loopEnd[0] - t0;
        totals[r - 100] = t1 - t0;
      }
    }
    Arrays.sort(loops);
    Arrays.sort(totals);
    System.out.printf("%s: interrupt loop p50 %d us, p99 %d us | every sibling observed it p50 %d us, p99 %d us%n",
        how, loops[rounds / 2] / 1000, loops[rounds * 99 / 100] / 1000, totals[rounds / 2] / 1000,
        totals[rounds * 99 / 100] / 1000);
  }
}
