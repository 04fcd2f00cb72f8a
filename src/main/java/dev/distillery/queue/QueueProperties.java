package dev.distillery.queue;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the durable queue polls and detects dead workers.
 *
 * @param pollInterval how often an idle worker looks for queued experiments
 * @param heartbeatInterval how often a running execution proves it is alive
 * @param missedHeartbeatsLimit missed heartbeats after which an execution counts as dead and is revived
 * @param reconcileInterval how often queued experiments without a queue entry are given one
 * @param shutdownGrace how long a stopping worker waits for running trainings to finish their epoch
 *     (and checkpoint it) before interrupting them; Kubernetes' terminationGracePeriodSeconds must exceed it
 * @param cancelCheckInterval how often a running training looks for a cancel request
 * @param progressInterval how often a running training records how far its epoch is (live progress)
 * @param databaseRetry how long a running training retries a write while the database is unreachable (waiting
 *     meanwhile, its progress in memory) before the run fails
 */
@ConfigurationProperties("distillery.queue")
public record QueueProperties(
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("4") int missedHeartbeatsLimit,
        @DefaultValue("1m") Duration reconcileInterval,
        @DefaultValue("2m") Duration shutdownGrace,
        @DefaultValue("2s") Duration cancelCheckInterval,
        @DefaultValue("3s") Duration progressInterval,
        @DefaultValue("5m") Duration databaseRetry) {}
