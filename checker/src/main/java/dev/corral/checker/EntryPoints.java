package dev.corral.checker;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * A program's entry point, {@code public static void main(String[] args)}: the threads it starts are the program
 * (the JVM runs until its non-daemon threads end, and the default handler prints what they throw), so there is no
 * caller whose scope they outlive. Demos, examples and command-line tools start their workers there. A {@code main}
 * that then waits for a signal from them is their scope, and is judged as usual.
 */
final class EntryPoints {
  private EntryPoints() {}

  /** Whether the code at {@code state}'s path is in a {@code main} method's body (lambdas in it included). */
  static boolean insideMain(VisitorState state) {
    for (TreePath path = state.getPath(); path != null; path = path.getParentPath()) {
      Tree node = path.getLeaf();
      if (node instanceof MethodTree method) {
        return isMain(ASTHelpers.getSymbol(method), state) && !waitsForASignal(method);
      }
      if (node instanceof ClassTree) {
        return false; // an anonymous class's method runs whenever its owner calls it
      }
    }
    return false;
  }

  /**
   * Whether the {@code main} blocks on something its threads would signal ({@code ackLatch.await()}, {@code
   * queue.take()}, {@code future.get()}): then the threads are its sub-tasks, and one that dies leaves {@code main}
   * waiting forever with the cause only on the default handler's stderr (jnats' publish-and-ack example).
   */
  private static boolean waitsForASignal(MethodTree main) {
    boolean[] waits = {false};
    new OwnBody.Scanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        waits[0] |= MethodNames.isNamedAnyOf(call, WAITS);
        return super.visitMethodInvocation(call, unused);
      }
    }.scan(main.getBody(), null);
    return waits[0];
  }

  private static final ImmutableSet<String> WAITS =
      ImmutableSet.of("await", "acquire", "acquireUninterruptibly", "take", "get", "wait", "awaitAdvance");

  private static boolean isMain(MethodSymbol method, VisitorState state) {
    if (method == null
        || !method.getSimpleName().contentEquals("main")
        || !method.isStatic()
        || !method.getModifiers().contains(Modifier.PUBLIC)
        || method.getReturnType().getKind() != TypeKind.VOID
        || method.getParameters().size() != 1) {
      return false;
    }
    Type parameter = method.getParameters().get(0).type;
    return parameter instanceof Type.ArrayType array
        && ASTHelpers.isSameType(array.elemtype, state.getSymtab().stringType, state);
  }
}
