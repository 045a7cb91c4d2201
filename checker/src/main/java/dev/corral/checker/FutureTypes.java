package dev.corral.checker;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a type is a future: a value that carries the outcome, and so the failure, of work
 * that runs elsewhere. {@code dev.corral.Task} never is: its owner is its {@code TaskGroup}.
 */
final class FutureTypes {
  /** Always futures. Guava's types extend {@code Future}; they are listed to say so explicitly. */
  static final ImmutableList<String> BUILT_IN =
      ImmutableList.of(
          "java.util.concurrent.Future",
          "java.util.concurrent.CompletionStage",
          "com.google.common.util.concurrent.ListenableFuture",
          "com.google.common.util.concurrent.FluentFuture");

  /** Owned by its group: ignoring it is correct, whatever flags say. */
  static final String CORRAL_TASK = "dev.corral.Task";

  private final ImmutableList<String> names;

  /**
   * Answers by class, for one compilation at a time: subtyping here is by erasure, so the class
   * decides, and the same few classes are asked about at nearly every call and local.
   */
  private @Nullable Context answersFor;

  private final Map<TypeSymbol, Boolean> answers = new IdentityHashMap<>();

  FutureTypes(CorralFlags flags) {
    this.names =
        ImmutableList.<String>builder().addAll(BUILT_IN).addAll(flags.extraFutureTypes()).build();
  }

  /** Whether {@code type} (or, for a type variable, its upper bound) is a future type. */
  boolean isFuture(@Nullable Type type, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type bound = ASTHelpers.getUpperBound(type, state.getTypes());
    if (bound == null || bound.getKind() != TypeKind.DECLARED) {
      return false;
    }
    if (answersFor != state.context) {
      answersFor = state.context;
      answers.clear();
    }
    return answers.computeIfAbsent(bound.tsym, unused -> isFutureClass(bound, state));
  }

  private boolean isFutureClass(Type bound, VisitorState state) {
    if (isSubtypeOf(bound, CORRAL_TASK, state)) {
      return false;
    }
    for (String name : names) {
      if (isSubtypeOf(bound, name, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code type} is a subtype of the named class; false if that class is not on the
   * classpath.
   */
  static boolean isSubtypeOf(@Nullable Type type, String name, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type target = state.getTypeFromString(name);
    return target != null && ClasspathTypes.isA(type, target, state);
  }
}
