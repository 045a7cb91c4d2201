package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import org.junit.jupiter.api.Test;

/**
 * A local future that some path forgets is observed on that path: before each {@code return} that leaves with it
 * unobserved, and at the end of its block when that end is a way out. An await added only at the block's end
 * would leave an early return leaking. Where the value is read on the paths that wait for it (a prefetch), the
 * forgetting paths cancel the work instead: they have no use for it.
 */
final class ForgettingPathFixesTest {
  private static final String PREFETCH =
      """
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Future;

      class Prefetch {
        ExecutorService pool;

        String handle(String key, String token) throws Exception {
          Future<String> profile = pool.submit(() -> load(key));
          if (token == null) return "unauthorized";
          return profile.get();
        }

        String firstBlank(List<String> keys) {
          CompletableFuture<String> warm = CompletableFuture.supplyAsync(() -> load("warm"), pool);
          for (String key : keys) {
            if (key.isBlank()) {
              return key;
            }
          }
          return warm.join();
        }

        String load(String key) {
          if (key.isEmpty()) {
            throw new IllegalArgumentException("empty key");
          }
          return key;
        }
      }
      """;

  @Test
  void replacementCancelsAPrefetchOnThePathsThatReturnWithoutIt() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines("Prefetch.java", PREFETCH)
        .addOutputLines(
            "Prefetch.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Prefetch {
              ExecutorService pool;

              String handle(String key, String token) throws Exception {
                Future<String> profile = pool.submit(() -> load(key));
                if (token == null) {
                  profile.cancel(true);
                  return "unauthorized";
                }
                return profile.get();
              }

              String firstBlank(List<String> keys) {
                CompletableFuture<String> warm = CompletableFuture.supplyAsync(() -> load("warm"), pool);
                for (String key : keys) {
                  if (key.isBlank()) {
                    warm.cancel(true);
                    return key;
                  }
                }
                return warm.join();
              }

              String load(String key) {
                if (key.isEmpty()) {
                  throw new IllegalArgumentException("empty key");
                }
                return key;
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void replacementSecondFixAwaitsOnThosePaths() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines("Prefetch.java", PREFETCH)
        .addOutputLines(
            "Prefetch.java",
            """
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Prefetch {
              ExecutorService pool;

              String handle(String key, String token) throws Exception {
                Future<String> profile = pool.submit(() -> load(key));
                if (token == null) {
                  profile.get();
                  return "unauthorized";
                }
                return profile.get();
              }

              String firstBlank(List<String> keys) {
                CompletableFuture<String> warm = CompletableFuture.supplyAsync(() -> load("warm"), pool);
                for (String key : keys) {
                  if (key.isBlank()) {
                    warm.join();
                    return key;
                  }
                }
                return warm.join();
              }

              String load(String key) {
                if (key.isEmpty()) {
                  throw new IllegalArgumentException("empty key");
                }
                return key;
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  /** Work whose value nobody reads (a save) is awaited on the forgetting paths, never cancelled first. */
  @Test
  void replacementAwaitsSideEffectsOnEveryForgettingPath() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "Saver.java",
            """
            import java.util.concurrent.CompletableFuture;

            class Saver {
              int saveThenCount(boolean dryRun) {
                CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> save("x"));
                if (dryRun) {
                  return 0;
                }
                saved.join();
                return 1;
              }

              void saveOnlyIfAsked(boolean wait) {
                CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> save("y"));
                if (wait) {
                  saved.join();
                }
                System.out.println("saving");
              }

              void save(String what) {
                if (what.isEmpty()) {
                  throw new IllegalStateException("nothing to save");
                }
              }
            }
            """)
        .addOutputLines(
            "Saver.java",
            """
            import java.util.concurrent.CompletableFuture;

            class Saver {
              int saveThenCount(boolean dryRun) {
                CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> save("x"));
                if (dryRun) {
                  saved.join();
                  return 0;
                }
                saved.join();
                return 1;
              }

              void saveOnlyIfAsked(boolean wait) {
                CompletableFuture<Void> saved = CompletableFuture.runAsync(() -> save("y"));
                if (wait) {
                  saved.join();
                }
                System.out.println("saving");
                saved.join();
              }

              void save(String what) {
                if (what.isEmpty()) {
                  throw new IllegalStateException("nothing to save");
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  /**
   * A {@code break} or {@code continue} out of the local's block before any use of it forgets the future too: the
   * wait goes before the jump, and none is added after a last statement that already awaits it (battery 2, CF05 and
   * CF11: the fix added a second {@code f.get()} after the first and left the {@code break} path as it was). A
   * {@code break} of a loop nested in the block does not leave it.
   */
  @Test
  void replacementWaitsBeforeAJumpOutOfTheBlock() {
    BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines(
            "Cf.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Cf {
              private final ExecutorService pool;

              Cf(ExecutorService pool) {
                this.pool = pool;
              }

              String run(String in) {
                if (in.isEmpty()) {
                  throw new IllegalArgumentException("empty");
                }
                return in;
              }

              void pollUntil(List<String> inputs) throws Exception {
                for (String in : inputs) {
                  Future<String> f = pool.submit(() -> run(in));
                  if (in.equals("STOP")) {
                    break;
                  }
                  System.out.println(f.get());
                }
              }

              void nestedSearch(List<List<String>> grid) throws Exception {
                outer:
                for (List<String> row : grid) {
                  for (String cell : row) {
                    Future<String> f = pool.submit(() -> run(cell));
                    if (cell.isEmpty()) {
                      break outer;
                    }
                    f.get();
                  }
                }
              }

              void skipping(List<String> inputs) throws Exception {
                for (String in : inputs) {
                  Future<String> f = pool.submit(() -> run(in));
                  for (String other : inputs) {
                    if (other.isEmpty()) {
                      break;
                    }
                  }
                  if (in.isBlank()) {
                    continue;
                  }
                  System.out.println(f.get());
                }
              }
            }
            """)
        .addOutputLines(
            "Cf.java",
            """
            import java.util.List;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Future;

            class Cf {
              private final ExecutorService pool;

              Cf(ExecutorService pool) {
                this.pool = pool;
              }

              String run(String in) {
                if (in.isEmpty()) {
                  throw new IllegalArgumentException("empty");
                }
                return in;
              }

              void pollUntil(List<String> inputs) throws Exception {
                for (String in : inputs) {
                  Future<String> f = pool.submit(() -> run(in));
                  if (in.equals("STOP")) {
                    f.get();
                    break;
                  }
                  System.out.println(f.get());
                }
              }

              void nestedSearch(List<List<String>> grid) throws Exception {
                outer:
                for (List<String> row : grid) {
                  for (String cell : row) {
                    Future<String> f = pool.submit(() -> run(cell));
                    if (cell.isEmpty()) {
                      f.get();
                      break outer;
                    }
                    f.get();
                  }
                }
              }

              void skipping(List<String> inputs) throws Exception {
                for (String in : inputs) {
                  Future<String> f = pool.submit(() -> run(in));
                  for (String other : inputs) {
                    if (other.isEmpty()) {
                      break;
                    }
                  }
                  if (in.isBlank()) {
                    f.get();
                    continue;
                  }
                  System.out.println(f.get());
                }
              }
            }
            """)
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
