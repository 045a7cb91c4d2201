package dev.corral.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

final class FutureTypesTest {
  /** Flags every variable whose type {@link FutureTypes} calls a future. */
  @BugPattern(summary = "future-typed", severity = BugPattern.SeverityLevel.WARNING)
  public static final class FutureVariables extends BugChecker implements VariableTreeMatcher {
    private static final long serialVersionUID = 1L;
    private final FutureTypes futureTypes;

    @Inject
    FutureVariables(ErrorProneFlags flags) {
      this.futureTypes = new FutureTypes(CorralFlags.from(flags));
    }

    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      Symbol symbol = ASTHelpers.getSymbol(tree);
      return symbol != null && futureTypes.isFuture(symbol.type, state)
          ? describeMatch(tree)
          : Description.NO_MATCH;
    }
  }

  @Test
  void builtInTypes() {
    CompilationTestHelper.newInstance(FutureVariables.class, getClass())
        .addSourceLines(
            "A.java",
            """
            import com.google.common.util.concurrent.FluentFuture;
            import com.google.common.util.concurrent.ListenableFuture;
            import dev.corral.Task;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.ForkJoinTask;
            import java.util.concurrent.Future;
            import java.util.concurrent.ScheduledFuture;

            class A<T extends Future<?>> {
              void m(
                  Task<String> task,
                  List<Future<?>> list,
                  Object object,
                  // BUG: Diagnostic contains: future-typed
                  Future<?> future,
                  // BUG: Diagnostic contains: future-typed
                  CompletableFuture<?> cf,
                  // BUG: Diagnostic contains: future-typed
                  CompletionStage<?> stage,
                  // BUG: Diagnostic contains: future-typed
                  ScheduledFuture<?> scheduled,
                  // BUG: Diagnostic contains: future-typed
                  ForkJoinTask<?> forkJoin,
                  // BUG: Diagnostic contains: future-typed
                  ListenableFuture<?> listenable,
                  // BUG: Diagnostic contains: future-typed
                  FluentFuture<?> fluent,
                  // BUG: Diagnostic contains: future-typed
                  T typeVariable) {}
            }
            """)
        .doTest();
  }

  @Test
  void extraTypesFromFlag() {
    CompilationTestHelper.newInstance(FutureVariables.class, getClass())
        .setArgs("-XepOpt:Corral:ExtraFutureTypes=p.Promise,p.Missing,dev.corral.Task")
        .addSourceLines("p/Promise.java", "package p; public interface Promise<T> {}")
        .addSourceLines("p/Deferred.java", "package p; public interface Deferred<T> {}")
        .addSourceLines(
            "p/A.java",
            """
            package p;

            class A {
              void m(
                  dev.corral.Task<String> ownedByItsGroupEvenIfListed,
                  Deferred<String> notListed,
                  // BUG: Diagnostic contains: future-typed
                  Promise<String> listed) {}
            }
            """)
        .doTest();
  }
}
