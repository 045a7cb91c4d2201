import java.util.concurrent.ExecutorService;

/**
 * Crash: compiled with --release 8 (or -source 8) and without corral-runtime on the classpath, UnscopedTask's fix
 * builder asks ClasspathTypes.find("dev.corral.TaskGroup"), which calls ClassFinder.loadClass(symtab.unnamedModule,
 * ...). Without modules (release 8) the unnamed module is never completed: NullPointerException "msym.visiblePackages
 * is null" in Symtab.lookupPackage. Any UnscopedTask finding that is a statement triggers it.
 */
class Release8Crash {
  void run(ExecutorService pool) {
    pool.execute(() -> System.out.println("x"));
  }
}
