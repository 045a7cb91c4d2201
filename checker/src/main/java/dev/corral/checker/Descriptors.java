package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.ArrayType;
import org.jspecify.annotations.Nullable;

/** The JVM descriptor of a method symbol (its erased signature), to find the method in a class file. */
final class Descriptors {
  private Descriptors() {}

  /** {@code (ILjava/lang/Runnable;)V} for {@code void m(int, Runnable)}; null for a type it cannot spell. */
  static @Nullable String of(MethodSymbol method, VisitorState state) {
    Type erased = state.getTypes().erasure(method.type);
    if (erased == null || erased.getParameterTypes() == null) {
      return null;
    }
    StringBuilder descriptor = new StringBuilder("(");
    for (Type parameter : erased.getParameterTypes()) {
      if (!append(parameter, descriptor)) {
        return null;
      }
    }
    descriptor.append(')');
    return append(erased.getReturnType(), descriptor) ? descriptor.toString() : null;
  }

  private static boolean append(@Nullable Type type, StringBuilder descriptor) {
    if (type == null) {
      return false;
    }
    switch (type.getKind()) {
      case BOOLEAN -> descriptor.append('Z');
      case BYTE -> descriptor.append('B');
      case CHAR -> descriptor.append('C');
      case SHORT -> descriptor.append('S');
      case INT -> descriptor.append('I');
      case LONG -> descriptor.append('J');
      case FLOAT -> descriptor.append('F');
      case DOUBLE -> descriptor.append('D');
      case VOID -> descriptor.append('V');
      case ARRAY -> {
        descriptor.append('[');
        return append(((ArrayType) type).elemtype, descriptor);
      }
      case DECLARED -> {
        if (type.tsym == null) {
          return false;
        }
        descriptor.append('L').append(type.tsym.flatName().toString().replace('.', '/')).append(';');
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
