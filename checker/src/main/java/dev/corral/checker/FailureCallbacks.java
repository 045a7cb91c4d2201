package dev.corral.checker;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/** Recognises a call that hands its failure to a callback the caller passes in. */
final class FailureCallbacks {
  private static final int MAX_CALLBACK_METHODS = 3;

  /** An NIO-style completion handler ({@code completed}, {@code failed}, {@code cancelled}, {@code updated}). */
  private static final int MAX_LISTENER_METHODS = 6;

  /** The {@code CompletionStage} callbacks that see every failure of their receiver. */
  static final Matcher<ExpressionTree> ON_FAILURE_TOO =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.CompletionStage")
          .namedAnyOf(
              "whenComplete",
              "whenCompleteAsync",
              "handle",
              "handleAsync",
              "exceptionally",
              "exceptionallyAsync",
              "exceptionallyCompose",
              "exceptionallyComposeAsync");

  private static final Matcher<ExpressionTree> NETTY_ADD_LISTENER =
      instanceMethod().onDescendantOf("io.netty.util.concurrent.Future").named("addListener");

  private FailureCallbacks() {}

  /**
   * Whether the call takes a callback interface that is handed the failure, e.g. {@code send(msg,
   * (r, e) -> ...)} with a {@code BiConsumer<R, Throwable>}, or a Guava {@code FutureCallback}: an
   * interface parameter (not a future) whose type arguments name a {@code Throwable} class, or
   * which is a small callback with a method taking one.
   */
  static boolean takesFailureCallback(
      MethodSymbol method, FutureTypes futureTypes, VisitorState state) {
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (isFailureCallback(parameter.type, futureTypes, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code call} hands a failure callback to a method that {@link #takesFailureCallback}:
   * an argument for a callback parameter is something other than the {@code null} literal. {@code
   * send(record, null)} passes no observer, so the future it returns is the only one.
   */
  static boolean passesFailureCallback(
      MethodInvocationTree call, MethodSymbol method, FutureTypes futureTypes, VisitorState state) {
    List<Symbol.VarSymbol> parameters = method.getParameters();
    List<? extends ExpressionTree> arguments = call.getArguments();
    for (int i = 0; i < arguments.size() && !parameters.isEmpty(); i++) {
      // A varargs tail lines up with the last parameter.
      Symbol.VarSymbol parameter = parameters.get(Math.min(i, parameters.size() - 1));
      Type type = parameter.type;
      if (method.isVarArgs() && i >= parameters.size() - 1 && type instanceof Type.ArrayType array) {
        type = array.elemtype;
      }
      if (arguments.get(i).getKind() != Tree.Kind.NULL_LITERAL
          && isFailureCallback(type, futureTypes, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFailureCallback(
      @Nullable Type type, FutureTypes futureTypes, VisitorState state) {
    if (type == null
        || type.tsym == null
        || !type.tsym.isInterface()
        || futureTypes.isFuture(type, state)) {
      return false;
    }
    for (Type argument : type.getTypeArguments()) {
      Type bound = argument instanceof Type.WildcardType wildcard ? wildcard.type : argument;
      if (bound != null
          && bound.getKind() == TypeKind.DECLARED
          && ClasspathTypes.isA(bound, state.getSymtab().throwableType, state)) {
        return true;
      }
    }
    return isSmallCallbackTakingThrowable(type, state);
  }

  /**
   * A callback is a small interface with an abstract method taking a {@code Throwable}: at most
   * {@value #MAX_CALLBACK_METHODS} abstract methods (Guava's {@code FutureCallback}: {@code
   * onSuccess}, {@code onFailure}), or at most {@value #MAX_LISTENER_METHODS} that all return
   * {@code void}, the shape of a completion listener (Grizzly's and NIO's {@code
   * CompletionHandler}: {@code completed}, {@code failed}, {@code cancelled}, {@code updated}). A
   * rich interface that happens to have such a method (an execution context with {@code
   * recordException} and queries) receives the call's collaborators, not its outcome.
   */
  private static boolean isSmallCallbackTakingThrowable(Type type, VisitorState state) {
    // Asked for every interface parameter of every future-returning call: once per interface and compilation.
    Map<Symbol, Boolean> known = state.context.get(SMALL_CALLBACKS);
    if (known == null) {
      known = new HashMap<>();
      state.context.put(SMALL_CALLBACKS, known);
    }
    return known.computeIfAbsent(type.tsym, unused -> readSmallCallbackTakingThrowable(type, state));
  }

  private static final Context.Key<Map<Symbol, Boolean>> SMALL_CALLBACKS = new Context.Key<>();

  private static boolean readSmallCallbackTakingThrowable(Type type, VisitorState state) {
    int abstractMethods = 0;
    boolean allVoid = true;
    boolean takesThrowable = false;
    for (Type supertype : state.getTypes().closure(type)) {
      if (supertype.tsym == null || supertype.tsym == state.getSymtab().objectType.tsym) {
        continue;
      }
      for (Symbol member : supertype.tsym.getEnclosedElements()) {
        if (member instanceof MethodSymbol callback && callback.isAbstract()) {
          abstractMethods++;
          allVoid &= callback.getReturnType().getKind() == TypeKind.VOID;
          takesThrowable |= acceptsThrowable(callback, state);
        }
      }
    }
    return takesThrowable
        && (abstractMethods <= MAX_CALLBACK_METHODS
            || (allVoid && abstractMethods <= MAX_LISTENER_METHODS));
  }

  /**
   * Whether the callback of {@code whenComplete}/{@code handle} (first argument) is a lambda that
   * never reads its {@code Throwable} parameter (the second one): it runs on failure too, but the
   * failure goes nowhere. A method reference or an object may read it: assume it does.
   */
  static boolean lambdaIgnoresFailure(ExpressionTree call) {
    if (!(call instanceof MethodInvocationTree invocation)
        || invocation.getArguments().isEmpty()
        || !(ASTHelpers.stripParentheses(invocation.getArguments().get(0))
            instanceof LambdaExpressionTree lambda)
        || lambda.getParameters().size() != 2) {
      return false;
    }
    Symbol failure = ASTHelpers.getSymbol(lambda.getParameters().get(1));
    if (failure == null) {
      return true;
    }
    return !LocalUses.mentions(failure, lambda.getBody());
  }

  /**
   * Whether a Netty listener ({@code future.addListener(f -> ...)}, or a final field of the same
   * build holding such a lambda) never looks at a failure: it does not read its future at all, or
   * only as {@code if (f.isSuccess()) { ... }} with no {@code else}.
   */
  static boolean nettyListenerIgnoresFailure(MethodInvocationTree call, VisitorState state) {
    if (!NETTY_ADD_LISTENER.matches(call, state) || call.getArguments().size() != 1) {
      return false;
    }
    ExpressionTree listener = ASTHelpers.stripParentheses(call.getArguments().get(0));
    Symbol symbol = ASTHelpers.getSymbol(listener);
    if (symbol != null
        && symbol.getKind() == ElementKind.FIELD
        && (symbol.flags() & Flags.FINAL) != 0
        && JavacTrees.instance(state.context).getTree(symbol) instanceof VariableTree field
        && field.getInitializer() != null) {
      listener = ASTHelpers.stripParentheses(field.getInitializer());
    }
    if (!(listener instanceof LambdaExpressionTree lambda) || lambda.getParameters().size() != 1) {
      return false;
    }
    Symbol future = ASTHelpers.getSymbol(lambda.getParameters().get(0));
    boolean[] looks = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (ASTHelpers.getSymbol(identifier) == future && !isSuccessGuard(getCurrentPath())) {
          looks[0] = true;
        }
        return null;
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), lambda.getBody()), null);
    return !looks[0];
  }

  /** {@code f} in {@code if (f.isSuccess()) { ... }} without an {@code else}. */
  private static boolean isSuccessGuard(TreePath futurePath) {
    TreePath select = futurePath.getParentPath();
    TreePath invocation = select == null ? null : select.getParentPath();
    if (invocation == null
        || !(select.getLeaf() instanceof MemberSelectTree member)
        || !member.getIdentifier().contentEquals("isSuccess")
        || !(invocation.getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    TreePath condition = invocation.getParentPath();
    while (condition != null && condition.getLeaf() instanceof ParenthesizedTree) {
      condition = condition.getParentPath();
    }
    return condition != null
        && condition.getLeaf() instanceof IfTree ifTree
        && ifTree.getElseStatement() == null;
  }

  private static boolean acceptsThrowable(MethodSymbol method, VisitorState state) {
    if (method.isStatic() || method.isConstructor()) {
      return false;
    }
    for (Symbol.VarSymbol parameter : method.getParameters()) {
      if (parameter.type != null
          && !parameter.type.isPrimitive()
          && ClasspathTypes.isA(parameter.type, state.getSymtab().throwableType, state)) {
        return true;
      }
    }
    return false;
  }
}
