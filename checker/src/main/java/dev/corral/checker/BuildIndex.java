package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The classes and calls of the whole build, read once per compilation from the source trees, so a
 * check can ask what a method's callers pass it and whether a subclass overrides it. Error Prone
 * runs with {@code -XDcompilePolicy=simple}: every class is attributed before the first is
 * analysed. Code outside the build (a library's callers, a class recompiled alone) is not seen, so
 * every answer is "as far as this build shows", and no caller at all answers nothing.
 */
final class BuildIndex {
  /** Kept in the compilation's own context, so it lives and dies with the compilation. */
  private static final Context.Key<BuildIndex> KEY = new Context.Key<>();

  private final List<ClassSymbol> classes = new ArrayList<>();
  private final Set<CompilationUnitTree> units = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Each unit's calls, read on first use: one unit for a private method, every unit for any other. */
  private final Map<CompilationUnitTree, UnitCalls> unitCalls = new IdentityHashMap<>();

  private final Map<MethodSymbol, List<TreePath>> callPaths = new HashMap<>();

  /**
   * A unit's calls by the simple name they invoke, the methods it uses as method references, and every value it gives
   * a field (an initializer, the right side of an assignment).
   */
  private record UnitCalls(
      Map<Name, List<MethodInvocationTree>> byName, Set<Symbol> referenced, Map<Symbol, List<ExpressionTree>> fieldValues) {}
  private final Map<MethodSymbol, Boolean> overridden = new HashMap<>();
  private @Nullable Map<Name, List<MethodSymbol>> overridable;
  private final Map<MethodSymbol, Optional<MethodSymbol>> soleImplementations = new HashMap<>();
  private final Map<ClassSymbol, List<ClassSymbol>> concreteSubclasses = new HashMap<>();
  /** A value assigned to a field, with the unit it is written in (its path is found only when asked). */
  record FieldValue(CompilationUnitTree unit, ExpressionTree value) {}

  private BuildIndex(Context context) {
    for (Env<AttrContext> env : Enter.instance(context).getEnvs()) {
      if (env.enclClass != null && env.enclClass.sym != null) {
        classes.add(env.enclClass.sym);
      }
      if (env.toplevel != null) {
        units.add(env.toplevel);
      }
    }
  }

  /**
   * The calls of {@code unit} by the name they invoke, read on first use. A plain {@link TreeScanner}: a path per
   * node would cost more than the few paths the checks ask for.
   */
  private UnitCalls callsIn(CompilationUnitTree unit) {
    return unitCalls.computeIfAbsent(unit, BuildIndex::index);
  }

  /**
   * The units that may use {@code member}: a private method or field only from its own top-level class, so from its
   * own file; any other from anywhere in the build.
   */
  private Iterable<CompilationUnitTree> unitsUsing(Symbol member, VisitorState state) {
    if ((member.flags() & com.sun.tools.javac.code.Flags.PRIVATE) != 0) {
      CompilationUnitTree unit = SourceTrees.unitOf(member, state);
      if (unit != null && units.contains(unit)) {
        return List.of(unit);
      }
    }
    return units;
  }

  /** The paths of the calls that name {@code method} itself. */
  private List<TreePath> callPaths(MethodSymbol method, VisitorState state) {
    List<TreePath> paths = callPaths.get(method);
    if (paths == null) {
      paths = new ArrayList<>();
      for (CompilationUnitTree unit : unitsUsing(method, state)) {
        for (MethodInvocationTree call : callsIn(unit).byName().getOrDefault(method.getSimpleName(), List.of())) {
          if (ASTHelpers.getSymbol((Tree) call) == method) {
            TreePath path = TreePath.getPath(unit, call);
            if (path != null) {
              paths.add(path);
            }
          }
        }
      }
      callPaths.put(method, paths);
    }
    return paths;
  }

  /** Whether a unit that may call {@code method} uses it as a method reference (its arguments are unknown). */
  private boolean isReferenced(MethodSymbol method, VisitorState state) {
    for (CompilationUnitTree unit : unitsUsing(method, state)) {
      if (callsIn(unit).referenced().contains(method)) {
        return true;
      }
    }
    return false;
  }

  /** The index of the compilation {@code state} belongs to. */
  static BuildIndex of(VisitorState state) {
    BuildIndex index = state.context.get(KEY);
    if (index == null) {
      index = new BuildIndex(state.context);
      state.context.put(KEY, index);
    }
    return index;
  }

  private static UnitCalls index(CompilationUnitTree unit) {
    UnitCalls found =
        new UnitCalls(new HashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()), new IdentityHashMap<>());
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Name name = invokedName(call.getMethodSelect());
        if (name != null) {
          found.byName().computeIfAbsent(name, n -> new ArrayList<>()).add(call);
        }
        return super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(variable);
        if (variable.getInitializer() != null && symbol != null && symbol.getKind().isField()) {
          found.fieldValues().computeIfAbsent(symbol, f -> new ArrayList<>()).add(variable.getInitializer());
        }
        return super.visitVariable(variable, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(assignment.getVariable());
        if (symbol != null && symbol.getKind().isField()) {
          found.fieldValues().computeIfAbsent(symbol, f -> new ArrayList<>()).add(assignment.getExpression());
        }
        return super.visitAssignment(assignment, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        Symbol method = ASTHelpers.getSymbol(reference);
        if (method != null) {
          found.referenced().add(method);
        }
        return super.visitMemberReference(reference, unused);
      }
    }.scan(unit, null);
    return found;
  }

  /** {@code m(..)}, {@code a.m(..)}, {@code this.<T>m(..)}: the name invoked. */
  private static @Nullable Name invokedName(ExpressionTree select) {
    if (select instanceof IdentifierTree identifier) {
      return (Name) identifier.getName();
    }
    return select instanceof MemberSelectTree member ? (Name) member.getIdentifier() : null;
  }

  /**
   * The paths of every call in the build that may run {@code method}: calls naming it or a method
   * it overrides; null when one of them is also used as a method reference (its arguments are
   * unknown).
   */
  @Nullable List<TreePath> callsOf(MethodSymbol method, VisitorState state) {
    if (isReferenced(method, state)) {
      return null;
    }
    List<TreePath> result = new ArrayList<>(callPaths(method, state));
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (isReferenced(overridden, state)) {
        return null;
      }
      result.addAll(callPaths(overridden, state));
    }
    return result;
  }

  /**
   * Every value the build gives {@code field}: its initializer and the right side of every assignment to it, in any
   * class of the build (a private field: in its own file), read in the same pass as the calls. A field of a library,
   * or one assigned only by code outside the build (a test, reflection), has none or only some.
   */
  List<FieldValue> valuesOf(Symbol field, VisitorState state) {
    List<FieldValue> values = new ArrayList<>();
    for (CompilationUnitTree unit : unitsUsing(field, state)) {
      for (ExpressionTree value : callsIn(unit).fieldValues().getOrDefault(field, List.of())) {
        values.add(new FieldValue(unit, value));
      }
    }
    return values;
  }

  /** Whether a class of the build other than {@code method}'s own overrides it. */
  boolean isOverridden(MethodSymbol method, VisitorState state) {
    Boolean known = overridden.get(method);
    if (known == null) {
      known = findOverride(method, state);
      overridden.put(method, known);
    }
    return known;
  }

  private boolean findOverride(MethodSymbol method, VisitorState state) {
    if (method.isStatic()
        || method.isPrivate()
        || method.isConstructor()
        || (method.flags() & com.sun.tools.javac.code.Flags.FINAL) != 0
        || !(method.owner instanceof ClassSymbol owner)
        || (owner.flags() & com.sun.tools.javac.code.Flags.FINAL) != 0) {
      return false;
    }
    for (MethodSymbol candidate : overridable().getOrDefault(method.getSimpleName(), List.of())) {
      if (candidate != method
          && candidate.owner instanceof ClassSymbol type
          && type != owner
          && type.isSubClass(owner, state.getTypes())
          && candidate.overrides(method, type, state.getTypes(), /* checkResult= */ false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The one concrete method of the build that implements the abstract {@code method} (an interface method, an
   * abstract one) of a class this build compiles, or null when there is none or more than one. Named classes only: an anonymous implementation is
   * not seen.
   */
  @Nullable MethodSymbol soleImplementation(MethodSymbol method, VisitorState state) {
    if ((method.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0
        || method.isStatic()
        || !(method.owner instanceof ClassSymbol owner)
        || SourceTrees.classDeclaration(owner, state) == null) {
      // A library's interface has the library's implementations too (Netty's ChannelHandlerContext): the build's
      // one class says nothing about which runs.
      return null;
    }
    return soleImplementations.computeIfAbsent(method, m -> findSoleImplementation(m, owner, state)).orElse(null);
  }

  private Optional<MethodSymbol> findSoleImplementation(MethodSymbol method, ClassSymbol owner, VisitorState state) {
    MethodSymbol found = null;
    for (MethodSymbol candidate : overridable().getOrDefault(method.getSimpleName(), List.of())) {
      if (candidate != method
          && (candidate.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0
          && candidate.owner instanceof ClassSymbol type
          && type != owner
          && type.isSubClass(owner, state.getTypes())
          && candidate.overrides(method, type, state.getTypes(), /* checkResult= */ false)) {
        if (found != null) {
          return Optional.empty();
        }
        found = candidate;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The build's instance methods that could override another, by name, read on first use. */
  private Map<Name, List<MethodSymbol>> overridable() {
    if (overridable == null) {
      overridable = new HashMap<>();
      for (ClassSymbol type : classes) {
        for (Symbol member : type.members().getSymbols()) {
          if (member instanceof MethodSymbol candidate
              && !candidate.isStatic()
              && !candidate.isPrivate()
              && !candidate.isConstructor()) {
            overridable.computeIfAbsent(candidate.getSimpleName(), n -> new ArrayList<>()).add(candidate);
          }
        }
      }
    }
    return overridable;
  }

  /** The build's named concrete classes (not {@code type} itself) that extend or implement {@code type}. */
  List<ClassSymbol> concreteSubclassesOf(ClassSymbol type, VisitorState state) {
    return concreteSubclasses.computeIfAbsent(
        type,
        t -> {
          List<ClassSymbol> result = new ArrayList<>();
          for (ClassSymbol candidate : classes) {
            if (candidate != t
                && !candidate.isInterface()
                && (candidate.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0
                && candidate.isSubClass(t, state.getTypes())) {
              result.add(candidate);
            }
          }
          return result;
        });
  }
}
