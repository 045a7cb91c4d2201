package dev.corral.samples.fixed;

import dev.corral.TaskGroup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The same work, each piece owned by a block that waits for it and sees its failure. */
public final class UnscopedTaskSample {
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean warming = new AtomicBoolean();

  /** Every mail is forked into a group; join() waits and throws if a mail failed. */
  public void sendWelcomeMails(List<String> users) throws InterruptedException {
    pending.addAll(users);
    try (var group = TaskGroup.builder().maxConcurrency(2).open()) {
      for (String user : users) {
        group.fork(
            () -> {
              send(user);
              pending.remove(user);
            });
      }
      group.join();
    }
  }

  /** The future is the task's own: a failed load completes it exceptionally, and its callers see why. */
  public CompletableFuture<Void> rebuildIndex(List<String> keys) {
    return CompletableFuture.runAsync(() -> keys.forEach(this::load));
  }

  /** The virtual thread is joined, and the flag is reset whatever the warm-up does. */
  public void warmCache(List<String> keys) throws InterruptedException {
    if (warming.compareAndSet(false, true)) {
      try {
        Thread.ofVirtual().start(() -> keys.forEach(this::load)).join();
      } finally {
        warming.set(false);
      }
    }
  }

  /** The batch is a group of at most four: join() waits for every load and throws if one failed. */
  public void loadAll(List<String> keys) throws InterruptedException {
    try (var group = TaskGroup.builder().maxConcurrency(4).open()) {
      for (String key : keys) {
        group.fork(() -> load(key));
      }
      group.join();
    }
  }

  /** The group is a try-with-resources resource: close() waits for every task and reports failures. */
  public void refreshAll(List<String> keys) {
    try (TaskGroup group = TaskGroup.open()) {
      for (String key : keys) {
        group.fork(() -> load(key));
      }
    }
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
