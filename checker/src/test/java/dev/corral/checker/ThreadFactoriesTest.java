package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import org.junit.jupiter.api.Test;

final class ThreadFactoriesTest {
  @Test
  void factorySettings() {
    CompilationTestHelper.newInstance(FactoryProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.ThreadFactoryBuilder;
            import java.util.concurrent.ThreadFactory;

            class A {
              static void factory(Object factory) {}

              private final ThreadFactory field = new ThreadFactoryBuilder().setDaemon(true).build();
              private ThreadFactory assigned = new ThreadFactoryBuilder().setDaemon(true).build();

              void reassign() {
                assigned = Thread.ofPlatform().factory();
              }

              void factories(ThreadFactory parameter) {
                // BUG: Diagnostic contains: daemon=true handler=false
                factory(field);
                // BUG: Diagnostic contains: daemon=false handler=false
                factory(assigned);
                // BUG: Diagnostic contains: daemon=false handler=false
                factory(parameter);
                // BUG: Diagnostic contains: daemon=true handler=true
                factory(
                    new ThreadFactoryBuilder()
                        .setDaemon(true)
                        .setUncaughtExceptionHandler((t, e) -> {})
                        .build());
                // BUG: Diagnostic contains: daemon=false handler=false
                factory(new ThreadFactoryBuilder().setDaemon(false).setUncaughtExceptionHandler(null).build());
                // BUG: Diagnostic contains: daemon=true handler=true
                factory(Thread.ofPlatform().daemon().uncaughtExceptionHandler((t, e) -> {}).factory());
                ThreadFactory lambda =
                    r -> {
                      Thread t = new Thread(r);
                      t.setUncaughtExceptionHandler((thread, e) -> {});
                      return t;
                    };
                // BUG: Diagnostic contains: daemon=false handler=true
                factory(lambda);
              }
            }
            """)
        .doTest();
  }

  @Test
  void poolThreadsReport() {
    CompilationTestHelper.newInstance(PoolProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.MoreExecutors;
            import com.google.common.util.concurrent.ThreadFactoryBuilder;
            import java.util.concurrent.ExecutorService;
            import java.util.concurrent.Executors;
            import java.util.concurrent.ThreadFactory;

            class A {
              static void pool(Object pool) {}

              private static final ThreadFactory LOGGING =
                  new ThreadFactoryBuilder().setUncaughtExceptionHandler((t, e) -> {}).build();

              void pools(ExecutorService parameter) {
                // BUG: Diagnostic contains: reports=true
                pool(Executors.newFixedThreadPool(2, LOGGING));
                // BUG: Diagnostic contains: reports=true
                pool(MoreExecutors.listeningDecorator(Executors.newCachedThreadPool(LOGGING)));
                // BUG: Diagnostic contains: reports=false
                pool(Executors.newScheduledThreadPool(1, LOGGING));
                // BUG: Diagnostic contains: reports=false
                pool(Executors.newFixedThreadPool(2));
                // BUG: Diagnostic contains: reports=false
                pool(parameter);
              }
            }
            """)
        .doTest();
  }

  /** Reports what {@link ThreadFactories} reads of the argument of {@code factory(..)}. */
  @BugPattern(summary = "Probe of ThreadFactories.gives", severity = ERROR)
  public static final class FactoryProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!staticMethod().anyClass().named("factory").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      ExpressionTree factory = tree.getArguments().get(0);
      return buildDescription(tree)
          .setMessage(
              "daemon="
                  + ThreadFactories.gives(factory, ThreadFactories.Setting.DAEMON, state)
                  + " handler="
                  + ThreadFactories.gives(factory, ThreadFactories.Setting.HANDLER, state))
          .build();
    }
  }

  /** Reports what {@link ThreadFactories} reads of the argument of {@code pool(..)}. */
  @BugPattern(summary = "Probe of ThreadFactories.poolThreadsReport", severity = ERROR)
  public static final class PoolProbe extends BugChecker implements MethodInvocationTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      if (!staticMethod().anyClass().named("pool").matches(tree, state)) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage("reports=" + ThreadFactories.poolThreadsReport(tree.getArguments().get(0), state))
          .build();
    }
  }
}
