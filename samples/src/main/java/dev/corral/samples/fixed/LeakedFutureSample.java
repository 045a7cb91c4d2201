package dev.corral.samples.fixed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The same futures, each awaited or returned to a caller who observes it. */
public final class LeakedFutureSample {
  /** Awaited: join() rethrows reload()'s failure. */
  public void refresh() {
    CompletableFuture.runAsync(this::reload).join();
  }

  /** Awaited on every path. */
  public void save(String record, boolean urgent) {
    CompletableFuture<Void> write = CompletableFuture.runAsync(() -> write(record));
    write.join();
  }

  /** Every send is awaited through allOf(...).join(). */
  public void notifyUsers(List<String> users) {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (String user : users) {
      sends.add(CompletableFuture.runAsync(() -> send(user)));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
  }

  /** Returned: the caller owns the derived stage and its failure. */
  public CompletableFuture<Void> audit(CompletableFuture<String> user) {
    return user.thenAccept(this::record);
  }

  private void reload() {}

  private void write(String record) {
    System.out.println("write " + record);
  }

  private void send(String user) {
    System.out.println("send " + user);
  }

  private void record(String user) {
    System.out.println("audit " + user);
  }
}
