package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Follows a gathered batch (the list {@code invokeAll} returns, the list {@code successfulAsList} yields, a list of
 * Corral {@code Outcome}s) through the class member that produced it, and tells whether its per-element failures
 * are examined.
 *
 * <p>The batch and everything derived from it are tracked at two levels: the <em>batch</em> (the list, the future
 * of the list, streams, iterators and copies of it) and its <em>elements</em> (loop variables, {@code get(i)},
 * lambda parameters of {@code forEach}/{@code map}...). It is a flow-insensitive approximation: any examination
 * anywhere in the member counts, and a batch handed to code it cannot see (returned, stored in a field, passed to
 * another method) counts as handled by that code.
 */
final class GatherResults {
  /** What a failure looks like inside the batch, which decides what "examining" it means. */
  enum Kind {
    /** {@code List<Future<T>>}: a failure is seen through {@code get}, {@code resultNow}, {@code exceptionNow}, {@code state}. */
    FUTURES("java.util.concurrent.Future"),
    /** {@code List<V>} from {@code successfulAsList}: a failure is a {@code null} element, seen by a null test. */
    NULLABLE_VALUES(null),
    /** {@code List<Outcome<T>>}: a failure is an {@code Outcome.Failure}, seen through its branch. */
    OUTCOMES("dev.corral.Outcome");

    /** The element type that carries the failure, so that handing an element to a method hands the failure too. */
    private final @Nullable String carrier;

    Kind(@Nullable String carrier) {
      this.carrier = carrier;
    }
  }

  /** What happened to the batch. */
  enum Verdict {
    /** Some code looks at per-element failures. */
    EXAMINED,
    /** The batch leaves the member (returned, field, argument): its new owner is responsible. */
    HANDED_OFF,
    /** The batch is the value of an expression statement. */
    DISCARDED,
    /** The batch is used, but its failures are never looked at. */
    UNEXAMINED
  }

  private enum Level {
    NONE,
    BATCH,
    ELEMENT
  }

  private static final Matcher<ExpressionTree> FUTURE_EXAMINATION =
      instanceMethod()
          .onDescendantOf("java.util.concurrent.Future")
          .namedAnyOf("get", "resultNow", "exceptionNow", "state");
  private static final Matcher<ExpressionTree> NULL_TEST =
      anyOf(
          staticMethod()
              .onClass("java.util.Objects")
              .namedAnyOf("isNull", "nonNull", "requireNonNull", "requireNonNullElse", "requireNonNullElseGet"),
          staticMethod().onClass("java.util.Optional").named("ofNullable"),
          staticMethod().onClass("com.google.common.base.Preconditions").named("checkNotNull"),
          staticMethod().onClass("com.google.common.base.Verify").named("verifyNotNull"));
  private static final Matcher<ExpressionTree> NULL_SEARCH =
      instanceMethod()
          .onDescendantOf("java.util.Collection")
          .namedAnyOf("contains", "indexOf", "lastIndexOf", "remove", "removeAll", "removeIf");
  private static final Matcher<ExpressionTree> OUTCOME_FAILURE_HELPERS =
      staticMethod().onClass("dev.corral.Outcome").namedAnyOf("failures", "throwIfAnyFailed");
  private static final Matcher<ExpressionTree> OUTCOME_VALUES =
      staticMethod().onClass("dev.corral.Outcome").named("values");
  /** Calls whose result is the batch again: waiting for the future of the list, copying the list. */
  private static final Matcher<ExpressionTree> BATCH_PRESERVING =
      anyOf(
          staticMethod()
              .onClass("com.google.common.util.concurrent.Futures")
              .namedAnyOf("getDone", "getUnchecked", "getChecked", "transform", "transformAsync", "lazyTransform"),
          staticMethod()
              .onClass("com.google.common.util.concurrent.Uninterruptibles")
              .named("getUninterruptibly"),
          staticMethod().onClass("java.util.List").named("copyOf"),
          staticMethod().onClass("java.util.Collections").namedAnyOf("unmodifiableList", "unmodifiableCollection"),
          staticMethod().onClass("com.google.common.collect.ImmutableList").named("copyOf"),
          staticMethod().onClass("com.google.common.collect.Lists").named("newArrayList"));
  private static final Matcher<ExpressionTree> FILTER = instanceMethod().anyClass().named("filter");
  /** Calls that put their argument into a collection. */
  private static final Matcher<ExpressionTree> ADDS_ELEMENT =
      instanceMethod()
          .onDescendantOf("java.util.Collection")
          .namedAnyOf("add", "addFirst", "addLast", "offer", "offerFirst", "offerLast", "push", "set");
  private static final Matcher<ExpressionTree> IS_SUCCESS =
      instanceMethod().onDescendantOf("dev.corral.Outcome").named("isSuccess");
  private static final Matcher<ExpressionTree> GET_OR_THROW =
      instanceMethod().onDescendantOf("dev.corral.Outcome").named("getOrThrow");
  private static final Matcher<ExpressionTree> FAILURE_EXCEPTION =
      instanceMethod().onDescendantOf("dev.corral.Outcome.Failure").named("exception");

