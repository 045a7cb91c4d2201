package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
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
  private @Nullable Map<MethodSymbol, List<TreePath>> calls;
  private final Set<Symbol> referenced = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<MethodSymbol, Boolean> overridden = new HashMap<>();
  private @Nullable Map<Name, List<MethodSymbol>> overridable;

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

  /** The calls by the method they name, read from every compilation unit on first use. */
  private Map<MethodSymbol, List<TreePath>> calls() {
    if (calls == null) {
      calls = new HashMap<>();
      units.forEach(this::index);
    }
    return calls;
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

  private void index(CompilationUnitTree unit) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (ASTHelpers.getSymbol((Tree) call) instanceof MethodSymbol method) {
          calls.computeIfAbsent(method, m -> new ArrayList<>()).add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
        Symbol method = ASTHelpers.getSymbol(reference);
        if (method != null) {
          referenced.add(method);
        }
        return super.visitMemberReference(reference, unused);
      }
    }.scan(unit, null);
  }

  /**
   * The paths of every call in the build that may run {@code method}: calls naming it or a method
   * it overrides; null when one of them is also used as a method reference (its arguments are
   * unknown).
   */
  @Nullable List<TreePath> callsOf(MethodSymbol method, VisitorState state) {
    Map<MethodSymbol, List<TreePath>> calls = calls();
    List<TreePath> result = new ArrayList<>(calls.getOrDefault(method, List.of()));
    if (referenced.contains(method)) {
      return null;
    }
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (referenced.contains(overridden)) {
        return null;
      }
      result.addAll(calls.getOrDefault(overridden, List.of()));
    }
    return result;
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
}
