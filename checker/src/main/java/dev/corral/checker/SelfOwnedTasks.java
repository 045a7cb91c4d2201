package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Tasks handed to an executor or a thread that already have an owner, judged from the task expression itself:
 *
 * <ul>
 *   <li>forwarded: the task is a parameter of the enclosing method, which only passes on work its caller handed
 *       over (an execution helper such as {@code runLater(Runnable task)}), like a delegating executor; also
 *       through a wrapper that only adds bookkeeping around running it;
 *   <li>ending the JVM or stopping its starter: a task whose only work, after log lines or a delay, is {@code
 *       System.exit}, {@code Runtime.halt} or a stop call;
 *   <li>self-scheduling: {@code this}, a {@code Runnable} that schedules itself (execution strategies, state
 *       machines) and so owns its own lifecycle; {@code this::step} is not exempt, it is the common
 *       fire-and-forget shape;
 *   <li>self-reporting: a lambda, an anonymous {@code Runnable}, a method reference, or a task class compiled from
 *       source (also a same-build interface or abstract class every named implementation of which qualifies,
 *       {@link TaskImplementations}), whose {@code run()} body reports its own failures ({@link FailureCoverage}
 *       with {@link FailureCoverage.Handling#THREAD}: every statement that can fail is covered by a catch-all
 *       whose handler does something besides throwing), or owns the failures its calls announce ({@link
 *       ExpectedFailures}, one-shot work only); an anonymous template subclass is judged by the abstract steps it
 *       fills in ({@link TemplateTasks}); a local is judged by every task it can hold ({@link TaskOrigins}).
 * </ul>
 */
final class SelfOwnedTasks {
  private static final FailureCoverage.Handling THREAD = FailureCoverage.Handling.THREAD;

  private SelfOwnedTasks() {}

  static boolean ownsItsWork(@Nullable ExpressionTree task, VisitorState state) {
    if (task == null) {
      return false;
    }
    ExpressionTree expression = ASTHelpers.stripParentheses(task);
    if (expression instanceof MethodInvocationTree wrapper) {
      ExpressionTree wrapped = DeliveryTasks.wrapped(wrapper, state);
      if (wrapped != null) {
        // context.wrap(() -> ...): the wrapper runs the task it is given.
        return ownsItsWork(wrapped, state);
      }
    }
    return isForwardedParameter(expression)
        || wrapsForwardedTask(expression, state)
        || endsTheProcess(expression, state)
        || isSelfScheduling(expression)
        || reportsOwnFailure(expression, state)
        || DeliveryTasks.onlyCompletesFutures(expression, state)
        // new Thread(createShutDownThread()): a method of this file whose every return owns its work
        || (expression instanceof MethodInvocationTree factory
            && TaskOrigins.returnsOnly(factory, state, value -> ownsItsWork(value, state)))
        || TaskOrigins.allReport(
            expression,
            state,
            value -> reportsOwnFailure(value, state) || DeliveryTasks.onlyCompletesFutures(value, state));
  }

  private static boolean isForwardedParameter(ExpressionTree task) {
    Symbol symbol = task instanceof IdentifierTree ? ASTHelpers.getSymbol(task) : null;
    return symbol != null && symbol.getKind() == ElementKind.PARAMETER;
  }

  /**
   * A task that runs the caller's task with bookkeeping around it: a lambda or an anonymous task whose body runs a
   * parameter of the enclosing method ({@code task.run()}, {@code task.call()}) once, after set-up on that task, on
   * counters or synchronizers, or log lines, and before only counter updates and log lines: {@code
   * execute(new Runner(task) { public void run() { task.setStatus(RUNNING); task.run(); queued.decrementAndGet(); }
   * })}. Like a forwarded task, the work and its failure are the caller's. What may not follow the run is a release
   * (a latch, a lock, a future): a throwing task would skip it and leave somebody waiting, unseen; in a {@code
   * finally} around the run, any bookkeeping may.
   */
  private static boolean wrapsForwardedTask(ExpressionTree task, VisitorState state) {
    if (task instanceof LambdaExpressionTree lambda && lambda.getBody() instanceof MethodInvocationTree call) {
      return runsParameter(call);
    }
    BlockTree body =
        switch (task) {
          case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block -> block;
          case NewClassTree anonymous when anonymous.getClassBody() != null ->
              DeliveryTasks.runBody(anonymous.getClassBody());
          default -> null;
        };
    if (body == null) {
      return false;
    }
    boolean ran = false;
    for (StatementTree statement : body.getStatements()) {
      if (!ran && (runsParameter(statement) || runsParameterWithFinally(statement, state))) {
        ran = true;
      } else if (!(ran ? isCounterUpdate(statement, state) : isSetUp(statement, state))) {
        return false;
      }
    }
    return ran;
  }

  /** {@code task.run();} or {@code task.call();} on a parameter of the enclosing method. */
  private static boolean runsParameter(@Nullable Tree statement) {
    Tree expression =
        statement instanceof ExpressionStatementTree expressionStatement ? expressionStatement.getExpression() : statement;
    if (!(expression instanceof MethodInvocationTree call) || !call.getArguments().isEmpty()) {
      return false;
    }
    Symbol method = ASTHelpers.getSymbol(call);
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return method != null
        && (method.getSimpleName().contentEquals("run") || method.getSimpleName().contentEquals("call"))
        && receiver != null
        && isForwardedParameter(ASTHelpers.stripParentheses(receiver));
  }

  /** {@code try { task.run(); } finally { bookkeeping }}: the bookkeeping runs whether or not the task throws. */
  private static boolean runsParameterWithFinally(StatementTree statement, VisitorState state) {
    return statement instanceof TryTree tryTree
        && tryTree.getCatches().isEmpty()
        && tryTree.getResources().isEmpty()
        && tryTree.getFinallyBlock() != null
        && tryTree.getBlock().getStatements().size() == 1
        && runsParameter(tryTree.getBlock().getStatements().get(0))
        && tryTree.getFinallyBlock().getStatements().stream().allMatch(inner -> isSetUp(inner, state));
  }

  /**
   * Bookkeeping before the caller's task runs: a log line, a call on a synchronizer or an atomic, a call on a
   * parameter (the task itself: {@code task.setStatus(..)}) with computed arguments, or a counter update.
   */
  private static boolean isSetUp(StatementTree statement, VisitorState state) {
    if (LogStatements.isLogging(statement, state)
        || QueueDraining.isBookkeeping(statement, state)
        || isCounterUpdate(statement, state)) {
      return true;
    }
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && ASTHelpers.getReceiver(call) instanceof ExpressionTree receiver
        && isForwardedParameter(ASTHelpers.stripParentheses(receiver))
        && call.getArguments().stream().allMatch(DeliveryTasks::isComputed);
  }

  /**
   * A counter update: {@code count++}, {@code size -= n}, or a numeric update on an atomic or an adder ({@code
   * queued.decrementAndGet()}, {@code adder.increment()}); also a log line. Skipping one misstates a gauge; it
   * leaves nobody waiting.
   */
  private static boolean isCounterUpdate(StatementTree statement, VisitorState state) {
    if (LogStatements.isLogging(statement, state)) {
      return true;
    }
    if (!(statement instanceof ExpressionStatementTree expressionStatement)) {
      return false;
    }
    ExpressionTree expression = expressionStatement.getExpression();
    if (expression instanceof UnaryTree unary) {
      return DeliveryTasks.isComputed(unary.getExpression());
    }
    if (expression instanceof CompoundAssignmentTree compound) {
      return DeliveryTasks.isComputed(compound.getExpression());
    }
    return expression instanceof MethodInvocationTree call
        && AtomicTypes.COUNTER_UPDATE.matches(call, state)
        && DeliveryTasks.isComputed(ASTHelpers.getReceiver(call))
        && call.getArguments().stream().allMatch(DeliveryTasks::isComputed);
  }

  /**
   * A task whose only work, after log lines and locals that read, is to end the JVM ({@code System.exit(code)},
   * {@code Runtime.getRuntime().halt(code)}) or to stop the component that started it (a call named {@code stop..},
   * {@code shutdown..}, {@code kill}, {@code restart}, {@code halt} or {@code terminate}, or its own {@code close()}:
   * Ignite's {@code node-stopper}, Hazelcast's {@code lifecycleService.shutdown()} off the operation thread). Such a
   * thread must outlive its starter, whose own stop it is (joining it there would wait for itself), and the stop
   * reports its failures where the component logs. The task is a lambda, a method reference, an anonymous class or
   * a class of the build whose {@code run()} does only that. A delay may come first, also inside one {@code try}
   * that catches only {@code InterruptedException}, and the exit may be a lambda handed to a call ({@code
   * Contexts.runInContext(ctx, () -> System.exit(0))}).
   */
  private static boolean endsTheProcess(ExpressionTree task, VisitorState state) {
    if (task instanceof LambdaExpressionTree lambda && lambda.getBody() instanceof ExpressionTree call) {
      return endsOrStops(call, state);
    }
    // server::stop, as () -> server.stop(): a bound reference to a stop of another object (this::stop is read
    // through its body below).
    if (task instanceof MemberReferenceTree reference
        && reference.getQualifierExpression() != null
        && !(ASTHelpers.getSymbol(reference.getQualifierExpression()) instanceof Symbol.TypeSymbol)
        && !SourceTrees.isThis(reference.getQualifierExpression())
        && ASTHelpers.getSymbol(reference) instanceof MethodSymbol referenced
        && referenced.getParameters().isEmpty()
        && isStopName(referenced.getSimpleName().toString())) {
      return true;
    }
    BlockTree body =
        switch (task) {
          case LambdaExpressionTree lambda -> (BlockTree) lambda.getBody();
          case MemberReferenceTree reference -> bodyOf(SourceTrees.methodWithBody(ASTHelpers.getSymbol(reference), state));
          case NewClassTree newClass when newClass.getClassBody() != null -> DeliveryTasks.runBody(newClass.getClassBody());
          case NewClassTree newClass -> runMethodBody(instantiated(newClass), state);
          default -> null;
        };
    if (body == null) {
      return false;
    }
    List<? extends StatementTree> statements = interruptibleBlock(body).getStatements();
    return !statements.isEmpty()
        && statements.get(statements.size() - 1) instanceof ExpressionStatementTree last
        && endsOrStops(last.getExpression(), state)
        && statements.subList(0, statements.size() - 1).stream()
            .allMatch(
                statement ->
                    LogStatements.isLogging(statement, state)
                        || readsInto(statement)
                        || (statement instanceof ExpressionStatementTree delay
                            && FailureCoverage.SLEEP.matches(delay.getExpression(), state)));
  }

  /**
   * The block of a body that is one {@code try} catching only {@code InterruptedException} ({@code try {
   * Thread.sleep(2000); ExitUtil.terminate(0); } catch (InterruptedException e) { LOG.error(..); }}: wait for the
   * reply to go out, then exit), else the body itself.
   */
  private static BlockTree interruptibleBlock(BlockTree body) {
    if (body.getStatements().size() == 1
        && body.getStatements().get(0) instanceof TryTree tryTree
        && tryTree.getFinallyBlock() == null
        && tryTree.getResources().isEmpty()
        && !tryTree.getCatches().isEmpty()
        && tryTree.getCatches().stream()
            .allMatch(
                caught ->
                    ASTHelpers.getType(caught.getParameter()) instanceof Type type
                        && type.tsym != null
                        && type.tsym.getQualifiedName().contentEquals("java.lang.InterruptedException"))) {
      return tryTree.getBlock();
    }
    return body;
  }

  private static boolean endsOrStops(ExpressionTree expression, VisitorState state) {
    if (FailureCoverage.EXIT.matches(expression, state)) {
      return true;
    }
    if (!(expression instanceof MethodInvocationTree call)
        || !(ASTHelpers.getSymbol(call) instanceof MethodSymbol method)) {
      return false;
    }
    // Contexts.runInContext(ctx, () -> System.exit(0)): ending the process in a context the call sets up.
    if (call.getArguments().stream()
        .anyMatch(
            argument ->
                argument instanceof LambdaExpressionTree lambda
                    && lambda.getBody() instanceof ExpressionTree inner
                    && FailureCoverage.EXIT.matches(inner, state))) {
      return true;
    }
    String name = method.getSimpleName().toString();
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    return isStopName(name)
        || (name.equals("close")
            && (receiver == null
                || (receiver instanceof IdentifierTree self && self.getName().contentEquals("this"))));
  }

  private static final Set<String> STOPS = Set.of("kill", "restart", "halt", "terminate");


  private static boolean isStopName(String name) {
    return name.startsWith("stop") || name.startsWith("shutdown") || STOPS.contains(name);
  }

  /** {@code Node node = nodeEngine.getNode();}: a local read from state. */
  private static boolean readsInto(StatementTree statement) {
    return statement instanceof VariableTree local
        && local.getInitializer() != null
        && DeliveryTasks.isComputed(local.getInitializer());
  }

  private static @Nullable BlockTree bodyOf(@Nullable MethodTree method) {
    return method == null ? null : method.getBody();
  }

  private static boolean isSelfScheduling(ExpressionTree task) {
    return task instanceof IdentifierTree identifier && identifier.getName().contentEquals("this");
  }

  static boolean reportsOwnFailure(@Nullable ExpressionTree task, VisitorState state) {
    if (task == null) {
      return false;
    }
    return switch (task) {
      case LambdaExpressionTree lambda when lambda.getBody() instanceof BlockTree block ->
          FailureCoverage.lambdaReports(lambda, THREAD, state) || ownsOrCannotFail(block, state);
      case LambdaExpressionTree lambda ->
          FailureCoverage.lambdaReports(lambda, THREAD, state)
              || FailureCoverage.onlyChangesState(lambda.getBody(), state);
      case MemberReferenceTree reference ->
          FailureCoverage.methodReports(ASTHelpers.getSymbol(reference), THREAD, state)
              || (ASTHelpers.getSymbol(reference) instanceof MethodSymbol method
                  && SourceTrees.methodWithBody(method, state) instanceof MethodTree declaration
                  && !FailureCoverage.isReplaceable(method, state)
                  && FailureCoverage.onlyChangesState(declaration.getBody(), state));
      case NewClassTree newClass when newClass.getClassBody() != null -> anonymousReports(newClass.getClassBody(), state);
      case NewClassTree newClass ->
          exactTaskReports(runMethodBody(instantiated(newClass), state), instantiated(newClass), state);
      default ->
          bodyReports(runMethodBody(classTypeOf(task), state), state)
              || (ASTHelpers.getType(task) instanceof Type type
                  && type.tsym instanceof ClassSymbol declared
                  && TaskImplementations.allReport(
                      declared, state, method -> FailureCoverage.methodReports(method, THREAD, state)));
    };
  }

  /** An anonymous task: its own {@code run()}, or else the abstract steps of its template that it fills in. */
  private static boolean anonymousReports(ClassTree body, VisitorState state) {
    BlockTree run = DeliveryTasks.runBody(body);
    if (run != null) {
      return exactTaskReports(run, ASTHelpers.getSymbol(body), state);
    }
    List<MethodTree> steps = TemplateTasks.abstractSteps(body, state);
    return !steps.isEmpty() && steps.stream().allMatch(step -> bodyReports(step.getBody(), state));
  }

  /** The {@code run()} body of a task whose class is known exactly: calls on the task run that class's methods. */
  private static boolean exactTaskReports(
      @Nullable BlockTree body, @Nullable ClassSymbol taskClass, VisitorState state) {
    return FailureCoverage.reports(body, false, THREAD, state, taskClass) || ownsOrCannotFail(body, state);
  }

  /**
   * A {@code run()} body that reports its own failures ({@link FailureCoverage}: every statement that can fail is
   * covered by a catch-all whose handler reports), or one-shot work that owns its expected failures or cannot fail.
   */
  private static boolean bodyReports(@Nullable BlockTree body, VisitorState state) {
    return FailureCoverage.reports(body, false, THREAD, state) || ownsOrCannotFail(body, state);
  }

  /**
   * One-shot work that owns the failures its calls announce ({@link ExpectedFailures}), or work with nothing to
   * lose: it only changes state ({@link FailureCoverage#onlyChangesState}).
   */
  private static boolean ownsOrCannotFail(@Nullable BlockTree body, VisitorState state) {
    return ExpectedFailures.ownsThem(body, state) || FailureCoverage.onlyChangesState(body, state);
  }

  /** The class {@code new C(..)} makes, or null (an erroneous constructor). */
  static @Nullable ClassSymbol instantiated(NewClassTree newClass) {
    Symbol constructor = ASTHelpers.getSymbol(newClass);
    return constructor != null && constructor.owner instanceof ClassSymbol type ? type : null;
  }

  /**
   * The static type of a task held elsewhere ({@code this.requestListener}, a local, a getter), when it is a
   * class: its {@code run()} is the one that runs (a subclass overriding it is not looked for). Interfaces, such
   * as a {@code Runnable} field, say nothing about the body.
   */
  static @Nullable ClassSymbol classTypeOf(ExpressionTree task) {
    Type type = ASTHelpers.getType(task);
    // DECLARED: not the null literal's type, whose symbol has no members to read (execute(null)).
    return type != null
            && type.getKind() == TypeKind.DECLARED
            && type.tsym instanceof ClassSymbol symbol
            && !symbol.isInterface()
        ? symbol
        : null;
  }

  /**
   * The body of {@code run()} of a task class (or of its nearest superclass that declares one), when that class is compiled from source in this javac invocation, in this file or another;
   * null for classes read from class files.
   */
  static @Nullable BlockTree runMethodBody(@Nullable ClassSymbol type, VisitorState state) {
    if (type == null) {
      return null;
    }
    for (ClassSymbol current = type; current != null; current = superclassOf(current)) {
      String name = current.getQualifiedName().toString();
      if (name.equals("java.lang.Thread") || name.equals("java.lang.Object")) {
        return null;
      }
      for (Symbol member : current.getEnclosedElements()) {
        if (member instanceof MethodSymbol method
            && method.getSimpleName().contentEquals("run")
            && method.getParameters().isEmpty()
            && !method.isStatic()) {
          MethodTree tree = SourceTrees.methodWithBody(method, state);
          return tree == null ? null : tree.getBody();
        }
      }
    }
    return null;
  }

  private static @Nullable ClassSymbol superclassOf(ClassSymbol type) {
    Type superclass = type.getSuperclass();
    return superclass != null && superclass.tsym instanceof ClassSymbol symbol ? symbol : null;
  }
}
