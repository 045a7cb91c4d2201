package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;

/**
 * Decides whether a started {@code Thread} held in a local variable still has an owner: somebody joins it, or the
 * handle is kept where others can reach it (a field, a collection, a return value, a method argument, another
 * variable). Calls on the handle itself ({@code setName}, {@code interrupt}, {@code isAlive}...) and comparisons
 * keep nothing.
 */
final class ThreadHandles {
  private ThreadHandles() {}

  static boolean isJoinedOrKept(Symbol thread, TreePath scope) {
    for (TreePath use : LocalUses.usesOf(thread, scope)) {
      MethodInvocationTree call = LocalUses.invokedOn(use);
      if (call != null) {
        Symbol method = ASTHelpers.getSymbol(call);
        if (method != null && method.getSimpleName().contentEquals("join")) {
          return true;
        }
        continue;
      }
      if (!isInert(use)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the thread is made a daemon: {@code thread.setDaemon(true)} on the local, or {@code daemon()} / {@code
   * daemon(true)} in the {@code Thread.Builder} chain that creates it. A daemon thread declares that nobody waits
   * for it: it is background work by design (a closer, a sweeper, a watchdog).
   */
  static boolean isDaemon(Symbol thread, TreePath scope) {
    return LocalUses.usesOf(thread, scope).stream()
        .map(LocalUses::invokedOn)
        .anyMatch(call -> call != null && setsDaemon(call, "setDaemon"));
  }

  /** Whether {@code thread.setUncaughtExceptionHandler(..)} is called on the local: the thread reports its failure. */
  static boolean setsHandler(Symbol thread, TreePath scope) {
    return LocalUses.usesOf(thread, scope).stream()
        .map(LocalUses::invokedOn)
        .anyMatch(call -> call != null && isSetHandler(call));
  }

  /**
   * Whether {@code new X(..)} creates a {@code Thread} subclass whose constructor, or a superclass constructor
   * compiled from source in this javac invocation, installs its own uncaught-exception handler ({@code
   * setUncaughtExceptionHandler(..)} on itself).
   */
  static boolean installsOwnHandler(NewClassTree newThread, VisitorState state) {
    Symbol constructor = ASTHelpers.getSymbol(newThread);
    if (constructor == null || !(constructor.owner instanceof ClassSymbol type)) {
      return false;
    }
    JavacTrees trees = JavacTrees.instance(state.context);
    for (ClassSymbol current = type; current != null; ) {
      if (current.getQualifiedName().contentEquals("java.lang.Thread")
          || current.getQualifiedName().contentEquals("java.lang.Object")) {
        return false;
      }
      for (Symbol member : current.getEnclosedElements()) {
        if (member instanceof MethodSymbol method && method.isConstructor()) {
          MethodTree tree = trees.getTree(method);
          if (tree != null && tree.getBody() != null && setsOwnHandler(tree.getBody())) {
            return true;
          }
        }
      }
      Type superclass = current.getSuperclass();
      current = superclass != null && superclass.tsym instanceof ClassSymbol next ? next : null;
    }
    return false;
  }

  private static boolean setsOwnHandler(Tree body) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
            ExpressionTree receiver = ASTHelpers.getReceiver(call);
            boolean onItself =
                receiver == null
                    || (receiver instanceof IdentifierTree identifier
                        && (identifier.getName().contentEquals("this") || identifier.getName().contentEquals("super")));
            if (onItself && isSetHandler(call)) {
              return true;
            }
            return super.visitMethodInvocation(call, unused);
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree nested, Void unused) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }

  private static boolean isSetHandler(MethodInvocationTree call) {
    Symbol method = ASTHelpers.getSymbol(call);
    return method != null
        && method.getSimpleName().contentEquals("setUncaughtExceptionHandler")
        && call.getArguments().size() == 1;
  }

  /** Whether a {@code Thread.Builder} chain such as {@code Thread.ofPlatform().daemon().start(r)} asks for a daemon. */
  static boolean builtAsDaemon(ExpressionTree builderCall) {
    return ASTHelpers.streamReceivers(builderCall)
        .anyMatch(receiver -> receiver instanceof MethodInvocationTree call && setsDaemon(call, "daemon"));
  }

  private static boolean setsDaemon(MethodInvocationTree call, String name) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)
        || !select.getIdentifier().contentEquals(name)) {
      return false;
    }
    return call.getArguments().isEmpty()
        || (call.getArguments().get(0) instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue()));
  }

  /** Uses that neither wait for the thread nor let its handle reach anybody else. */
  private static boolean isInert(TreePath use) {
    TreePath parentPath = LocalUses.skipParentheses(use.getParentPath());
    Tree parent = parentPath == null ? null : parentPath.getLeaf();
    return switch (parent) {
      case AssignmentTree assignment -> ASTHelpers.stripParentheses(assignment.getVariable()) == use.getLeaf();
      case BinaryTree comparison -> true;
      case SynchronizedTree lock -> true;
      case null, default -> false;
    };
  }
}
