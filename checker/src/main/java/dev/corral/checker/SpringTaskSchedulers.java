package dev.corral.checker;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Spring's task schedulers, which log the failure of every task given to them, so a dropped {@code ScheduledFuture}
 * or {@code Future} loses nothing. (Their {@code execute} is no UnscopedTask finding anyway: Spring's task executors
 * are not {@code ExecutorService}s, see {@link ExecutorExemptions}.)
 *
 * <p>Read from spring-context 7.0's sources: {@code ThreadPoolTaskScheduler}, {@code ConcurrentTaskScheduler} and
 * {@code SimpleAsyncTaskScheduler} wrap each task of {@code schedule*}, {@code execute} and {@code submit} in {@code
 * TaskUtils.decorateTaskWithErrorHandler} (a {@code Callable} in {@code DelegatingErrorHandlingCallable}), whose
 * default handler logs the throwable at error level: {@code LOG_AND_PROPAGATE} for a one-shot task (it also fails
 * the future), {@code LOG_AND_SUPPRESS} for a periodic one. A handler set with {@code setErrorHandler} is the
 * application's own report. A call counts when the method it resolves to is declared by one of those classes, or by
 * the {@code TaskScheduler} interface itself ({@code schedule*}): a class of the build that overrides the method
 * resolves to its own declaration and is judged like any executor.
 *
 * <p>Limits: a {@code TaskScheduler} of the application's own reached through the interface is trusted to do the
 * same; {@code ThreadPoolTaskExecutor} and the other plain task executors wrap nothing and are not listed.
 */
final class SpringTaskSchedulers {
  private static final String TASK_SCHEDULER = "org.springframework.scheduling.TaskScheduler";
  private static final Set<String> LOGGING_SCHEDULERS =
      Set.of(
          "org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler",
          "org.springframework.scheduling.concurrent.ConcurrentTaskScheduler",
          "org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler");
  private static final Set<String> SCHEDULE =
      Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay");

  private SpringTaskSchedulers() {}

  /** Whether {@code method}, the target of a call that returns a future, is a Spring scheduler's that logs. */
  static boolean logsTaskFailures(@Nullable Symbol method) {
    if (!(method instanceof MethodSymbol invoked) || method.owner == null) {
      return false;
    }
    String owner = invoked.owner.getQualifiedName().toString();
    String name = invoked.getSimpleName().toString();
    if (owner.equals(TASK_SCHEDULER)) {
      return SCHEDULE.contains(name);
    }
    return LOGGING_SCHEDULERS.contains(owner) && (SCHEDULE.contains(name) || name.equals("submit"));
  }
}
