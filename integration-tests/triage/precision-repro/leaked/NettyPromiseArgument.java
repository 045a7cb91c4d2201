import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** FP: a Netty operation given a promise returns that very promise; its owner is whoever holds the promise. */
class NettyPromiseArgument extends ChannelOutboundHandlerAdapter {
  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    ctx.close(promise); // flagged today: returns `promise`, the caller's
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise); // flagged today
  }

  void withListener(ChannelHandlerContext ctx, Object msg) {
    ChannelPromise p = ctx.newPromise().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    ctx.write(msg, p); // flagged today: p already has a listener
  }

  void voidPromise(ChannelHandlerContext ctx, Object msg) {
    ctx.write(msg, ctx.voidPromise()); // flagged today: a void promise fires failures into the pipeline
  }

  void stillLeaks(ChannelHandlerContext ctx, Object msg) {
    ctx.writeAndFlush(msg, ctx.newPromise()); // must stay flagged: a fresh promise nobody holds
  }
}
