package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * Finds a local collection (or map) of futures that is only ever written: created here with {@code new}, then
 * only {@code add}ed to ({@code put} in a map), or collected from a stream that makes new work ({@code
 * items.stream().map(i -> pool.submit(..)).toList()}). Its size ({@code size()}, {@code isEmpty()}) is no read:
 * nobody can reach the futures, so nobody sees their failures.
 */
final class UnreadFutureCollection {
  private static final ImmutableSet<String> WRITES =
      ImmutableSet.of(
          "add", "addAll", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push", "put", "putIfAbsent");

  private UnreadFutureCollection() {}

  /** Whether {@code declaration} (the leaf of {@code state}'s path) is such a collection. */
  static boolean isUnread(
      VariableTree declaration, Symbol local, OwnedFutures ownedFutures, VisitorState state) {
    ExpressionTree initializer = declaration.getInitializer();
    boolean created = initializer instanceof NewClassTree;
    boolean collected = !created && collectsNewWork(initializer, ownedFutures, state);
    if ((!created && !collected) || !holdsFutures(local.type, ownedFutures.futureTypes(), state)) {
      return false;
    }
    TreePath owner = LeakAnalysis.ownerOf(state.getPath());
    if (owner == null) {
      return false;
    }
    int[] writes = {0};
    boolean[] read = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == local) {
          if (isWrite(getCurrentPath(), state)) {
            writes[0]++;
          } else if (!isSizeQuery(getCurrentPath())) {
            read[0] = true;
          }
        }
        return null;
      }
    }.scan(owner, null);
    return (writes[0] > 0 || collected) && !read[0];
  }

  private static boolean holdsFutures(Type type, FutureTypes futureTypes, VisitorState state) {
    return futureTypes.isFuture(elementType(type, state), state);
  }

  /** The element type of a {@code Collection} type, or the value type of a {@code Map} type, or null. */
  static @Nullable Type elementType(@Nullable Type type, VisitorState state) {
    Type collection = state.getTypeFromString("java.util.Collection");
    if (type == null || collection == null) {
      return null;
    }
    Type asCollection = state.getTypes().asSuper(type, collection.tsym);
    if (asCollection != null && asCollection.getTypeArguments().size() == 1) {
      return asCollection.getTypeArguments().get(0);
    }
    Type map = state.getTypeFromString("java.util.Map");
    Type asMap = map == null ? null : state.getTypes().asSuper(type, map.tsym);
    return asMap != null && asMap.getTypeArguments().size() == 2 ? asMap.getTypeArguments().get(1) : null;
  }

  /** Whether {@code type} is a {@code Map}: its futures are its {@code values()}. */
  static boolean isMap(Type type, VisitorState state) {
    Type map = state.getTypeFromString("java.util.Map");
    return map != null && state.getTypes().asSuper(type, map.tsym) != null;
  }

  private static final ImmutableSet<String> SIZE_QUERIES = ImmutableSet.of("size", "isEmpty");

  private static final ImmutableSet<String> COLLECTING = ImmutableSet.of("toList", "collect");

  private static final ImmutableSet<String> MAPPING = ImmutableSet.of("map", "mapToObj");

  /** {@code local.size()}, {@code local.isEmpty()}: they reach no future. */
  private static boolean isSizeQuery(TreePath identifierPath) {
    TreePath selectPath = identifierPath.getParentPath();
    return selectPath != null
        && selectPath.getLeaf() instanceof MemberSelectTree select
        && SIZE_QUERIES.contains(select.getIdentifier().toString())
        && selectPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == select;
  }

  /**
   * {@code <stream>.map(i -> pool.submit(..)).toList()} (or {@code .collect(..)}, with {@code filter}s or
   * {@code sorted} between): a stream whose {@code map} makes new work (a call whose own dropped future would
   * leak), collected.
   */
  private static boolean collectsNewWork(
      @Nullable ExpressionTree initializer, OwnedFutures ownedFutures, VisitorState state) {
    if (!(ASTHelpers.stripParentheses(initializer) instanceof MethodInvocationTree collect)
        || !MethodNames.isNamedAnyOf(collect, COLLECTING)
        || !isStream(ASTHelpers.getReceiver(collect), state)) {
      return false;
    }
    for (ExpressionTree stage = ASTHelpers.getReceiver(collect);
        stage instanceof MethodInvocationTree call && isStream(stage, state);
        stage = ASTHelpers.getReceiver(call)) {
      if (MethodNames.isNamedAnyOf(call, MAPPING)
          && call.getArguments().size() == 1
          && call.getArguments().get(0) instanceof LambdaExpressionTree lambda
          && lambda.getBody() instanceof ExpressionTree body) {
        return ownedFutures.isFreshWork(body, state.withPath(TreePath.getPath(state.getPath(), body)));
      }
    }
    return false;
  }

  private static boolean isStream(@Nullable ExpressionTree tree, VisitorState state) {
    Type type = tree == null ? null : ASTHelpers.getType(tree);
    Type stream = state.getTypeFromString("java.util.stream.Stream");
    return type != null
        && stream != null
        && ASTHelpers.isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(stream), state);
  }

  /** {@code local.add(...)} whose boolean result is dropped. */
  private static boolean isWrite(TreePath identifierPath, VisitorState state) {
    TreePath selectPath = identifierPath.getParentPath();
    if (selectPath == null || !(selectPath.getLeaf() instanceof MemberSelectTree select)) {
      return false;
    }
    TreePath callPath = selectPath.getParentPath();
    Tree call = callPath == null ? null : callPath.getLeaf();
    return call instanceof MethodInvocationTree invocation
        && invocation.getMethodSelect() == select
        && WRITES.contains(select.getIdentifier().toString())
        && Observation.isDropped(callPath, state);
  }
}
