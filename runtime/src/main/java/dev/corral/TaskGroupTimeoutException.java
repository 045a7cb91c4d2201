package dev.corral;

import java.util.List;

/**
 * Thrown by {@link TaskGroup#join()} (or {@link TaskGroup#close()}) when the group's timeout or deadline passed
 * before its tasks finished. Every unfinished task was cancelled (interrupted) and has stopped by the time this is
 * thrown. Failures that happened before the deadline are not lost: the first is the cause and all are listed by
 * {@link #failures()}, as for {@link TaskGroupException}.
 */
public final class TaskGroupTimeoutException extends TaskGroupException {
  private static final long serialVersionUID = 1L;

  TaskGroupTimeoutException(String groupName, String limit, List<Throwable> failures) {
    super(
        "TaskGroup '" + groupName + "' timed out (" + limit + "); unfinished tasks were cancelled"
            + (failures.isEmpty() ? "" : "; " + failures.size() + " task(s) failed first: "
                + FailureCollection.describe(failures)),
        failures);
  }
}
