package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.model.JavacElements;
import com.sun.tools.javac.util.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * Looks up a class by name on the compilation's classpath. {@link VisitorState#getTypeFromString} only sees
 * classes javac has already loaded; a fix that introduces {@code dev.corral.TaskGroup} into a file that does not
 * mention it yet must load the class to know it is there.
 */
final class ClasspathTypes {
  /** Per compilation: each name looked up so far, found or not (a miss searches the classpath every time). */
  private static final Context.Key<Map<String, Optional<Type>>> FOUND = new Context.Key<>();

  private ClasspathTypes() {}

  /** The type named {@code className} (canonical name), or null when it is not on the classpath. */
  static @Nullable Type find(String className, VisitorState state) {
    Map<String, Optional<Type>> found = state.context.get(FOUND);
    if (found == null) {
      found = new HashMap<>();
      state.context.put(FOUND, found);
    }
    Optional<Type> known = found.get(className);
    if (known == null) {
      known = Optional.ofNullable(lookUp(className, state));
      found.put(className, known);
    }
    return known.orElse(null);
  }

  /** Whether the class named {@code className} is on the classpath. */
  static boolean isPresent(String className, VisitorState state) {
    return find(className, state) != null;
  }

  private static @Nullable Type lookUp(String className, VisitorState state) {
    Type loaded = state.getTypeFromString(className);
    if (loaded != null) {
      return loaded;
    }
    // javax.lang.model's lookup loads the class in whatever module setting the compilation has: the unnamed
    // module, a named one, or none at all (--release 8, where the unnamed module is never initialised).
    TypeElement element = JavacElements.instance(state.context).getTypeElement(className);
    return element instanceof ClassSymbol symbol ? symbol.type : null;
  }

  /** Whether {@code type} or one of its supertypes has a simple name that {@code test} accepts. */
  static boolean hasSupertypeNamed(Type type, Predicate<String> test, VisitorState state) {
    return state.getTypes().closure(type).stream()
        .anyMatch(supertype -> supertype.tsym != null && test.test(supertype.tsym.getSimpleName().toString()));
  }

  /**
   * Whether a value of {@code type} is a {@code target}, by erasure as {@link ASTHelpers#isSubtype}.
   * Only class types, type variables and their unions and intersections qualify: the {@code null} literal's type is a subtype of
   * every class (so {@code new Thread(null, task, name)} would read {@code null} as the task), and
   * erroneous or missing types answer nothing.
   */
  static boolean isA(@Nullable Type type, @Nullable Type target, VisitorState state) {
    return type != null
        && target != null
        && (type.getKind() == TypeKind.DECLARED
            || type.getKind() == TypeKind.TYPEVAR
            || type.getKind() == TypeKind.INTERSECTION
            || type.getKind() == TypeKind.UNION)
        && ASTHelpers.isSubtype(type, target, state);
  }
}
