package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.google.errorprone.util.Reachability;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Work built around a guarded core, for {@link FailureCoverage}: its top level holds a {@code try} whose catch-all
 * reports and whose handlers carry on ({@code try { status = listener.consume(msgs); } catch (Throwable e) {
 * log.warn(.., e); }}), no loop runs outside such a {@code try}, and nothing outside calls a work method the guarded
 * block calls. The statements around it are the work's bookkeeping (contexts, hooks, statistics, the result's
 * processing), which the author wrote knowing what fails; with no checked exception possible outside the {@code
 * try} (the caller's condition), what escapes them is a bug of that bookkeeping, not a failure of the work.
 *
 * <p>Not such bookkeeping: a service loop outside the {@code try} (it dies silently on its first unchecked
 * exception); the guarded call done once more unguarded ({@code attempt().join(); try { attempt().join(); } catch
 * ..}), also inside a helper called outside; and what follows a {@code try} whose handler returns, which was a
 * preliminary step ({@code try { servers = lookup(); } catch (Exception e) { log; return; } reconnect(servers);}).
 */
final class GuardedCores {
  private GuardedCores() {}

  /** {@code reports}: whether a {@code try} has a catch-all whose handler reports, as the caller judges it. */
  static boolean guardsItsCore(BlockTree body, Predicate<TryTree> reports, VisitorState state) {
    boolean guarded = false;
    Set<Symbol> guardedCalls = new HashSet<>();
    List<StatementTree> unguarded = new ArrayList<>();
    for (StatementTree statement : body.getStatements()) {
      StatementTree outside = statement;
      if (statement instanceof TryTree tryTree && reports.test(tryTree) && handlersCarryOn(tryTree)) {
        guarded |= OwnBody.contains(tryTree.getBlock(), Tree.Kind.METHOD_INVOCATION);
        guardedCalls.addAll(workCalls(tryTree.getBlock()));
        outside = tryTree.getFinallyBlock(); // not guarded by the catch
      }
      if (outside == null) {
        continue;
      }
      if (OwnBody.contains(outside, Tree.Kind.WHILE_LOOP)
          || OwnBody.contains(outside, Tree.Kind.DO_WHILE_LOOP)
          || OwnBody.contains(outside, Tree.Kind.FOR_LOOP)
          || OwnBody.contains(outside, Tree.Kind.ENHANCED_FOR_LOOP)) {
        return false;
      }
      unguarded.add(outside);
    }
    if (!guarded) {
      return false;
    }
    Set<Symbol> unguardedCalls = new HashSet<>();
    for (StatementTree statement : unguarded) {
      unguardedCalls.addAll(workCalls(statement));
    }
    Set<Symbol> withHelpers = new HashSet<>(unguardedCalls);
    for (Symbol called : unguardedCalls) {
      // if (pick()) return; where pick() does the guarded work itself.
      if (SourceTrees.methodWithBody(called, state) instanceof MethodTree helper && helper.getBody() != null) {
        withHelpers.addAll(workCalls(helper.getBody()));
      }
    }
    return Collections.disjoint(withHelpers, guardedCalls);
  }

  /** Every handler ends normally, so the work goes on to its bookkeeping whatever happened. */
  private static boolean handlersCarryOn(TryTree tryTree) {
    return tryTree.getCatches().stream().allMatch(handler -> Reachability.canCompleteNormally(handler.getBlock()));
  }

  /**
   * The methods {@code tree} calls that do work: not the JDK's ({@code System.currentTimeMillis()}, {@code
   * isEmpty()}, {@code join()} are done on both sides of any guard) and not reads by name ({@code getX()}).
   */
  private static Set<Symbol> workCalls(Tree tree) {
    Set<Symbol> called = new HashSet<>();
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = ASTHelpers.getSymbol(call);
        if (method != null
            && !FailureCoverage.readsByName(method.getSimpleName().toString())
            && !(method.owner instanceof Symbol.ClassSymbol owner && isJdk(owner))) {
          called.add(method);
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(tree, null);
    return called;
  }

  private static boolean isJdk(Symbol.ClassSymbol type) {
    Symbol.ClassSymbol outermost = SourceTrees.outermostClass(type);
    // No package holds javac's array class (an array's clone()): part of the language, as the JDK is.
    String name = outermost == null ? "java.lang" : outermost.getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("javax.");
  }
}
