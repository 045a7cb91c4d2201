package dev.corral.checker;

import static dev.corral.checker.BytecodeFlow.CAUGHT;
import static dev.corral.checker.BytecodeFlow.RUNNABLE;
import static dev.corral.checker.BytecodeFlow.THROWABLE;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import dev.corral.checker.ClassFiles.ClassFile;
import dev.corral.checker.ClassFiles.Member;
import dev.corral.checker.ClassFiles.Method;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.jspecify.annotations.Nullable;

/**
 * What an executor's {@code afterExecute(Runnable r, Throwable t)} does with {@code t} and {@code r}, read from its
 * source (a class of the build) or its bytecode (a library, see {@link ClassFiles}), following the helpers it hands
 * them to (static, private or final methods, of the build or of a library; three calls deep): whether {@code t}
 * reaches a <em>report</em>, and whether {@code r} is read as a future ({@code get()}) inside a {@code try} whose
 * {@code catch} of the {@code ExecutionException} (or {@code Exception}, {@code Throwable}) hands what it caught, or
 * its cause, to a report.
 *
 * <p>A report is a call given the value (or a string or object made from it: a concatenation, a {@code java.lang}
 * method's result) that is neither {@code super.afterExecute} nor a {@code java.lang} method (those only compute:
 * {@code String.valueOf}, {@code StringBuilder.append}, {@code Objects.equals}), except an uncaught-exception
 * handler's, a thread group's and a {@code System.Logger}'s, or {@code printStackTrace()}. A call into a helper that
 * can be read is judged by the helper's body instead; any other call (a logger, an interface) is trusted to report
 * what it is given. Counting or testing the throwable ({@code t instanceof X}, {@code t == null}) is not a report.
 *
 * <p>{@code super.afterExecute(r, t)} runs the parent's body with the values passed (the JDK's does nothing): jraft's
 * {@code MetricThreadPoolExecutor} only adds metrics over the {@code LogThreadPoolExecutor} that reads and logs each
 * failed future task. In bytecode the call names the direct parent, which may only inherit the method; the class that
 * declares it is looked up.
 */
final class AfterExecuteReports {
  private static final int MAX_DEPTH = 3;
  private static final Set<String> REPORTING_JAVA_LANG =
      Set.of("java/lang/Thread$UncaughtExceptionHandler", "java/lang/ThreadGroup", "java/lang/System$Logger");

  /** What one body (with its helpers) does with the values it is given. */
  static final class Facts {
    /** The bits ({@link BytecodeFlow}) of the values that reached a report. */
    int reported;
    /** Whether a value carrying {@link BytecodeFlow#RUNNABLE} was read as a future. */
    boolean readsFuture;

    void add(Facts other) {
      reported |= other.reported;
      readsFuture |= other.readsFuture;
    }

    /** {@code execute}'s task's throw reaches a report. */
    boolean reportsThrowable() {
      return (reported & THROWABLE) != 0;
    }

    /** A future task's failure, read with {@code get()}, reaches a report. */
    boolean reportsFutureFailure() {
      return readsFuture && (reported & CAUGHT) != 0;
    }
  }

  private final VisitorState state;
  private final Map<String, Optional<ClassFile>> classFiles = new HashMap<>();
  private final Map<String, Facts> helpers = new HashMap<>();
  private final Set<String> visiting = new HashSet<>();

  AfterExecuteReports(VisitorState state) {
    this.state = state;
  }

  /** The facts of {@code afterExecute}, from its source when the build has it, else from its class file. */
  @Nullable Facts of(MethodSymbol afterExecute) {
    int[] roles = {RUNNABLE, THROWABLE};
    MethodTree declaration = SourceTrees.methodWithBody(afterExecute, state);
    if (declaration != null) {
      Facts facts = new Facts();
      new SourceWalk(declaration, roles, facts, 0).run();
      return facts;
    }
    ClassFile file = afterExecute.owner instanceof ClassSymbol owner ? classFile(owner) : null;
    Method method = file == null ? null : file.method("afterExecute", "(Ljava/lang/Runnable;Ljava/lang/Throwable;)V");
    if (method == null || !method.hasCode()) {
      return null;
    }
    Facts facts = new Facts();
    walkBytecode(file, method, roles, facts, 0);
    return facts;
  }