  private final Kind kind;
  /** The call that produced the batch; null when following the inputs of a call (see {@link #inputsWatched}). */
  private final @Nullable Tree source;
  /** A call whose arguments are not followed: the gathering call, when following its inputs. */
  private final @Nullable MethodInvocationTree ignored;
  private final VisitorState state;
  private final Set<Symbol> batches = new HashSet<>();
  private final Set<Symbol> elements = new HashSet<>();
  private boolean examined;
  private boolean handedOff;

  private GatherResults(Kind kind, @Nullable Tree source, @Nullable MethodInvocationTree ignored, VisitorState state) {
    this.kind = kind;
    this.source = source;
    this.ignored = ignored;
    this.state = state;
  }

  /** Follows the batch produced by the call at the state's path. */
  static Verdict follow(Kind kind, VisitorState state) {
    TreePath member = LocalUses.enclosingMember(state);
    TreePath parent = LocalUses.skipParentheses(state.getPath().getParentPath());
    if (parent != null && parent.getLeaf() instanceof com.sun.source.tree.ExpressionStatementTree) {
      return Verdict.DISCARDED;
    }
    if (member == null) {
      return Verdict.HANDED_OFF;
    }
    GatherResults results = new GatherResults(kind, state.getPath().getLeaf(), null, state);
    results.run(member);
    if (results.examined) {
      return Verdict.EXAMINED;
    }
    return results.handedOff ? Verdict.HANDED_OFF : Verdict.UNEXAMINED;
  }

