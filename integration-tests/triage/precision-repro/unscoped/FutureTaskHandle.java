import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;

/** FP: the task given to execute() is itself the Future, and it is returned: the caller holds the handle. */
class FutureTaskHandle {
  <T> FutureTask<T> execute(ExecutorService executorService, Callable<T> callable) {
    FutureTask<T> task = new FutureTask<>(callable);
    executorService.execute(task); // flagged today (httpclient5 FutureRequestExecutionService)
    return task;
  }
}
