package dev.corral.checker;

import dev.corral.checker.ClassFiles.ClassFile;
import dev.corral.checker.ClassFiles.Handler;
import dev.corral.checker.ClassFiles.Member;
import dev.corral.checker.ClassFiles.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a method's parameters go, read from its bytecode: a flow-insensitive taint over the operand stack and the
 * locals. Each value is a set of bits ({@link #RUNNABLE}, {@link #THROWABLE}, {@link #CAUGHT}); a local holds the
 * union of everything stored in it, and the code is walked in order (a stack at a jump target is taken as the one
 * that falls into it, as javac's statement-level code leaves it empty). Every invoke is handed to a {@link Calls}
 * with the bits of its receiver and arguments. Malformed code ends the walk with what was seen.
 */
final class BytecodeFlow {
  static final int RUNNABLE = 1;
  static final int THROWABLE = 2;
  /** An exception caught by a handler that covers a {@code Future.get()} on the runnable. */
  static final int CAUGHT = 4;

  private static final Set<String> FUTURE_FAILURES =
      Set.of("java/util/concurrent/ExecutionException", "java/lang/Exception", "java/lang/Throwable");

  /**
   * What the walk reports for each invoke; the answer is the bits of the value it returns. The code is walked until
   * the locals settle (two to four passes), so the same instruction may be reported more than once.
   */
  interface Calls {
    int call(int opcode, Member callee, int receiver, int[] arguments);

    /** A {@code new} of the class named {@code internal}. */
    default void created(String internal) {}

    /** The instruction at {@code pc}, before it is walked (and before {@link #call} for an invoke). */
    default void instruction(int pc, int opcode) {}

    /** The code turned out malformed: the walk ends with what was seen. */
    default void unreadable() {}
  }

  private BytecodeFlow() {}

  /**
   * Walks {@code method} with its parameters' bits ({@code parameters[i]} for the i-th declared parameter). Returns
   * whether it calls {@code get} on a value that carries {@link #RUNNABLE} (a future read), or false when the code
   * cannot be read.
   */
  static boolean walk(ClassFile file, Method method, int[] parameters, Calls calls) {
    List<Integer> sizes = ClassFiles.parameterSizes(method.descriptor());
    if (sizes == null || !method.hasCode()) {
      return false;
    }
    int[] locals = new int[Math.max(method.maxLocals(), 1) + 2];
    int slot = method.isStatic() ? 0 : 1;
    for (int i = 0; i < sizes.size() && slot < locals.length; i++) {
      locals[slot] = i < parameters.length ? parameters[i] : 0;
      slot += sizes.get(i);
    }
    Set<Integer> futureReads = new HashSet<>();
    // The locals only grow, so a few passes reach the fixpoint of javac's code.
    for (int pass = 0; pass < 4; pass++) {
      int[] before = locals.clone();
      int readsBefore = futureReads.size();
      try {
        new Walk(file, method, locals, futureReads, calls).run();
      } catch (RuntimeException malformed) {
        calls.unreadable();
        return !futureReads.isEmpty();
      }
      if (Arrays.equals(before, locals) && readsBefore == futureReads.size() && pass > 0) {
        break;
      }
    }
    return !futureReads.isEmpty();
  }

  private static final class Walk {
    private final ClassFile file;
    private final Method method;
    private final int[] locals;
    private final Set<Integer> futureReads;
    private final Calls calls;
    private final byte[] code;
    private int[] stack = new int[16];
    private int sp;

    Walk(ClassFile file, Method method, int[] locals, Set<Integer> futureReads, Calls calls) {
      this.file = file;
      this.method = method;
      this.locals = locals;
      this.futureReads = futureReads;
      this.calls = calls;
      this.code = method.code();
    }

    private void push(int bits) {
      if (sp == stack.length) {
        stack = Arrays.copyOf(stack, sp * 2);
      }
      stack[sp++] = bits;
    }

    private void pushN(int n, int bits) {
      for (int i = 0; i < n; i++) {
        push(bits);
      }
    }

    private int pop() {
      return sp > 0 ? stack[--sp] : 0;
    }

    private int popN(int n) {
      int bits = 0;
      for (int i = 0; i < n; i++) {
        bits |= pop();
      }
      return bits;
    }

    private int peek(int depth) {
      return sp - 1 - depth >= 0 ? stack[sp - 1 - depth] : 0;
    }

    private int u1(int at) {
      return code[at] & 0xff;
    }

    private int u2(int at) {
      return (u1(at) << 8) | u1(at + 1);
    }

    private int s4(int at) {
      return (u1(at) << 24) | (u1(at + 1) << 16) | (u1(at + 2) << 8) | u1(at + 3);
    }

    private void load(int index, int size) {
      push(index < locals.length ? locals[index] : 0);
      if (size == 2) {
        push(0);
      }
    }

    private void store(int index, int size) {
      int bits = popN(size);
      if (index < locals.length) {
        locals[index] |= bits;
      }
    }

    /** The bits on the stack where a handler starts: a caught failure of a read future, or nothing. */
    private int handlerValue(Handler handler) {
      boolean coversRead = futureReads.stream().anyMatch(pc -> pc >= handler.start() && pc < handler.end());
      return coversRead && (handler.catchType() == null || FUTURE_FAILURES.contains(handler.catchType()))
          ? CAUGHT
          : 0;
    }

    void run() {
      boolean fallsThrough = true;
      int pc = 0;
      while (pc < code.length) {
        Handler started = null;
        for (Handler handler : method.handlers()) {
          if (handler.handler() == pc) {
            started = handler;
            break;
          }
        }
        if (started != null) {
          sp = 0;
          push(handlerValue(started));
        } else if (!fallsThrough) {
          sp = 0;
        }
        fallsThrough = true;
        int op = u1(pc);
        calls.instruction(pc, op);
        int next = pc + 1;
        switch (op) {
          case 0 -> {}
          case 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13 -> push(0);
          case 9, 10, 14, 15 -> pushN(2, 0);
          case 16 -> {
            push(0);
            next = pc + 2;
          }
          case 17 -> {
            push(0);
            next = pc + 3;
          }
          case 18 -> {
            push(0);
            next = pc + 2;
          }
          case 19 -> {
            push(0);
            next = pc + 3;
          }
          case 20 -> {
            pushN(2, 0);
            next = pc + 3;
          }
          case 21, 23, 25 -> {
            load(u1(pc + 1), 1);
            next = pc + 2;
          }
          case 22, 24 -> {
            load(u1(pc + 1), 2);
            next = pc + 2;
          }
          case 26, 27, 28, 29 -> load(op - 26, 1);
          case 30, 31, 32, 33 -> load(op - 30, 2);
          case 34, 35, 36, 37 -> load(op - 34, 1);
          case 38, 39, 40, 41 -> load(op - 38, 2);
          case 42, 43, 44, 45 -> load(op - 42, 1);
          case 46, 48, 50, 51, 52, 53 -> {
            popN(2);
            push(0);
          }
          case 47, 49 -> {
            popN(2);
            pushN(2, 0);
          }
          case 54, 56, 58 -> {
            store(u1(pc + 1), 1);
            next = pc + 2;
          }
          case 55, 57 -> {
            store(u1(pc + 1), 2);
            next = pc + 2;
          }
          case 59, 60, 61, 62 -> store(op - 59, 1);
          case 63, 64, 65, 66 -> store(op - 63, 2);
          case 67, 68, 69, 70 -> store(op - 67, 1);
          case 71, 72, 73, 74 -> store(op - 71, 2);
          case 75, 76, 77, 78 -> store(op - 75, 1);
          case 79, 81, 83, 84, 85, 86 -> popN(3);
          case 80, 82 -> popN(4);
          case 87 -> pop();
          case 88 -> popN(2);
          case 89 -> push(peek(0));
          case 90 -> {
            int v1 = pop();
            int v2 = pop();
            push(v1);
            push(v2);
            push(v1);
          }
          case 91 -> {
            int v1 = pop();
            int v2 = pop();
            int v3 = pop();
            push(v1);
            push(v3);
            push(v2);
            push(v1);
          }
          case 92 -> {
            int v1 = peek(0);
            int v2 = peek(1);
            push(v2);
            push(v1);
          }
          case 93 -> {
            int v1 = pop();
            int v2 = pop();
            int v3 = pop();
            push(v2);
            push(v1);
            push(v3);
            push(v2);
            push(v1);
          }
          case 94 -> {
            int v1 = pop();
            int v2 = pop();
            int v3 = pop();
            int v4 = pop();
            push(v2);
            push(v1);
            push(v4);
            push(v3);
            push(v2);
            push(v1);
          }
          case 95 -> {
            int v1 = pop();
            int v2 = pop();
            push(v1);
            push(v2);
          }
          case 96, 98, 100, 102, 104, 106, 108, 110, 112, 114, 120, 122, 124, 126, 128, 130, 149, 150 -> {
            popN(2);
            push(0);
          }
          case 97, 99, 101, 103, 105, 107, 109, 111, 113, 115, 127, 129, 131 -> {
            popN(4);
            pushN(2, 0);
          }
          case 116, 118, 134, 139, 145, 146, 147 -> {
            pop();
            push(0);
          }
          case 117, 119, 138, 143 -> {
            popN(2);
            pushN(2, 0);
          }
          case 121, 123, 125 -> {
            popN(3);
            pushN(2, 0);
          }
          case 132 -> next = pc + 3;
          case 133, 135, 140, 141 -> {
            pop();
            pushN(2, 0);
          }
          case 136, 137, 142, 144 -> {
            popN(2);
            push(0);
          }
          case 148, 151, 152 -> {
            popN(4);
            push(0);
          }
          case 153, 154, 155, 156, 157, 158, 198, 199 -> {
            pop();
            next = pc + 3;
          }
          case 159, 160, 161, 162, 163, 164, 165, 166 -> {
            popN(2);
            next = pc + 3;
          }
          case 167 -> {
            next = pc + 3;
            fallsThrough = false;
          }
          case 168 -> {
            push(0);
            next = pc + 3;
          }
          case 169 -> {
            next = pc + 2;
            fallsThrough = false;
          }
          case 170 -> {
            pop();
            int base = (pc + 4) & ~3;
            int low = s4(base + 4);
            int high = s4(base + 8);
            next = base + 12 + 4 * (high - low + 1);
            fallsThrough = false;
          }
          case 171 -> {
            pop();
            int base = (pc + 4) & ~3;
            int pairs = s4(base + 4);
            next = base + 8 + 8 * pairs;
            fallsThrough = false;
          }
          case 172, 174, 176 -> {
            pop();
            fallsThrough = false;
          }
          case 173, 175 -> {
            popN(2);
            fallsThrough = false;
          }
          case 177, 191 -> {
            if (op == 191) {
              pop();
            }
            fallsThrough = false;
          }
          case 178, 179, 180, 181 -> {
            Member field = file.member(u2(pc + 1));
            int size = field == null ? 1 : ClassFiles.fieldSize(field.descriptor());
            switch (op) {
              case 178 -> pushN(size, 0);
              case 179 -> popN(size);
              case 180 -> {
                pop();
                pushN(size, 0);
              }
              default -> {
                popN(size);
                pop();
              }
            }
            next = pc + 3;
          }
          case 182, 183, 184, 185 -> {
            invoke(op, pc, file.member(u2(pc + 1)));
            next = pc + (op == 185 ? 5 : 3);
          }
          case 186 -> {
            String descriptor = file.dynamicDescriptor(u2(pc + 1));
            List<Integer> sizes = descriptor == null ? null : ClassFiles.parameterSizes(descriptor);
            int bits = 0;
            if (sizes != null) {
              for (int i = sizes.size() - 1; i >= 0; i--) {
                bits |= popN(sizes.get(i));
              }
            }
            // A string concatenation or a lambda made from a value carries the value.
            pushN(descriptor == null ? 1 : ClassFiles.returnSize(descriptor), bits);
            next = pc + 5;
          }
          case 187 -> {
            String created = file.className(u2(pc + 1));
            if (created != null) {
              calls.created(created);
            }
            push(0);
            next = pc + 3;
          }
          case 188 -> {
            pop();
            push(0);
            next = pc + 2;
          }
          case 189 -> {
            pop();
            push(0);
            next = pc + 3;
          }
          case 190, 193 -> {
            pop();
            push(0);
            if (op == 193) {
              next = pc + 3;
            }
          }
          case 192 -> next = pc + 3; // checkcast keeps the value
          case 194, 195 -> pop();
          case 196 -> {
            int widened = u1(pc + 1);
            int index = u2(pc + 2);
            next = pc + 4;
            switch (widened) {
              case 21, 23, 25 -> load(index, 1);
              case 22, 24 -> load(index, 2);
              case 54, 56, 58 -> store(index, 1);
              case 55, 57 -> store(index, 2);
              case 132 -> next = pc + 6;
              default -> {}
            }
          }
          case 197 -> {
            popN(u1(pc + 3));
            push(0);
            next = pc + 4;
          }
          case 200 -> {
            next = pc + 5;
            fallsThrough = false;
          }
          case 201 -> {
            push(0);
            next = pc + 5;
          }
          default -> throw new IllegalStateException("opcode " + op);
        }
        pc = next;
      }
    }

    private void invoke(int op, int pc, @Nullable Member callee) {
      if (callee == null) {
        throw new IllegalStateException("no member");
      }
      List<Integer> sizes = ClassFiles.parameterSizes(callee.descriptor());
      if (sizes == null) {
        throw new IllegalStateException("bad descriptor");
      }
      int[] arguments = new int[sizes.size()];
      for (int i = sizes.size() - 1; i >= 0; i--) {
        arguments[i] = popN(sizes.get(i));
      }
      int receiver = op == 184 ? 0 : pop();
      if ((receiver & RUNNABLE) != 0
          && callee.name().equals("get")
          && (callee.descriptor().equals("()Ljava/lang/Object;")
              || callee.descriptor().equals("(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;"))) {
        futureReads.add(pc);
      }
      int result = calls.call(op, callee, receiver, arguments);
      pushN(ClassFiles.returnSize(callee.descriptor()), result);
    }
  }
}
