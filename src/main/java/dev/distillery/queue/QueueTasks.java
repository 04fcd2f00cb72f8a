package dev.distillery.queue;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

/** The names under which experiments and queue housekeeping live in db-scheduler's table. */
final class QueueTasks {

    static final TaskDescriptor<Void> RUN_EXPERIMENT = TaskDescriptor.of("run-experiment");
    static final String RECONCILE = "reconcile-queue";

    private QueueTasks() {}
}
