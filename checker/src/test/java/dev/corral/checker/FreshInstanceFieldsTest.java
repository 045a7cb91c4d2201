package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A callee that hands back a field of its own instance hands back what that instance's holder holds; when the
 * instance is created for the call ({@code new Invocation(op).invoke()}), nobody else holds it, so the future is the
 * caller's alone, as fresh as a {@code submit}.
 */
final class FreshInstanceFieldsTest {
  @Test
  void fieldOfAFreshInstanceIsTheCallersToObserve() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Service.java",
            """
            import java.util.concurrent.CompletableFuture;

            final class Invocation {
              private final CompletableFuture<Object> future = new CompletableFuture<>();
              private final String op;

              Invocation(String op) {
                this.op = op;
              }

              CompletableFuture<Object> invoke() {
                send();
                return future;
              }

              CompletableFuture<Object> invokeTwice() {
                return this.invoke();
              }

              void fail(Throwable t) {
                future.completeExceptionally(t);
              }

              private void send() {}
            }

            final class Service {
              private final Invocation pending = new Invocation("ping");

              CompletableFuture<Object> call(String op) {
                return new Invocation(op).invoke();
              }

              CompletableFuture<Object> callTwice(String op) {
                return new Invocation(op).invokeTwice();
              }

              CompletableFuture<Object> current() {
                return pending.invoke();
              }
            }
            """)
        .addSourceLines(
            "User.java",
            """
            final class User {
              void run(Service service, Invocation held) {
                // BUG: Diagnostic contains: LeakedFuture
                service.call("put");
                // BUG: Diagnostic contains: LeakedFuture
                service.callTwice("put");
                // BUG: Diagnostic contains: LeakedFuture
                new Invocation("put").invoke();
                service.current();
                held.invoke();
              }
            }
            """)
        .doTest();
  }
}
