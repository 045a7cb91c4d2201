package dev.corral.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import org.junit.jupiter.api.Test;

final class LocalUsesTest {
  @Test
  void usesOfLocals() {
    CompilationTestHelper.newInstance(UsesProbe.class, getClass())
        .addSourceLines(
            "A.java",
            """
            class A {
              // BUG: Diagnostic contains: local=false
              int field = 1;

              // BUG: Diagnostic contains: local=true uses=1 calls=1
              void run(String parameter) {
                // BUG: Diagnostic contains: local=true uses=3 calls=1
                String local = parameter.trim();
                Runnable r = () -> System.out.println((local).length() + local);
                System.out.println(local);
              }
            }
            """)
        .doTest();
  }

  /** Reports, for each variable, whether it is local, how often it is used and how often it receives a call. */
  @BugPattern(summary = "Probe for LocalUses", severity = ERROR)
  public static final class UsesProbe extends BugChecker implements VariableTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      if (tree.getName().contentEquals("r")) {
        return Description.NO_MATCH;
      }
      if (!LocalUses.isLocal(symbol)) {
        return buildDescription(tree).setMessage("local=false").build();
      }
      TreePath member = LocalUses.enclosingMember(state);
      var uses = LocalUses.usesOf(symbol, member);
      long calls = uses.stream().filter(use -> LocalUses.invokedOn(use) != null).count();
      Tree target = symbol.getKind() == javax.lang.model.element.ElementKind.PARAMETER ? member.getLeaf() : tree;
      return buildDescription(target)
          .setMessage("local=true uses=" + uses.size() + " calls=" + calls)
          .build();
    }
  }
}