  /** The class file of a library class, or null (a class of the build, or unreadable). */
  @Nullable ClassFile classFile(ClassSymbol type) {
    String internal = type.flatName().toString().replace('.', '/');
    Optional<ClassFile> known = classFiles.get(internal);
    if (known != null) {
      return known.orElse(null);
    }
    ClassFile file = null;
    try {
      JavaFileObject source = type.classfile;
      if (source != null && source.getKind() == JavaFileObject.Kind.CLASS) {
        try (InputStream in = source.openInputStream()) {
          file = ClassFiles.read(in);
        }
      }
    } catch (Exception | LinkageError e) {
      file = null;
    }
    if (file == null) {
      file = classFile(internal);
    }
    classFiles.put(internal, Optional.ofNullable(file));
    return file;
  }

  /** The class file named {@code internal} ({@code a/b/C$D}) on the classpath, or null. */
  @Nullable ClassFile classFile(String internal) {
    Optional<ClassFile> known = classFiles.get(internal);
    if (known != null) {
      return known.orElse(null);
    }
    ClassFile file = null;
    JavaFileManager files = state.context.get(JavaFileManager.class);
    if (files != null && !isPlatform(internal)) {
      try {
        JavaFileObject found =
            files.getJavaFileForInput(StandardLocation.CLASS_PATH, internal.replace('/', '.'), JavaFileObject.Kind.CLASS);
        if (found != null) {
          try (InputStream in = found.openInputStream()) {
            file = ClassFiles.read(in);
          }
        }
      } catch (Exception | LinkageError e) {
        file = null;
      }
    }
    classFiles.put(internal, Optional.ofNullable(file));
    return file;
  }

  static boolean isPlatform(String internal) {
    return internal.startsWith("java/")
        || internal.startsWith("javax/")
        || internal.startsWith("jdk/")
        || internal.startsWith("sun/")
        || internal.startsWith("com/sun/");
  }

  /** A {@code java.lang} method, which only computes a value from its arguments (see the class doc). */
  private static boolean computesOnly(String owner, String name) {
    return owner.startsWith("java/lang/")
        && !REPORTING_JAVA_LANG.contains(owner)
        && !name.equals("printStackTrace")
        && !name.equals("uncaughtException");
  }

  private void walkBytecode(ClassFile file, Method method, int[] roles, Facts facts, int depth) {
    boolean reads =
        BytecodeFlow.walk(
            file,
            method,
            roles,
            (op, callee, receiver, arguments) -> bytecodeCall(file, op, callee, receiver, arguments, facts, depth));
    facts.readsFuture |= reads;
  }

  private int bytecodeCall(
      ClassFile caller, int op, Member callee, int receiver, int[] arguments, Facts facts, int depth) {
    int passed = 0;
    for (int argument : arguments) {
      passed |= argument;
    }
    if (callee.name().equals("afterExecute") && op == 183 && !callee.owner().equals(caller.name)) {
      // super.afterExecute(r, t): the JDK's does nothing; a library parent's runs as it is (nothing overrides it).
      Facts parent = bytecodeHelper(op, declaringParent(callee), arguments, depth);
      if (parent != null) {
        facts.add(parent);
      }
      return 0;
    }
    if (callee.name().equals("printStackTrace")) {
      facts.reported |= receiver;
      return 0;
    }
    // ee.getCause(): bytecode names the exception's own class, not java.lang.Throwable, as the owner.
    if (computesOnly(callee.owner(), callee.name())
        || (callee.name().equals("getCause") && callee.descriptor().equals("()Ljava/lang/Throwable;"))) {
      return receiver | passed;
    }
    if (passed == 0) {
      return 0;
    }
    Facts helper = bytecodeHelper(op, callee, arguments, depth);
    if (helper != null) {
      facts.add(helper);
    } else {
      facts.reported |= passed;
    }
    return 0;
  }

  /**
   * The class that declares the method a {@code super.m(..)} call names: {@code invokespecial} names the direct
   * parent, which may only inherit it (at most {@link #MAX_DEPTH} classes up).
   */
  private Member declaringParent(Member callee) {
    String owner = callee.owner();
    for (int up = 0; up < MAX_DEPTH && !isPlatform(owner); up++) {
      ClassFile file = classFile(owner);
      if (file == null || file.method(callee.name(), callee.descriptor()) != null || file.superName == null) {
        break;
      }
      owner = file.superName;
    }
    return new Member(owner, callee.name(), callee.descriptor());
  }

  /** The facts of a library helper that can be read and cannot be overridden, or null. */
  private @Nullable Facts bytecodeHelper(int op, Member callee, int[] arguments, int depth) {
    if (depth >= MAX_DEPTH || isPlatform(callee.owner()) || callee.name().equals("<init>") || op == 185) {
      return null;
    }
    ClassFile file = classFile(callee.owner());
    Method method = file == null ? null : file.method(callee.name(), callee.descriptor());
    if (method == null
        || !method.hasCode()
        || (op == 182 && !method.cannotBeOverridden() && !file.isFinal())) {
      return null;
    }
    String key = callee.owner() + "." + callee.name() + callee.descriptor() + Arrays.toString(arguments);
    Facts known = helpers.get(key);
    if (known != null) {
      return known;
    }
    if (!visiting.add(key)) {
      return new Facts();
    }
    try {
      Facts facts = new Facts();
      walkBytecode(file, method, arguments, facts, depth + 1);
      helpers.put(key, facts);
      return facts;
    } finally {
      visiting.remove(key);
    }
  }

