package dev.corral.checker;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static dev.corral.checker.Documentation.DOCS_BASE;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Type;
import dev.corral.checker.GatherResults.Kind;
import dev.corral.checker.GatherResults.Verdict;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BugChecker} that flags a gathered batch whose per-element failures are never examined: the futures of
 * {@code ExecutorService.invokeAll}, the {@code null}s Guava's {@code Futures.successfulAsList} puts in place of
 * failures, and the {@code Failure} outcomes of Corral's {@code Gather.settled*} and of a supervised {@code
 * TaskGroup.outcomes()}.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Examine the failure of every element of a gathered batch",
    link = DOCS_BASE + "UncheckedGatherError.md",
    linkType = CUSTOM,
    severity = WARNING,
    tags = StandardTags.CONCURRENCY)
public final class UncheckedGatherError extends BugChecker implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  private static final Matcher<ExpressionTree> INVOKE_ALL =
      instanceMethod().onDescendantOf("java.util.concurrent.ExecutorService").named("invokeAll");
  private static final Matcher<ExpressionTree> SUCCESSFUL_AS_LIST =
      staticMethod().onClass("com.google.common.util.concurrent.Futures").named("successfulAsList");
  private static final Matcher<ExpressionTree> SETTLED =
      staticMethod()
          .onClass("dev.corral.Gather")
          .namedAnyOf("settled", "settledStages", "settledAsync", "settledStagesAsync");
  private static final Matcher<ExpressionTree> OUTCOMES =
      instanceMethod().onExactClass(TaskScopes.TASK_GROUP).named("outcomes");

  /** Each {@code Gather.settled*} method and its throwing twin, which has the same parameters and exceptions. */
  private static final Map<String, String> THROWING_TWIN =
      Map.of(
          "settled", "all",
          "settledStages", "allStages",
          "settledAsync", "allAsync",
          "settledStagesAsync", "allStagesAsync");

  private static final String FUTURES_MESSAGE =
      "The futures invokeAll returns are never examined: a task that threw reports it only through its"
          + " Future (get, resultNow, exceptionNow, state), so this failure is lost";
  private static final String NULLS_MESSAGE =
      "successfulAsList puts null in place of every input that failed or was cancelled, and no element is"
          + " tested for null: the failures vanish silently; use allAsList, or test the elements";
  private static final String OUTCOMES_MESSAGE =
      "The Failure outcomes of this batch are never examined: a task that threw vanishes silently; handle the"
          + " Failure branch (switch, instanceof, Outcome.throwIfAnyFailed/failures, getOrThrow on each)";

  /** Creates a new {@link UncheckedGatherError} instance. */
  public UncheckedGatherError() {}

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return InternalErrors.guard(this, tree, state, () -> analyzeMethodInvocation(tree, state));
  }

  private Description analyzeMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    Kind kind = kindOf(tree, state);
    if (kind == null) {
      return Description.NO_MATCH;
    }
    Verdict verdict = GatherResults.follow(kind, state);
    if (verdict == Verdict.EXAMINED || verdict == Verdict.HANDED_OFF) {
      return Description.NO_MATCH;
    }
    if (verdict == Verdict.DISCARDED && isFuture(ASTHelpers.getType(tree), state)) {
      // A discarded future of the batch is LeakedFuture's finding: one site, one finding.
      return Description.NO_MATCH;
    }
    if (kind == Kind.NULLABLE_VALUES && GatherResults.inputsWatched(tree, state)) {
      // successfulAsList as a barrier: each input's failure is examined through the input itself.
      return Description.NO_MATCH;
    }
    return switch (kind) {
      case FUTURES -> describeInvokeAll(tree, state);
      case NULLABLE_VALUES -> describeSuccessfulAsList(tree, state);
      case OUTCOMES -> describeOutcomes(tree, state);
    };
  }

  /** The names of every call {@link #kindOf} matches, tested first (see {@link MethodNames}). */
  private static final ImmutableSet<String> NAMES =
      ImmutableSet.of(
          "invokeAll",
          "successfulAsList",
          "settled",
          "settledStages",
          "settledAsync",
          "settledStagesAsync",
          "outcomes");

  private static @Nullable Kind kindOf(MethodInvocationTree tree, VisitorState state) {
    if (!MethodNames.isNamedAnyOf(tree, NAMES)) {
      return null;
    }
    if (INVOKE_ALL.matches(tree, state)) {
      return Kind.FUTURES;
    }
    if (SUCCESSFUL_AS_LIST.matches(tree, state)) {
      return Kind.NULLABLE_VALUES;
    }
    if (SETTLED.matches(tree, state)) {
      return Kind.OUTCOMES;
    }
    if (OUTCOMES.matches(tree, state) && !SupervisedGroups.isKnownFailFast(tree, state)) {
      return Kind.OUTCOMES;
    }
    return null;
  }

  private Description describeInvokeAll(MethodInvocationTree tree, VisitorState state) {
    Description.Builder description = buildDescription(tree).setMessage(FUTURES_MESSAGE);
    VariableTree local = GatherResults.declaredLocal(state);
    StatementTree discarded = GatherResults.discardingStatement(state);
    if (local == null && discarded == null) {
      return description.build();
    }
    String batch = local != null ? local.getName().toString() : state.getSourceForNode(tree);
    if (TaskScopes.corralAvailable(state)) {
      SuggestedFix.Builder fix = SuggestedFix.builder();
      String gatherAll = SuggestedFixes.qualifyType(state, fix, "dev.corral.Gather") + ".all(" + batch + ")";
      description.addFix(
          local != null
              ? fix.postfixWith(local, "\n" + SourceLayout.indentOf(local, state) + gatherAll + ";").build()
              : fix.replace(tree, gatherAll).build());
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    StatementTree anchor = local != null ? local : discarded;
    String loop = getEachLoop(batch, anchor, fix, state);
    description.addFix(
        local != null
            ? fix.postfixWith(local, "\n" + SourceLayout.indentOf(anchor, state) + loop).build()
            : fix.replace(discarded, SourceLayout.asStatement(loop, TaskScopes.pathOf(discarded, state))).build());
    return description.build();
  }

  /**
   * {@code for (Future<?> future : batch) future.get();}. {@code invokeAll} throws {@code InterruptedException}, so
   * {@code get()} compiles wherever it does; an {@code ExecutionException} the code may not throw is rethrown
   * unchecked, as {@code CompletableFuture.join()} would.
   */
  private static String getEachLoop(
      String batch, StatementTree anchor, SuggestedFix.Builder fix, VisitorState state) {
    String future = TaskScopes.freshName("future", state);
    String indent = SourceLayout.indentOf(anchor, state);
    String unit = SourceLayout.unit(TaskScopes.pathOf(anchor, state), state);
    String head =
        "for (" + SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.Future") + "<?> " + future
            + " : " + batch + ") {";
    if (CheckedExceptions.isHandled("java.util.concurrent.ExecutionException", state)) {
      return SourceLayout.lines(indent, head, unit + future + ".get();", "}");
    }
    String failure = TaskScopes.freshName("failure", state);
    return SourceLayout.lines(
        indent,
        head,
        unit + "try {",
        unit + unit + future + ".get();",
        unit + "} catch (" + SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.ExecutionException")
            + " " + failure + ") {",
        unit + unit + "throw new "
            + SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.CompletionException") + "("
            + failure + ".getCause());",
        unit + "}",
        "}");
  }

  private Description describeSuccessfulAsList(MethodInvocationTree tree, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (tree.getMethodSelect() instanceof IdentifierTree staticImport) {
      fix.replace(
          staticImport,
          SuggestedFixes.qualifyType(state, fix, "com.google.common.util.concurrent.Futures") + ".allAsList");
    } else {
      fix.merge(SuggestedFixes.renameMethodInvocation(tree, "allAsList", state));
    }
    return buildDescription(tree).setMessage(NULLS_MESSAGE).addFix(fix.build()).build();
  }

  private Description describeOutcomes(MethodInvocationTree tree, VisitorState state) {
    Description.Builder description = buildDescription(tree).setMessage(OUTCOMES_MESSAGE);
    VariableTree local = GatherResults.declaredLocal(state);
    StatementTree discarded = GatherResults.discardingStatement(state);
    if ((local != null && !isFuture(ASTHelpers.getType(local), state)) || discarded != null) {
      SuggestedFix.Builder fix = SuggestedFix.builder();
      String throwIfAnyFailed = SuggestedFixes.qualifyType(state, fix, "dev.corral.Outcome") + ".throwIfAnyFailed";
      description.addFix(
          local != null
              ? fix.postfixWith(
                      local,
                      "\n" + SourceLayout.indentOf(local, state) + throwIfAnyFailed + "(" + local.getName() + ");")
                  .build()
              : fix.replace(tree, throwIfAnyFailed + "(" + state.getSourceForNode(tree) + ")").build());
    }
    String twin = THROWING_TWIN.get(ASTHelpers.getSymbol(tree).getSimpleName().toString());
    if (discarded != null && twin != null) {
      description.addFix(SuggestedFixes.renameMethodInvocation(tree, twin, state));
    }
    return description.build();
  }

  private static boolean isFuture(@Nullable Type type, VisitorState state) {
    Type future = ClasspathTypes.find("java.util.concurrent.Future", state);
    return type != null && future != null && ClasspathTypes.isA(state.getTypes().erasure(type), state.getTypes().erasure(future), state);
  }
}
