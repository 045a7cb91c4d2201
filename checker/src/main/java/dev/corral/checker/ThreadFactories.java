package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code ThreadFactory} behind a thread or a pool, as written in this file, says about the threads it makes:
 * that they are daemons ({@code setDaemon(true)}, {@code daemon()}) or that they report their own failure (an
 * uncaught-exception handler: {@code setUncaughtExceptionHandler(h)}, {@code uncaughtExceptionHandler(h)}).
 *
 * <p>A factory expression is read where it is visible in this file: a builder chain ({@code new
 * ThreadFactoryBuilder().setDaemon(true).build()}, {@code Thread.ofPlatform().daemon().factory()}), a lambda or an
 * anonymous class whose body sets it on the thread it makes, a class of the build whose {@code newThread} does, or a
 * local or field of this file whose every value (initializer and assignments) is one of those. A pool is read the
 * same way, through the {@code ThreadFactory} argument of the expression that creates it ({@code
 * Executors.newFixedThreadPool(n, factory)}, {@code new ThreadPoolExecutor(.., factory)}) or of the pool it decorates.
 * Anything else (a parameter, a factory from another file's method) is unknown, and unknown is "no".
 */
final class ThreadFactories {
  /** A setting a factory can give its threads, by the names of the calls that give it. */
  enum Setting {
    DAEMON(Set.of("setDaemon", "daemon")),
    HANDLER(Set.of("setUncaughtExceptionHandler", "uncaughtExceptionHandler"));

    private final Set<String> calls;

    Setting(Set<String> calls) {
      this.calls = calls;
    }
  }

  /** How many variables, wrappers and factory methods deep a factory or pool is followed. */
  private static final int MAX_DEPTH = 4;

  private ThreadFactories() {}

  /** Whether {@code factory} (a {@code ThreadFactory} or {@code Thread.Builder} expression) gives its threads {@code setting}. */
  static boolean gives(@Nullable ExpressionTree factory, Setting setting, VisitorState state) {
    return factory != null && new Reader(state, setting).factoryGives(factory, 0);
  }

  /**
   * Whether {@code pool} is created, in this file, as a pool whose workers hand a task's exception to an
   * uncaught-exception handler its thread factory installs. A {@code ScheduledExecutorService} is never such a pool:
   * it keeps a task's exception in the task's future, which {@code execute} throws away, and never hands it to the
   * handler.
   */
  static boolean poolThreadsReport(ExpressionTree pool, VisitorState state) {
    return new Reader(state, Setting.HANDLER).poolReports(pool, 0);
  }

  /** By {@link ClasspathTypes#find}, which also works where the JDK's classes come from {@code --release 8}. */
  private static boolean isSubtype(Type type, String name, VisitorState state) {
    Type target = ClasspathTypes.find(name, state);
    return target != null && ClasspathTypes.isA(type, target, state);
  }

  private static final class Reader {
    private final VisitorState state;
    private final Setting setting;
    private final Set<Symbol> visiting = new HashSet<>();

    Reader(VisitorState state, Setting setting) {
      this.state = state;
      this.setting = setting;
    }

    boolean poolReports(ExpressionTree pool, int depth) {
      ExpressionTree value = ASTHelpers.stripParentheses(pool);
      if (depth > MAX_DEPTH) {
        return false;
      }
      Type type = ASTHelpers.getType(value);
      if (type == null
          || !isSubtype(type, "java.util.concurrent.ExecutorService", state)
          || isSubtype(type, "java.util.concurrent.ScheduledExecutorService", state)) {
        return false;
      }
      return switch (value) {
        case IdentifierTree variable -> everyValue(ASTHelpers.getSymbol(variable), depth, this::poolReports);
        case MemberSelectTree variable when ASTHelpers.getSymbol(variable) != null
            && ASTHelpers.getSymbol(variable).getKind().isField() ->
            everyValue(ASTHelpers.getSymbol(variable), depth, this::poolReports);
        case MethodInvocationTree creation -> creationReports(creation.getArguments(), depth);
        case NewClassTree creation -> creationReports(creation.getArguments(), depth);
        default -> false;
      };
    }

    /** A pool made from a factory that gives the setting, or a decorator around a pool whose threads report. */
    private boolean creationReports(List<? extends ExpressionTree> arguments, int depth) {
      for (ExpressionTree argument : arguments) {
        Type type = ASTHelpers.getType(argument);
        if (type == null) {
          continue;
        }
        if (isSubtype(type, "java.util.concurrent.ThreadFactory", state)) {
          return factoryGives(argument, depth + 1);
        }
        if (isSubtype(type, "java.util.concurrent.ExecutorService", state)) {
          return poolReports(argument, depth + 1);
        }
      }
      return false;
    }

    boolean factoryGives(ExpressionTree factory, int depth) {
      ExpressionTree value = ASTHelpers.stripParentheses(factory);
      if (depth > MAX_DEPTH) {
        return false;
      }
      return switch (value) {
        case IdentifierTree variable -> everyValue(ASTHelpers.getSymbol(variable), depth, this::factoryGives);
        case MemberSelectTree variable when ASTHelpers.getSymbol(variable) != null
            && ASTHelpers.getSymbol(variable).getKind().isField() ->
            everyValue(ASTHelpers.getSymbol(variable), depth, this::factoryGives);
        case MethodInvocationTree chain -> chainGives(chain);
        case NewClassTree created when created.getClassBody() != null -> newThreadSets(created.getClassBody());
        case NewClassTree created -> newThreadSets(classOf(created)) || chainGives(created);
        case LambdaExpressionTree lambda -> setsIn(lambda.getBody());
        default -> false;
      };
    }

    /**
     * A builder chain that gives the setting ({@code new ThreadFactoryBuilder().setDaemon(true).build()}), or a
     * factory-of-factories call given such a factory ({@code new NamedFactory(daemonFactory)} is not followed).
     */
    private boolean chainGives(ExpressionTree chain) {
      for (ExpressionTree current = chain; current != null; ) {
        if (current instanceof MethodInvocationTree call && isSettingCall(call)) {
          return true;
        }
        current =
            switch (current) {
              case MethodInvocationTree call -> ASTHelpers.getReceiver(call);
              case MemberSelectTree select -> select.getExpression();
              default -> null;
            };
      }
      return false;
    }

    /** The {@code newThread} method of a factory class: it sets the setting on the thread it makes. */
    private boolean newThreadSets(@Nullable ClassTree factoryClass) {
      if (factoryClass == null) {
        return false;
      }
      for (Tree member : factoryClass.getMembers()) {
        if (member instanceof MethodTree method
            && method.getName().contentEquals("newThread")
            && method.getBody() != null
            && setsIn(method.getBody())) {
          return true;
        }
      }
      return false;
    }

    private @Nullable ClassTree classOf(NewClassTree created) {
      Symbol constructor = ASTHelpers.getSymbol(created);
      return constructor != null && constructor.owner instanceof ClassSymbol type
          ? SourceTrees.classDeclaration(type, state)
          : null;
    }

    /** A call giving the setting anywhere in a factory's own body (not in the lambdas and classes nested in it). */
    private boolean setsIn(Tree body) {
      Boolean found =
          new OwnBody.Scanner<Boolean, Void>() {
            @Override
            public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
              return isSettingCall(call) || Boolean.TRUE.equals(super.visitMethodInvocation(call, unused));
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
              return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
          }.scan(body, null);
      return Boolean.TRUE.equals(found);
    }

    /** {@code setDaemon(true)}, {@code daemon()}, {@code daemon(true)}; {@code setUncaughtExceptionHandler(h)}, h not null. */
    private boolean isSettingCall(MethodInvocationTree call) {
      Symbol method = ASTHelpers.getSymbol(call);
      if (method == null || !setting.calls.contains(method.getSimpleName().toString())) {
        return false;
      }
      if (call.getArguments().isEmpty()) {
        return setting == Setting.DAEMON;
      }
      if (call.getArguments().size() != 1) {
        return false;
      }
      ExpressionTree argument = ASTHelpers.stripParentheses(call.getArguments().get(0));
      return setting == Setting.DAEMON
          ? argument instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue())
          : argument.getKind() != Tree.Kind.NULL_LITERAL;
    }

    private interface Judge {
      boolean test(ExpressionTree value, int depth);
    }

    /**
     * Every value of a local or field declared in this file (its initializer and every assignment to it in the class
     * that declares it) passes {@code judge}, and there is at least one.
     */
    private boolean everyValue(@Nullable Symbol variable, int depth, Judge judge) {
      if (variable == null
          || !(variable.getKind().isField() || LocalUses.isLocal(variable))
          || variable.getKind() == javax.lang.model.element.ElementKind.PARAMETER
          || !visiting.add(variable)) {
        return false;
      }
      try {
        List<ExpressionTree> values = valuesOf(variable);
        return !values.isEmpty() && values.stream().allMatch(value -> judge.test(value, depth + 1));
      } finally {
        visiting.remove(variable);
      }
    }

    private List<ExpressionTree> valuesOf(Symbol variable) {
      List<ExpressionTree> values = new ArrayList<>();
      TreePath declaration =
          variable.getKind().isField()
              ? JavacTrees.instance(state.context).getPath(variable)
              : declarationInMember(variable);
      if (declaration == null
          || declaration.getCompilationUnit() != state.getPath().getCompilationUnit()
          || !(declaration.getLeaf() instanceof VariableTree tree)) {
        return values;
      }
      if (tree.getInitializer() != null) {
        values.add(tree.getInitializer());
      }
      // Assignments: in the declaring class for a field, in the declaring member for a local.
      TreePath scope = declaration.getParentPath();
      if (!variable.getKind().isField()) {
        scope = LocalUses.enclosingMember(declaration);
      }
      if (scope == null) {
        return List.of();
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitAssignment(AssignmentTree assignment, Void unused) {
          if (variable.equals(ASTHelpers.getSymbol(assignment.getVariable()))) {
            values.add(assignment.getExpression());
          }
          return super.visitAssignment(assignment, unused);
        }
      }.scan(scope.getLeaf(), null);
      return values;
    }

    private @Nullable TreePath declarationInMember(Symbol local) {
      TreePath member = LocalUses.enclosingMember(state);
      return member == null ? null : LocalUses.declarationOf(local, member);
    }
  }
}
