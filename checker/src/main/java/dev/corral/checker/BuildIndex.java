package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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

  /** Every unit's calls merged, made on the first question about a member that is not private. */
  private @Nullable BuildCalls buildCalls;

  private final Map<MethodSymbol, List<TreePath>> callPaths = new HashMap<>();

  /**
   * A unit's calls by the simple name they invoke, the methods it uses as method references, and every value it gives
   * a field (an initializer, the right side of an assignment).
   */
  private record UnitCalls(
      Map<Name, List<MethodInvocationTree>> byName,
      Set<Symbol> referenced,
      Map<Symbol, List<ExpressionTree>> fieldValues,
      Map<Symbol, List<ExpressionTree>> constructions) {}
  private final Map<MethodSymbol, Boolean> overridden = new HashMap<>();
  private @Nullable Map<Name, List<MethodSymbol>> overridable;
  private final Map<MethodSymbol, List<MethodSymbol>> implementations = new HashMap<>();
  private final Map<ClassSymbol, List<ClassSymbol>> concreteSubclasses = new HashMap<>();
  /**
   * A value assigned to a field, or a construction, with the unit it is written in (its path is found only when
   * asked).
   */
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
   * The calls of {@code unit} by the name they invoke, read on first use: its own file is all a private member's uses
   * need.
   */
  private UnitCalls callsIn(CompilationUnitTree unit) {
    return unitCalls.computeIfAbsent(unit, BuildIndex::index);
  }

  /**
   * The calls of every unit, merged once: a member that is not private may be used anywhere, and asking each unit in
   * turn for each member cost more than reading them all once.
   */
  private BuildCalls buildCalls() {
    if (buildCalls == null) {
      Map<Name, List<UnitCall>> byName = new HashMap<>();
      Set<Symbol> referenced = new HashSet<>();
      Map<Symbol, List<FieldValue>> fieldValues = new HashMap<>();
      Map<Symbol, List<FieldValue>> constructions = new HashMap<>();
      for (CompilationUnitTree unit : units) {
        UnitCalls calls = callsIn(unit);
        calls.byName().forEach(
            (name, trees) -> {
              List<UnitCall> all = byName.computeIfAbsent(name, n -> new ArrayList<>());
              for (MethodInvocationTree call : trees) {
                all.add(new UnitCall(unit, call));
              }
            });
        referenced.addAll(calls.referenced());
        calls.fieldValues().forEach(
            (field, values) -> {
              List<FieldValue> all = fieldValues.computeIfAbsent(field, f -> new ArrayList<>());
              for (ExpressionTree value : values) {
                all.add(new FieldValue(unit, value));
              }
            });
        calls.constructions().forEach(
            (constructor, trees) -> {
              List<FieldValue> all = constructions.computeIfAbsent(constructor, c -> new ArrayList<>());
              for (ExpressionTree tree : trees) {
                all.add(new FieldValue(unit, tree));
              }
            });
      }
      buildCalls = new BuildCalls(byName, referenced, fieldValues, constructions);
    }
    return buildCalls;
  }

  /** A call and the unit it is written in. */
  private record UnitCall(CompilationUnitTree unit, MethodInvocationTree call) {}

  /** {@link UnitCalls} of the whole build. */
  private record BuildCalls(
      Map<Name, List<UnitCall>> byName,
      Set<Symbol> referenced,
      Map<Symbol, List<FieldValue>> fieldValues,
      Map<Symbol, List<FieldValue>> constructions) {}

  /**
   * The unit of a private {@code member}, when this build compiles it: a private method or field is used only from its
   * own top-level class, so from its own file. Null for any other member, which any unit may use.
   */
  private @Nullable CompilationUnitTree privateUnit(Symbol member, VisitorState state) {
    if ((member.flags() & com.sun.tools.javac.code.Flags.PRIVATE) != 0) {
      CompilationUnitTree unit = SourceTrees.unitOf(member, state);
      if (unit != null && units.contains(unit)) {
        return unit;
      }
    }
    return null;
  }

  /** The calls that may name {@code method}: by its simple name, in its own file if it is private. */
  private List<UnitCall> callsNamed(MethodSymbol method, VisitorState state) {
    CompilationUnitTree unit = privateUnit(method, state);
    if (unit == null) {
      return buildCalls().byName().getOrDefault(method.getSimpleName(), List.of());
    }
    List<UnitCall> calls = new ArrayList<>();
    for (MethodInvocationTree call : callsIn(unit).byName().getOrDefault(method.getSimpleName(), List.of())) {
      calls.add(new UnitCall(unit, call));
    }
    return calls;
  }

  /** The paths of the calls that name {@code method} itself. */
  private List<TreePath> callPaths(MethodSymbol method, VisitorState state) {
    List<TreePath> paths = callPaths.get(method);
    if (paths == null) {
      paths = new ArrayList<>();
      for (UnitCall named : callsNamed(method, state)) {
        if (ASTHelpers.getSymbol((Tree) named.call()) == method) {
          TreePath path = TreePath.getPath(named.unit(), named.call());
          if (path != null) {
            paths.add(path);
          }
        }
      }
      callPaths.put(method, paths);
    }
    return paths;
  }

  /** Whether a unit that may call {@code method} uses it as a method reference (its arguments are unknown). */
  private boolean isReferenced(MethodSymbol method, VisitorState state) {
    CompilationUnitTree unit = privateUnit(method, state);
    return unit == null
        ? buildCalls().referenced().contains(method)
        : callsIn(unit).referenced().contains(method);
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

  /**
   * One pass over {@code unit} with javac's own tree scanner, which reads every node of the build: no path per node
   * (the checks ask for few) and no reduce step as in the source API's scanner.
   */
  private static UnitCalls index(CompilationUnitTree unit) {
    UnitCalls found =
        new UnitCalls(
            new HashMap<>(),
            Collections.newSetFromMap(new IdentityHashMap<>()),
            new IdentityHashMap<>(),
            new IdentityHashMap<>());
    new com.sun.tools.javac.tree.TreeScanner() {
      @Override
      public void visitApply(JCTree.JCMethodInvocation call) {
        Name name = invokedName(call.getMethodSelect());
        if (name != null) {
          found.byName().computeIfAbsent(name, n -> new ArrayList<>()).add(call);
          if ((name.contentEquals("super") || name.contentEquals("this"))
              && ASTHelpers.getSymbol((Tree) call) instanceof MethodSymbol constructor) {
            found.constructions().computeIfAbsent(constructor, c -> new ArrayList<>()).add(call);
          }
        }
        super.visitApply(call);
      }

      @Override
      public void visitNewClass(JCTree.JCNewClass created) {
        if (created.constructor != null && created.def == null) {
          found.constructions().computeIfAbsent(created.constructor, c -> new ArrayList<>()).add(created);
        }
        super.visitNewClass(created);
      }

      @Override
      public void visitVarDef(JCTree.JCVariableDecl variable) {
        if (variable.init != null && variable.sym != null && variable.sym.getKind().isField()) {
          found.fieldValues().computeIfAbsent(variable.sym, f -> new ArrayList<>()).add(variable.init);
        }
        super.visitVarDef(variable);
      }

      @Override
      public void visitAssign(JCTree.JCAssign assignment) {
        Symbol symbol = ASTHelpers.getSymbol(assignment.getVariable());
        if (symbol != null && symbol.getKind().isField()) {
          found.fieldValues().computeIfAbsent(symbol, f -> new ArrayList<>()).add(assignment.getExpression());
        }
        super.visitAssign(assignment);
      }

      @Override
      public void visitReference(JCTree.JCMemberReference reference) {
        if (reference.sym != null) {
          found.referenced().add(reference.sym);
        }
        super.visitReference(reference);
      }
    }.scan((JCTree) unit);
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
    return usesOf(field, BuildCalls::fieldValues, UnitCalls::fieldValues, state);
  }

  /** What {@code member} is given, from the whole build's index or, for a private member, its own file's. */
  private List<FieldValue> usesOf(
      Symbol member,
      Function<BuildCalls, Map<Symbol, List<FieldValue>>> inBuild,
      Function<UnitCalls, Map<Symbol, List<ExpressionTree>>> inUnit,
      VisitorState state) {
    CompilationUnitTree unit = privateUnit(member, state);
    if (unit == null) {
      return inBuild.apply(buildCalls()).getOrDefault(member, List.of());
    }
    List<FieldValue> found = new ArrayList<>();
    for (ExpressionTree tree : inUnit.apply(callsIn(unit)).getOrDefault(member, List.of())) {
      found.add(new FieldValue(unit, tree));
    }
    return found;
  }

  /**
   * Every place the build runs {@code constructor}: {@code new C(..)} (not of an anonymous class) and {@code
   * this(..)}/{@code super(..)} of the build's constructors, each with its unit; null when it is used as a method
   * reference ({@code C::new}: its arguments are unknown). A private constructor is looked for in its own file.
   */
  @Nullable List<FieldValue> constructionsOf(MethodSymbol constructor, VisitorState state) {
    if (isReferenced(constructor, state)) {
      return null;
    }
    return usesOf(constructor, BuildCalls::constructions, UnitCalls::constructions, state);
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

  /** More implementations than this and a call of the abstract method is not read through them. */
  static final int MAX_IMPLEMENTATIONS = 4;

  /**
   * The concrete methods of the build's named classes that implement the abstract {@code method} (an interface
   * method, an abstract one), or override the concrete one, of a class this build compiles: one of them (or the
   * concrete method itself) runs. Empty when there is none, more than {@value #MAX_IMPLEMENTATIONS}, or {@code
   * method} is not such a method. An anonymous implementation is not seen.
   */
  List<MethodSymbol> implementations(MethodSymbol method, VisitorState state) {
    if (method.isStatic()
        || !(method.owner instanceof ClassSymbol owner)
        || SourceTrees.classDeclaration(owner, state) == null) {
      // A library's interface has the library's implementations too (Netty's ChannelHandlerContext): the build's
      // classes say nothing about which runs.
      return List.of();
    }
    return implementations.computeIfAbsent(method, m -> findImplementations(m, owner, state));
  }

  private List<MethodSymbol> findImplementations(MethodSymbol method, ClassSymbol owner, VisitorState state) {
    List<MethodSymbol> found = new ArrayList<>();
    for (MethodSymbol candidate : overridable().getOrDefault(method.getSimpleName(), List.of())) {
      if (candidate != method
          && (candidate.flags() & com.sun.tools.javac.code.Flags.ABSTRACT) == 0
          && candidate.owner instanceof ClassSymbol type
          && type != owner
          && type.isSubClass(owner, state.getTypes())
          && candidate.overrides(method, type, state.getTypes(), /* checkResult= */ false)) {
        if (found.size() == MAX_IMPLEMENTATIONS) {
          return List.of();
        }
        found.add(candidate);
      }
    }
    return List.copyOf(found);
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
