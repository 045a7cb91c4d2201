package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.jupiter.api.Test;

final class SelfOwnedTasksTest {
  @Test
  void ownsItsWork() {
    CompilationTestHelper.newInstance(TaskProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            class A implements Runnable {
              private final Runnable field = () -> {};

              static void submit(Runnable task) {}

              static final class Careful implements Runnable {
                @Override
                public void run() {
                  try {
                    System.out.println("work");
                  } catch (Throwable t) {
                    t.printStackTrace();
                  }
                }
              }

              @Override
              public void run() {}

              void tasks(Runnable parameter) {
                // BUG: Diagnostic contains: owns=true
                submit(parameter);
                // BUG: Diagnostic contains: owns=true
                submit(this);
                // BUG: Diagnostic contains: owns=false
                submit(this::run);
                // BUG: Diagnostic contains: owns=false
                submit(field);
                // BUG: Diagnostic contains: owns=true
                submit(new Careful());
                Runnable careful = new Careful();
                // BUG: Diagnostic contains: owns=true
                submit(careful);
                // BUG: Diagnostic contains: owns=true
                submit(() -> {
                  try {
                    field.run();
                  } catch (RuntimeException e) {
                    System.err.println(e);
                  }
                });
                // BUG: Diagnostic contains: owns=false
                submit(() -> {
                  try {
                    field.run();
                  } catch (RuntimeException ignored) {
                  }
                });
                // BUG: Diagnostic contains: owns=false
                submit(() -> {
                  try {
                    field.run();
                  } catch (IllegalStateException narrow) {
                    System.err.println(narrow);
                  }
                });
              }
            }
            """)
        .doTest();
  }

  @Test
  void expectedFailuresTemplatesAndOrigins() {
    CompilationTestHelper.newInstance(TaskProbe.class, getClass())
        .addSourceLines(
            "B.java",
            """
            import java.io.IOException;
            import java.util.ArrayList;
            import java.util.List;

            class B {
              static void submit(Runnable task) {}

              abstract static class Template implements Runnable {
                @Override
                public void run() {
                  step();
                }

                protected abstract void step();

                void hook() {}
              }

              void connect() {
                java.net.Socket sock = null;
                try {
                  sock = new java.net.Socket("host", 80);
                } catch (IOException e) {
                  System.err.println(e);
                }
              }

              void connectSwallowing() {
                try {
                  new java.net.Socket("host", 80).close();
                } catch (IOException ignored) {
                }
              }

              void connectThenWork() {
                try {
                  new java.net.Socket("host", 80).close();
                } catch (IOException e) {
                  System.err.println(e);
                }
                System.out.println("more work");
              }

              void sleepOnly() {
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  System.err.println(e);
                }
              }

              void serviceLoop() {
                while (true) {
                  try {
                    new java.net.Socket("host", 80).close();
                  } catch (IOException e) {
                    System.err.println(e);
                  }
                }
              }

              private Runnable reporting() {
                return () -> {
                  try {
                    System.out.println("work");
                  } catch (Exception e) {
                    System.err.println(e);
                  }
                };
              }

              void tasks(List<Runnable> given) {
                // BUG: Diagnostic contains: owns=true
                submit(() -> connect());
                // BUG: Diagnostic contains: owns=false
                submit(() -> connectSwallowing());
                // BUG: Diagnostic contains: owns=false
                submit(() -> connectThenWork());
                // BUG: Diagnostic contains: owns=false
                submit(() -> sleepOnly());
                // BUG: Diagnostic contains: owns=false
                submit(() -> serviceLoop());
                // BUG: Diagnostic contains: owns=true
                submit(
                    new Template() {
                      @Override
                      protected void step() {
                        try {
                          System.out.println("step");
                        } catch (Throwable t) {
                          System.err.println(t);
                        }
                      }
                    });
                // BUG: Diagnostic contains: owns=false
                submit(
                    new Template() {
                      @Override
                      protected void step() {
                        System.out.println("step");
                      }

                      @Override
                      void hook() {
                        try {
                          System.out.println("hook");
                        } catch (Throwable t) {
                          System.err.println(t);
                        }
                      }
                    });
                List<Runnable> built = new ArrayList<>();
                built.add(reporting());
                for (Runnable task : built) {
                  // BUG: Diagnostic contains: owns=true
                  submit(task);
                }
                for (Runnable task : List.of(reporting(), () -> {})) {
                  // BUG: Diagnostic contains: owns=false
                  submit(task);
                }
                List<Runnable> copied = new ArrayList<>(given);
                copied.add(reporting());
                for (Runnable task : copied) {
                  // BUG: Diagnostic contains: owns=false
                  submit(task);
                }
                Runnable unassigned;
                unassigned = reporting();
                // BUG: Diagnostic contains: owns=true
                submit(unassigned);
              }
            }
            """)
        .doTest();
  }

  /** Reports {@link SelfOwnedTasks#ownsItsWork} for the argument of each {@code submit(...)} call. */
  @BugPattern(summary = "Probe for SelfOwnedTasks", severity = ERROR)
  public static final class TaskProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!staticMethod().anyClass().named("submit").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("owns=" + SelfOwnedTasks.ownsItsWork(tree.getArguments().get(0), state))
          .build();
    }
  }
}
