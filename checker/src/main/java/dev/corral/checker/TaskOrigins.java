package dev.corral.checker;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;

/**
 * Follows a task held in a local back to where it was made, within the current file: the local's initializer and
 * assignments, the collection a for-each variable iterates (its {@code add}s and the {@code List.of(..)} it was
 * built from), and the {@code return}s of a method of this file that produced it. The task is self-reporting when
 * every value found is (a task built around a self-reporting task counts, as {@code context.wrap(task)} does).
 * Anything not followed (a parameter, a field, a call into another file) ends the search with "unknown".
 */
final class TaskOrigins {
  private static final int MAX_METHOD_HOPS = 2;

  /** Factories whose elements are their arguments. */
  private static final Matcher<ExpressionTree> ELEMENTS_AS_ARGUMENTS =
      anyOf(
          staticMethod().onClass("java.util.Collections").namedAnyOf("singletonList", "singleton"),
          staticMethod().onClass("java.util.List").named("of"),
          staticMethod().onClass("java.util.Set").named("of"),
          staticMethod().onClass("java.util.Arrays").named("asList"));

  private final VisitorState state;
  private final Predicate<ExpressionTree> reportsItself;
  /** The locals being followed right now: meeting one again is a cycle, which adds no value. */
  private final Set<Symbol> visiting = new HashSet<>();
  private int methodHops;

  private TaskOrigins(VisitorState state, Predicate<ExpressionTree> reportsItself) {
    this.state = state;
    this.reportsItself = reportsItself;
  }

  /** Whether the local {@code task} names (not a parameter) only ever holds tasks that report themselves. */
  static boolean allReport(ExpressionTree task, VisitorState state, Predicate<ExpressionTree> reportsItself) {
    TreePath member = LocalUses.enclosingMember(state);
    Symbol symbol = task instanceof IdentifierTree ? ASTHelpers.getSymbol(task) : null;
    if (member == null || !LocalUses.isLocal(symbol) || symbol.getKind() == ElementKind.PARAMETER) {
      return false;
    }
    return new TaskOrigins(state, reportsItself).localReports(symbol, member);
  }

  /**
   * Whether {@code call} is a method of this file every {@code return} of which gives a task {@code accepted} takes
   * ({@code Runnable createShutDownThread() { return new Runnable() {..}; }}).
   */
  static boolean returnsOnly(MethodInvocationTree call, VisitorState state, Predicate<ExpressionTree> accepted) {
    Symbol method = ASTHelpers.getSymbol(call);
    Set<Symbol> following = FACTORIES_BEING_READ.get();
    if (method == null || following.size() >= MAX_METHOD_HOPS || !following.add(method)) {
      return false; // a factory that returns its own call, or too deep to follow
    }
    try {
      return new TaskOrigins(state, accepted)
          .returnsReport(call, (value, scope) -> accepted.test(ASTHelpers.stripParentheses(value)));
    } finally {
      following.remove(method);
    }
  }

  /** The factories {@link #returnsOnly} is reading on this thread, so a recursive one ends. */
  private static final ThreadLocal<Set<Symbol>> FACTORIES_BEING_READ =
      ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

  private boolean reports(ExpressionTree value, TreePath scope) {
    ExpressionTree expression = ASTHelpers.stripParentheses(value);
    if (reportsItself.test(expression)) {
      return true;
    }
    return switch (expression) {
      case IdentifierTree identifier
          when LocalUses.isLocal(ASTHelpers.getSymbol(identifier))
              && ASTHelpers.getSymbol(identifier).getKind() != ElementKind.PARAMETER ->
          localReports(ASTHelpers.getSymbol(identifier), scope);
      case MethodInvocationTree call -> returnsReport(call, this::reports);
      case NewClassTree wrapper -> wrapsReportingTask(wrapper.getArguments(), scope);
      default -> false;
    };
  }

  /** Every value of the local reports, or it is a task that was handed a reporting task ({@code w.setRunner(t)}). */
  private boolean localReports(Symbol local, TreePath scope) {
    if (!visiting.add(local)) {
      return true; // already being followed: a cycle adds no new value
    }
    try {
      return valuesReport(local, scope) || handedReportingTask(local, scope);
    } finally {
      visiting.remove(local);
    }
  }

  private boolean valuesReport(Symbol local, TreePath scope) {
    TreePath declaration = LocalUses.declarationOf(local, scope);
    if (declaration == null || !(declaration.getLeaf() instanceof VariableTree variable)) {
      return false;
    }
    List<ExpressionTree> values = new ArrayList<>();
    boolean iterated =
        declaration.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop && loop.getVariable() == variable;
    boolean elementsReport =
        !iterated || elementsReport(((EnhancedForLoopTree) declaration.getParentPath().getLeaf()).getExpression(), scope);
    if (variable.getInitializer() != null) {
      values.add(variable.getInitializer());
    }
    for (TreePath use : LocalUses.usesOf(local, scope)) {
      if (use.getParentPath().getLeaf() instanceof AssignmentTree assignment && assignment.getVariable() == use.getLeaf()) {
        values.add(assignment.getExpression());
      }
    }
    return (iterated || !values.isEmpty()) && elementsReport && values.stream().allMatch(value -> reports(value, scope));
  }

