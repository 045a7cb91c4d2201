package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * One-shot submitted work that handles the failures it expects (LeakedFuture only; see {@link
 * SelfReportingWork.Schedule}): somewhere in its body, or in a same-build helper it calls (not overridden, at most
 * {@link FailureCoverage#MAX_HELPER_DEPTH} deep), a {@code catch} of a checked exception other than {@code
 * InterruptedException}, or of an unchecked one that a call in its {@code try} declares ({@code void send(..)
 * throws IgniteSpiException}), reports it ({@code catch (IgniteCheckedException e) { log.error(..); }}, {@code
 * catch (IOException e) { onDone(e); }}); or a helper it calls reports whatever fails inside it, with a catch-all
 * ({@code Throwable}, {@code Exception}, {@code RuntimeException}) that does not rethrow ({@code
 * scheduledGate.set(false); run();} where {@code run()} catches {@code Exception} and logs it).
 *
 * <p>Where the line is: the author decided what the work can fail with and reported it; what is left for the
 * dropped future is an unexpected programming error, which costs that one run. Not credited, and still flagged:
 * work that schedules itself again ({@code schedule(this, ..)}, {@code schedule(this::poll, ..)}: an unexpected
 * error ends the retries without a word); a service loop ({@code while}, {@code do}) in the body, which dies
 * silently on the first unchecked exception; a {@code throw} of an unchecked exception (or of a caught {@code
 * Exception}) in the body or a helper read, a failure its author made part of the contract; another future's
 * failure rethrown unchecked ({@code join()}); an empty catch of a checked exception in the body; and a body that
 * tells a waiter it is done outside a {@code finally}, which one unexpected exception leaves waiting. A catch-all
 * of the body itself is not read here: what it covers, next to the body's own statements, is {@link
 * FailureCoverage}'s and {@link GuardedCores}' question.
 */
