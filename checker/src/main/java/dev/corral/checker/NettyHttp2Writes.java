package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * Netty HTTP/2 ({@code io.netty.handler.codec.http2}, also relocated) writes whose failure Netty
 * routes to the connection's error handling itself, so the returned future carries no failure that
 * nobody sees. Read from Netty 4.2.15's sources:
 *
 * <ul>
 *   <li>{@code Http2LifecycleManager.resetStream}/{@code goAway}, implemented by {@code
 *       Http2ConnectionHandler}: the write gets the listener {@code processRstStreamWriteResult}
 *       (on failure {@code onConnectionError}) or {@code closeConnectionOnError} for an unknown
 *       stream, and {@code processGoAwayWriteResult} (on failure it closes the connection);
 *   <li>{@code Http2ConnectionEncoder.writeRstStream}/{@code writeGoAway}: {@code
 *       DefaultHttp2ConnectionEncoder} hands them to the lifecycle manager above;
 *   <li>{@code Http2ConnectionEncoder.writeHeaders}/{@code writePushPromise}: a failed or pending
 *       write goes to {@code notifyLifecycleManagerOnError}, an exception to {@code
 *       lifecycleManager.onError}; {@code writeData}: the flow-controlled frame's {@code error}
 *       calls {@code lifecycleManager.onError}.
 * </ul>
 *
 * The raw {@code Http2FrameWriter} methods, and the encoder's {@code writeSettings}, {@code
 * writeSettingsAck}, {@code writePing}, {@code writePriority}, {@code writeWindowUpdate} and {@code
 * writeFrame}, which go straight to the frame writer with no listener, are not in the model. It is
 * matched on the receiver's type, so decorators ({@code DecoratingHttp2ConnectionEncoder}
 * subclasses, a handler's own {@code encoder()}) are covered.
 */
final class NettyHttp2Writes {
  private static final String LIFECYCLE_MANAGER =
      "io.netty.handler.codec.http2.Http2LifecycleManager";
  private static final String CONNECTION_ENCODER =
      "io.netty.handler.codec.http2.Http2ConnectionEncoder";

  private static final ImmutableSet<String> LIFECYCLE_REPORTED =
      ImmutableSet.of("resetStream", "goAway");

  private static final ImmutableSet<String> ENCODER_REPORTED =
      ImmutableSet.of(
          "writeHeaders", "writeData", "writePushPromise", "writeRstStream", "writeGoAway");

  private NettyHttp2Writes() {}

  /**
   * Whether {@code call} is one of the HTTP/2 writes whose failure Netty reports to the connection
   * (see the class doc).
   */
  static boolean reportsItsOwnFailure(
      ExpressionTree call, @Nullable TreePath site, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation)
        || !(ASTHelpers.getSymbol((Tree) invocation) instanceof MethodSymbol method)
        || method.isStatic()) {
      return false;
    }
    String name = method.getSimpleName().toString();
    boolean lifecycle = LIFECYCLE_REPORTED.contains(name);
    boolean encoder = ENCODER_REPORTED.contains(name);
    if (!lifecycle && !encoder) {
      return false;
    }
    Type receiver = receiverType(invocation, method, site, state);
    return (lifecycle && isNettySubtype(receiver, LIFECYCLE_MANAGER, state))
        || (encoder && isNettySubtype(receiver, CONNECTION_ENCODER, state));
  }

  /**
   * The static type of the call's receiver, or for an implicit {@code this} the enclosing class (around {@code
   * site}, a path inside the class that makes the call) whose member the method is.
   */
  private static @Nullable Type receiverType(
      MethodInvocationTree call, MethodSymbol method, @Nullable TreePath site, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver != null) {
      return ASTHelpers.getType(receiver);
    }
    // The implicit this of an unqualified call is the innermost enclosing class that has the method: from an
    // anonymous visitor or an inner class, the handler around it (grpc's forEachActiveStream visitor, its
    // GracefulShutdown).
    Type innermost = null;
    for (TreePath path = site; path != null; path = path.getParentPath()) {
      if (path.getLeaf() instanceof ClassTree enclosing
          && ASTHelpers.getSymbol(enclosing) instanceof Symbol.ClassSymbol type) {
        if (method.owner instanceof Symbol.TypeSymbol owner && type.isSubClass(owner, state.getTypes())) {
          return type.type;
        }
        innermost = innermost == null ? type.type : innermost;
      }
    }
    return innermost;
  }

  /** Whether {@code type} is a subtype of the Netty class {@code name}, in Netty's or a relocated package. */
  private static boolean isNettySubtype(@Nullable Type type, String name, VisitorState state) {
    if (type == null || type.isErroneous()) {
      return false;
    }
    for (Type supertype : state.getTypes().closure(type)) {
      Symbol.TypeSymbol symbol = supertype.tsym;
      if (symbol instanceof Symbol.ClassSymbol classSymbol
          && name.equals(NettyNames.unrelocated(classSymbol.getQualifiedName().toString()))) {
        return true;
      }
    }
    return false;
  }
}
