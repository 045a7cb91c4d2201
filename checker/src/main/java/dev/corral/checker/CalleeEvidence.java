package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Positive evidence that a method compiled in the same build hands back <em>fresh work</em>, read from its {@code
 * return}s: only then does a caller that drops the method's future lose a failure it could be blamed for.
 *
 * <p>A same-build callee's dropped future is a leak when the future carries a failure nobody else sees. Out of
 * sample, most such callees hand back something else: a future that can only succeed, a future their holder keeps
 * and reads (a field, a map entry, a pending-request table), or one whose failure they already report. So the
 * question asked here is the positive one: does some {@code return} of the callee lead to new work? Evidence is
 *
 * <ul>
 *   <li>a call whose own dropped future would leak ({@link OwnedFutures#isFreshWork}): {@code executor.submit(..)},
 *       {@code supplyAsync(..)}, an asynchronous I/O call of a library, {@code failedFuture(e)}; {@code thenCompose}
 *       and Guava {@code transformAsync} (their action starts new work);
 *   <li>a stage derived from, or a wrapper or combinator of, futures that are evidence themselves: {@code
 *       f.thenApply(..)}, {@code f.orTimeout(..)}, {@code wrap(f)}, {@code new RedissonFuture<>(f)}, {@code
 *       allOf(a, b)}, {@code allAsList(list)} where the list's elements are added from fresh work; a stage derived
 *       by a failure callback that reads the failure ({@code whenComplete((v, e) -> log(e))}, {@code exceptionally})
 *       is none: that failure is seen;
 *   <li>a local whose initializer or an assignment is evidence, or a fresh promise ({@code new
 *       CompletableFuture<>()}, {@code SettableFuture.create()}, Netty {@code newPromise()}, {@code new X()} of a
 *       same-build future class such as Redisson's {@code RedissonPromise}) that the method completes exceptionally
 *       or hands to other code (a callback, a call): one that it only completes normally can only succeed ({@link
 *       SucceedOnlyFutures});
 *   <li>the result of another same-build callee with evidence (followed {@value #MAX_DEPTH} methods deep; a cycle
 *       adds nothing), or of one that hands back its parameter given an argument that is evidence; the value a
 *       generic helper hands back from the lambda it runs ({@code lock.execute(() -> { ..; return f; })}).
 * </ul>
 *
 * Fields, parameters of the caller, literals, {@code this}, completed futures and values read from a container held
 * in a field are no evidence. A callee that is abstract, overridden in the build or followed too deep is not read:
 * its future stays the caller's to observe (it counts as evidence).
 *
 * <p>Each method's answer is computed once per compilation and cached by symbol; an answer that depended on a method
 * still being read (a cycle) or on the depth bound is not cached.
 */
final class CalleeEvidence {
  /** How many same-build methods deep a returned call is followed. */
  static final int MAX_DEPTH = 4;

  /** Calls whose action starts new work: the stage they return is fresh whatever their receiver is. */
  private static final Matcher<ExpressionTree> COMPOSES =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletionStage")
              .namedAnyOf("thenCompose", "thenComposeAsync"),
          instanceMethod()
              .onDescendantOf("com.google.common.util.concurrent.FluentFuture")
              .named("transformAsync"),
          staticMethod().onClass("com.google.common.util.concurrent.Futures").named("transformAsync"));

  /** Futures already complete when created: nothing can fail them, whatever is done with them. */
  private static final Matcher<ExpressionTree> ALREADY_COMPLETE =
      anyOf(
          staticMethod()
              .onClass("java.util.concurrent.CompletableFuture")
              .namedAnyOf("completedFuture", "completedStage"),
          staticMethod()
              .onClass("com.google.common.util.concurrent.Futures")
              .namedAnyOf("immediateFuture", "immediateVoidFuture"));

  /** Calls that put an element into a collection: what a local collection of futures holds. */
  private static final ImmutableSet<String> ADDS =
      ImmutableSet.of("add", "addAll", "offer", "push", "put", "set", "addFirst", "addLast");

  /**
   * What flows out of an expression: fresh work, the arguments of which parameters of its method, whether a field
   * of the method's own instance ({@code return future;} in {@code Invocation.invoke()}): that is fresh when the
   * instance is, as in {@code new PartitionInvocation(op).invoke()}, whose future nothing but the caller can reach;
   * and which task parameters it submits ({@code return executor.submit(task);}): that is fresh unless the caller's
   * task reports its own failures.
   */
  private record Flow(boolean fresh, long parameters, boolean ownField, long tasks) {
    static final Flow NONE = new Flow(false, 0, false, 0);
    static final Flow FRESH = new Flow(true, 0, false, 0);
    static final Flow OWN_FIELD = new Flow(false, 0, true, 0);

    static Flow parameter(int index) {
      return index < 0 ? NONE : index >= Long.SIZE ? FRESH : new Flow(false, 1L << index, false, 0);
    }

    static Flow task(int index) {
      return index < 0 || index >= Long.SIZE ? FRESH : new Flow(false, 0, false, 1L << index);
    }

    boolean dependsOnArguments() {
      return parameters != 0 || tasks != 0;
    }

    Flow or(Flow other) {
      return fresh
          ? this
          : other.fresh
              ? other
              : new Flow(
                  false, parameters | other.parameters, ownField || other.ownField, tasks | other.tasks);
    }
  }

  /**
   * Where an expression is read: the method that holds it (null at the caller, whose locals and parameters are
   * judged by the flow analysis, not here), a path in that method for the helpers that ask for one, and how many
   * methods deep it is.
   */
  private record Site(@Nullable MethodSymbol method, @Nullable TreePath methodPath, TreePath path, int depth) {}

  private final OwnedFutures ownedFutures;
  private final FutureTypes futureTypes;

  /** The compilation the caches below are for. */
  private @Nullable Object answersFor;

  private final Map<MethodSymbol, Flow> summaries = new IdentityHashMap<>();
  private final Set<MethodSymbol> methodsInQuestion = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Symbol> localsInQuestion = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The depth of the method being read, -1 when none is. */
  private int activeDepth = -1;

  /** Whether an answer being computed depends on a method still in question or on the depth bound. */
  private boolean provisional;

  CalleeEvidence(OwnedFutures ownedFutures) {
    this.ownedFutures = ownedFutures;
    this.futureTypes = ownedFutures.futureTypes();
  }

  /**
   * Whether {@code call} (an invocation or method reference) names a same-build method, with a body and overridden
   * nowhere in the build, none of whose returns is evidence of fresh work for this call: then the future it hands
   * back is not one the caller can be blamed for dropping. A method reference's arguments are unknown, so a
   * method that hands back a parameter counts as fresh for it.
   */
  boolean lacksEvidence(ExpressionTree call, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol called)) {
      return false;
    }
    List<MethodSymbol> targets = readableTargets(called, state);
    if (targets.isEmpty()) {
      return false;
    }
    resetFor(state);
    boolean outermost = methodsInQuestion.isEmpty();
    if (outermost) {
      provisional = false;
    }
    int depth = activeDepth + 1;
    for (MethodSymbol method : targets) {
      Flow summary = summary(method, state, depth);
      if (summary.fresh() || (summary.ownField() && FreshInstances.onFreshInstance(call))) {
        return false;
      }
      if (!summary.dependsOnArguments()) {
        continue;
      }
      if (!(call instanceof MethodInvocationTree invocation)) {
        return false;
      }
      Site caller = new Site(null, null, state.getPath(), depth);
      if (forwarded(summary, method, invocation.getArguments(), caller, state).fresh()) {
        return false;
      }
    }
    return true;
  }

  private void resetFor(VisitorState state) {
    if (answersFor != state.context) {
      answersFor = state.context;
      summaries.clear();
      methodsInQuestion.clear();
      localsInQuestion.clear();
      activeDepth = -1;
    }
  }

  /**
   * The bodies a call of {@code method} may run, when the build shows which: {@code method}'s own ({@link
   * #isReadable}), or, for an abstract method, those of its implementations in the build ({@code
   * provider.scheduleCleanup()} on an interface whose classes are {@code ProviderImpl} and {@code RemoteProvider}),
   * each read as a method of its own. Empty when they cannot be known.
   */
  private static List<MethodSymbol> readableTargets(MethodSymbol method, VisitorState state) {
    if (isReadable(method, state)) {
      return List.of(method);
    }
    if ((method.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0) {
      return List.of();
    }
    List<MethodSymbol> implementations = BuildIndex.of(state).implementations(method, state);
    return implementations.stream().allMatch(implementation -> isReadable(implementation, state))
        ? implementations
        : List.of();
  }

  /** A same-build method whose body this build compiles and that no class of the build overrides. */
  private static boolean isReadable(MethodSymbol method, VisitorState state) {
    return SourceTrees.methodPathWithBody(method, state) != null
        && !BuildIndex.of(state).isOverridden(method, state);
  }

  /** What the returns of {@code method} hand back, read at {@code depth}. */
  private Flow summary(MethodSymbol method, VisitorState state, int depth) {
    Flow known = summaries.get(method);
    if (known != null) {
      return known;
    }
    TreePath declaration = SourceTrees.methodPathWithBody(method, state);
    if (declaration == null || BuildIndex.of(state).isOverridden(method, state)) {
      summaries.put(method, Flow.FRESH);
      return Flow.FRESH;
    }
    if (depth > MAX_DEPTH) {
      provisional = true;
      return Flow.FRESH; // not read: the caller keeps the obligation
    }
    if (!methodsInQuestion.add(method)) {
      provisional = true;
      return Flow.NONE; // a cycle: its other returns decide
    }
    boolean outerProvisional = provisional;
    int outerDepth = activeDepth;
    provisional = false;
    activeDepth = depth;
    Flow[] flow = {Flow.NONE};
    try {
      new OwnBody.PathScanner<Void, Void>() {
        @Override
        public Void visitReturn(ReturnTree returned, Void unused) {
          if (!flow[0].fresh()) {
            Site site = new Site(method, declaration, getCurrentPath(), depth);
            flow[0] = flow[0].or(evidence(returned.getExpression(), site, state));
          }
          return null;
        }
      }.scan(declaration, null);
    } finally {
      methodsInQuestion.remove(method);
      activeDepth = outerDepth;
    }
    if (!provisional) {
      summaries.put(method, flow[0]);
    }
    provisional |= outerProvisional;
    return flow[0];
  }

  /** What {@code value}, read at {@code site}, hands on. */
  private Flow evidence(@Nullable ExpressionTree value, Site site, VisitorState state) {
    if (value == null) {
      return Flow.NONE;
    }
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (expr instanceof TypeCastTree cast) {
      return evidence(cast.getExpression(), site, state);
    }
    if (expr instanceof ConditionalExpressionTree conditional) {
      return evidence(conditional.getTrueExpression(), site, state)
          .or(evidence(conditional.getFalseExpression(), site, state));
    }
    if (expr instanceof SwitchExpressionTree switchExpression) {
      Flow flow = Flow.NONE;
      for (ExpressionTree result : OwnedFutures.resultsOf(switchExpression)) {
        flow = flow.or(evidence(result, site, state));
      }
      return flow;
    }
    if (expr instanceof LiteralTree) {
      return Flow.NONE;
    }
    if (expr instanceof NewClassTree created) {
      return evidenceOfNew(created, site, state);
    }
    if (expr instanceof MethodInvocationTree call) {
      return evidenceOfCall(call, site, state);
    }
    if (expr instanceof IdentifierTree identifier
        && (identifier.getName().contentEquals("this") || identifier.getName().contentEquals("super"))) {
      return Flow.NONE;
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    if (FreshInstances.readsOwnField(expr, symbol, site.method(), state)) {
      return Flow.OWN_FIELD;
    }
    return evidenceOfVariable(symbol, site, state);
  }

  /**
   * {@code new X(..)} returned: {@code new CompletableFuture<>()} can only succeed; a wrapper ({@code new
   * RedissonFuture<>(f)}) hands on what its futures carry; a future class whose no-argument constructor starts work
   * ({@code new WriteFuture()}, see {@link SucceedOnlyFutures}) or one made from a {@code Throwable} (a failed
   * future) is fresh; one made from plain values ({@code new Wrapper<>(value)}) is complete.
   */
  private Flow evidenceOfNew(NewClassTree created, Site site, VisitorState state) {
    if (SucceedOnlyFutures.isSucceedOnlyNew(created, state)) {
      return Flow.NONE;
    }
    List<? extends ExpressionTree> arguments = created.getArguments();
    if (arguments.stream().anyMatch(argument -> carriesFutures(ASTHelpers.getType(argument), state))) {
      return futuresAmong(arguments, site, state);
    }
    if (!futureTypes.isFuture(ASTHelpers.getType(created), state)) {
      return Flow.NONE;
    }
    boolean failed =
        arguments.stream()
            .anyMatch(
                argument ->
                    ASTHelpers.getType(argument) != null
                        && ASTHelpers.getType(argument).getKind() == TypeKind.DECLARED
                        && ClasspathTypes.isA(ASTHelpers.getType(argument), state.getSymtab().throwableType, state));
    return arguments.isEmpty() || failed ? Flow.FRESH : Flow.NONE;
  }

  /** A variable read at {@code site}: a field is its holder's, a parameter the caller's argument. */
  private Flow evidenceOfVariable(@Nullable Symbol symbol, Site site, VisitorState state) {
    if (symbol == null || site.method() == null) {
      return Flow.NONE;
    }
    return switch (symbol.getKind()) {
      case PARAMETER -> Flow.parameter(site.method().getParameters().indexOf(symbol));
      case LOCAL_VARIABLE -> evidenceOfLocal(symbol, site, state);
      default -> Flow.NONE;
    };
  }

  /**
   * A local of the method at {@code site}: the evidence of its initializer and of every value assigned to it; a
   * fresh promise counts when it is not one that can only succeed.
   */
  private Flow evidenceOfLocal(Symbol local, Site site, VisitorState state) {
    TreePath methodPath = site.methodPath();
    if (methodPath == null || !localsInQuestion.add(local)) {
      return Flow.NONE; // x = x.thenApply(..): the other values decide
    }
    try {
      if (SucceedOnlyFutures.isSucceedOnlyLocal(local, methodPath, state)) {
        return Flow.NONE;
      }
      Flow flow = Flow.NONE;
      for (ExpressionTree value : valuesOf(local, methodPath)) {
        ExpressionTree expr = ASTHelpers.stripParentheses(value);
        if (isFreshPromise(expr, state) || isNewTask(expr, state)) {
          // Not only completed normally (SucceedOnlyFutures said no): failed, or handed to other code.
          return Flow.FRESH;
        }
        flow = flow.or(evidence(expr, site, state));
        if (flow.fresh()) {
          return flow;
        }
      }
      return flow;
    } finally {
      localsInQuestion.remove(local);
    }
  }

  /** A future only this code can complete, not yet complete: {@code new CompletableFuture<>()}, a promise. */
  private static boolean isFreshPromise(ExpressionTree expr, VisitorState state) {
    return SucceedOnlyFutures.isFreshFuture(expr, state) && !ALREADY_COMPLETE.matches(expr, state);
  }

  /** {@code new FutureTask<>(work)}: a future made with no future to wrap, of work that may fail. */
  private boolean isNewTask(ExpressionTree expr, VisitorState state) {
    return expr instanceof NewClassTree created
        && futureTypes.isFuture(ASTHelpers.getType(created), state)
        && created.getArguments().stream()
            .noneMatch(argument -> carriesFutures(ASTHelpers.getType(argument), state));
  }

  /** The initializer and the assigned values of {@code local} in its method (lambdas included). */
  private static List<ExpressionTree> valuesOf(Symbol local, TreePath methodPath) {
    List<ExpressionTree> values = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree declaration, Void unused) {
        if (declaration.getInitializer() != null && ASTHelpers.getSymbol(declaration) == local) {
          values.add(declaration.getInitializer());
        }
        return super.visitVariable(declaration, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (ASTHelpers.getSymbol(assignment.getVariable()) == local) {
          values.add(assignment.getExpression());
        }
        return super.visitAssignment(assignment, unused);
      }
    }.scan(methodPath, null);
    return values;
  }

  private boolean handsBackOwnField(List<MethodSymbol> targets, VisitorState state, int depth) {
    return targets.stream().anyMatch(target -> summary(target, state, depth).ownField());
  }

  /** A call read at {@code site}: see the class doc. */
  private Flow evidenceOfCall(MethodInvocationTree call, Site site, VisitorState state) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return Flow.NONE;
    }
    VisitorState at = state.withPath(site.path());
    Type declared = method.getReturnType();
    if (!futureTypes.isFuture(declared, state)) {
      if (declared == null || declared.getKind() != TypeKind.TYPEVAR || declared.tsym == null) {
        return Flow.NONE;
      }
      // <T> T execute(Supplier<T> work): the value is what the lambda it runs hands back.
      if (declared.tsym.owner == method) {
        return suppliedBy(call.getArguments(), site, state);
      }
      // attempt.get() on a parameter Supplier<F>: what the caller's lambda hands back. A type variable of another
      // receiver's class (Map<K, V>.get on a field) is an element of a container: its holder's.
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      Symbol held = receiver == null ? null : ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver));
      return held != null
              && held.getKind() == ElementKind.PARAMETER
              && state.getTypes().isFunctionalInterface(held.type)
          ? evidenceOfVariable(held, site, state)
          : Flow.NONE;
    }
    List<MethodSymbol> targets = readableTargets(method, state);
    if (!targets.isEmpty()) {
      // close(newPromise()) hands back the promise it is given: judged below by what the callee does with it.
      boolean sameInstance = site.method() != null && FreshInstances.onSameInstance(call);
      if (!ownedFutures.returnsUnexemptFuture(call, at)
          && !passesNoCallback(call, method, state)
          && !NettyFutures.handsBackHeldPromise(call, method, at)) {
        // held, watched or handed back: see OwnedFutures and ReturnedFutures; held in a field of this instance, it
        // is fresh when this instance is
        if (sameInstance && handsBackOwnField(targets, state, site.depth() + 1)) {
          return Flow.OWN_FIELD;
        }
        // flush0(buffer, handler) given this method's handler parameter: the caller's argument decides, and a
        // caller that passes null gets a failure nobody is told of
        return FailureCallbacks.takesFailureCallback(method, futureTypes, state)
            ? callbackParameters(call, site, state)
            : Flow.NONE;
      }
      Flow flow = Flow.NONE;
      for (MethodSymbol target : targets) {
        Flow summary = summary(target, state, site.depth() + 1);
        if (summary.fresh() || (summary.ownField() && FreshInstances.onFreshInstance(call))) {
          return Flow.FRESH;
        }
        flow = flow.or(forwarded(summary, target, call.getArguments(), site, state));
        if (summary.ownField() && sameInstance) {
          flow = flow.or(Flow.OWN_FIELD);
        }
        if (flow.fresh()) {
          break;
        }
      }
      return flow;
    }
    if (FailureCallbacks.ON_FAILURE_TOO.matches(call, state)) {
      // A callback that reads the failure sees it; one that ignores it or only rethrows it passes it on.
      return onlyRethrowsFailure(call)
          ? evidence(ASTHelpers.getReceiver(call), site, state)
          : Flow.NONE;
    }
    if (COMPOSES.matches(call, state)) {
      return ownedFutures.returnsOwnedFuture(call, at) ? Flow.FRESH : Flow.NONE;
    }
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    boolean futureReceiver =
        receiver != null
            && !(ASTHelpers.getSymbol(receiver) instanceof Symbol.ClassSymbol)
            && futureTypes.isFuture(ASTHelpers.getType(receiver), state);
    boolean futureArguments =
        call.getArguments().stream().anyMatch(argument -> carriesFutures(ASTHelpers.getType(argument), state));
    // Netty's write(msg, promise) is I/O work given the promise it completes, not a wrapper of it: fresh unless the
    // promise is held (a parameter, a field, voidPromise()), and then it is what that promise is.
    if (!futureReceiver && futureArguments && NettyFutures.isNetty(method)) {
      if (ownedFutures.isFreshWork(call, at)) {
        return Flow.FRESH;
      }
      return NettyFutures.handsBackHeldPromise(call, method, at)
          ? futuresAmong(call.getArguments(), site, state)
          : Flow.NONE;
    }
    if (futureReceiver || futureArguments) {
      // A derived stage, a view, a combinator or a wrapper: what fails it is what its futures carry.
      if (!ownedFutures.returnsOwnedFuture(call, at)) {
        return Flow.NONE;
      }
      Flow flow = futureReceiver ? evidence(receiver, site, state) : Flow.NONE;
      return flow.fresh() ? flow : flow.or(futuresAmong(call.getArguments(), site, state));
    }
    if (FailureCallbacks.takesFailureCallback(method, futureTypes, state)) {
      // producer.send(record, callback): the failure goes to the callback, unless there is none.
      return passesNoCallback(call, method, state) ? Flow.FRESH : callbackParameters(call, site, state);
    }
    if (!ownedFutures.isFreshWork(call, at)) {
      return Flow.NONE;
    }
    Flow tasks = taskParameters(call, site, state);
    return tasks == null ? Flow.FRESH : tasks;
  }

  /**
   * {@code return getExecutor(name).submit(task);} in {@code submit(String name, Callable<T> task)}: work whose only
   * tasks are parameters of the method at {@code site}, so each caller's task decides whether the future can fail
   * unseen. Null when the call starts other work too, or is not such a submission.
   */
  private @Nullable Flow taskParameters(MethodInvocationTree call, Site site, VisitorState state) {
    if (site.method() == null) {
      return null;
    }
    Flow flow = null;
    for (ExpressionTree argument : call.getArguments()) {
      Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument));
      if (symbol != null && symbol.getKind() == ElementKind.PARAMETER && SelfReportingWork.isTaskType(symbol.type, state)) {
        Flow task = Flow.task(site.method().getParameters().indexOf(symbol));
        flow = flow == null ? task : flow.or(task);
      } else if (SelfReportingWork.isTaskType(ASTHelpers.getType(argument), state)
          || futureTypes.isFuture(ASTHelpers.getType(argument), state)) {
        return null;
      }
    }
    return flow;
  }

  /**
   * The caller's task for a task parameter that the callee submits: no evidence when it reports its own failures
   * ({@link SelfReportingWork}), fresh otherwise; a parameter of the caller itself is again the caller's caller's.
   */
  private Flow submittedTask(ExpressionTree argument, Site site, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument));
    if (site.method() != null && symbol != null && symbol.getKind() == ElementKind.PARAMETER) {
      return Flow.task(site.method().getParameters().indexOf(symbol));
    }
    // How the callee runs the task is not read here, so the task is read as repeating work (strictly).
    return SelfReportingWork.isSelfReportingTaskValue(
            argument, state.withPath(site.path()), SelfReportingWork.Schedule.REPEATING)
        ? Flow.NONE
        : Flow.FRESH;
  }

  /**
   * Whether a call of a method that hands its failure to a callback ({@link FailureCallbacks#takesFailureCallback})
   * passes {@code null} for it: Kafka's {@code sendWithReceipt(k, v, null)}.
   */
  private boolean passesNoCallback(MethodInvocationTree call, MethodSymbol method, VisitorState state) {
    return FailureCallbacks.takesFailureCallback(method, futureTypes, state)
        && !FailureCallbacks.passesFailureCallback(call, method, futureTypes, state);
  }

  /** The parameters of the method at {@code site} passed on as the callback: the caller's argument decides. */
  private Flow callbackParameters(MethodInvocationTree call, Site site, VisitorState state) {
    Flow flow = Flow.NONE;
    for (ExpressionTree argument : call.getArguments()) {
      Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument));
      if (site.method() != null
          && symbol != null
          && symbol.getKind() == ElementKind.PARAMETER
          && !futureTypes.isFuture(symbol.type, state)) {
        flow = flow.or(Flow.parameter(site.method().getParameters().indexOf(symbol)));
      }
    }
    return flow;
  }

  /** The arguments for the parameters that {@code summary} says the method hands back. */
  private Flow forwarded(
      Flow summary,
      MethodSymbol method,
      List<? extends ExpressionTree> arguments,
      Site site,
      VisitorState state) {
    Flow flow = Flow.NONE;
    int parameters = method.getParameters().size();
    for (int i = 0; i < arguments.size() && !flow.fresh(); i++) {
      int parameter = method.isVarArgs() && i >= parameters - 1 ? parameters - 1 : i;
      if (parameter < Long.SIZE && (summary.tasks() & (1L << parameter)) != 0) {
        flow = flow.or(submittedTask(arguments.get(i), site, state));
      }
      if (parameter < Long.SIZE && (summary.parameters() & (1L << parameter)) != 0) {
        ExpressionTree argument = arguments.get(i);
        boolean noCallback =
            argument.getKind() == Tree.Kind.NULL_LITERAL
                && !futureTypes.isFuture(method.getParameters().get(parameter).type, state);
        // close(newPromise()) of close(ChannelPromise p) { return super.close(p); }: the work completes the promise.
        boolean promiseForWork =
            isFreshPromise(ASTHelpers.stripParentheses(argument), state)
                && handsOn(method.getParameters().get(parameter), method, state);
        flow =
            flow.or(noCallback || promiseForWork ? Flow.FRESH : evidenceOfFutures(argument, site, state));
      }
    }
    return flow;
  }

  /** Whether the body of {@code method} passes {@code parameter} to a call (not only returns it). */
  private static boolean handsOn(Symbol parameter, MethodSymbol method, VisitorState state) {
    TreePath declaration = SourceTrees.methodPathWithBody(method, state);
    if (declaration == null) {
      return false;
    }
    boolean[] handed = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        handed[0] |=
            call.getArguments().stream()
                .anyMatch(a -> ASTHelpers.getSymbol(ASTHelpers.stripParentheses(a)) == parameter);
        return handed[0] ? null : super.visitMethodInvocation(call, unused);
      }
    }.scan(declaration.getLeaf(), null);
    return handed[0];
  }

  /** The arguments that are futures, or arrays or collections of futures. */
  private Flow futuresAmong(List<? extends ExpressionTree> arguments, Site site, VisitorState state) {
    Flow flow = Flow.NONE;
    for (ExpressionTree argument : arguments) {
      if (carriesFutures(ASTHelpers.getType(argument), state)) {
        flow = flow.or(evidenceOfFutures(argument, site, state));
        if (flow.fresh()) {
          return flow;
        }
      }
    }
    return flow;
  }

  /**
   * Whether the failure callback ({@code handle}, {@code whenComplete}, {@code exceptionally}) is a lambda that
   * reads its {@code Throwable} only to throw it again: {@code handle((r, e) -> { if (e != null) throw new
   * CompletionException(e); ..})} sees nothing, the failure goes on in the stage it returns; so does a {@code
   * whenComplete} lambda that never reads it. A null check that guards other work ({@code if (e != null) close();},
   * a retry) handles the failure.
   */
  static boolean onlyRethrowsFailure(MethodInvocationTree call) {
    if (call.getArguments().isEmpty()
        || !(ASTHelpers.stripParentheses(call.getArguments().get(0)) instanceof LambdaExpressionTree lambda)
        || lambda.getParameters().isEmpty()) {
      return false;
    }
    Symbol failure = ASTHelpers.getSymbol(lambda.getParameters().get(lambda.getParameters().size() - 1));
    boolean[] uses = {false, false, false}; // read in a throw, read outside a throw, null-checked
    new TreeScanner<Void, Void>() {
      private int throwing;

      @Override
      public Void visitThrow(ThrowTree thrown, Void unused) {
        throwing++;
        super.visitThrow(thrown, unused);
        throwing--;
        return null;
      }

      @Override
      public Void visitBinary(BinaryTree binary, Void unused) {
        boolean nullCheck =
            (binary.getKind() == Tree.Kind.EQUAL_TO || binary.getKind() == Tree.Kind.NOT_EQUAL_TO)
                && (binary.getLeftOperand().getKind() == Tree.Kind.NULL_LITERAL
                    || binary.getRightOperand().getKind() == Tree.Kind.NULL_LITERAL);
        if (nullCheck) {
          uses[2] |= failure != null && LocalUses.mentions(failure, binary); // if (e != null) ..
          return null;
        }
        return super.visitBinary(binary, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (failure != null && ASTHelpers.getSymbol(identifier) == failure) {
          uses[0] |= throwing > 0;
          uses[1] |= throwing == 0;
        }
        return null;
      }
    }.scan(lambda.getBody(), null);
    // whenComplete hands the receiver's failure on whatever its callback does; handle and exceptionally replace
    // it with the callback's value unless the callback throws it again.
    boolean passesOnByItself =
        ASTHelpers.getSymbol(call) != null
            && ASTHelpers.getSymbol(call).getSimpleName().toString().startsWith("whenComplete");
    // A null check that guards other work (if (e != null) close();) reacts to the failure: it is handled.
    return !uses[1] && (uses[0] || (passesOnByItself && !uses[2]));
  }

  /** A future, or an array, collection, map or stream of futures. */
  private boolean carriesFutures(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    if (futureTypes.isFuture(type, state)) {
      return true;
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return futureTypes.isFuture(state.getTypes().elemtype(type), state);
    }
    return type.getKind() == TypeKind.DECLARED
        && (FutureTypes.isSubtypeOf(type, "java.lang.Iterable", state)
            || FutureTypes.isSubtypeOf(type, "java.util.Map", state)
            || FutureTypes.isSubtypeOf(type, "java.util.stream.BaseStream", state))
        && type.getTypeArguments().stream().anyMatch(argument -> futureTypes.isFuture(argument, state));
  }

  /**
   * What a value that holds futures hands on: a future is read as any value; an array or collection by the futures
   * put in it ({@code List.of(a, b)}, {@code new F[] {a, b}}, a local list's {@code add}s, {@code
   * list.toArray(..)}, {@code list.stream().map(..)}), a field's by its holder, one from elsewhere counts as fresh.
   */
  private Flow evidenceOfFutures(ExpressionTree value, Site site, VisitorState state) {
    ExpressionTree expr = ASTHelpers.stripParentheses(value);
    if (futureTypes.isFuture(ASTHelpers.getType(expr), state)) {
      return evidence(expr, site, state);
    }
    if (expr instanceof LambdaExpressionTree || expr instanceof MemberReferenceTree) {
      return suppliedBy(List.of(expr), site, state); // retrying(() -> pool.submit(task)) of attempt.get()
    }
    if (expr instanceof TypeCastTree cast) {
      return evidenceOfFutures(cast.getExpression(), site, state);
    }
    if (expr instanceof NewArrayTree array) {
      return array.getInitializers() == null
          ? Flow.NONE
          : futuresAmong(array.getInitializers(), site, state);
    }
    if (expr instanceof NewClassTree created) {
      return futuresAmong(created.getArguments(), site, state);
    }
    if (expr instanceof MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      boolean elementsMade =
          call.getArguments().stream()
              .anyMatch(a -> a instanceof LambdaExpressionTree || a instanceof MemberReferenceTree);
      if (receiver != null && carriesFutures(ASTHelpers.getType(receiver), state)) {
        // list.toArray(..), list.stream().filter(..), futures.stream().map(f -> f.thenCompose(..))
        Flow flow = evidenceOfFutures(receiver, site, state);
        return flow.fresh() || !elementsMade ? flow : flow.or(suppliedBy(call.getArguments(), site, state));
      }
      if (elementsMade) {
        // locks.stream().map(l -> l.unlockAsync()): the futures the lambda makes
        return suppliedBy(call.getArguments(), site, state).or(futuresAmong(call.getArguments(), site, state));
      }
      if (call.getArguments().stream().anyMatch(a -> carriesFutures(ASTHelpers.getType(a), state))) {
        return futuresAmong(call.getArguments(), site, state); // List.of(a, b), Arrays.asList(a, b)
      }
      return Flow.FRESH; // futures gathered elsewhere: not known to be held
    }
    Symbol symbol = ASTHelpers.getSymbol(expr);
    if (symbol == null || site.method() == null) {
      return Flow.NONE;
    }
    return switch (symbol.getKind()) {
      case PARAMETER -> Flow.parameter(site.method().getParameters().indexOf(symbol));
      case LOCAL_VARIABLE -> collectedInto(symbol, site, state);
      default -> Flow.NONE;
    };
  }

  /** A local array or collection: its initializer and the futures added to it in its method. */
  private Flow collectedInto(Symbol local, Site site, VisitorState state) {
    TreePath methodPath = site.methodPath();
    if (methodPath == null || !localsInQuestion.add(local)) {
      return Flow.NONE;
    }
    try {
      List<ExpressionTree> values = new ArrayList<>(valuesOf(local, methodPath));
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          ExpressionTree receiver = ASTHelpers.getReceiver(call);
          if (receiver != null
              && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(receiver)) == local
              && ASTHelpers.getSymbol(call) != null
              && ADDS.contains(ASTHelpers.getSymbol(call).getSimpleName().toString())) {
            values.addAll(call.getArguments());
          }
          return super.visitMethodInvocation(call, unused);
        }

        @Override
        public Void visitAssignment(AssignmentTree assignment, Void unused) {
          if (assignment.getVariable() instanceof ArrayAccessTree element
              && ASTHelpers.getSymbol(ASTHelpers.stripParentheses(element.getExpression())) == local) {
            values.add(assignment.getExpression()); // futures[i] = future
          }
          return super.visitAssignment(assignment, unused);
        }
      }.scan(methodPath, null);
      Flow flow = Flow.NONE;
      for (ExpressionTree value : values) {
        if (carriesFutures(ASTHelpers.getType(value), state)) {
          flow = flow.or(evidenceOfFutures(value, site, state));
          if (flow.fresh()) {
            return flow;
          }
        }
      }
      return flow;
    } finally {
      localsInQuestion.remove(local);
    }
  }

  /** What the lambdas and method references among {@code arguments} hand back when run. */
  private Flow suppliedBy(List<? extends ExpressionTree> arguments, Site site, VisitorState state) {
    Flow flow = Flow.NONE;
    for (ExpressionTree argument : arguments) {
      ExpressionTree expr = ASTHelpers.stripParentheses(argument);
      if (expr instanceof LambdaExpressionTree lambda) {
        flow = flow.or(returnedBy(lambda, site, state));
      } else if (expr instanceof MemberReferenceTree reference) {
        flow = flow.or(referenced(reference, site, state));
      }
      if (flow.fresh()) {
        return flow;
      }
    }
    return flow;
  }

  private Flow returnedBy(LambdaExpressionTree lambda, Site site, VisitorState state) {
    if (lambda.getBody() instanceof ExpressionTree body) {
      return evidence(body, site, state);
    }
    Flow[] flow = {Flow.NONE};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree returned, Void unused) {
        flow[0] = flow[0].or(evidence(returned.getExpression(), site, state));
        return null;
      }
    }.scan(lambda.getBody(), null);
    return flow[0];
  }

  private Flow referenced(MemberReferenceTree reference, Site site, VisitorState state) {
    if (!(ASTHelpers.getSymbol(reference) instanceof MethodSymbol method)
        || !futureTypes.isFuture(method.getReturnType(), state)) {
      return Flow.NONE;
    }
    if (!method.isStatic()
        && ASTHelpers.getSymbol(reference.getQualifierExpression()) instanceof Symbol.ClassSymbol owner
        && futureTypes.isFuture(owner.type, state)) {
      return Flow.NONE; // CompletionStage::toCompletableFuture: a view of the element it is applied to
    }
    List<MethodSymbol> targets = readableTargets(method, state);
    for (MethodSymbol target : targets) {
      Flow summary = summary(target, state, site.depth() + 1);
      if (summary.fresh() || summary.dependsOnArguments()) {
        return Flow.FRESH;
      }
    }
    return targets.isEmpty() ? Flow.FRESH : Flow.NONE;
  }
}
