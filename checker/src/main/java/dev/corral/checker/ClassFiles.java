package dev.corral.checker;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small reader of class files, for the few library methods whose bytecode a check reads (see {@link
 * ReportingExecutors}): the constant pool's class and member references, and each method's access flags, {@code
 * Code} attribute and exception table. {@code java.lang.classfile} is not on JDK 17, so it is written here; it reads
 * only what it needs and answers null for anything malformed.
 */
final class ClassFiles {
  private static final int ACC_STATIC = 0x0008;
  private static final int ACC_FINAL = 0x0010;
  private static final int ACC_PRIVATE = 0x0002;
  private static final int ACC_ABSTRACT = 0x0400;
  private static final int ACC_NATIVE = 0x0100;

  private ClassFiles() {}

  /** A reference to a field or method: its owner's internal name, its name and its descriptor. */
  record Member(String owner, String name, String descriptor) {}

  /** An exception-table entry: {@code [start, end)} is covered, {@code handler} starts the catch. */
  record Handler(int start, int end, int handler, @Nullable String catchType) {}

  /** A method with its code; {@code code} is empty for abstract and native methods. */
  record Method(int access, String name, String descriptor, byte[] code, int maxLocals, List<Handler> handlers) {
    boolean isStatic() {
      return (access & ACC_STATIC) != 0;
    }

    /** Whether a call can only run this body: static, private or final (the class's finality is the caller's). */
    boolean cannotBeOverridden() {
      return (access & (ACC_STATIC | ACC_PRIVATE | ACC_FINAL)) != 0;
    }

    boolean hasCode() {
      return (access & (ACC_ABSTRACT | ACC_NATIVE)) == 0 && code.length > 0;
    }
  }

  /** One class file: its name, superclass, access flags, methods and constant pool. */
  static final class ClassFile {
    final String name;
    final @Nullable String superName;
    final int access;
    private final Object[] pool;
    private final int[] tags;
    private final Map<String, Method> methods = new HashMap<>();

    private ClassFile(String name, @Nullable String superName, int access, Object[] pool, int[] tags) {
      this.name = name;
      this.superName = superName;
      this.access = access;
      this.pool = pool;
      this.tags = tags;
    }

    boolean isFinal() {
      return (access & ACC_FINAL) != 0;
    }

    /** The method named {@code name} with {@code descriptor}, or null. */
    @Nullable Method method(String name, String descriptor) {
      return methods.get(name + descriptor);
    }

    /** The class named at constant-pool {@code index} (an internal name), or null. */
    @Nullable String className(int index) {
      if (index <= 0 || index >= pool.length || tags[index] != 7) {
        return null;
      }
      return utf8((Integer) pool[index]);
    }

    /** The field, method or interface-method reference at {@code index}, or null. */
    @Nullable Member member(int index) {
      if (index <= 0 || index >= pool.length || (tags[index] != 9 && tags[index] != 10 && tags[index] != 11)) {
        return null;
      }
      int[] reference = (int[]) pool[index];
      String owner = className(reference[0]);
      int nameAndType = reference[1];
      if (owner == null || nameAndType <= 0 || nameAndType >= pool.length || tags[nameAndType] != 12) {
        return null;
      }
      int[] pair = (int[]) pool[nameAndType];
      String name = utf8(pair[0]);
      String descriptor = utf8(pair[1]);
      return name == null || descriptor == null ? null : new Member(owner, name, descriptor);
    }

    /** The descriptor of the invokedynamic call site at {@code index}, or null. */
    @Nullable String dynamicDescriptor(int index) {
      if (index <= 0 || index >= pool.length || (tags[index] != 18 && tags[index] != 17)) {
        return null;
      }
      int nameAndType = ((int[]) pool[index])[1];
      if (nameAndType <= 0 || nameAndType >= pool.length || tags[nameAndType] != 12) {
        return null;
      }
      return utf8(((int[]) pool[nameAndType])[1]);
    }

    private @Nullable String utf8(int index) {
      return index > 0 && index < pool.length && tags[index] == 1 ? (String) pool[index] : null;
    }
  }

