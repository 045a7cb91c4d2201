package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import javax.lang.model.type.TypeKind;

/**
 * Whether one use of a future value lets someone see its failure, and whether a value is dropped.
 *
 * <p>Observing means awaiting, cancelling, attaching a failure callback, returning, storing outside
 * the method, passing to a method or constructor, or combining into another future (which is then
 * checked on its own). Completing it ({@code complete}, {@code completeExceptionally}, Netty's
 * {@code trySuccess}) counts too: this code is then the producer, and the consumer is elsewhere.
 * Everything not known to be blind (for example {@code isDone()}, a null check, {@code println(f)})
 * counts as observing: a finding must be worth acting on.
 */
final class Observation {
  /** Calls on a future that neither wait for it nor see its failure. */
  private static final ImmutableSet<String> BLIND_METHODS =
      ImmutableSet.of(
          "isDone",
          "isCancelled",
          "isCompletedExceptionally",
          "state",
          "getNumberOfDependents",
          "toString",
          "hashCode",
          "equals",
          "getClass",
          // ScheduledFuture's Delayed side: when it runs, not how it ended.
          "getDelay",
          "compareTo");

  /** Calls that return their receiver: whoever owns the result owns the receiver. */
  private static final ImmutableSet<String> SAME_FUTURE_METHODS =
      ImmutableSet.of(
          "orTimeout",
          "completeOnTimeout",
          "completeAsync",
          "removeListener",
          "removeListeners");

  /** Callbacks that run on failure too; they see it only if they read their Throwable. */
  private static final ImmutableSet<String> COMPLETION_CALLBACKS =
      ImmutableSet.of("whenComplete", "whenCompleteAsync", "handle", "handleAsync");

  private Observation() {}

  /**
   * Whether the use of a future value at {@code usePath} can observe it (see the class doc). The
   * leaf is the expression that yields the future, typically an identifier.
   */
  static boolean observes(TreePath usePath, VisitorState state) {
    TreePath path = throughParenthesesAndCasts(usePath);
    TreePath parentPath = path.getParentPath();
    if (parentPath == null) {
      return true;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select) {
      TreePath grandParent = parentPath.getParentPath();
      if (grandParent == null
          || !(grandParent.getLeaf() instanceof MethodInvocationTree invocation)
          || invocation.getMethodSelect() != select) {
        return true;
      }
      String name = select.getIdentifier().toString();
      if (BLIND_METHODS.contains(name)) {
        return false;
      }
      if (COMPLETION_CALLBACKS.contains(name)
          && FailureCallbacks.lambdaIgnoresFailure(invocation)
          && isDropped(grandParent, state)) {
        // x.whenComplete((r, e) -> release()), dropped: the failure goes nowhere.
        return false;
      }
      // x.orTimeout(...) observes x only if someone owns the result.
      return !SAME_FUTURE_METHODS.contains(name) || !isDropped(grandParent, state);
    }
    if (parent instanceof MemberReferenceTree reference) {
      return !BLIND_METHODS.contains(reference.getName().toString());
    }
    if (parent instanceof ConditionalExpressionTree conditional) {
      return conditional.getCondition() == path.getLeaf() || observes(parentPath, state);
    }
    if (parent instanceof MethodInvocationTree || parent instanceof NewClassTree) {
      return !passedAsPlainObject(parent, path.getLeaf(), state);
    }
    return !(parent instanceof BinaryTree
        || parent instanceof InstanceOfTree
        || parent instanceof SynchronizedTree);
  }

  /**
   * Whether {@code argument} goes to a parameter declared {@code Object} (or {@code Object...}):
   * {@code println(f)}, {@code log.info("{}", f)}, {@code String.valueOf(f)}. Such a callee does
   * not know it holds a future, so it is no owner. A type-variable parameter ({@code list.add(f)},
   * {@code requireNonNull(f)}) keeps or returns the value, and is one.
   */
  private static boolean passedAsPlainObject(Tree call, Tree argument, VisitorState state) {
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : ((NewClassTree) call).getArguments();
    int index = arguments.indexOf(argument);
    if (index < 0 || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return false;
    }
    Type declared =
        index < parameters.size()
            ? parameters.get(index).type
            : parameters.get(parameters.size() - 1).type;
    if (method.isVarArgs()
        && index >= parameters.size() - 1
        && declared instanceof Type.ArrayType array
        && !(arguments.size() == parameters.size()
            && ASTHelpers.getType(argument) instanceof Type.ArrayType)) {
      declared = array.getComponentType();
    }
    // Not ASTHelpers.isSameType: it erases, and the type variable of List.add(E) erases to Object.
    return declared != null
        && declared.getKind() == TypeKind.DECLARED
        && state.getTypes().isSameType(declared, state.getSymtab().objectType);
  }

  /** Whether a call of {@code name} on a future neither waits for it nor sees its failure. */
  static boolean isBlind(String name) {
    return BLIND_METHODS.contains(name);
  }

  /** The outermost path that is still the same value: {@code ((Future<?>) f)} for {@code f}. */
  static TreePath throughParenthesesAndCasts(TreePath use) {
    TreePath path = use;
    while (path.getParentPath() != null
        && (path.getParentPath().getLeaf() instanceof ParenthesizedTree
            || path.getParentPath().getLeaf() instanceof TypeCastTree)) {
      path = path.getParentPath();
    }
    return path;
  }

  /** Whether the value of the expression at {@code path} is thrown away. */
  static boolean isDropped(TreePath path, VisitorState state) {
    TreePath parentPath = path.getParentPath();
    while (parentPath != null && parentPath.getLeaf() instanceof ParenthesizedTree) {
      parentPath = parentPath.getParentPath();
    }
    if (parentPath == null) {
      return false;
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof ExpressionStatementTree) {
      return true;
    }
    return parent instanceof LambdaExpressionTree lambda && returnsVoid(lambda, state);
  }

  /** Whether the lambda implements a {@code void} method, e.g. {@code Runnable}. */
  static boolean returnsVoid(LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    if (type == null || type.isErroneous() || !state.getTypes().isFunctionalInterface(type)) {
      return false;
    }
    Type descriptor = state.getTypes().findDescriptorType(type);
    return descriptor != null
        && descriptor.getReturnType() != null
        && descriptor.getReturnType().getKind() == TypeKind.VOID;
  }
}
