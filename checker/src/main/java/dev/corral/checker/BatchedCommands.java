package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Scope;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import javax.lang.model.type.TypeKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Commands queued into a batch: the future of each queued command reports through the batch, which
 * its owner executes. Two shapes: the command is made through an object taken from a batch (a type
 * with a no-argument {@code execute()}, {@code executeAsync()}, {@code commit()} or {@code
 * commitAsync()}, such as Redisson's {@code RBatch} and {@code RTransaction}: {@code
 * batch.getMap(n).putAsync(k, v)}, wherever the batch comes from); or it is queued into a local
 * whose later future-returning call is observed, as below.
 *
 * <p>Commands queued into a batch held in a local or parameter ({@code RBatch b = ...; b.getBucket(k).setAsync(v); return
 * b.executeAsync();}): the future of each queued command reports through the batch, whose own
 * future (a later future-returning call on the same local receiver) is observed.
 */
final class BatchedCommands {
  /** The no-argument methods that run what a batch queued. */
  private static final ImmutableSet<String> RUNS_THE_BATCH =
      ImmutableSet.of("execute", "executeAsync", "commit", "commitAsync");

  /** How many calls and locals are followed back from a command's receiver to its batch. */
  private static final int MAX_HOPS = 4;

  private BatchedCommands() {}

  /**
   * Whether the dropped call at {@code callPath} is made on a local or parameter (not itself a
   * future), directly
   * or through a chain ({@code b.getBucket(k).setAsync(v)}), and a later call on that local in the
   * same body, without arguments ({@code executeAsync()}: it runs what was queued, it queues
   * nothing new), returns a new future (not {@code newPromise()}) that is used (returned, awaited, assigned, passed on). An
   * executor is no batch: {@code executor.submit(a); return executor.submit(b);} still leaks
   * {@code a}; nor is a JDK or Netty object ({@code channel.close()}), nor a later call of the dropped command itself
   * ({@code if (..) c.close(); else c.close().addListener(l);}).
   */
  static boolean queuedIntoObservedBatch(
      TreePath callPath, OwnedFutures ownedFutures, VisitorState state) {
    return madeThroughBatch(callPath, ownedFutures.futureTypes(), state)
        || queuedIntoObservedLocal(callPath, ownedFutures, state);
  }

