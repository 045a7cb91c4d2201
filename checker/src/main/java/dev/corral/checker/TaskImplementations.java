package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * A task typed as an interface or abstract class of the build ({@code private final ReconnectTask task;}, {@code
 * AbstractWorker worker}): the {@code run()} that runs is one of its implementations in the build. When every
 * concrete implementation's {@code run()} (or {@code call()}) passes a test, so does the task.
 *
 * <p>Known limit: only named classes are seen (javac's entered classes); an anonymous or local implementation, or a
 * lambda, is not. So the type must not be a functional interface (a lambda could implement it), and an abstract
 * class's anonymous subclasses go unseen.
 *
 * <p>It also names the methods that run a task's work ({@link #workMethodNames}): {@code run()}/{@code call()}, and
 * for LeakedFuture's self-reporting credit the one method of another no-argument {@code @FunctionalInterface}.
 */
final class TaskImplementations {
  private static final Set<String> RUN_OR_CALL = Set.of("run", "call");

  private TaskImplementations() {}

  /**
   * Whether {@code type}, an interface or abstract class compiled in this build, has at least one concrete
   * implementation in the build and the {@code run()}/{@code call()} of each passes {@code test}.
   */
  static boolean allReport(@Nullable ClassSymbol type, VisitorState state, Predicate<MethodSymbol> test) {
    if (type == null
        || (!type.isInterface() && (type.flags() & Flags.ABSTRACT) == 0)
        || type.sourcefile == null
        || (type.isInterface() && isFunctional(type, state))) {
      return false;
    }
    List<ClassSymbol> found = BuildIndex.of(state).concreteSubclassesOf(type, state);
    if (found.isEmpty()) {
      return false;
    }
    for (ClassSymbol implementation : found) {
      MethodSymbol run = taskMethod(implementation, state);
      if (run == null || !test.test(run)) {
        return false;
      }
    }
    return true;
  }

  static boolean isFunctional(ClassSymbol type, VisitorState state) {
    try {
      return state.getTypes().isFunctionalInterface(type);
    } catch (RuntimeException e) {
      return true; // unknown: a lambda may implement it
    }
  }

  /**
   * The names of the methods that run the work of a task of {@code type}: {@code run} and {@code call}, and the
   * method of any other {@code @FunctionalInterface} it implements whose method takes no argument (Hadoop's {@code
   * CallableRaisingIOE.apply()}, {@code Supplier.get()}): an executor-like {@code submit} of the build runs that one.
   */
  static Set<String> workMethodNames(@Nullable Type type, VisitorState state) {
    Set<String> names = new HashSet<>(RUN_OR_CALL);
    // A Runnable or Callable runs run() or call(), whatever else it implements (Gerrit's EmailMerge is also a
    // RequestContext, whose getUser() is no work).
    if (type == null
        || type.getKind() != TypeKind.DECLARED
        || FutureTypes.isSubtypeOf(type, "java.lang.Runnable", state)
        || FutureTypes.isSubtypeOf(type, "java.util.concurrent.Callable", state)) {
      return names;
    }
    Types types = state.getTypes();
    try {
      for (Type supertype : types.closure(type)) {
        if (supertype.tsym instanceof ClassSymbol candidate
            && candidate.isInterface()
            // Declared one by its author: AutoCloseable and Iterable have one abstract method too, and are no work.
            && ASTHelpers.hasAnnotation(candidate, "java.lang.FunctionalInterface", state)
            && types.isFunctionalInterface(candidate)
            && types.findDescriptorSymbol(candidate) instanceof MethodSymbol work
            && work.getParameters().isEmpty()
            && !handsBackAFuture(types.memberType(supertype, work).getReturnType(), state)) {
          names.add(work.getSimpleName().toString());
        }
      }
    } catch (RuntimeException e) {
      // a supertype that cannot be completed (missing from the classpath): run and call only
    }
    return names;
  }

  /**
   * {@code Supplier<RFuture<T>>}: what can fail is the future it hands back, not the supplier; that is read as a
   * future, not as work.
   */
  private static boolean handsBackAFuture(@Nullable Type returned, VisitorState state) {
    return FutureTypes.isSubtypeOf(returned, "java.util.concurrent.Future", state)
        || FutureTypes.isSubtypeOf(returned, "java.util.concurrent.CompletionStage", state);
  }

  /** Whether {@code type} runs work through a method other than {@code run}/{@code call} ({@link #workMethodNames}). */
  static boolean implementsOtherWork(@Nullable Type type, VisitorState state) {
    return workMethodNames(type, state).stream().anyMatch(name -> !RUN_OR_CALL.contains(name));
  }

  /**
   * The work method ({@link #workMethodNames}) that an instance of {@code implementation} runs (declared or
   * inherited).
   */
  static @Nullable MethodSymbol taskMethod(ClassSymbol implementation, VisitorState state) {
    Set<String> names = workMethodNames(implementation.type, state);
    for (ClassSymbol current = implementation; current != null; ) {
      for (Symbol member : current.members().getSymbols()) {
        if (member instanceof MethodSymbol method
            && !method.isStatic()
            && (method.flags() & Flags.ABSTRACT) == 0
            && method.getParameters().isEmpty()
            && names.contains(method.getSimpleName().toString())) {
          return method;
        }
      }
      current =
          current.getSuperclass() != null && current.getSuperclass().tsym instanceof ClassSymbol parent
              ? parent
              : null;
      if (current != null && current.getQualifiedName().contentEquals("java.lang.Object")) {
        return null;
      }
    }
    return null;
  }
}
