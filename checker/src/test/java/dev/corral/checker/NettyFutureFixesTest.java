package dev.corral.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import org.junit.jupiter.api.Test;

/**
 * A dropped Netty future is given a listener that reports its failure: awaiting it on its event loop, where channel
 * handlers run, throws {@code BlockingOperationException}, so an await is never the first fix.
 */
final class NettyFutureFixesTest {
  private static final String FUTURE =
      """
      package io.netty.util.concurrent;

      public interface Future<V> extends java.util.concurrent.Future<V> {
        boolean isSuccess();

        Throwable cause();

        Future<V> addListener(GenericFutureListener<? extends Future<? super V>> listener);
      }
      """;

  private static final String LISTENER =
      """
      package io.netty.util.concurrent;

      public interface GenericFutureListener<F extends Future<?>> extends java.util.EventListener {
        void operationComplete(F future) throws Exception;
      }
      """;

  private static final String CHANNEL_FUTURE =
      """
      package io.netty.channel;

      import io.netty.util.concurrent.Future;
      import io.netty.util.concurrent.GenericFutureListener;

      public interface ChannelFuture extends Future<Void> {
        @Override
        ChannelFuture addListener(GenericFutureListener<? extends Future<? super Void>> listener);

        ChannelFuture sync() throws InterruptedException;
      }
      """;

  private static final String CONTEXT =
      """
      package io.netty.channel;

      public interface ChannelHandlerContext {
        ChannelFuture close();

        ChannelFuture writeAndFlush(Object message);
      }
      """;

  private BugCheckerRefactoringTestHelper helper() {
    return BugCheckerRefactoringTestHelper.newInstance(LeakedFuture.class, getClass())
        .addInputLines("io/netty/util/concurrent/Future.java", FUTURE)
        .expectUnchanged()
        .addInputLines("io/netty/util/concurrent/GenericFutureListener.java", LISTENER)
        .expectUnchanged()
        .addInputLines("io/netty/channel/ChannelFuture.java", CHANNEL_FUTURE)
        .expectUnchanged()
        .addInputLines("io/netty/channel/ChannelHandlerContext.java", CONTEXT)
        .expectUnchanged();
  }

  @Test
  void replacementListenerReportsTheFailure() {
    helper()
        .addInputLines(
            "Handler.java",
            """
            import io.netty.channel.ChannelFuture;
            import io.netty.channel.ChannelHandlerContext;

            class Handler {
              void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
                ctx.close();
              }

              void reply(ChannelHandlerContext ctx, Object message, boolean last) throws Exception {
                ChannelFuture written = ctx.writeAndFlush(message);
                if (last) {
                  written.sync();
                }
              }
            }
            """)
        .addOutputLines(
            "Handler.java",
            """
            import io.netty.channel.ChannelFuture;
            import io.netty.channel.ChannelHandlerContext;

            class Handler {
              void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
                ctx.close()
                    .addListener(
                        done -> {
                          if (!done.isSuccess()) {
                            Thread.currentThread()
                                .getUncaughtExceptionHandler()
                                .uncaughtException(Thread.currentThread(), done.cause());
                          }
                        });
              }

              void reply(ChannelHandlerContext ctx, Object message, boolean last) throws Exception {
                ChannelFuture written = ctx.writeAndFlush(message);
                written.addListener(
                    done -> {
                      if (!done.isSuccess()) {
                        Thread.currentThread()
                            .getUncaughtExceptionHandler()
                            .uncaughtException(Thread.currentThread(), done.cause());
                      }
                    });
                if (last) {
                  written.sync();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void replacementAwaitIsOnlyTheSecondFix() {
    helper()
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "Handler.java",
            """
            import io.netty.channel.ChannelHandlerContext;

            class Handler {
              void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
                ctx.close();
              }
            }
            """)
        .addOutputLines(
            "Handler.java",
            """
            import io.netty.channel.ChannelHandlerContext;

            class Handler {
              void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
                ctx.close().get();
              }
            }
            """)
        .doTest();
  }
}
