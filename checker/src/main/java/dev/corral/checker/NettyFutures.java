package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Netty's futures that carry no new obligation. Netty is matched by package name, also when a
 * project relocates it ({@code org.apache.hbase.thirdparty.io.netty.channel.ChannelPromise}).
 */
final class NettyFutures {
  /** Futures with no work behind them: a fresh promise nobody completes cannot fail. */
  private static final ImmutableSet<String> NO_WORK =
      ImmutableSet.of(
          "newPromise",
          "newProgressivePromise",
          "newSucceededFuture",
          "voidPromise",
          // A channel's close future and an executor's termination future only ever succeed:
          // whatever fails while closing is reported elsewhere, not through them.
          "closeFuture",
          "terminationFuture",
          "shutdownGracefully");

  /** Return the receiver, and a listener or sync() already observes it (FRVI's list). */
  private static final ImmutableSet<String> OBSERVING =
      ImmutableSet.of(
          "addListener",
          "addListeners",
          "sync",
          "syncUninterruptibly",
          "await",
          "awaitUninterruptibly");

  /** Return the receiver without observing it. */
  private static final ImmutableSet<String> SAME_FUTURE =
      ImmutableSet.of("removeListener", "removeListeners", "setSuccess", "setFailure");

  private NettyFutures() {}

  /**
   * FRVI's Netty exemptions ({@code addListener}, {@code sync}, ...), also for relocated Netty.
   */
  static boolean observesReceiver(MethodSymbol method) {
    return OBSERVING.contains(method.getSimpleName().toString()) && isNetty(method);
  }

  /** {@code removeListener(s)}, {@code setSuccess}, {@code setFailure}, also relocated. */
  static boolean returnsReceiver(MethodSymbol method) {
    return SAME_FUTURE.contains(method.getSimpleName().toString()) && isNetty(method);
  }

  /** Whether {@code type} is a Netty future ({@code io.netty.util.concurrent.Future}, also relocated). */
  static boolean isNettyFuture(@Nullable Type type, VisitorState state) {
    if (type == null || type.tsym == null) {
      return false;
    }
    for (Type supertype : state.getTypes().closure(type)) {
      if (supertype.tsym != null
          && "io.netty.util.concurrent.Future"
              .equals(NettyNames.unrelocated(supertype.tsym.getQualifiedName().toString()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code symbol} is declared in a Netty class (relocated or not). */
  static boolean isNetty(@Nullable Symbol symbol) {
    Symbol.ClassSymbol owner = symbol == null ? null : symbol.enclClass();
    if (owner == null || owner.getQualifiedName() == null) {
      return false;
    }
    return NettyNames.unrelocated(owner.getQualifiedName().toString()) != null;
  }

  /**
   * Whether the Netty call creates a future with no failure to lose: a promise nobody completes
   * yet ({@code newPromise()}, {@code voidPromise()}), a succeeded future, a channel's {@code
   * closeFuture()}, or the termination future ({@code terminationFuture()}, {@code
   * shutdownGracefully()}).
   */
  static boolean hasNoWork(MethodSymbol method) {
    return NO_WORK.contains(method.getSimpleName().toString()) && isNetty(method);
  }

  /**
   * Whether a Netty call given a promise ({@code ctx.write(msg, promise)}, {@code
   * ctx.close(promise)}) hands that promise back, and the promise already has an owner: it is a
   * parameter, a field, {@code voidPromise()}, or a local observed by something else than this call
   * (another use, or a value such as {@code ctx.newPromise().addListener(l)}). {@code ctx.write(msg, ctx.newPromise())} still creates an obligation.
   */
  static boolean handsBackHeldPromise(
      ExpressionTree call, MethodSymbol method, VisitorState state) {
    if (!(call instanceof MethodInvocationTree invocation) || !isNetty(method)) {
      return false;
    }
    Type returnType = method.getReturnType();
    List<Symbol.VarSymbol> parameters = method.getParameters();
    List<? extends ExpressionTree> arguments = invocation.getArguments();
    for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
      Type parameterType = parameters.get(i).type;
      if (parameterType != null
          && returnType != null
          && parameterType.getKind() == javax.lang.model.type.TypeKind.DECLARED
          && ClasspathTypes.isA(parameterType, returnType, state)
          && isHeld(ASTHelpers.stripParentheses(arguments.get(i)), state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHeld(ExpressionTree argument, VisitorState state) {
    if (argument instanceof IdentifierTree || argument instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(argument);
      if (symbol == null) {
        return false;
      }
      return switch (symbol.getKind()) {
        case PARAMETER, FIELD -> true;
        // ctx.write(msg, p) observes p; p must be observed by something else too.
        case LOCAL_VARIABLE, RESOURCE_VARIABLE ->
            ObservedLocals.isObservedElsewhere(
                symbol,
                argument,
                NettyFutures::isHeldValue,
                state);
        default -> false;
      };
    }
    // ch.write(msg, holder.getPromise()): a promise its holder keeps, or a void promise.
    return argument instanceof MethodInvocationTree invocation
        && (isVoidPromise(invocation)
            || (ASTHelpers.getSymbol((Tree) invocation) instanceof MethodSymbol getter
                && ReturnedFutures.needNoObserver(invocation, getter, state)));
  }

  /**
   * A value a local promise is given that already has an owner: on every branch, a parameter or field (through casts:
   * {@code Promise<T> cast = (Promise<T>) promise;} is the caller's promise), {@code voidPromise()}, or a promise with a
   * listener.
   */
  private static boolean isHeldValue(ExpressionTree value) {
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    while (expr instanceof TypeCastTree cast) {
      expr = ASTHelpers.stripParentheses(cast.getExpression());
    }
    if (expr instanceof ConditionalExpressionTree conditional) {
      return isHeldValue(conditional.getTrueExpression()) && isHeldValue(conditional.getFalseExpression());
    }
    if (expr instanceof MethodInvocationTree invocation) {
      return isObservedPromise(invocation);
    }
    Symbol symbol = expr instanceof IdentifierTree || expr instanceof MemberSelectTree ? ASTHelpers.getSymbol(expr) : null;
    return symbol != null && (symbol.getKind() == ElementKind.PARAMETER || symbol.getKind() == ElementKind.FIELD);
  }

  /** {@code voidPromise()}, or a promise whose failure a listener sees ({@code addListener}). */
  private static boolean isObservedPromise(MethodInvocationTree call) {
    return isVoidPromise(call)
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && observesReceiver(method));
  }

  private static boolean isVoidPromise(MethodInvocationTree call) {
    return ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && method.getSimpleName().contentEquals("voidPromise")
        && isNetty(method);
  }
}
