package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A call given a completion listener (Grizzly's {@code CompletionHandler}: {@code completed}, {@code failed},
 * {@code cancelled}, {@code updated}) hands its failure to that listener, so the future it also returns may be
 * dropped; given {@code null} for the listener, it hands the failure to nobody but the future.
 */
final class CompletionHandlerArgumentsTest {
  private static final String CONNECTION =
      """
      package org.example.nio;

      import java.util.concurrent.Future;

      public interface Connection {
        interface CompletionHandler<E> {
          void cancelled();

          void failed(Throwable throwable);

          void completed(E result);

          void updated(E result);
        }

        /** Not a listener: it answers questions, so it is a collaborator of the call. */
        interface Context {
          void completed(Object result);

          void failed(Throwable throwable);

          boolean isCancelled();

          Object attribute(String name);
        }

        Future<Integer> write(Object message, CompletionHandler<Integer> handler);

        Future<Integer> writeAll(Object message, CompletionHandler<?>... handlers);

        Future<Integer> writeIn(Object message, Context context);
      }
      """;

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
          .addSourceLines("org/example/nio/Connection.java", CONNECTION);

  @Test
  void aListenerArgumentSeesTheFailure() {
    helper
        .addSourceLines(
            "A.java",
            """
            import org.example.nio.Connection;

            class A {
              void send(Connection connection, Object message, Connection.CompletionHandler<Integer> handler) {
                connection.write(message, handler);
                connection.writeAll(message, handler);
                connection.write(
                    message,
                    new Connection.CompletionHandler<Integer>() {
                      @Override
                      public void cancelled() {}

                      @Override
                      public void failed(Throwable throwable) {
                        throwable.printStackTrace();
                      }

                      @Override
                      public void completed(Integer result) {}

                      @Override
                      public void updated(Integer result) {}
                    });
              }
            }
            """)
        .doTest();
  }

  @Test
  void aNullListenerSeesNothing() {
    helper
        .addSourceLines(
            "A.java",
            """
            import org.example.nio.Connection;

            class A {
              void send(Connection connection, Object message) {
                // BUG: Diagnostic contains: LeakedFuture
                connection.write(message, null);
              }
            }
            """)
        .doTest();
  }

  @Test
  void aContextThatAnswersQuestionsIsNoListener() {
    helper
        .addSourceLines(
            "A.java",
            """
            import org.example.nio.Connection;

            class A {
              void send(Connection connection, Object message, Connection.Context context) {
                // BUG: Diagnostic contains: LeakedFuture
                connection.writeIn(message, context);
              }
            }
            """)
        .doTest();
  }
}
