package dev.corral.samples.fixed;

import dev.corral.TaskGroup;
import java.util.List;

/** The same work, each piece owned by a block that waits for it and sees its failure. */
public final class UnscopedTaskSample {
  /** Every mail is forked into a group; join() waits and throws if a mail failed. */
  public void sendWelcomeMails(List<String> users) throws InterruptedException {
    try (var group = TaskGroup.builder().maxConcurrency(2).open()) {
      for (String user : users) {
        group.fork(() -> send(user));
      }
      group.join();
    }
  }

  /** The thread is kept and joined. */
  public void rebuildIndex() throws InterruptedException {
    Thread thread = new Thread(this::reindex, "reindex");
    thread.start();
    thread.join();
  }

  /** The virtual thread is joined. */
  public void warmCache(List<String> keys) throws InterruptedException {
    Thread.ofVirtual().start(() -> keys.forEach(this::load)).join();
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

  private void reindex() {}

  private void load(String key) {}
}