  /**
   * Whether the input futures of the gathering call at the state's path ({@code successfulAsList(futures)}) have their
   * failures examined or handed over in this member, so that the gathered list is only a barrier: {@code
   * futures.get(i).get()} after waiting, or a listener/callback handed each future before it was added ({@code
   * addErrorListener(future); futures.add(future);}). Only inputs named by a local variable or parameter are followed.
   */
  static boolean inputsWatched(MethodInvocationTree gathering, VisitorState state) {
    TreePath member = LocalUses.enclosingMember(state);
    if (member == null) {
      return false;
    }
    GatherResults inputs = new GatherResults(Kind.FUTURES, null, gathering, state);
    for (ExpressionTree argument : gathering.getArguments()) {
      Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(argument));
      if (!(ASTHelpers.stripParentheses(argument) instanceof IdentifierTree) || !LocalUses.isLocal(symbol)) {
        continue;
      }
      if (inputs.isSubtypeByName(symbol.type, "java.util.concurrent.Future")) {
        inputs.elements.add(symbol);
      } else if (inputs.carriesFailure(symbol.type)) {
        inputs.batches.add(symbol);
      }
    }
    if (inputs.batches.isEmpty() && inputs.elements.isEmpty()) {
      return false;
    }
    inputs.run(member);
    return inputs.examined || inputs.handedOff;
  }

  private void run(TreePath member) {
    int known;
    do {
      known = batches.size() + elements.size();
      new Scanner().scan(member, null);
    } while (known != batches.size() + elements.size() && !examined && !handedOff);
  }

  private Level levelOf(@Nullable ExpressionTree expression) {
    if (expression == null) {
      return Level.NONE;
    }
    ExpressionTree tree = ASTHelpers.stripParentheses(expression);
    while (tree instanceof TypeCastTree cast) {
      tree = ASTHelpers.stripParentheses(cast.getExpression());
    }
    if (tree == source) {
      return Level.BATCH;
    }
    return switch (tree) {
      case IdentifierTree identifier -> levelOfSymbol(ASTHelpers.getSymbol(identifier));
      case MethodInvocationTree call -> levelOfCall(call);
      case NewClassTree newClass ->
          newClass.getArguments().stream().anyMatch(argument -> levelOf(argument) == Level.BATCH)
                  && isContainer(ASTHelpers.getType(newClass))
              ? Level.BATCH
              : Level.NONE;
      case ArrayAccessTree access -> levelOf(access.getExpression()) == Level.BATCH ? Level.ELEMENT : Level.NONE;
      case ConditionalExpressionTree conditional -> {
        Level whenTrue = levelOf(conditional.getTrueExpression());
        yield whenTrue != Level.NONE ? whenTrue : levelOf(conditional.getFalseExpression());
      }
      default -> Level.NONE;
    };
  }

  private Level levelOfSymbol(@Nullable Symbol symbol) {
    if (symbol == null) {
      return Level.NONE;
    }
    if (batches.contains(symbol)) {
      return Level.BATCH;
    }
    return elements.contains(symbol) ? Level.ELEMENT : Level.NONE;
  }

  private Level levelOfCall(MethodInvocationTree call) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    Level receiverLevel = receiver == null ? Level.NONE : levelOf(receiver);
    Type type = ASTHelpers.getType(call);
    if (receiverLevel == Level.BATCH) {
      if (!isContainer(type)) {
        return Level.ELEMENT;
      }
      // stream().map(Outcome::getOrThrow).toList() holds plain values: the failures stayed behind.
      return kind.carrier == null || carriesFailure(type) ? Level.BATCH : Level.NONE;
    }
    if (receiverLevel == Level.ELEMENT) {
      return carriesFailure(type) ? Level.ELEMENT : Level.NONE;
    }
    if (BATCH_PRESERVING.matches(call, state)
        && call.getArguments().stream().anyMatch(argument -> levelOf(argument) == Level.BATCH)) {
      // Futures.transform(listFuture, list -> { ...; return null; }): the list went into the lambda (followed there
      // as its parameter), and what comes out is not the batch, so handing that future on hands nothing over.
      for (ExpressionTree argument : call.getArguments()) {
        if (argument instanceof LambdaExpressionTree function && !returnsBatch(function)) {
          return Level.NONE;
        }
      }
      return Level.BATCH;
    }
    return Level.NONE;
  }

  /** Whether a lambda's value is (part of) the batch: its expression body, or a {@code return} of its block. */
  private boolean returnsBatch(LambdaExpressionTree lambda) {
    if (lambda.getBody() instanceof ExpressionTree body) {
      return levelOf(body) != Level.NONE;
    }
    boolean[] found = {false};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        found[0] |= levelOf(tree.getExpression()) != Level.NONE;
        return null;
      }
    }.scan(lambda.getBody(), null);
    return found[0];
  }

  /** Lists, sets, iterables, iterators, streams, optionals, futures and arrays hold the batch's elements. */
  private boolean isContainer(@Nullable Type type) {
    if (type == null) {
      return false;
    }
    if (type.getKind() == javax.lang.model.type.TypeKind.ARRAY) {
      return true;
    }
    for (String container :
        List.of(
            "java.lang.Iterable",
            "java.util.Iterator",
            "java.util.stream.BaseStream",
            "java.util.Optional",
            "java.util.concurrent.Future",
            "java.util.concurrent.CompletionStage")) {
      if (isSubtypeByName(type, container)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a value of this type holds the failure itself (a {@code Future}, an {@code Outcome}, a container of them). */
  private boolean carriesFailure(@Nullable Type type) {
    if (type == null || kind.carrier == null) {
      return false;
    }
    if (isSubtypeByName(type, kind.carrier)) {
      return true;
    }
    return type.getTypeArguments().stream().anyMatch(this::carriesFailure);
  }

  private boolean isSubtypeByName(Type type, String className) {
    if (!type.isReference() || type.isErroneous()) {
      return false;
    }
    return state.getTypes().closure(state.getTypes().erasure(type)).stream()
        .anyMatch(supertype -> supertype.tsym.getQualifiedName().contentEquals(className));
  }

  /** Records a local that now holds the batch or one of its elements. */
  private void track(@Nullable Symbol symbol, Level level) {
    if (level == Level.NONE || symbol == null) {
      return;
    }
    if (!LocalUses.isLocal(symbol)) {
      // A field: the batch (or an element carrying its failure) outlives this member.
      handedOff |= level == Level.BATCH || carriesFailure(symbol.type);
      return;
    }
    (level == Level.BATCH ? batches : elements).add(symbol);
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      track(ASTHelpers.getSymbol(variable), levelOf(variable.getInitializer()));
      return super.visitVariable(variable, null);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
      track(ASTHelpers.getSymbol(assignment.getVariable()), levelOf(assignment.getExpression()));
      return super.visitAssignment(assignment, null);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
      if (levelOf(loop.getExpression()) == Level.BATCH) {
        track(ASTHelpers.getSymbol(loop.getVariable()), Level.ELEMENT);
      }
      return super.visitEnhancedForLoop(loop, null);
    }

    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
      Level level = levelOf(tree.getExpression());
      if (level == Level.BATCH || (level == Level.ELEMENT && carriesFailure(ASTHelpers.getType(tree.getExpression())))) {
        handedOff = true;
      }
      return super.visitReturn(tree, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      // An expression body is the lambda's return value: () -> Gather.settled(futures) hands the batch over.
      if (lambda.getBody() instanceof ExpressionTree body) {
        Level level = levelOf(body);
        if (level == Level.BATCH || (level == Level.ELEMENT && carriesFailure(ASTHelpers.getType(body)))) {
          handedOff = true;
        }
      }
      return super.visitLambdaExpression(lambda, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      if (call == ignored) {
        // The gathering call whose inputs are followed: handing them to it is what is being judged.
        return super.visitMethodInvocation(call, null);
      }
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      Level receiverLevel = receiver == null ? Level.NONE : levelOf(receiver);
      if (receiverLevel == Level.BATCH && ADDS_ELEMENT.matches(call, state)) {
        // futures.add(future): the local added is an element of the batch from now on.
        for (ExpressionTree argument : call.getArguments()) {
          if (ASTHelpers.stripParentheses(argument) instanceof IdentifierTree identifier
              && LocalUses.isLocal(ASTHelpers.getSymbol(identifier))
              && carriesFailure(ASTHelpers.getType(identifier))) {
            track(ASTHelpers.getSymbol(identifier), Level.ELEMENT);
          }
        }
      }
      boolean batchArgument = false;
      for (ExpressionTree argument : call.getArguments()) {
        Level level = levelOf(argument);
        batchArgument |= level == Level.BATCH;
        if (level != Level.NONE) {
          examineArgument(call, argument, level, receiverLevel);
        }
        if (argument instanceof LambdaExpressionTree lambda
            && (receiverLevel == Level.BATCH || (batchArgument && BATCH_PRESERVING.matches(call, state)))) {
          // forEach/map/filter on the batch see elements; Futures.transform on the future of the list sees the list.
          Level parameters = receiverLevel == Level.BATCH ? Level.ELEMENT : Level.BATCH;
          lambda.getParameters().forEach(parameter -> track(ASTHelpers.getSymbol(parameter), parameters));
        }
        if (argument instanceof MemberReferenceTree reference && receiverLevel == Level.BATCH) {
          examineReference(call, reference);
        }
      }
      if (receiverLevel != Level.NONE) {
        examineCallOn(call, receiverLevel);
      }
      return super.visitMethodInvocation(call, null);
    }

    @Override
    public Void visitNewClass(NewClassTree newClass, Void unused) {
      if (levelOf(newClass) == Level.NONE) {
        for (ExpressionTree argument : newClass.getArguments()) {
          Level level = levelOf(argument);
          if (level == Level.BATCH || (level == Level.ELEMENT && carriesFailure(ASTHelpers.getType(argument)))) {
            handedOff = true;
          }
        }
      }
      return super.visitNewClass(newClass, null);
    }

    @Override
    public Void visitBinary(BinaryTree binary, Void unused) {
      boolean nullComparison =
          (binary.getKind() == Tree.Kind.EQUAL_TO || binary.getKind() == Tree.Kind.NOT_EQUAL_TO)
              && (isNullLiteral(binary.getLeftOperand()) || isNullLiteral(binary.getRightOperand()));
      if (kind == Kind.NULLABLE_VALUES
          && nullComparison
          && (levelOf(binary.getLeftOperand()) != Level.NONE || levelOf(binary.getRightOperand()) != Level.NONE)) {
        examined = true;
      }
      return super.visitBinary(binary, null);
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree instanceOf, Void unused) {
      if (levelOf(instanceOf.getExpression()) == Level.ELEMENT) {
        // A null element fails every instanceof test. For outcomes, a test for Failure looks at failures; a test
        // for Success does only where its false branch does something (an else, a negated test that acts), just
        // like isSuccess(): `if (o instanceof Success(var v)) use(v);` alone keeps the successes and drops the rest.
        examined |=
            kind == Kind.NULLABLE_VALUES
                || (kind == Kind.OUTCOMES
                    && (!OutcomeGuards.testsSuccessType(instanceOf)
                        || OutcomeGuards.testSeesFailures(getCurrentPath(), state)));
      }
      return super.visitInstanceOf(instanceOf, null);
    }

    @Override
    public Void visitSwitch(SwitchTree tree, Void unused) {
      examined |= kind == Kind.OUTCOMES && levelOf(tree.getExpression()) == Level.ELEMENT;
      return super.visitSwitch(tree, null);
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
      examined |= kind == Kind.OUTCOMES && levelOf(tree.getExpression()) == Level.ELEMENT;
      return super.visitSwitchExpression(tree, null);
    }

    private void examineArgument(MethodInvocationTree call, ExpressionTree argument, Level level, Level receiverLevel) {
      switch (kind) {
        case NULLABLE_VALUES -> {
          if (NULL_TEST.matches(call, state)) {
            examined = true;
            return;
          }
        }
        case OUTCOMES -> {
          if (OUTCOME_FAILURE_HELPERS.matches(call, state)) {
            examined = true;
            return;
          }
          if (OUTCOME_VALUES.matches(call, state)) {
            return;
          }
        }
        case FUTURES -> {}
      }
      if (level == Level.BATCH && (receiverLevel != Level.NONE || BATCH_PRESERVING.matches(call, state))) {
        // list.addAll(list2), Futures.getDone(listFuture), List.copyOf(list): still this batch.
        return;
      }
      if (receiverLevel == Level.BATCH) {
        // futures.add(future), futures.remove(future), outcomes.contains(outcome): the element stays in the batch.
        return;
      }
      if (level == Level.BATCH || carriesFailure(ASTHelpers.getType(argument))) {
        handedOff = true;
      }
    }

    private void examineCallOn(MethodInvocationTree call, Level receiverLevel) {
      switch (kind) {
        case FUTURES -> examined |= FUTURE_EXAMINATION.matches(call, state);
        case NULLABLE_VALUES ->
            examined |=
                receiverLevel == Level.BATCH
                    && NULL_SEARCH.matches(call, state)
                    && call.getArguments().stream().anyMatch(GatherResults::isNullLiteral);
        case OUTCOMES -> {
          if (FAILURE_EXCEPTION.matches(call, state)) {
            examined = true;
          } else if (GET_OR_THROW.matches(call, state)) {
            examined |= !OutcomeGuards.onlyOnSuccess(getCurrentPath(), state);
          } else if (IS_SUCCESS.matches(call, state)) {
            examined |= OutcomeGuards.testSeesFailures(getCurrentPath(), state);
          }
        }
      }
    }

    /**
     * {@code futures.stream().map(Future::get)}, {@code values.stream().filter(Objects::nonNull)}...; a method of
     * the user's code ({@code map(this::unwrap)}) is handed each element, as {@code map(f -> unwrap(f))} is.
     */
    private void examineReference(MethodInvocationTree call, MemberReferenceTree reference) {
      Symbol method = ASTHelpers.getSymbol(reference);
      if (method == null) {
        return;
      }
      String name = method.getSimpleName().toString();
      String owner = method.owner.getQualifiedName().toString();
      if (!owner.startsWith("java.") && !owner.startsWith("dev.corral.") && handsElementTo(method)) {
        handedOff = true;
      }
      switch (kind) {
        case FUTURES ->
            examined |=
                List.of("get", "resultNow", "exceptionNow", "state").contains(name)
                    && isSubtypeByName(method.owner.type, "java.util.concurrent.Future");
        case NULLABLE_VALUES ->
            examined |= owner.equals("java.util.Objects") && (name.equals("isNull") || name.equals("nonNull"));
        case OUTCOMES -> {
          boolean outcomeMethod = isSubtypeByName(method.owner.type, "dev.corral.Outcome");
          if (outcomeMethod && name.equals("getOrThrow")) {
            examined |= !OutcomeGuards.filteredToSuccesses(call, state);
          } else if (outcomeMethod && name.equals("isSuccess")) {
            examined |= !FILTER.matches(call, state);
          } else if (outcomeMethod && name.equals("exception")) {
            examined = true;
          } else if (owner.equals("dev.corral.Outcome") && (name.equals("failures") || name.equals("throwIfAnyFailed"))) {
            examined = true;
          }
        }
      }
    }
  }

  /** Whether the element a reference to {@code method} is applied to reaches it: as its receiver or argument. */
  private static boolean handsElementTo(Symbol method) {
    return !method.isStatic() || !((Symbol.MethodSymbol) method).getParameters().isEmpty();
  }

  static boolean isNullLiteral(@Nullable ExpressionTree tree) {
    return tree != null && ASTHelpers.stripParentheses(tree).getKind() == Tree.Kind.NULL_LITERAL;
  }

  /** For fixes: the statement the batch's local is declared by, when the batch goes straight into a local. */
  static @Nullable VariableTree declaredLocal(VisitorState state) {
    TreePath parent = LocalUses.skipParentheses(state.getPath().getParentPath());
    if (parent != null
        && parent.getLeaf() instanceof VariableTree variable
        && LocalUses.isLocal(ASTHelpers.getSymbol(variable))
        && parent.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree) {
      return variable;
    }
    return null;
  }

  /** The expression statement the batch is discarded by, if any. */
  static @Nullable StatementTree discardingStatement(VisitorState state) {
    TreePath parent = LocalUses.skipParentheses(state.getPath().getParentPath());
    return parent != null && parent.getLeaf() instanceof com.sun.source.tree.ExpressionStatementTree statement
        ? statement
        : null;
  }
}
