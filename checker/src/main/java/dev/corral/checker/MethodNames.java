package dev.corral.checker;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.Set;

/**
 * The name a call is written with, read from the tree: checks that see every call of a
 * compilation test it before their method matchers, which resolve symbols and walk supertypes
 * (the checker's profile showed those matchers as its largest cost after control-flow graphs).
 */
final class MethodNames {
  private MethodNames() {}

  /** Whether {@code call} is written with one of {@code names} ({@code x.execute(..)}, {@code open()}). */
  static boolean isNamedAnyOf(MethodInvocationTree call, Set<String> names) {
    ExpressionTree select = call.getMethodSelect();
    CharSequence name =
        select instanceof MemberSelectTree member
            ? member.getIdentifier()
            : select instanceof IdentifierTree identifier ? identifier.getName() : null;
    return name != null && names.contains(name.toString());
  }
}
