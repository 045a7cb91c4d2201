package org.apache.hbase.thirdparty.io.netty.util.concurrent;

/** Stand-in for HBase's relocated Netty (hbase-shaded-netty): same contract as io.netty's EventExecutor. */
public interface EventExecutor extends java.util.concurrent.ScheduledExecutorService {}
