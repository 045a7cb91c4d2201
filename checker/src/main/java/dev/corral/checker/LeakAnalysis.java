package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSetMultimap;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.analysis.AbstractValue;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThrowNode;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * Finds future-typed locals that are not observed on every path that ends normally.
 *
 * <p>A forward may-analysis over the Checker Framework control-flow graph that Error Prone ships
 * (see {@code com.google.errorprone.dataflow.DataFlow}, which only offers value queries). The store
 * holds the futures that are owned by a local and not yet observed on some path, each with the
 * assignment that created it. A use that {@link Observation#observes observes} the local empties
 * its entry; reassigning the local while an entry is pending, or reaching the regular exit with
 * one, is a leak of that assignment. Exceptional exits are ignored (the exception that leaves the
 * method is reported to the caller), so an await in {@code finally} counts; inside the method, only
 * exceptions a reviewer can see are followed (see {@code implicitExceptionsEndThePath}). Lambda
 * bodies and local classes are separate graphs: capturing a local counts as observing it.
 */
final class LeakAnalysis {
  private LeakAnalysis() {}

  /** The leaking assignments (declarations or assignments) of one method or lambda body. */
  static final class Result {
    private final Set<Tree> leakingSites;
    private final Map<Tree, List<TreePath>> pendingAtReturns;

    private Result(Set<Tree> leakingSites, Map<Tree, List<TreePath>> pendingAtReturns) {
      this.leakingSites = leakingSites;
      this.pendingAtReturns = pendingAtReturns;
    }

    /** Whether the future assigned at {@code site} may be lost on some normally ending path. */
    boolean leaks(Tree site) {
      return leakingSites.contains(site);
    }

    /**
     * The {@code return} statements (of this body, not of nested lambdas or classes) reached with the future
     * assigned at {@code site} not yet observed: the paths a fix must cover besides the end of the local's block.
     */
    List<TreePath> returnsReachedUnobserved(Tree site) {
      return pendingAtReturns.getOrDefault(site, List.of());
    }
  }

  /**
   * Analyses at most once per method or lambda body, and only while one top-level class is being
   * checked (Error Prone visits a class's trees in order, so the results are not needed later).
   */
  static final class Cache {
    private @Nullable Tree topLevelClass;
    private final Map<Tree, Result> results = new IdentityHashMap<>();

    Result get(TreePath ownerPath, OwnedFutures ownedFutures, VisitorState state) {
      Tree topLevel = topLevelClass(ownerPath);
      if (topLevel != topLevelClass) {
        topLevelClass = topLevel;
        results.clear();
      }
      return results.computeIfAbsent(
          ownerPath.getLeaf(), owner -> analyze(ownerPath, ownedFutures, state));
    }

    private static @Nullable Tree topLevelClass(TreePath path) {
      Tree outermost = null;
      for (Tree tree : path) {
        if (tree instanceof ClassTree) {
          outermost = tree;
        }
      }
      return outermost;
    }
  }

  /**
   * The method or lambda whose control-flow graph holds the leaf of {@code path}, or null when it
   * is in an initializer or a field (those are not analysed).
   */
  static @Nullable TreePath ownerOf(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree) {
        return p;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private static Result analyze(TreePath ownerPath, OwnedFutures ownedFutures, VisitorState state) {
    BodyFacts facts = BodyFacts.collect(ownerPath, ownedFutures, state);
    Set<Tree> leaks = Collections.newSetFromMap(new IdentityHashMap<>());
    UnderlyingAST ast = underlyingAst(ownerPath);
    // No local of this body takes on a future's obligation that a later statement does not plainly
    // observe: nothing can leak, no graph needed.
    if (ast == null || facts.everyObligationObservedStraightAway()) {
      return new Result(leaks, Map.of());
    }
    CompilationUnitTree unit = ownerPath.getCompilationUnit();
    ControlFlowGraph cfg =
        CFGBuilder.build(
            unit, ast, false, false, JavacProcessingEnvironment.instance(state.context));
    Transfer transfer = new Transfer(facts, leaks, state);
    ForwardAnalysisImpl<NoValue, Pending, Transfer> analysis = new ForwardAnalysisImpl<>(transfer);
    analysis.performAnalysis(cfg);
    Pending atExit = analysis.getRegularExitStore();
    if (atExit != null) {
      leaks.addAll(atExit.sites.values());
    }
    Map<Tree, List<TreePath>> pendingAtReturns = new IdentityHashMap<>();
    if (!leaks.isEmpty()) {
      for (TreePath returnPath : returnsOf(ownerPath)) {
        Pending before = analysis.getResult().getStoreBefore(returnPath.getLeaf());
        if (before != null) {
          for (Tree site : before.sites.values()) {
            pendingAtReturns.computeIfAbsent(site, s -> new ArrayList<>()).add(returnPath);
          }
        }
      }
    }
    return new Result(leaks, pendingAtReturns);
  }

  /** The {@code return} statements of the body at {@code ownerPath}, outside nested lambdas and classes. */
  private static List<TreePath> returnsOf(TreePath ownerPath) {
    List<TreePath> returns = new ArrayList<>();
    TreePath body = bodyPath(ownerPath);
    if (body == null) {
      return returns;
    }
    new OwnBody.PathScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        returns.add(getCurrentPath());
        return super.visitReturn(tree, unused);
      }
    }.scan(body, null);
    return returns;
  }

  private static @Nullable TreePath bodyPath(TreePath ownerPath) {
    Tree owner = ownerPath.getLeaf();
    Tree body =
        owner instanceof MethodTree method ? method.getBody() : ((LambdaExpressionTree) owner).getBody();
    return body == null ? null : new TreePath(ownerPath, body);
  }

  private static @Nullable UnderlyingAST underlyingAst(TreePath ownerPath) {
    ClassTree classTree = null;
    MethodTree enclosingMethod = null;
    for (Tree tree : ownerPath.getParentPath()) {
      if (enclosingMethod == null && tree instanceof MethodTree method) {
        enclosingMethod = method;
      }
      if (tree instanceof ClassTree c) {
        classTree = c;
        break;
      }
    }
    if (classTree == null) {
      return null;
    }
    Tree owner = ownerPath.getLeaf();
    if (owner instanceof MethodTree method) {
      return method.getBody() == null ? null : new UnderlyingAST.CFGMethod(method, classTree);
    }
    if (owner instanceof LambdaExpressionTree lambda && enclosingMethod != null) {
      return new UnderlyingAST.CFGLambda(lambda, classTree, enclosingMethod);
    }
    return null;
  }

  /** What one pass over the body's syntax tree learns before the graph is built. */
  private static final class BodyFacts {
    /** Future-typed locals declared in this body (not in nested lambdas or classes). */
    final Set<Symbol> tracked = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Declaration or assignment of a tracked local → whether it makes the local own a future. */
    final Map<Tree, Boolean> creates = new IdentityHashMap<>();

    /** Tree of a graph node → the tracked locals it observes. */
    final Map<Tree, List<Symbol>> observedAt = new IdentityHashMap<>();

    /** Where each obligation-creating declaration or assignment of {@link #creates} is. */
    final Map<Tree, TreePath> sitePaths = new IdentityHashMap<>();

    /** {@code x == y} or {@code x != y} on a tracked local, see {@code visitBinary}. */
    final Map<Tree, IdentityCheck> identityChecks = new IdentityHashMap<>();

    static BodyFacts collect(TreePath ownerPath, OwnedFutures ownedFutures, VisitorState state) {
      BodyFacts facts = new BodyFacts();
      Tree owner = ownerPath.getLeaf();
      Tree body =
          owner instanceof MethodTree method
              ? method.getBody()
              : ((LambdaExpressionTree) owner).getBody();
      if (body != null) {
        new Scanner(facts, ownedFutures, state).scan(new TreePath(ownerPath, body), null);
      }
      return facts;
    }

    void observe(Tree tree, Symbol local) {
      observedAt.computeIfAbsent(tree, t -> new ArrayList<>()).add(local);
    }

    void created(TreePath sitePath, @Nullable ExpressionTree value, OwnedFutures futures, VisitorState state) {
      boolean obligation = futures.createsObligation(value, tracked, state);
      creates.put(sitePath.getLeaf(), obligation);
      if (obligation) {
        sitePaths.put(sitePath.getLeaf(), sitePath);
      }
    }

    /** See {@link StraightLineObservation}. */
    boolean everyObligationObservedStraightAway() {
      for (TreePath site : sitePaths.values()) {
        Symbol local = ASTHelpers.getSymbol(site.getLeaf());
        if (site.getLeaf() instanceof AssignmentTree assignment) {
          local = ASTHelpers.getSymbol(assignment.getVariable());
        }
        if (local == null
            || !StraightLineObservation.holds(
                site, local, (tree, symbol) -> observedAt.getOrDefault(tree, List.of()).contains(symbol))) {
          return false;
        }
      }
      return true;
    }
  }

  /** On the branch where the comparison says "same object", {@code local} needs no observing. */
  private record IdentityCheck(Symbol local, boolean sameWhenTrue) {}

  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final BodyFacts facts;
    private final OwnedFutures ownedFutures;
    private final VisitorState state;

    Scanner(BodyFacts facts, OwnedFutures ownedFutures, VisitorState state) {
      this.facts = facts;
      this.ownedFutures = ownedFutures;
      this.state = state;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      if (symbol != null
          && symbol.getKind() == ElementKind.LOCAL_VARIABLE
          && ownedFutures.futureTypes().isFuture(symbol.type, state)) {
        facts.tracked.add(symbol);
        facts.created(getCurrentPath(), tree.getInitializer(), ownedFutures, state);
      }
      return super.visitVariable(tree, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      Symbol target = ASTHelpers.getSymbol(tree.getVariable());
      if (target != null && facts.tracked.contains(target)) {
        TreePath parent = LocalUses.skipParentheses(getCurrentPath().getParentPath());
        if (parent != null
            && !(parent.getLeaf() instanceof ExpressionStatementTree)
            && Observation.observes(getCurrentPath(), state)) {
          // return ret = ret.thenCompose(..): the assigned future is also the expression's value, which goes on
          // (returned, passed, awaited); the local holds nothing left to observe.
          facts.creates.put(tree, false);
        } else {
          facts.created(getCurrentPath(), tree.getExpression(), ownedFutures, state);
        }
        // The target is written, not read: scan only the value.
        return scan(tree.getExpression(), null);
      }
      return super.visitAssignment(tree, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      if (symbol != null
          && facts.tracked.contains(symbol)
          && Observation.observes(getCurrentPath(), state)) {
        facts.observe(tree, symbol);
      }
      return null;
    }

    /**
     * {@code x == y} where {@code y} is {@code null} or any value that is not another tracked
     * local: on the branch where they are equal, {@code x} holds nothing to observe, or the same
     * object as {@code y}, which its holder (a field, a constant) owns.
     */
    @Override
    public Void visitBinary(BinaryTree tree, Void unused) {
      boolean equal = tree.getKind() == Tree.Kind.EQUAL_TO;
      if (equal || tree.getKind() == Tree.Kind.NOT_EQUAL_TO) {
        Symbol local = identityComparedLocal(tree.getLeftOperand(), tree.getRightOperand());
        if (local == null) {
          local = identityComparedLocal(tree.getRightOperand(), tree.getLeftOperand());
        }
        if (local != null) {
          facts.identityChecks.put(tree, new IdentityCheck(local, equal));
        }
      }
      return super.visitBinary(tree, unused);
    }

    private @Nullable Symbol identityComparedLocal(ExpressionTree operand, ExpressionTree other) {
      Symbol symbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(operand));
      Symbol otherSymbol = ASTHelpers.getSymbol(ASTHelpers.stripParentheses(other));
      return symbol != null
              && facts.tracked.contains(symbol)
              && (otherSymbol == null || !facts.tracked.contains(otherSymbol))
          ? symbol
          : null;
    }

    // Nested bodies are separate graphs; a capture there is an observation at the nesting point.

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      recordCaptures(tree);
      return null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      if (!Observation.isBlind(tree.getName().toString())) {
        recordCaptures(tree);
      }
      return super.visitMemberReference(tree, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      if (tree.getClassBody() == null) {
        return super.visitNewClass(tree, unused);
      }
      recordCaptures(tree);
      scan(tree.getEnclosingExpression(), null);
      return scan(tree.getArguments(), null);
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      recordCaptures(tree);
      return null;
    }

    private void recordCaptures(Tree nested) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          Symbol symbol = ASTHelpers.getSymbol(identifier);
          if (symbol != null && facts.tracked.contains(symbol)) {
            facts.observe(nested, symbol);
          }
          return null;
        }
      }.scan(nested, null);
    }
  }

  /** No per-expression values are needed; the analysis lives in the store. */
  private enum NoValue implements AbstractValue<NoValue> {
    INSTANCE;

    @Override
    public NoValue leastUpperBound(NoValue other) {
      return this;
    }
  }

  /** Futures owned by a local and not yet observed on some path: local → creating assignments. */
  private static final class Pending implements Store<Pending> {
    static final Pending EMPTY = new Pending(ImmutableSetMultimap.of());

    final ImmutableSetMultimap<Symbol, Tree> sites;

    Pending(ImmutableSetMultimap<Symbol, Tree> sites) {
      this.sites = sites;
    }

    Pending without(Iterable<Symbol> locals) {
      ImmutableSetMultimap.Builder<Symbol, Tree> builder = ImmutableSetMultimap.builder();
      Set<Symbol> removed = ImmutableSet.copyOf(locals);
      sites.forEach(
          (local, site) -> {
            if (!removed.contains(local)) {
              builder.put(local, site);
            }
          });
      return new Pending(builder.build());
    }

    Pending with(Symbol local, Tree site) {
      return new Pending(
          ImmutableSetMultimap.<Symbol, Tree>builder().putAll(sites).put(local, site).build());
    }

    @Override
    public Pending copy() {
      return this;
    }

    @Override
    public Pending leastUpperBound(Pending other) {
      return new Pending(
          ImmutableSetMultimap.<Symbol, Tree>builder().putAll(sites).putAll(other.sites).build());
    }

    @Override
    public Pending widenedUpperBound(Pending previous) {
      return leastUpperBound(previous);
    }

    @Override
    public boolean canAlias(JavaExpression a, JavaExpression b) {
      return false;
    }

    @Override
    public String visualize(CFGVisualizer<?, Pending, ?> visualizer) {
      return toString();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Pending pending && sites.equals(pending.sites);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sites);
    }

    @Override
    public String toString() {
      return "Pending" + sites;
    }
  }

  private static final class Transfer
      extends AbstractNodeVisitor<TransferResult<NoValue, Pending>, TransferInput<NoValue, Pending>>
      implements ForwardTransferFunction<NoValue, Pending> {
    private final BodyFacts facts;
    private final Set<Tree> leaks;
    private final Types types;
    private final Symtab symtab;

    Transfer(BodyFacts facts, Set<Tree> leaks, VisitorState state) {
      this.facts = facts;
      this.leaks = leaks;
      this.types = state.getTypes();
      this.symtab = state.getSymtab();
    }

    @Override
    public Pending initialStore(UnderlyingAST ast, List<LocalVariableNode> parameters) {
      return Pending.EMPTY;
    }

    @Override
    public TransferResult<NoValue, Pending> visitNode(
        Node node, TransferInput<NoValue, Pending> input) {
      Map<TypeMirror, Pending> exceptional = implicitExceptionsEndThePath(node);
      IdentityCheck check = facts.identityChecks.get(node.getTree());
      if (check != null && (node instanceof EqualToNode || node instanceof NotEqualNode)) {
        Pending store = apply(node, input.getRegularStore());
        Pending same = store.without(List.of(check.local()));
        return check.sameWhenTrue()
            ? new ConditionalTransferResult<>(null, same, store, exceptional)
            : new ConditionalTransferResult<>(null, store, same, exceptional);
      }
      if (input.containsTwoStores()) {
        return new ConditionalTransferResult<>(
            null,
            apply(node, input.getThenStore()),
            apply(node, input.getElseStore()),
            exceptional);
      }
      return new RegularTransferResult<>(null, apply(node, input.getRegularStore()), exceptional);
    }

    /**
     * Follows only the exceptions a reviewer can see: a {@code throw}, or a checked exception a
     * call declares. Any call may also throw an unchecked exception or an {@code Error} (and a
     * class reference an {@code ExceptionInInitializerError}); treating each of those, when a
     * {@code catch} recovers from it, as a path that loses the future would bury the real findings.
     * Their stores are replaced by the empty one, which adds nothing at a merge.
     */
    private @Nullable Map<TypeMirror, Pending> implicitExceptionsEndThePath(Node node) {
      if (node instanceof ThrowNode || !(node.getBlock() instanceof ExceptionBlock block)) {
        return null;
      }
      Map<TypeMirror, Pending> stores = new HashMap<>();
      for (TypeMirror cause : block.getExceptionalSuccessors().keySet()) {
        if (!isDeclaredCheckedException(cause)) {
          stores.put(cause, Pending.EMPTY);
        }
      }
      return stores.isEmpty() ? null : stores;
    }

    private boolean isDeclaredCheckedException(TypeMirror cause) {
      if (!(cause instanceof Type type)) {
        return false;
      }
      return !types.isSameType(type, symtab.throwableType)
          && !types.isSubtype(type, symtab.runtimeExceptionType)
          && !types.isSubtype(type, symtab.errorType);
    }

    private Pending apply(Node node, Pending store) {
      Tree tree = node.getTree();
      if (node instanceof AssignmentNode assignment
          && assignment.getTarget() instanceof LocalVariableNode target
          && target.getElement() instanceof Symbol local
          && facts.tracked.contains(local)) {
        // Overwriting a pending future loses it on this path.
        leaks.addAll(store.sites.get(local));
        Pending result = store.without(List.of(local));
        return Boolean.TRUE.equals(facts.creates.get(tree)) ? result.with(local, tree) : result;
      }
      List<Symbol> observed = tree == null ? null : facts.observedAt.get(tree);
      return observed == null ? store : store.without(observed);
    }
  }
}
