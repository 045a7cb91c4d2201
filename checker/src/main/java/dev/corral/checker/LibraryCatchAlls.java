package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.util.Context;
import dev.corral.checker.ClassFiles.ClassFile;
import dev.corral.checker.ClassFiles.Handler;
import dev.corral.checker.ClassFiles.Member;
import dev.corral.checker.ClassFiles.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A library method, read from its class file, that cannot fail its caller: every call it makes sits inside a
 * {@code try} that catches {@code Throwable} or {@code Exception}, its handlers only log, and it throws nowhere.
 * Apollo's {@code Tracer.logEvent(type, name)} is {@code try { getProducer().logEvent(type, name); } catch
 * (Throwable ex) { logger.warn(.., ex); }}: work that calls it loses nothing through it.
 *
 * <p>Only a body that a call can only run (static, private or final, or of a final class) is read, and only
 * outside the JDK. Code after the handlers is read as handler code, so it too may only log.
 */
final class LibraryCatchAlls {
  private static final Set<String> CATCH_ALLS = Set.of("java/lang/Throwable", "java/lang/Exception");
  private static final int ATHROW = 191;
  private static final int INVOKEDYNAMIC = 186;

  private static final Context.Key<Map<String, Boolean>> KEY = new Context.Key<>();

  private LibraryCatchAlls() {}

  /** Whether a call of {@code method}, a library method, cannot throw (see the class doc). */
  static boolean cannotFail(MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof ClassSymbol owner)
        || method.isConstructor()
        || (method.flags() & Flags.ABSTRACT) != 0
        || !(method.isStatic()
            || method.isPrivate()
            || (method.flags() & Flags.FINAL) != 0
            || (owner.flags() & Flags.FINAL) != 0)) {
      return false;
    }
    String internal = owner.flatName().toString().replace('.', '/');
    if (AfterExecuteReports.isPlatform(internal)) {
      return false;
    }
    String descriptor = Descriptors.of(method, state);
    if (descriptor == null) {
      return false;
    }
    return FailureCoverage.known(KEY, state)
        .computeIfAbsent(
            internal + "." + method.getSimpleName() + descriptor,
            key -> {
              ClassFile file = ReportingExecutors.classFile(owner, state);
              Method code = file == null ? null : file.method(method.getSimpleName().toString(), descriptor);
              return code != null && code.hasCode() && catchesEverything(file, code);
            });
  }

  private static boolean catchesEverything(ClassFile file, Method method) {
    List<Handler> catchAlls =
        method.handlers().stream()
            .filter(handler -> handler.catchType() != null && CATCH_ALLS.contains(handler.catchType()))
            .toList();
    if (catchAlls.isEmpty()) {
      return false;
    }
    int firstHandler = catchAlls.stream().mapToInt(Handler::handler).min().getAsInt();
    boolean[] fails = {false};
    int[] at = {0};
    BytecodeFlow.walk(
        file,
        method,
        new int[0],
        new BytecodeFlow.Calls() {
          @Override
          public void instruction(int pc, int opcode) {
            at[0] = pc;
            fails[0] |= opcode == ATHROW;
          }

          @Override
          public int call(int opcode, Member callee, int receiver, int[] arguments) {
            int pc = at[0];
            boolean guarded = catchAlls.stream().anyMatch(h -> pc >= h.start() && pc < h.end());
            boolean logs = pc >= firstHandler && (opcode == INVOKEDYNAMIC || onlyLogs(callee));
            fails[0] |= !guarded && !logs;
            return 0;
          }

          @Override
          public void unreadable() {
            fails[0] = true;
          }
        });
    return !fails[0];
  }

  /** A logger's call, or building its message: {@code logger.warn(..)}, {@code sb.append(..)}, {@code e.getMessage()}. */
  private static boolean onlyLogs(Member callee) {
    String owner = callee.owner();
    String simple = owner.substring(owner.lastIndexOf('/') + 1);
    return simple.equals("Logger")
        || simple.equals("Log")
        || owner.equals("java/lang/StringBuilder")
        || owner.equals("java/lang/String")
        || owner.equals("java/lang/Throwable")
        || owner.equals("java/lang/Object");
  }
}
