package dev.corral.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Template-method tasks: {@code new WorkerTask(..) { protected void execute() { .. } }}, an anonymous subclass
 * that keeps its superclass's {@code run()} and fills in the abstract steps that {@code run()} calls. The work
 * is in those steps, so they are what says whether the task reports its failure; the superclass's {@code run()}
 * is framework code (often in another file or a jar) and is not looked into.
 */
final class TemplateTasks {
  private TemplateTasks() {}

  /**
   * The methods of an anonymous class body that implement an abstract method of its superclass, or an empty list
   * when the body declares {@code run()} itself (then {@code run()} is the work).
   */
  static List<MethodTree> abstractSteps(ClassTree body, VisitorState state) {
    List<MethodTree> steps = new ArrayList<>();
    for (Tree member : body.getMembers()) {
      if (!(member instanceof MethodTree method) || ASTHelpers.getSymbol(method) == null) {
        continue;
      }
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      if (symbol.getSimpleName().contentEquals("run") && symbol.getParameters().isEmpty()) {
        return List.of();
      }
      boolean implementsAbstract =
          ASTHelpers.findSuperMethods(symbol, state.getTypes()).stream()
              .anyMatch(
                  superMethod ->
                      superMethod.getModifiers().contains(Modifier.ABSTRACT)
                          && !superMethod.owner.isInterface());
      if (implementsAbstract) {
        steps.add(method);
      }
    }
    return steps;
  }
}
