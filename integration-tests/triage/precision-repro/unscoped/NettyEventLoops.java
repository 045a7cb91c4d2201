import io.netty.channel.EventLoopGroup;

/** FP: Netty event loops own and log their tasks; the exemption misses EventExecutorGroup and relocated Netty. */
class NettyEventLoops {
  void group(EventLoopGroup group, Runnable work) {
    group.execute(() -> work.run()); // flagged today (bootstrap.config().group().execute(...) in Redisson)
  }

  void shaded(org.apache.hbase.thirdparty.io.netty.util.concurrent.EventExecutor eventLoop) {
    eventLoop.execute(() -> System.out.println("relogin done")); // flagged today (HBase NettyRpcConnection)
  }
}