  /** {@code wrapper.setRunner(task)} on the local, with a {@code Runnable} argument that reports. */
  private boolean handedReportingTask(Symbol local, TreePath scope) {
    if (!isRunnable(local.type)) {
      return false;
    }
    for (TreePath use : LocalUses.usesOf(local, scope)) {
      MethodInvocationTree call = LocalUses.invokedOn(use);
      if (call != null && wrapsReportingTask(call.getArguments(), scope)) {
        return true;
      }
    }
    return false;
  }

  private boolean wrapsReportingTask(List<? extends ExpressionTree> arguments, TreePath scope) {
    return arguments.stream()
        .anyMatch(argument -> isRunnable(ASTHelpers.getType(argument)) && reports(argument, scope));
  }

  /** Whether every element of the collection reports, and at least one element was found. */
  private boolean elementsReport(ExpressionTree collection, TreePath scope) {
    ExpressionTree expression = ASTHelpers.stripParentheses(collection);
    return switch (expression) {
      case MethodInvocationTree factory when ELEMENTS_AS_ARGUMENTS.matches(factory, state) ->
          !factory.getArguments().isEmpty()
              && factory.getArguments().stream().allMatch(argument -> reports(argument, scope));
      case MethodInvocationTree call -> returnsReport(call, this::elementsReport);
      case IdentifierTree identifier when LocalUses.isLocal(ASTHelpers.getSymbol(identifier)) ->
          addedElementsReport(ASTHelpers.getSymbol(identifier), scope);
      default -> false;
    };
  }

  /**
   * A collection local initialized from a collection whose elements report, or created empty ({@code new
   * ArrayList<>(n)}), and filled with {@code add(task)} in this method; handing it to any other method or
   * assigning it makes its content unknown.
   */
  private boolean addedElementsReport(Symbol local, TreePath scope) {
    if (!visiting.add(local)) {
      return true;
    }
    try {
      return addedElementsReportOnce(local, scope);
    } finally {
      visiting.remove(local);
    }
  }

  private boolean addedElementsReportOnce(Symbol local, TreePath scope) {
    TreePath declaration = LocalUses.declarationOf(local, scope);
    if (declaration == null
        || !(declaration.getLeaf() instanceof VariableTree variable)
        || variable.getInitializer() == null) {
      return false;
    }
    int added = 0;
    if (ASTHelpers.stripParentheses(variable.getInitializer()) instanceof NewClassTree created) {
      if (created.getArguments().stream().anyMatch(argument -> !isNumber(ASTHelpers.getType(argument)))) {
        return false;
      }
    } else if (elementsReport(variable.getInitializer(), scope)) {
      added++;
    } else {
      return false;
    }
    for (TreePath use : LocalUses.usesOf(local, scope)) {
      if (use.getParentPath().getLeaf() instanceof AssignmentTree assignment && assignment.getVariable() == use.getLeaf()) {
        return false;
      }
      MethodInvocationTree call = LocalUses.invokedOn(use);
      Symbol method = call == null ? null : ASTHelpers.getSymbol(call);
      if (method != null && method.getSimpleName().contentEquals("add") && call.getArguments().size() == 1) {
        if (!reports(call.getArguments().get(0), scope)) {
          return false;
        }
        added++;
      } else if (use.getParentPath().getLeaf() instanceof MethodInvocationTree passedOn
          && passedOn.getArguments().contains(use.getLeaf())) {
        return false;
      }
    }
    return added > 0;
  }

  /** For a call to a method of this file: every {@code return} of it satisfies {@code judge}. */
  private boolean returnsReport(MethodInvocationTree call, Judge judge) {
    TreePath method = SameFileMethods.declarationOf(ASTHelpers.getSymbol(call), state);
    if (method == null || methodHops >= MAX_METHOD_HOPS) {
      return false;
    }
    List<ExpressionTree> returned = OwnBody.returnedValues(method.getLeaf());
    methodHops++;
    try {
      return !returned.isEmpty() && returned.stream().allMatch(value -> judge.test(value, method));
    } finally {
      methodHops--;
    }
  }

  private interface Judge {
    boolean test(ExpressionTree value, TreePath scope);
  }

  private boolean isRunnable(Type type) {
    Type runnable = ClasspathTypes.find("java.lang.Runnable", state);
    return type != null && runnable != null && ClasspathTypes.isA(type, runnable, state);
  }

  private static boolean isNumber(Type type) {
    return type != null && type.isPrimitive();
  }
}