  /** The class file in {@code in}, or null when it cannot be read; the stream is closed. */
  static @Nullable ClassFile read(InputStream in) {
    try (InputStream stream = in) {
      return parse(new DataInputStream(new ByteArrayInputStream(stream.readAllBytes())));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable ClassFile parse(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      return null;
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    int[] tags = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // eight-byte constants take two entries
        }
        case 7, 8, 16, 19, 20 -> pool[i] = in.readUnsignedShort();
        case 9, 10, 11, 12, 17, 18 -> pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> {
          return null;
        }
      }
    }
    int access = in.readUnsignedShort();
    int thisClass = in.readUnsignedShort();
    int superClass = in.readUnsignedShort();
    ClassFile partial = new ClassFile("", null, access, pool, tags);
    String name = partial.className(thisClass);
    if (name == null) {
      return null;
    }
    ClassFile file = new ClassFile(name, partial.className(superClass), access, pool, tags);
    int interfaces = in.readUnsignedShort();
    for (int i = 0; i < interfaces; i++) {
      in.readUnsignedShort();
    }
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      skipAttributes(in);
    }
    int methods = in.readUnsignedShort();
    for (int i = 0; i < methods; i++) {
      int methodAccess = in.readUnsignedShort();
      String methodName = file.utf8(in.readUnsignedShort());
      String descriptor = file.utf8(in.readUnsignedShort());
      byte[] code = new byte[0];
      int maxLocals = 0;
      List<Handler> handlers = List.of();
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = file.utf8(in.readUnsignedShort());
        int length = in.readInt();
        if (!"Code".equals(attribute)) {
          in.skipNBytes(length);
          continue;
        }
        in.readUnsignedShort(); // max_stack
        maxLocals = in.readUnsignedShort();
        code = new byte[in.readInt()];
        in.readFully(code);
        int entries = in.readUnsignedShort();
        handlers = new ArrayList<>(entries);
        for (int e = 0; e < entries; e++) {
          int start = in.readUnsignedShort();
          int end = in.readUnsignedShort();
          int handler = in.readUnsignedShort();
          int catchType = in.readUnsignedShort();
          handlers.add(new Handler(start, end, handler, catchType == 0 ? null : file.className(catchType)));
        }
        skipAttributes(in);
      }
      if (methodName != null && descriptor != null) {
        file.methods.put(
            methodName + descriptor, new Method(methodAccess, methodName, descriptor, code, maxLocals, handlers));
      }
    }
    return file;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipNBytes(in.readInt());
    }
  }

  /** The slot sizes of a method descriptor's parameters, in order (2 for {@code long} and {@code double}). */
  static @Nullable List<Integer> parameterSizes(String descriptor) {
    List<Integer> sizes = new ArrayList<>();
    int i = 1;
    if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
      return null;
    }
    while (i < descriptor.length() && descriptor.charAt(i) != ')') {
      int end = typeEnd(descriptor, i);
      if (end < 0) {
        return null;
      }
      char c = descriptor.charAt(i);
      sizes.add(c == 'J' || c == 'D' ? 2 : 1);
      i = end;
    }
    return i < descriptor.length() ? sizes : null;
  }

  /** The slot size of a method descriptor's return type (0 for {@code void}). */
  static int returnSize(String descriptor) {
    int close = descriptor.indexOf(')');
    if (close < 0 || close + 1 >= descriptor.length()) {
      return 0;
    }
    char c = descriptor.charAt(close + 1);
    return c == 'V' ? 0 : c == 'J' || c == 'D' ? 2 : 1;
  }

  /** The internal class name of a method descriptor's return type, or null for primitives and arrays. */
  static @Nullable String returnClass(String descriptor) {
    int close = descriptor.indexOf(')');
    if (close < 0 || close + 1 >= descriptor.length() || descriptor.charAt(close + 1) != 'L') {
      return null;
    }
    return descriptor.endsWith(";") ? descriptor.substring(close + 2, descriptor.length() - 1) : null;
  }

  /** The slot size of a field descriptor. */
  static int fieldSize(String descriptor) {
    return descriptor.startsWith("J") || descriptor.startsWith("D") ? 2 : 1;
  }

  private static int typeEnd(String descriptor, int start) {
    int i = start;
    while (i < descriptor.length() && descriptor.charAt(i) == '[') {
      i++;
    }
    if (i >= descriptor.length()) {
      return -1;
    }
    if (descriptor.charAt(i) == 'L') {
      int semicolon = descriptor.indexOf(';', i);
      return semicolon < 0 ? -1 : semicolon + 1;
    }
    return i + 1;
  }
}
