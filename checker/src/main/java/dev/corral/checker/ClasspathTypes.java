package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.ClassFinder;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import org.jspecify.annotations.Nullable;

/**
 * Looks up a class by name on the compilation's classpath. {@link VisitorState#getTypeFromString} only sees
 * classes javac has already loaded; a fix that introduces {@code dev.corral.TaskGroup} into a file that does not
 * mention it yet must load the class to know it is there.
 */
final class ClasspathTypes {
  private ClasspathTypes() {}

  /** The type named {@code className} (canonical name), or null when it is not on the classpath. */
  static @Nullable Type find(String className, VisitorState state) {
    Type loaded = state.getTypeFromString(className);
    if (loaded != null) {
      return loaded;
    }
    Symtab symtab = state.getSymtab();
    try {
      ClassSymbol symbol =
          ClassFinder.instance(state.context)
              .loadClass(symtab.unnamedModule, state.binaryNameFromClassname(className));
      return symbol.type;
    } catch (Symbol.CompletionFailure notOnClasspath) {
      return null;
    }
  }
}