  /**
   * The facts of a build or library helper called from source, or null when it cannot be read. {@code nonVirtual}: a
   * {@code super.m(..)} call, which runs that very body whatever overrides it.
   */
  private @Nullable Facts sourceHelper(MethodSymbol callee, int[] arguments, int depth, boolean nonVirtual) {
    if (depth >= MAX_DEPTH || callee.isConstructor() || !(callee.owner instanceof ClassSymbol owner)) {
      return null;
    }
    boolean fixed =
        nonVirtual
            || callee.isStatic()
            || callee.isPrivate()
            || (callee.flags() & Flags.FINAL) != 0
            || (owner.flags() & Flags.FINAL) != 0;
    MethodTree declaration = SourceTrees.methodWithBody(callee, state);
    if (declaration != null) {
      if (!fixed && BuildIndex.of(state).isOverridden(callee, state)) {
        return null;
      }
      String key = owner.flatName() + "." + callee + Arrays.toString(arguments);
      Facts known = helpers.get(key);
      if (known != null) {
        return known;
      }
      if (!visiting.add(key)) {
        return new Facts();
      }
      try {
        Facts facts = new Facts();
        new SourceWalk(declaration, arguments, facts, depth + 1).run();
        helpers.put(key, facts);
        return facts;
      } finally {
        visiting.remove(key);
      }
    }
    if (!fixed || owner.isInterface()) {
      return null;
    }
    String internal = owner.flatName().toString().replace('.', '/');
    String descriptor = Descriptors.of(callee, state);
    if (descriptor == null) {
      return null;
    }
    Member member = new Member(internal, callee.getSimpleName().toString(), descriptor);
    return bytecodeHelper(callee.isStatic() ? 184 : 183, member, arguments, depth);
  }

  /** A flow-insensitive taint over one method body's variables, the source twin of {@link BytecodeFlow}. */
  private final class SourceWalk {
    private final MethodTree method;
    private final Facts facts;
    private final int depth;
    private final Map<Symbol, Integer> bits = new IdentityHashMap<>();
    private boolean changed;

    SourceWalk(MethodTree method, int[] roles, Facts facts, int depth) {
      this.method = method;
      this.facts = facts;
      this.depth = depth;
      List<? extends VariableTree> parameters = method.getParameters();
      for (int i = 0; i < parameters.size() && i < roles.length; i++) {
        Symbol parameter = ASTHelpers.getSymbol(parameters.get(i));
        if (parameter != null && roles[i] != 0) {
          bits.put(parameter, roles[i]);
        }
      }
    }

