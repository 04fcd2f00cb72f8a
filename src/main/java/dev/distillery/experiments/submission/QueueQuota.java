package dev.distillery.experiments.submission;

import dev.distillery.shared.Caller;
import dev.distillery.shared.TooManyRequestsException;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Back-pressure: at most {@code distillery.queue.max-queued} experiments wait or are queued at once,
 * and at most the caller key's own limit of them are that key's. Submissions take a transaction-scoped
 * advisory lock first, so two concurrent submissions cannot both squeeze through the last slot.
 */
@Component
public class QueueQuota {

    private static final long LOCK = 0x4469_7374_696c_6c51L;
    private static final String NOT_STARTED = "status in ('WAITING', 'QUEUED')";

    private final JdbcClient jdbc;
    private final int maxQueued;
    private final Duration retryAfter;

    QueueQuota(JdbcClient jdbc, SubmissionLimits limits) {
        this.jdbc = jdbc;
        this.maxQueued = limits.maxQueued();
        this.retryAfter = limits.retryAfter();
    }

    /** Refuses (429) {@code experiments} more if they would take the queue or the caller over a limit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void admit(int experiments, Caller caller) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().listOfRows();
        long queued = jdbc.sql("select count(*) from experiments where " + NOT_STARTED)
                .query(Long.class)
                .single();
        if (queued + experiments > maxQueued) {
            throw new TooManyRequestsException(
                    "the queue holds " + queued + " waiting or queued experiments; "
                            + "this submission of " + experiments + " would exceed distillery.queue.max-queued ("
                            + maxQueued + "): retry when some have started",
                    retryAfter);
        }
        if (caller.anonymous()) {
            return;
        }
        long mine = jdbc.sql("select count(*) from experiments where owner = ? and " + NOT_STARTED)
                .param(caller.name())
                .query(Long.class)
                .single();
        if (mine + experiments > caller.maxQueued()) {
            throw new TooManyRequestsException(
                    "the key '" + caller.name() + "' has " + mine + " waiting or queued "
                            + "experiments; this submission of " + experiments + " would exceed its limit of "
                            + caller.maxQueued() + ": retry when some have started",
                    retryAfter);
        }
    }
}
