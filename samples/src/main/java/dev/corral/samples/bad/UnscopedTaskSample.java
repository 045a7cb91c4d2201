package dev.corral.samples.bad;

import dev.corral.TaskGroup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work started with no owner: nobody waits for it, its exceptions never reach this code, and a failure leaves
 * undone what others wait for.
 */
public final class UnscopedTaskSample {
  private final ExecutorService mailer = Executors.newFixedThreadPool(2);
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean warming = new AtomicBoolean();

  /**
   * Fire-and-forget: a failed mail goes to the pool thread's uncaught-exception handler, and its user stays in
   * {@code pending} for good.
   */
  public void sendWelcomeMails(List<String> users) {
    pending.addAll(users);
    for (String user : users) {
      mailer.execute(
          () -> {
            send(user);
            pending.remove(user);
          });
    }
  }

  /** A thread nobody joins: if a key fails to load, the returned future never completes and its callers hang. */
  public CompletableFuture<Void> rebuildIndex(List<String> keys) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    new Thread(
            () -> {
              keys.forEach(this::load);
              ready.complete(null);
            },
            "reindex")
        .start();
    return ready;
  }

  /** The same with a virtual thread: a key that fails to load leaves {@code warming} set, so no warm-up runs again. */
  public void warmCache(List<String> keys) {
    if (warming.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .start(
              () -> {
                keys.forEach(this::load);
                warming.set(false);
              });
    }
  }

  /**
   * A batch forked onto a pool and joined by waiting for the pool to end: a key that fails to load only prints its
   * trace, and the method returns as if every key had loaded.
   */
  public void loadAll(List<String> keys) throws InterruptedException {
    ExecutorService loaders = Executors.newFixedThreadPool(4);
    for (String key : keys) {
      loaders.execute(() -> load(key));
    }
    loaders.shutdown();
    loaders.awaitTermination(1, TimeUnit.MINUTES);
  }

  /** A group outside try-with-resources: if fork throws, close() never runs and the tasks are never awaited. */
  public void refreshAll(List<String> keys) {
    TaskGroup group = TaskGroup.open();
    for (String key : keys) {
      group.fork(() -> load(key));
    }
    group.close();
  }

  private void send(String user) {
    if (user.isEmpty()) {
      throw new IllegalArgumentException("no address");
    }
  }

  private void load(String key) {
    if (key.isBlank()) {
      throw new IllegalArgumentException("blank key");
    }
  }
}
