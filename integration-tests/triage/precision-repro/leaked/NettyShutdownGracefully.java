import io.netty.channel.EventLoopGroup;

/** FP: Netty's termination future only ever succeeds; dropping it loses no failure. */
class NettyShutdownGracefully {
  void close(EventLoopGroup boss, EventLoopGroup workers) {
    boss.shutdownGracefully(); // flagged today
    workers.shutdownGracefully(); // flagged today
  }
}
