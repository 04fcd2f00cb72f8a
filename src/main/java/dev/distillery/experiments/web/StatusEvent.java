package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.ExperimentSummary;
import java.time.Instant;
import java.util.UUID;

/** The {@code status} event of the experiment event stream. */
record StatusEvent(
        UUID id, ExperimentStatus status, String phase, int currentEpoch, double progress, Instant eta, String error) {

    static StatusEvent of(ExperimentSummary e) {
        return new StatusEvent(e.id(), e.status(), e.phase(), e.currentEpoch(), e.progress(), e.eta(), e.error());
    }
}