    void run() {
      if (method.getBody() == null) {
        return;
      }
      for (int pass = 0; pass < 4; pass++) {
        changed = false;
        new OwnBody.Scanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree variable, Void unused) {
            if (variable.getInitializer() != null) {
              mark(ASTHelpers.getSymbol(variable), eval(variable.getInitializer()));
            }
            return super.visitVariable(variable, unused);
          }

          @Override
          public Void visitAssignment(AssignmentTree assignment, Void unused) {
            mark(ASTHelpers.getSymbol(assignment.getVariable()), eval(assignment.getExpression()));
            return super.visitAssignment(assignment, unused);
          }

          @Override
          public Void visitInstanceOf(InstanceOfTree instanceOf, Void unused) {
            if (instanceOf.getPattern() instanceof BindingPatternTree binding) {
              mark(ASTHelpers.getSymbol(binding.getVariable()), eval(instanceOf.getExpression()));
            }
            return super.visitInstanceOf(instanceOf, unused);
          }

          @Override
          public Void visitTry(TryTree tryTree, Void unused) {
            if (readsFuture(tryTree.getBlock())) {
              for (CatchTree catchTree : tryTree.getCatches()) {
                if (catchesFutureFailure(catchTree.getParameter())) {
                  mark(ASTHelpers.getSymbol(catchTree.getParameter()), CAUGHT);
                }
              }
            }
            return super.visitTry(tryTree, unused);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            eval(call);
            return super.visitMethodInvocation(call, unused);
          }
        }.scan(method.getBody(), null);
        if (!changed) {
          break;
        }
      }
    }

    private void mark(@Nullable Symbol symbol, int value) {
      if (symbol == null || value == 0) {
        return;
      }
      int old = bits.getOrDefault(symbol, 0);
      if ((old | value) != old) {
        bits.put(symbol, old | value);
        changed = true;
      }
    }

    private boolean readsFuture(Tree block) {
      Boolean found =
          new OwnBody.Scanner<Boolean, Void>() {
            @Override
            public Boolean visitMethodInvocation(MethodInvocationTree call, Void unused) {
              return isFutureRead(call) || Boolean.TRUE.equals(super.visitMethodInvocation(call, unused));
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
              return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
          }.scan(block, null);
      return Boolean.TRUE.equals(found);
    }

    private boolean isFutureRead(MethodInvocationTree call) {
      ExpressionTree receiver = ASTHelpers.getReceiver(call);
      return call.getMethodSelect() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("get")
          && (call.getArguments().isEmpty() || call.getArguments().size() == 2)
          && receiver != null
          && (eval(receiver) & RUNNABLE) != 0;
    }

    private boolean catchesFutureFailure(VariableTree parameter) {
      Type executionException = ClasspathTypes.find("java.util.concurrent.ExecutionException", state);
      if (executionException == null) {
        return false;
      }
      if (parameter.getType() instanceof UnionTypeTree union) {
        return union.getTypeAlternatives().stream()
            .anyMatch(alternative -> isSupertypeOf(ASTHelpers.getType(alternative), executionException));
      }
      return isSupertypeOf(ASTHelpers.getType(parameter), executionException);
    }

    private boolean isSupertypeOf(@Nullable Type type, Type executionException) {
      return type != null && ClasspathTypes.isA(executionException, type, state);
    }

    /** The bits of the value of {@code expression}; a call in it is judged as a report or a helper call. */
    private int eval(@Nullable ExpressionTree expression) {
      if (expression == null) {
        return 0;
      }
      ExpressionTree expr = ASTHelpers.stripParentheses(expression);
      return switch (expr) {
        case TypeCastTree cast -> eval(cast.getExpression());
        case ConditionalExpressionTree conditional ->
            eval(conditional.getTrueExpression()) | eval(conditional.getFalseExpression());
        case BinaryTree binary -> eval(binary.getLeftOperand()) | eval(binary.getRightOperand());
        case CompoundAssignmentTree compound -> eval(compound.getExpression());
        case AssignmentTree assignment -> eval(assignment.getExpression());
        case MethodInvocationTree call -> call(call);
        case IdentifierTree identifier -> bits.getOrDefault(ASTHelpers.getSymbol(identifier), 0);
        case MemberSelectTree select -> {
          Symbol symbol = ASTHelpers.getSymbol(select);
          yield symbol == null ? 0 : bits.getOrDefault(symbol, 0);
        }
        default -> 0;
      };
    }

    private int call(MethodInvocationTree call) {
      if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol callee)
          || !(callee.owner instanceof ClassSymbol owner)) {
        return 0;
      }
      ExpressionTree receiverTree = ASTHelpers.getReceiver(call);
      boolean superCall =
          call.getMethodSelect() instanceof MemberSelectTree select
              && select.getExpression() instanceof IdentifierTree id
              && id.getName().contentEquals("super");
      int receiver = receiverTree == null ? 0 : eval(receiverTree);
      int[] arguments = new int[call.getArguments().size()];
      int passed = 0;
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = eval(call.getArguments().get(i));
        passed |= arguments[i];
      }
      String internal = owner.flatName().toString().replace('.', '/');
      if (superCall && callee.getSimpleName().contentEquals("afterExecute")) {
        // super.afterExecute(r, t): the JDK's does nothing; a parent's of the build or a library runs as it is.
        Facts parent = isPlatform(internal) ? null : sourceHelper(callee, arguments, depth, /* nonVirtual= */ true);
        if (parent != null) {
          facts.add(parent);
        }
        return 0;
      }
      String name = callee.getSimpleName().toString();
      if (name.equals("get") && (receiver & RUNNABLE) != 0 && (arguments.length == 0 || arguments.length == 2)) {
        facts.readsFuture = true;
      }
      if (name.equals("printStackTrace")) {
        facts.reported |= receiver;
        return 0;
      }
      if (computesOnly(internal, name)) {
        return receiver | passed;
      }
      if (passed == 0) {
        return 0;
      }
      Facts helper = callee.isVarArgs() ? null : sourceHelper(callee, arguments, depth, /* nonVirtual= */ false);
      if (helper != null) {
        facts.add(helper);
      } else {
        facts.reported |= passed;
      }
      return 0;
    }
  }
}
