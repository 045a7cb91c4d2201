package dev.corral.samples.bad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Futures whose failure nobody can observe (LeakedFuture's shapes). */
public final class LeakedFutureSample {
  /** Discarded as a statement: if reload() throws, the exception stays inside the dropped future. */
  public void refresh() {
    CompletableFuture.runAsync(this::reload);
  }

  /** Awaited on one path only: when the record is not urgent, a failed write is never seen. */
  public void save(String record, boolean urgent) {
    CompletableFuture<Void> write = CompletableFuture.runAsync(() -> write(record));
    if (urgent) {
      write.join();
    }
  }

  /** Collected into a list nobody reads. */
  public void notifyUsers(List<String> users) {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (String user : users) {
      sends.add(CompletableFuture.runAsync(() -> send(user)));
    }
  }

  /** A derived stage dropped: a failure of audit(), or of the user future itself, is lost. */
  public void audit(CompletableFuture<String> user) {
    user.thenAccept(this::record);
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
