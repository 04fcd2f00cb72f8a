package dev.distillery.queue;

import dev.distillery.experiments.ExperimentLifecycle;
import dev.distillery.experiments.submission.IdempotentRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The experiments table is the source of truth: every QUEUED experiment gets a queue entry, even
 * one whose entry was lost (e.g. a run requeued while its own entry was still being executed), and
 * no experiment waits for a teacher that has already ended.
 */
@Component
class QueueReconciler {

    private static final Logger log = LoggerFactory.getLogger(QueueReconciler.class);

    private final ExperimentLifecycle lifecycle;
    private final ExperimentScheduling scheduling;
    private final IdempotentRequests idempotency;

    QueueReconciler(ExperimentLifecycle lifecycle, ExperimentScheduling scheduling, IdempotentRequests idempotency) {
        this.lifecycle = lifecycle;
        this.scheduling = scheduling;
        this.idempotency = idempotency;
    }

    /** Also forgets expired Idempotency-Keys: housekeeping that some instance must do periodically. */
    void reconcile() {
        lifecycle.settleWaiting();
        idempotency.forgetExpired();
        long added = lifecycle.queued().stream().filter(scheduling::schedule).count();
        if (added > 0) {
            log.info("Re-queued {} experiment(s) that had no queue entry", added);
        }
    }
}
