package dev.corral.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Peak heap of each JMH iteration, which {@code -prof gc} does not give (it reports allocation rate and churn).
 * Use: {@code -prof dev.corral.benchmarks.PeakHeapProfiler}, with a fixed heap ({@code -Xms} = {@code -Xmx}) and a
 * stated collector. Before each iteration it runs {@code System.gc()} and resets the heap pools' peaks; after it,
 * it reports, in MiB:
 *
 * <ul>
 *   <li>{@code peak.heap.used}: the largest total heap in use at any moment of the iteration, read from the GC
 *       notifications' usage <em>before</em> each collection (heap use only grows between collections) and the
 *       usage at the iteration's end;
 *   <li>{@code peak.heap.live}: the largest total heap left <em>after</em> a collection during the iteration: the
 *       peak of what was reachable, independent of how far the collector let garbage pile up (0 if no GC ran);
 *   <li>{@code peak.heap.pools}: the sum of every heap pool's own peak ({@code MemoryPoolMXBean.getPeakUsage()});
 *       an upper bound, as the pools peak at different moments.
 * </ul>
 */
public final class PeakHeapProfiler implements InternalProfiler {
  private static final double MIB = 1024.0 * 1024.0;

  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
  private final Set<String> heapPoolNames = new HashSet<>();
  private final AtomicLong maxBeforeGc = new AtomicLong();
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private volatile boolean recording;

  public PeakHeapProfiler() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool);
        heapPoolNames.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
          if (!recording
              || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
          }
          GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
          maxBeforeGc.accumulateAndGet(heapUsed(info.getMemoryUsageBeforeGc()), Math::max);
          maxAfterGc.accumulateAndGet(heapUsed(info.getMemoryUsageAfterGc()), Math::max);
          collections.incrementAndGet();
        }, null, null);
      }
    }
  }

  @Override
  public String getDescription() {
    return "peak heap per iteration (GC notifications and heap pool peaks)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    System.gc();
    pause(); // let the notifications of that collection pass before recording starts
    maxBeforeGc.set(0);
    maxAfterGc.set(0);
    collections.set(0);
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    recording = true;
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long atEnd = 0;
    long poolPeaks = 0;
    for (MemoryPoolMXBean pool : heapPools) {
      atEnd += pool.getUsage().getUsed();
      poolPeaks += pool.getPeakUsage().getUsed();
    }
    pause(); // GC notifications arrive on a JDK thread, a little after the collection
    recording = false;
    long used = Math.max(maxBeforeGc.get(), atEnd);
    return List.of(
        new ScalarResult("peak.heap.used", used / MIB, "MiB", AggregationPolicy.AVG),
        new ScalarResult("peak.heap.live", maxAfterGc.get() / MIB, "MiB", AggregationPolicy.AVG),
        new ScalarResult("peak.heap.pools", poolPeaks / MIB, "MiB", AggregationPolicy.AVG),
        new ScalarResult("peak.heap.gcs", collections.get(), "GCs", AggregationPolicy.AVG));
  }

  private long heapUsed(Map<String, MemoryUsage> usage) {
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> pool : usage.entrySet()) {
      if (heapPoolNames.contains(pool.getKey())) {
        sum += pool.getValue().getUsed();
      }
    }
    return sum;
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
