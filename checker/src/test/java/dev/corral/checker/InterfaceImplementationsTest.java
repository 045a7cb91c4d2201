package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call of an interface method whose implementations in the build are known is judged by their bodies, as a call of
 * a method overridden nowhere is judged by its own: any of them may run, so it leaks when one of them hands back fresh
 * work. A library's interface has the library's own implementations, whatever the build adds.
 */
final class InterfaceImplementationsTest {
  private static final String PROVIDER =
      """
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.Executor;

      interface Provider {
        CompletableFuture<Boolean> scheduleCleanup();

        CompletableFuture<Boolean> refresh();
      }

      final class ProviderImpl implements Provider {
        private final Executor executor;

        ProviderImpl(Executor executor) {
          this.executor = executor;
        }

        @Override
        public CompletableFuture<Boolean> scheduleCleanup() {
          CompletableFuture<Boolean> done = new CompletableFuture<>();
          executor.execute(
              () -> {
                try {
                  cleanup();
                } finally {
                  done.complete(true);
                }
              });
          return done;
        }

        @Override
        public CompletableFuture<Boolean> refresh() {
          return CompletableFuture.supplyAsync(() -> cleanup(), executor);
        }

        private boolean cleanup() {
          if (executor == null) {
            throw new IllegalStateException("closed");
          }
          return true;
        }
      }
      """;

  @Test
  void theOneImplementationDecides() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Provider.java", PROVIDER)
        .addSourceLines(
            "User.java",
            """
            final class User {
              void close(Provider provider) {
                provider.scheduleCleanup();
                // BUG: Diagnostic contains: LeakedFuture
                provider.refresh();
              }
            }
            """)
        .doTest();
  }

  @Test
  void everyImplementationLackingEvidenceDecides() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Provider.java", PROVIDER)
        .addSourceLines(
            "Remote.java",
            """
            import java.util.concurrent.CompletableFuture;

            final class Remote implements Provider {
              private final CompletableFuture<Boolean> cleaned = new CompletableFuture<>();

              @Override
              public CompletableFuture<Boolean> scheduleCleanup() {
                cleaned.complete(true);
                return cleaned;
              }

              @Override
              public CompletableFuture<Boolean> refresh() {
                return CompletableFuture.completedFuture(true);
              }
            }
            """)
        .addSourceLines(
            "User.java",
            """
            final class User {
              void close(Provider provider) {
                provider.scheduleCleanup();
                // BUG: Diagnostic contains: LeakedFuture
                provider.refresh();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aPromiseFromTheBuildsFactoryHandedToTheWriteIsFresh() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Output.java",
            """
            import java.util.concurrent.CompletableFuture;

            class WriteFuture<T> extends CompletableFuture<T> {
              static <T> WriteFuture<T> create() {
                return new WriteFuture<>();
              }
            }

            final class Adapter {
              Adapter(CompletableFuture<Integer> future) {}
            }

            interface Connection {
              void write(Object buffer, Adapter adapter);
            }

            abstract class Output {
              abstract WriteFuture<Integer> flush0(Object buffer);

              void ensureCapacity() {
                // BUG: Diagnostic contains: LeakedFuture
                flush0(null);
              }
            }

            final class NetworkOutput extends Output {
              private final Connection connection;

              NetworkOutput(Connection connection) {
                this.connection = connection;
              }

              @Override
              WriteFuture<Integer> flush0(Object buffer) {
                WriteFuture<Integer> future = WriteFuture.create();
                connection.write(buffer, new Adapter(future));
                return future;
              }
            }

            final class DiscardingOutput extends Output {
              @Override
              WriteFuture<Integer> flush0(Object buffer) {
                WriteFuture<Integer> future = WriteFuture.create();
                future.complete(0);
                return future;
              }
            }
            """)
        .doTest();
  }

  @Test
  void withTwoImplementationsEitherMayRun() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Provider.java", PROVIDER)
        .addSourceLines(
            "Other.java",
            """
            import java.util.concurrent.CompletableFuture;

            final class Other implements Provider {
              @Override
              public CompletableFuture<Boolean> scheduleCleanup() {
                return CompletableFuture.supplyAsync(() -> true);
              }

              @Override
              public CompletableFuture<Boolean> refresh() {
                return CompletableFuture.supplyAsync(() -> true);
              }
            }
            """)
        .addSourceLines(
            "User.java",
            """
            final class User {
              void close(Provider provider) {
                // BUG: Diagnostic contains: LeakedFuture
                provider.scheduleCleanup();
                // BUG: Diagnostic contains: LeakedFuture
                provider.refresh();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aLibraryInterfaceHasTheLibrarysImplementationsToo() {
    Path library =
        PrecompiledLibrary.compile(
            Map.of(
                "org/example/net/Context.java",
                """
                package org.example.net;

                import java.util.concurrent.CompletableFuture;

                public interface Context {
                  CompletableFuture<Void> close();
                }
                """));
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .setArgs("-classpath", PrecompiledLibrary.classpathWith(library))
        .addSourceLines(
            "Delegating.java",
            """
            import java.util.concurrent.CompletableFuture;
            import org.example.net.Context;

            final class Delegating implements Context {
              @Override
              public CompletableFuture<Void> close() {
                return CompletableFuture.completedFuture(null);
              }
            }
            """)
        .addSourceLines(
            "Handler.java",
            """
            import org.example.net.Context;

            final class Handler {
              void exceptionCaught(Context ctx) {
                // BUG: Diagnostic contains: LeakedFuture
                ctx.close();
              }
            }
            """)
        .doTest();
  }
}
