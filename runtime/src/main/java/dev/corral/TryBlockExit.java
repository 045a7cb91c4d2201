package dev.corral;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.StackWalker.StackFrame;
import java.util.Optional;

/**
 * Tells whether {@link TaskGroup#close()} was called because the {@code try} block threw.
 *
 * <p>Java's {@code close()} cannot see the exception that is leaving a try-with-resources block, yet a group must
 * cancel its tasks when the block threw (waiting for them could hold the exception back forever) and wait for them
 * when the block ended normally. javac compiles the exceptional-path {@code close()} call alone in a protected
 * range whose handler calls {@link Throwable#addSuppressed}; the normal-path call is not. This class finds the frame
 * that called {@code close()}, reads its method's exception table from the class file, and checks which of the two
 * it is.
 *
 * <p>It runs only when a group is closed with unfinished tasks and no {@code join()}, so its cost does not matter.
 * A shape it does not recognise (another compiler, an explicit {@code close()} in a {@code finally}) counts as a
 * normal exit, and so does a class file it cannot read or that does not match the running code, e.g. one a
 * bytecode agent (JaCoCo, an APM agent) transformed at load time ({@link Exit#UNKNOWN}): the group then waits, as
 * the contract says for a block left without {@code join()}.
 */
final class TryBlockExit {
  enum Exit {
    NORMAL,
    EXCEPTIONAL,
    UNKNOWN
  }

  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private TryBlockExit() {}

  /** Classifies the first caller outside {@code dev.corral} of the current {@code close()}. */
  static Exit ofCaller() {
    Optional<StackFrame> caller =
        WALKER.walk(frames -> frames.filter(f -> f.getDeclaringClass() != TaskGroup.class && f.getDeclaringClass() != TryBlockExit.class).findFirst());
    return caller.map(TryBlockExit::classify).orElse(Exit.UNKNOWN);
  }

  private static Exit classify(StackFrame frame) {
    Class<?> type = frame.getDeclaringClass();
    String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        return Exit.UNKNOWN;
      }
      return classify(in.readAllBytes(), frame.getMethodName(), frame.getDescriptor(), frame.getByteCodeIndex());
    } catch (IOException | RuntimeException e) {
      // A class file this parser does not understand: fall back to the safe answer.
      return Exit.UNKNOWN;
    }
  }

  /** Visible for tests: classifies the call at {@code bci} in {@code method} of the class file {@code bytes}. */
  static Exit classify(byte[] bytes, String method, String descriptor, int bci) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      return Exit.UNKNOWN;
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    ConstantPool pool = ConstantPool.read(in);
    in.readUnsignedShort(); // access flags
    in.readUnsignedShort(); // this class
    in.readUnsignedShort(); // super class
    skip(in, 2 * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      skip(in, 6);
      skipAttributes(in);
    }
    int methods = in.readUnsignedShort();
    for (int i = 0; i < methods; i++) {
      in.readUnsignedShort(); // access flags
      String name = pool.utf8(in.readUnsignedShort());
      String desc = pool.utf8(in.readUnsignedShort());
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = pool.utf8(in.readUnsignedShort());
        int length = in.readInt();
        if (attribute.equals("Code") && name.equals(method) && desc.equals(descriptor)) {
          return classifyCode(in, pool, bci);
        }
        skip(in, length);
      }
    }
    return Exit.UNKNOWN;
  }

  private static Exit classifyCode(DataInputStream in, ConstantPool pool, int bci) throws IOException {
    skip(in, 4); // max stack, max locals
    byte[] code = new byte[in.readInt()];
    in.readFully(code);
    if (!callsClose(code, bci, pool)) {
      // The class file does not describe the running code: a bytecode agent (coverage, APM) transformed the
      // class at load time and shifted its offsets. Matching ranges against it would be a guess.
      return Exit.UNKNOWN;
    }
    int entries = in.readUnsignedShort();
    for (int i = 0; i < entries; i++) {
      int start = in.readUnsignedShort();
      int end = in.readUnsignedShort();
      int handler = in.readUnsignedShort();
      in.readUnsignedShort(); // catch type
      if (guardsOnly(start, end, bci) && callsAddSuppressed(code, handler, pool)) {
        return Exit.EXCEPTIONAL;
      }
    }
    return Exit.NORMAL;
  }

  /**
   * Whether the range covers just the close() call at {@code bci}: at most the load of the resource before it
   * ({@code aload_n}, {@code aload n}, {@code wide aload n}) and the call itself ({@code invokevirtual}, 3 bytes, or
   * {@code invokeinterface}, 5). An enclosing range (an outer try, a user's catch) is wider and does not count.
   */
  private static boolean guardsOnly(int start, int end, int bci) {
    return start <= bci && bci - start <= 4 && (end == bci + 3 || end == bci + 5);
  }

  /** Whether the instruction at {@code bci} calls a method named {@code close} (invokevirtual or invokeinterface). */
  private static boolean callsClose(byte[] code, int bci, ConstantPool pool) {
    if (bci < 0 || bci + 2 >= code.length) {
      return false;
    }
    int opcode = code[bci] & 0xFF;
    return (opcode == 0xB6 || opcode == 0xB9)
        && pool.isMethod(((code[bci + 1] & 0xFF) << 8) | (code[bci + 2] & 0xFF), "close");
  }

  /** javac's handler: {@code astore x; aload t; aload x; invokevirtual Throwable.addSuppressed}, within 12 bytes. */
  private static boolean callsAddSuppressed(byte[] code, int handler, ConstantPool pool) {
    for (int pc = handler; pc < Math.min(code.length - 2, handler + 12); pc++) {
      if ((code[pc] & 0xFF) == 0xB6 && pool.isMethod(((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF), "addSuppressed")) {
        return true;
      }
    }
    return false;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      in.readUnsignedShort();
      skip(in, in.readInt());
    }
  }

  private static void skip(DataInputStream in, int bytes) throws IOException {
    in.skipNBytes(bytes);
  }

  /** Just enough of a constant pool to resolve UTF-8 entries and method names. */
  private static final class ConstantPool {
    private final Object[] entries;

    private ConstantPool(Object[] entries) {
      this.entries = entries;
    }

    static ConstantPool read(DataInputStream in) throws IOException {
      Object[] entries = new Object[in.readUnsignedShort()];
      for (int i = 1; i < entries.length; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> entries[i] = in.readUTF();
          case 3, 4 -> skip(in, 4);
          case 5, 6 -> {
            skip(in, 8);
            i++;
          }
          case 7, 8, 16, 19, 20 -> skip(in, 2);
          case 10, 11 -> entries[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()}; // class, name&type
          case 12 -> entries[i] = new long[] {in.readUnsignedShort(), in.readUnsignedShort()}; // name, descriptor
          case 9, 17, 18 -> skip(in, 4);
          case 15 -> skip(in, 3);
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      return new ConstantPool(entries);
    }

    String utf8(int index) {
      return entries[index] instanceof String s ? s : "";
    }

    boolean isMethod(int index, String name) {
      if (index <= 0 || index >= entries.length || !(entries[index] instanceof int[] ref)) {
        return false;
      }
      return entries[ref[1]] instanceof long[] nameAndType && utf8((int) nameAndType[0]).equals(name);
    }
  }
}
