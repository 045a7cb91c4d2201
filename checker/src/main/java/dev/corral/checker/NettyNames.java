package dev.corral.checker;

import org.jspecify.annotations.Nullable;

/**
 * Netty's class names, also in relocated copies that libraries shade into their own packages
 * ({@code org.apache.hbase.thirdparty.io.netty.channel.ChannelFuture}).
 */
final class NettyNames {
  private NettyNames() {}

  /**
   * The name as Netty itself spells it ({@code io.netty.X} for {@code io.netty.X} or {@code
   * <prefix>.io.netty.X}), or null when the class is not Netty's.
   */
  static @Nullable String unrelocated(String qualifiedName) {
    if (qualifiedName.startsWith("io.netty.")) {
      return qualifiedName;
    }
    int at = qualifiedName.indexOf(".io.netty.");
    return at < 0 ? null : qualifiedName.substring(at + 1);
  }
}
