package dev.corral.samples.bad;

import dev.corral.TaskGroup;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Work started with no owner: nobody waits for it, and its exceptions never reach this code. */
public final class UnscopedTaskSample {
  private final ExecutorService mailer = Executors.newFixedThreadPool(2);

  /** Fire-and-forget: a failed mail goes to the pool thread's uncaught-exception handler, then nowhere. */
  public void sendWelcomeMails(List<String> users) {
    for (String user : users) {
      mailer.execute(() -> send(user));
    }
  }

  /** A thread nobody joins: reindex() may still run when the caller thinks the index is ready. */
  public void rebuildIndex() throws InterruptedException {
    new Thread(this::reindex, "reindex").start();
  }

  /** The same with a virtual thread. */
  public void warmCache(List<String> keys) throws InterruptedException {
    Thread.ofVirtual().start(() -> keys.forEach(this::load));
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

  private void reindex() {}

  private void load(String key) {}
}
