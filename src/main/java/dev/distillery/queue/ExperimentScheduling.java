package dev.distillery.queue;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.distillery.experiments.ExperimentQueued;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts queued experiments into db-scheduler's table, inside the submitting transaction, ordered by
 * priority (highest first) and then by queue time (oldest first).
 */
@Component
class ExperimentScheduling {

    private final SchedulerClient client;

    ExperimentScheduling(SchedulerClient client) {
        this.client = client;
    }

    @EventListener
    void on(ExperimentQueued queued) {
        schedule(queued);
    }

    /** @return false when the experiment already had a queue entry */
    boolean schedule(ExperimentQueued queued) {
        return client.scheduleIfNotExists(QueueTasks.RUN_EXPERIMENT
                .instance(queued.experimentId().toString())
                .priority(queued.priority())
                .scheduledTo(queued.queuedAt()));
    }
}