final class HandledFailures {
  /** {@code other.join()}, {@code Futures.getUnchecked(f)}: throws another future's failure, unchecked. */
  private static final Matcher<ExpressionTree> RETHROWS_ANOTHER_FAILURE =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.CompletableFuture").named("join"),
          instanceMethod().onDescendantOf("java.util.concurrent.Future").named("resultNow"),
          staticMethod().onClass("com.google.common.util.concurrent.Futures").named("getUnchecked"));

  /** Tells a waiter the work is done: on the normal path only, a failure leaves the waiter waiting. */
  private static final Matcher<ExpressionTree> SIGNALS_COMPLETION =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.CountDownLatch").named("countDown"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletableFuture")
              .namedAnyOf("complete", "completeExceptionally"),
          instanceMethod()
              .onDescendantOf("com.google.common.util.concurrent.SettableFuture")
              .namedAnyOf("set", "setException"));

  private HandledFailures() {}

  /** Whether {@code body}, a task's lambda or {@code run()}/{@code call()} body, handles the failures it expects. */
  static boolean handlesThem(@Nullable Tree body, VisitorState state) {
    if (body == null) {
      return false;
    }
    Reading reading = new Reading(state);
    reading.read(body, 0);
    reading.disqualified |= signalsOnlyOnSuccess(body, state);
    return reading.reportsExpectedFailure && !reading.disqualified;
  }

  private static final class Reading {
    private final VisitorState state;
    private final Set<MethodSymbol> read = new HashSet<>();
    boolean reportsExpectedFailure;
    boolean disqualified;

    Reading(VisitorState state) {
      this.state = state;
    }

    void read(Tree body, int depth) {
      new OwnBody.Scanner<Void, Void>() {
        @Override
        public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
          disqualified |= depth == 0;
          return super.visitWhileLoop(tree, unused);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
          disqualified |= depth == 0;
          return super.visitDoWhileLoop(tree, unused);
        }

        @Override
        public Void visitThrow(ThrowTree tree, Void unused) {
          Type thrown = ASTHelpers.getType(tree.getExpression());
          disqualified |= thrown == null || !isCheckedFailure(thrown, state);
          return super.visitThrow(tree, unused);
        }

        /** The unchecked exceptions that the calls of the {@code try} being read declare in {@code throws}. */
        private Set<Type> announced = Set.of();

        @Override
        public Void visitTry(TryTree tree, Void unused) {
          scan(tree.getResources(), null);
          scan(tree.getBlock(), null);
          Set<Type> outer = announced;
          announced = announcedUnchecked(tree.getBlock(), state);
          scan(tree.getCatches(), null);
          announced = outer;
          scan(tree.getFinallyBlock(), null);
          return null;
        }

        @Override
        public Void visitCatch(CatchTree tree, Void unused) {
          List<Type> caught = FailureCoverage.caughtTypes(tree);
          boolean checked =
              caught.stream().anyMatch(type -> isCheckedFailure(type, state) || isAnnounced(type, announced, state));
          // The body's own catch-all is judged where it belongs, by what it covers (FailureCoverage, GuardedCores).
          boolean helperCatchesAll =
              depth > 0 && caught.stream().anyMatch(type -> FailureCoverage.isCatchAll(type, state));
          boolean reports =
              tree.getBlock().getStatements().stream().anyMatch(statement -> !FailureCoverage.rethrows(statement));
          if ((checked || helperCatchesAll) && reports) {
            reportsExpectedFailure = true;
          } else if (checked && depth == 0 && tree.getBlock().getStatements().isEmpty()) {
            disqualified = true;
          }
          return super.visitCatch(tree, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if ((depth == 0 && reschedulesItself(call)) || RETHROWS_ANOTHER_FAILURE.matches(call, state)) {
            disqualified = true;
          }
          if (depth < FailureCoverage.MAX_HELPER_DEPTH
              && ASTHelpers.getSymbol(call) instanceof MethodSymbol method
              && read.add(method)
              && SourceTrees.methodWithBody(method, state) instanceof MethodTree declaration
              && declaration.getBody() != null
              && !FailureCoverage.isReplaceable(method, state)) {
            read(declaration.getBody(), depth + 1);
          }
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(body, null);
    }

    /**
     * {@code schedule(this, delay, unit)}, {@code schedule(this::getFromMaster, ..)}: a retry or refresh loop spread
     * over runs (HBase's {@code BootstrapNodeManager}), as periodic as a fixed rate.
     */
    private static boolean reschedulesItself(MethodInvocationTree call) {
      String name = ASTHelpers.getSymbol(call) == null ? "" : ASTHelpers.getSymbol(call).getSimpleName().toString();
      return (name.startsWith("schedule") || name.equals("submit") || name.equals("execute"))
          && call.getArguments().stream().anyMatch(argument -> isThis(argument)
              || (argument instanceof MemberReferenceTree reference && isThis(reference.getQualifierExpression())));
    }

    private static boolean isThis(ExpressionTree expression) {
      return ASTHelpers.stripParentheses(expression) instanceof IdentifierTree id && id.getName().contentEquals("this");
    }
  }

  /**
   * {@code () -> { int status = reconfigure(node); (status == 0 ? ok : failed).incrementAndGet(); }} with the
   * submitter sleeping until {@code ok + failed} reaches the count: the work tells its waiter it is done outside any
   * {@code finally}, so one unexpected exception leaves the waiter waiting for good.
   */
  private static boolean signalsOnlyOnSuccess(Tree body, VisitorState state) {
    boolean[] found = {false};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitTry(TryTree tree, Void unused) {
        scan(tree.getResources(), null);
        scan(tree.getBlock(), null);
        scan(tree.getCatches(), null);
        return null; // a finally signals on every path
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        found[0] |=
            SIGNALS_COMPLETION.matches(call, state)
                || (AtomicTypes.COUNTER_UPDATE.matches(call, state)
                    && ASTHelpers.getReceiver(call) != null
                    && ASTHelpers.getSymbol(ASTHelpers.getReceiver(call)) instanceof Symbol counter
                    && (counter.getKind() == ElementKind.LOCAL_VARIABLE
                        || counter.getKind() == ElementKind.PARAMETER)
                    && !declaredWithin(counter, body));
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(body, null);
    return found[0];
  }

  private static boolean declaredWithin(Symbol local, Tree body) {
    boolean[] declared = {false};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        declared[0] |= ASTHelpers.getSymbol(tree) == local;
        return super.visitVariable(tree, unused);
      }
    }.scan(body, null);
    return declared[0];
  }

  /**
   * The unchecked exceptions that the calls in {@code block} declare in their {@code throws} clauses: the failures a
   * library announces without making the compiler ask for them (Ignite's {@code throws IgniteSpiException}).
   */
  private static Set<Type> announcedUnchecked(Tree block, VisitorState state) {
    Set<Type> found = new HashSet<>();
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
          for (Type thrown : method.getThrownTypes()) {
            if (ClasspathTypes.isA(thrown, state.getSymtab().runtimeExceptionType, state)) {
              found.add(thrown);
            }
          }
        }
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(block, null);
    return found;
  }

  /** A caught unchecked exception, narrower than {@code RuntimeException}, that a call of the {@code try} declares. */
  private static boolean isAnnounced(Type caught, Set<Type> announced, VisitorState state) {
    return !ASTHelpers.isSameType(caught, state.getSymtab().runtimeExceptionType, state)
        && announced.stream().anyMatch(thrown -> ClasspathTypes.isA(thrown, caught, state));
  }

  /** A checked exception other than {@code InterruptedException}, and not {@code Exception} or {@code Throwable}. */
  private static boolean isCheckedFailure(Type type, VisitorState state) {
    return ExpectedFailures.isCheckedFailure(type, state)
        && !ASTHelpers.isSameType(type, state.getSymtab().throwableType, state)
        && !ASTHelpers.isSameType(type, state.getSymtab().exceptionType, state);
  }
}
