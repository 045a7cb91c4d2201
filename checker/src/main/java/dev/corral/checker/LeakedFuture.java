package dev.corral.checker;

import static com.google.errorprone.matchers.Description.NO_MATCH;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.BugPattern.StandardTags;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.AssignmentTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.UnusedReturnValueMatcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;

/**
 * A {@link BugChecker} that flags futures whose failure nobody can observe on some path: dropped
 * results, locals not awaited on every normally ending path, and collections of futures that are
 * never read.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Observe every future's failure: await, return, or hand it to an owner",
    link = Documentation.DOCS_BASE + "LeakedFuture.md",
    linkType = LinkType.CUSTOM,
    severity = SeverityLevel.WARNING,
    tags = StandardTags.CONCURRENCY,
    altNames = "FutureReturnValueIgnored")
public final class LeakedFuture extends BugChecker
    implements MethodInvocationTreeMatcher,
        MemberReferenceTreeMatcher,
        VariableTreeMatcher,
        AssignmentTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** Allows dropped results where FRVI does too: mocking calls and exception tests. */
  private static final UnusedReturnValueMatcher UNUSED_RETURN_VALUE =
      UnusedReturnValueMatcher.get(/* allowInExceptionThrowers= */ true);

  // Checks are never serialized in practice (BugChecker is Serializable for historic reasons).
  private final transient OwnedFutures ownedFutures;
  private final transient LeakAnalysis.Cache analyses = new LeakAnalysis.Cache();

  /** Instantiates a new {@link LeakedFuture} with default flags. */
  public LeakedFuture() {
    this(ErrorProneFlags.empty());
  }

  /**
   * Instantiates a new {@link LeakedFuture}.
   *
   * @param flags {@code -XepOpt:Corral:*} flags, see {@link CorralFlags}
   */
  @Inject
  LeakedFuture(ErrorProneFlags flags) {
    this.ownedFutures = new OwnedFutures(new FutureTypes(CorralFlags.from(flags)));
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    return InternalErrors.guard(this, tree, state, () -> analyzeMethodInvocation(tree, state));
  }

  private Description analyzeMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!isDroppedOwnedFuture(tree, state)) {
      return NO_MATCH;
    }
    String method = ASTHelpers.getSymbol(tree).getSimpleName().toString();
    return buildDescription(tree)
        .setMessage(
            String.format(
                "The future returned by %s() is dropped: if its work fails, nobody sees the"
                    + " exception; await it, return it, or attach a failure handler",
                method))
        .addAllFixes(LeakFixes.forDropped(tree, state))
        .build();
  }

  @Override
  public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
    return InternalErrors.guard(this, tree, state, () -> analyzeMemberReference(tree, state));
  }

  private Description analyzeMemberReference(MemberReferenceTree tree, VisitorState state) {
    if (!isDroppedOwnedFuture(tree, state)) {
      return NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            String.format(
                "%s is used as a method that returns nothing, so the future it returns is dropped"
                    + " and its failure is lost; use a lambda that awaits or handles the future",
                state.getSourceForNode(tree)))
        .build();
  }

  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    return InternalErrors.guard(this, tree, state, () -> analyzeVariable(tree, state));
  }

  private Description analyzeVariable(VariableTree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (symbol == null || symbol.getKind() != ElementKind.LOCAL_VARIABLE) {
      return NO_MATCH;
    }
    if (ownedFutures.futureTypes().isFuture(symbol.type, state)) {
      return tree.getInitializer() == null || isDeliberatelyUnused(symbol) || !leaks(tree, state)
          ? NO_MATCH
          : describeLocal(tree, symbol, LeakFixes.forLocal(tree, returnsReachedUnobserved(tree, state), state));
    }
    if (UnreadFutureCollection.isUnread(tree, symbol, ownedFutures, state)) {
      return buildDescription(tree)
          .setMessage(
              String.format(
                  "The futures put in %s are never read: their failures are lost; await"
                      + " them (e.g. in a loop over %s) or pass the collection to an owner",
                  symbol.getSimpleName(), symbol.getSimpleName()))
          .addAllFixes(
              LeakFixes.forUnreadCollection(
                  tree, UnreadFutureCollection.elementType(symbol.type, state), state))
          .build();
    }
    return NO_MATCH;
  }

  @Override
  public Description matchAssignment(AssignmentTree tree, VisitorState state) {
    return InternalErrors.guard(this, tree, state, () -> analyzeAssignment(tree, state));
  }

  private Description analyzeAssignment(AssignmentTree tree, VisitorState state) {
    Symbol symbol = ASTHelpers.getSymbol(tree.getVariable());
    if (symbol == null
        || symbol.getKind() != ElementKind.LOCAL_VARIABLE
        || !ownedFutures.futureTypes().isFuture(symbol.type, state)
        || isDeliberatelyUnused(symbol)
        || !leaks(tree, state)) {
      return NO_MATCH;
    }
    return describeLocal(tree, symbol, List.of());
  }

  /**
   * {@code var unused = ...} and {@code var _ = ...} are how code written for FRVI says "ignored on
   * purpose"; like {@code @SuppressWarnings("FutureReturnValueIgnored")}, they stay honoured.
   */
  private static boolean isDeliberatelyUnused(Symbol local) {
    String name = local.getSimpleName().toString();
    return name.startsWith("unused") || name.equals("_") || name.isEmpty();
  }

  private boolean isDroppedOwnedFuture(ExpressionTree tree, VisitorState state) {
    return UnusedReturnValueMatcher.isReturnValueUnused(tree, state)
        && ownedFutures.returnsOwnedFuture(tree, state)
        && ownedFutures.dropLosesFailure(tree, state)
        && !BatchedCommands.queuedIntoObservedBatch(state.getPath(), ownedFutures, state)
        && !UNUSED_RETURN_VALUE.isAllowed(tree, state);
  }

  private List<TreePath> returnsReachedUnobserved(Tree site, VisitorState state) {
    TreePath owner = LeakAnalysis.ownerOf(state.getPath());
    return owner == null ? List.of() : analyses.get(owner, ownedFutures, state).returnsReachedUnobserved(site);
  }

  private boolean leaks(Tree site, VisitorState state) {
    TreePath owner = LeakAnalysis.ownerOf(state.getPath());
    return owner != null && analyses.get(owner, ownedFutures, state).leaks(site);
  }

  private Description describeLocal(Tree site, Symbol local, List<SuggestedFix> fixes) {
    return buildDescription(site)
        .setMessage(
            String.format(
                "The future in %s is not observed on every path that ends normally: on such a"
                    + " path, if its work fails, nobody sees the exception; await it on every"
                    + " path (e.g. in finally), return it, or attach a failure handler",
                local.getSimpleName()))
        .addAllFixes(fixes)
        .build();
  }
}
