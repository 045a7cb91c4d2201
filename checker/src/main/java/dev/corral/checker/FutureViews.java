package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.jspecify.annotations.Nullable;

/**
 * Futures that are no new work by themselves: views of another future, and futures with nothing
 * behind them that could fail.
 */
final class FutureViews {
  /**
   * Calls that return a view of the receiver: the caller owns the result only if it owns the
   * receiver ({@code stage.toCompletableFuture()} of a caller's stage is the caller's).
   */
  private static final Matcher<ExpressionTree> VIEW_OF_RECEIVER =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletionStage")
          .named("toCompletableFuture");

  /** Static views of the future passed as first argument ({@code FluentFuture.from(f)}). */
  private static final Matcher<ExpressionTree> VIEW_OF_ARGUMENT =
      anyOf(
          staticMethod().onClass("com.google.common.util.concurrent.FluentFuture").named("from"),
          staticMethod()
              .onClass("com.google.common.util.concurrent.JdkFutureAdapters")
              .named("listenInPoolThread"));

  /**
   * Futures with no work behind them: already complete, or settable by this code only (nothing
   * can fail unless this code fails them, and then it holds the failure itself).
   */
  private static final Matcher<ExpressionTree> ALREADY_DONE =
      anyOf(
          staticMethod()
              .onClass("java.util.concurrent.CompletableFuture")
              .namedAnyOf("completedFuture", "completedStage"),
          staticMethod()
              .onClass("com.google.common.util.concurrent.Futures")
              .namedAnyOf("immediateFuture", "immediateVoidFuture"),
          staticMethod().onClass("com.google.common.util.concurrent.SettableFuture").named("create"));


  private FutureViews() {}

  /**
   * Whether the call returns a future with no work behind it: already complete ({@code
   * completedFuture(v)}), settable by this code only ({@code SettableFuture.create()}), or Netty's
   * fresh promises and termination future (see {@link NettyFutures#hasNoWork}).
   */
  static boolean hasNoWorkBehind(ExpressionTree call, VisitorState state) {
    return ALREADY_DONE.matches(call, state)
        || (ASTHelpers.getSymbol(call) instanceof MethodSymbol method
            && NettyFutures.hasNoWork(method));
  }

  /**
   * The future that {@code call} is a view of ({@code stage} in {@code stage.toCompletableFuture()},
   * {@code f} in {@code FluentFuture.from(f)}), or null if it is no view.
   */
  static @Nullable ExpressionTree viewed(ExpressionTree call, VisitorState state) {
    if (VIEW_OF_RECEIVER.matches(call, state)) {
      return ASTHelpers.getReceiver(call);
    }
    if (VIEW_OF_ARGUMENT.matches(call, state)
        && call instanceof MethodInvocationTree invocation
        && !invocation.getArguments().isEmpty()) {
      return invocation.getArguments().get(0);
    }
    return null;
  }
}
