package dev.corral.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Work is judged by the body that runs: the {@code run()} a task class inherits from a class of the build, and, for a
 * call of an abstract method of the build, the bodies of its implementations.
 */
final class InheritedAndImplementedBodiesTest {
  private static final String MONITOR =
      """
      import java.util.concurrent.ScheduledExecutorService;
      import java.util.concurrent.TimeUnit;
      import java.util.logging.Logger;

      class Monitor {
        private static final Logger LOG = Logger.getLogger("M");
        private final ScheduledExecutorService scheduler;

        Monitor(ScheduledExecutorService scheduler) {
          this.scheduler = scheduler;
        }

        abstract class FixedRateTask implements Runnable {
          final long period;

          FixedRateTask(long period) {
            this.period = period;
          }

          @Override
          public void run() {
            try {
              run0();
            } catch (Throwable t) {
              LOG.severe("monitor task failed: " + t);
            }
          }

          protected abstract void run0();
        }

        final class Scan extends FixedRateTask {
          Scan(long period) {
            super(period);
          }

          @Override
          protected void run0() {
            throw new IllegalStateException("scan failed");
          }
        }

        /** Replaces the reporting run() with one that does not catch. */
        final class Unguarded extends FixedRateTask {
          Unguarded() {
            super(1);
          }

          @Override
          public void run() {
            run0();
          }

          @Override
          protected void run0() {
            throw new IllegalStateException("unguarded");
          }
        }

        void start() {
          Scan scan = new Scan(10);
          scheduler.scheduleAtFixedRate(scan, 0, scan.period, TimeUnit.MILLISECONDS);
          scheduler.scheduleAtFixedRate(new Scan(5), 0, 5, TimeUnit.MILLISECONDS);
          scheduler.scheduleAtFixedRate(
              new FixedRateTask(7) {
                @Override
                protected void run0() {
                  throw new IllegalStateException("anonymous");
                }
              },
              0,
              7,
              TimeUnit.MILLISECONDS);
          // BUG: Diagnostic contains: LeakedFuture
          scheduler.scheduleAtFixedRate(new Unguarded(), 0, 1, TimeUnit.MILLISECONDS);
        }
      }
      """;

  @Test
  void aTaskRunsTheRunItInheritsFromTheBuild() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Monitor.java", MONITOR)
        .doTest();
  }

  private static final String PARTITIONS =
      """
      import java.util.concurrent.atomic.AtomicBoolean;

      interface Partitions {
        void resumeMigration();

        void rebalance();
      }

      final class PartitionsImpl implements Partitions {
        private final AtomicBoolean allowed = new AtomicBoolean();

        @Override
        public void resumeMigration() {
          allowed.set(true);
        }

        @Override
        public void rebalance() {
          if (!allowed.get()) {
            throw new IllegalStateException("migration paused");
          }
        }
      }
      """;

  @Test
  void aCallOfAnAbstractMethodIsJudgedByItsImplementations() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines("Partitions.java", PARTITIONS)
        .addSourceLines(
            "Membership.java",
            """
            import java.util.concurrent.ExecutorService;
            import java.util.logging.Logger;

            class Membership {
              private static final Logger LOG = Logger.getLogger("M");
              private final Partitions partitions;
              private final ExecutorService executor;

              Membership(Partitions partitions, ExecutorService executor) {
                this.partitions = partitions;
                this.executor = executor;
              }

              void claim() {
                executor.submit(
                    () -> {
                      try {
                        decide();
                      } catch (Throwable e) {
                        LOG.warning("mastership claim failed: " + e);
                      } finally {
                        partitions.resumeMigration();
                      }
                    });
                executor.submit(() -> partitions.resumeMigration());
                // BUG: Diagnostic contains: LeakedFuture
                executor.submit(() -> partitions.rebalance());
              }

              private void decide() {
                throw new IllegalStateException();
              }
            }
            """)
        .doTest();
  }

  @Test
  void aLambdaCallingAnAbstractMethodIsJudgedByItsImplementations() {
    CompilationTestHelper.newInstance(LeakedFuture.class, getClass())
        .addSourceLines(
            "Auth.java",
            """
            import java.util.Properties;
            import java.util.logging.Logger;

            interface Auth {
              boolean login(Properties properties);

              String name();
            }

            final class HttpAuth implements Auth {
              private static final Logger LOG = Logger.getLogger("A");

              @Override
              public boolean login(Properties properties) {
                try {
                  if (properties.isEmpty()) {
                    throw new IllegalStateException("no credentials");
                  }
                  return true;
                } catch (Throwable t) {
                  LOG.warning("login failed: " + t);
                  return false;
                }
              }

              @Override
              public String name() {
                return "http";
              }
            }

            final class NoAuth implements Auth {
              private boolean loggedIn;

              @Override
              public boolean login(Properties properties) {
                loggedIn = true;
                return true;
              }

              @Override
              public String name() {
                return "none";
              }
            }
            """)
        .addSourceLines(
            "Refresh.java",
            """
            import java.util.Properties;
            import java.util.concurrent.ScheduledExecutorService;
            import java.util.concurrent.TimeUnit;
            import java.util.function.Supplier;

            class Refresh {
              interface Check {
                boolean check();
              }

              static final class Healthy implements Check {
                @Override
                public boolean check() {
                  return true;
                }
              }

              private final Properties properties = new Properties();

              void start(Auth auth, Check check, ScheduledExecutorService scheduler) {
                scheduler.scheduleWithFixedDelay(() -> auth.login(properties), 0, 5, TimeUnit.SECONDS);
                // A functional interface: a lambda the build index does not see may implement it.
                // BUG: Diagnostic contains: LeakedFuture
                scheduler.scheduleWithFixedDelay(() -> check.check(), 0, 5, TimeUnit.SECONDS);
              }
            }
            """)
        .doTest();
  }
}