  /**
   * Whether the call's receiver was taken from a batch ({@code batch.getBucket(k)}, {@code new
   * RedissonBucket(batch, k)}, or a local initialised so) without being the batch itself: {@code
   * batch.executeAsync()} dropped is the batch's own leak.
   */
  private static boolean madeThroughBatch(
      TreePath callPath, FutureTypes futureTypes, VisitorState state) {
    if (!(callPath.getLeaf() instanceof ExpressionTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    if (receiver == null
        || isPlatformOrNetty(method)
        || !anyBatchTypeKnown(futureTypes, state)
        || isBatch(ASTHelpers.getType(receiver), futureTypes, state)) {
      return false;
    }
    if (isBatchParameter(receiver, futureTypes, state, MAX_HOPS)) {
      // commit(CommandAsyncExecutor executor) { executor.writeAsync(..); }, always given a batch
      return !RUNS_THE_BATCH.contains(method.getSimpleName().toString());
    }
    return takenFromBatch(receiver, callPath, futureTypes, state, MAX_HOPS);
  }

  /**
   * A JDK or Netty method ({@code executor.submit}, {@code cf.thenApply}, {@code ctx.write}) queues no command into a
   * batch. Asked first because following a parameter back to its callers reads every call of the build.
   */
  private static boolean isPlatformOrNetty(MethodSymbol method) {
    Symbol.PackageSymbol owner = method.packge();
    String name = owner == null ? "" : owner.getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("javax.") || NettyFutures.isNetty(method);
  }

  /** A batch by its type, or a parameter that every caller in the build gives a batch. */
  private static boolean isBatchValue(
      ExpressionTree value, FutureTypes futureTypes, VisitorState state, int hops) {
    return isBatch(ASTHelpers.getType(value), futureTypes, state)
        || isBatchParameter(value, futureTypes, state, hops);
  }

  /**
   * {@code executor} in {@code void commit(CommandAsyncExecutor executor)} when every call of {@code
   * commit} (or of a method it overrides) in the build passes a batch ({@code
   * operation.commit(batchService)}) or an object taken from one ({@code commit(map)} with {@code
   * map = getMap(batchService)}): the type is general, the callers show what it is.
   */
  private static boolean isBatchParameter(
      ExpressionTree value, FutureTypes futureTypes, VisitorState state, int hops) {
    Symbol parameter = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(value));
    if (hops == 0
        || parameter == null
        || parameter.getKind() != ElementKind.PARAMETER
        || !(parameter.owner instanceof MethodSymbol method)
        || method.isVarArgs()) {
      return false;
    }
    Map<ParameterLookup, Boolean> known = state.context.get(BATCH_PARAMETERS);
    if (known == null) {
      known = new HashMap<>();
      state.context.put(BATCH_PARAMETERS, known);
    }
    ParameterLookup lookup = new ParameterLookup(parameter, hops);
    Boolean answer = known.get(lookup);
    if (answer == null) {
      int index = method.getParameters().indexOf(parameter);
      List<TreePath> calls = BuildIndex.of(state).callsOf(method, state);
      answer =
          index >= 0
              && calls != null
              && !calls.isEmpty()
              && calls.stream().allMatch(caller -> passesBatch(caller, index, futureTypes, state, hops - 1));
      known.put(lookup, answer);
    }
    return answer;
  }

  /** A parameter asked about with so many hops left: the answer depends on nothing else. */
  private record ParameterLookup(Symbol parameter, int hops) {}

  /** Per compilation: each parameter's answer, since every dropped call on it and every body fact asks again. */
  private static final Context.Key<Map<ParameterLookup, Boolean>> BATCH_PARAMETERS = new Context.Key<>();

  private static boolean passesBatch(
      TreePath caller, int index, FutureTypes futureTypes, VisitorState state, int hops) {
    List<? extends ExpressionTree> arguments =
        ((MethodInvocationTree) caller.getLeaf()).getArguments();
    return index < arguments.size()
        && (isBatchValue(arguments.get(index), futureTypes, state, hops)
            || takenFromBatch(arguments.get(index), caller, futureTypes, state, hops));
  }

  private static boolean takenFromBatch(
      ExpressionTree value, TreePath site, FutureTypes futureTypes, VisitorState state, int hops) {
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (hops == 0 || futureTypes.isFuture(ASTHelpers.getType(expr), state)) {
      return false;
    }
    if (expr instanceof TypeCastTree cast) {
      return takenFromBatch(cast.getExpression(), site, futureTypes, state, hops);
    }
    if (expr instanceof MethodInvocationTree invocation) {
      // batch.getBucket(k), or getLock(batch, k): an object made from the batch
      ExpressionTree source = ASTHelpers.getReceiver(expr);
      return (source != null
              && (isBatchValue(source, futureTypes, state, hops)
                  || takenFromBatch(source, site, futureTypes, state, hops - 1)))
          || invocation.getArguments().stream()
              .anyMatch(argument -> isBatchValue(argument, futureTypes, state, hops));
    }
    if (expr instanceof NewClassTree created) {
      return created.getArguments().stream()
          .anyMatch(argument -> isBatchValue(argument, futureTypes, state, hops));
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    if (symbol == null || symbol.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    ExpressionTree initializer = initializerOf(symbol, site);
    return initializer != null && takenFromBatch(initializer, site, futureTypes, state, hops - 1);
  }

  /**
   * Whether the compilation knows a class that declares a method that runs a batch, outside executors and futures.
   * Every batch has such a class among its supertypes, and javac has read its members by the time the checks run
   * (the build is attributed first), so without one no receiver is taken from a batch and the search through the
   * build's callers, the dearest part of this check, is skipped. Asked once per compilation.
   */
  private static boolean anyBatchTypeKnown(FutureTypes futureTypes, VisitorState state) {
    Boolean known = state.context.get(ANY_BATCH_TYPE);
    if (known == null) {
      known = findBatchType(futureTypes, state);
      state.context.put(ANY_BATCH_TYPE, known);
    }
    return known;
  }

  private static final Context.Key<Boolean> ANY_BATCH_TYPE = new Context.Key<>();

  private static boolean findBatchType(FutureTypes futureTypes, VisitorState state) {
    List<Name> runs = RUNS_THE_BATCH.stream().map(state::getName).toList();
    for (ClassSymbol type : Symtab.instance(state.context).getAllClasses()) {
      // members_field is null until javac reads the class: asking members() would make it read every class it knows
      Scope members = type.members_field;
      if (members != null && declaresRunWithoutArguments(members, runs) && isBatch(type.type, futureTypes, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declaresRunWithoutArguments(Scope members, List<Name> runs) {
    for (Name name : runs) {
      for (Symbol member : members.getSymbolsByName(name)) {
        if (member instanceof MethodSymbol method && method.getParameters().isEmpty() && !method.isStatic()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A batch: no executor and no future, with a no-argument method that runs what was queued. */
  private static boolean isBatch(@Nullable Type type, FutureTypes futureTypes, VisitorState state) {
    if (type == null
        || type.tsym == null
        || type.getKind() != TypeKind.DECLARED
        || futureTypes.isFuture(type, state)
        || FutureTypes.isSubtypeOf(type, "java.util.concurrent.Executor", state)) {
      return false;
    }
    for (Type supertype : state.getTypes().closure(type)) {
      for (Symbol member : supertype.tsym.getEnclosedElements()) {
        if (member instanceof MethodSymbol method
            && method.getParameters().isEmpty()
            && !method.isStatic()
            && RUNS_THE_BATCH.contains(method.getSimpleName().toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The initializer of a local declared in the method or lambda that holds {@code site}. */
  private static @Nullable ExpressionTree initializerOf(Symbol local, TreePath site) {
    TreePath owner = LeakAnalysis.ownerOf(site);
    TreePath declaration = owner == null ? null : LocalUses.declarationOf(local, owner);
    return declaration != null && declaration.getLeaf() instanceof VariableTree variable
        ? variable.getInitializer()
        : null;
  }

  private static boolean queuedIntoObservedLocal(
      TreePath callPath, OwnedFutures ownedFutures, VisitorState state) {
    FutureTypes futureTypes = ownedFutures.futureTypes();
    if (!(ASTHelpers.getSymbol(callPath.getLeaf()) instanceof MethodSymbol command) || isPlatformOrNetty(command)) {
      return false;
    }
    Symbol batch = localReceiver(callPath.getLeaf(), futureTypes, state);
    TreePath owner = LeakAnalysis.ownerOf(callPath);
    Tree body = owner == null ? null : bodyOf(owner.getLeaf());
    if (batch == null || body == null) {
      return false;
    }
    int after = state.getEndPosition(callPath.getLeaf());
    boolean[] found = {false};
    new OwnBody.PathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        if (!found[0]
            && ASTHelpers.getStartPosition(invocation) >= after
            && ASTHelpers.getReceiver(invocation) != null
            && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(ASTHelpers.getReceiver(invocation)))
                == batch
            && invocation.getArguments().isEmpty()
            // c.close() then c.close().addListener(..) in another branch: the same command, not the batch's run.
            && ASTHelpers.getSymbol(invocation) != command
            && ownedFutures.returnsOwnedFuture(invocation, state)
            && !Observation.isDropped(getCurrentPath(), state)
            && Observation.observes(getCurrentPath(), state)) {
          found[0] = true;
        }
        return super.visitMethodInvocation(invocation, unused);
      }
    }.scan(new TreePath(owner, body), null);
    return found[0];
  }

  private static @Nullable Tree bodyOf(Tree owner) {
    return owner instanceof LambdaExpressionTree lambda
        ? lambda.getBody()
        : ((MethodTree) owner).getBody();
  }

  /** The local at the root of the call's receiver chain, unless a future is on the way. */
  private static @Nullable Symbol localReceiver(Tree call, FutureTypes futureTypes, VisitorState state) {
    ExpressionTree receiver =
        call instanceof ExpressionTree expression ? ASTHelpers.getReceiver(expression) : null;
    while (receiver != null) {
      receiver = ASTHelpers.stripParentheses(receiver);
      if (futureTypes.isFuture(ASTHelpers.getType(receiver), state)) {
        return null;
      }
      if (receiver instanceof IdentifierTree) {
        if (FutureTypes.isSubtypeOf(
            ASTHelpers.getType(receiver), "java.util.concurrent.Executor", state)) {
          // executor.submit(a); return executor.submit(b); leaks a.
          return null;
        }
        Symbol symbol = ASTHelpers.getSymbol(receiver);
        return symbol != null
                && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
                    || symbol.getKind() == ElementKind.PARAMETER)
            ? symbol
            : null;
      }
      if (!(receiver instanceof MethodInvocationTree)) {
        return null;
      }
      receiver = ASTHelpers.getReceiver(receiver);
    }
    return null;
  }
}
