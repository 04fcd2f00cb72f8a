package dev.distillery.experiments;

import dev.distillery.training.EpochMetrics;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/**
 * How far an experiment's run is: the phase, the latest finished student epoch and the part of the running one, over the
 * planned student epochs. Kept on the experiment row (same columns as before it was its own class).
 */
@Embeddable
class RunProgress {

    private int totalEpochs;
    private int currentEpoch;
    private double epochFraction;
    private String phase;

    protected RunProgress() {}

    RunProgress(int totalEpochs) {
        this.totalEpochs = totalEpochs;
    }

    /** An attempt starts (or resumes) with no epoch of its own done yet. */
    void restart() {
        currentEpoch = 0;
        epochFraction = 0;
        phase = null;
    }

    /** An epoch of either phase is done; only student epochs count towards the run's progress. */
    void record(EpochMetrics metrics) {
        phase = metrics.phase();
        if (EpochMetrics.STUDENT.equals(metrics.phase())) {
            currentEpoch = metrics.epoch();
            epochFraction = 0;
        }
    }

    int currentEpoch() {
        return currentEpoch;
    }

    String phase() {
        return phase;
    }

    /** Finished student epochs, plus the part of the running one while running, over planned ones: 0 to 1. */
    double fraction(ExperimentStatus status) {
        double done = currentEpoch + (status == ExperimentStatus.RUNNING ? epochFraction : 0);
        return totalEpochs == 0 ? 0 : Math.min(1.0, done / totalEpochs);
    }

    /**
     * When a running run should end at the pace of the student epochs done since {@code startedAt}; null before the
     * first of them and once the run has ended.
     */
    Instant eta(ExperimentStatus status, Instant startedAt, Instant now) {
        if (status != ExperimentStatus.RUNNING || currentEpoch == 0 || startedAt == null) {
            return null;
        }
        Duration perEpoch = Duration.between(startedAt, now).dividedBy(currentEpoch);
        return now.plus(perEpoch.multipliedBy(Math.max(0, totalEpochs - currentEpoch)));
    }
}
