package dev.distillery.experiments;

import dev.distillery.training.EpochMetrics;
import jakarta.persistence.Embeddable;

/**
 * An experiment's best and last student epoch, kept on the experiment row so reads need no metrics scan. Only an
 * epoch whose test scores can stand for the run counts: accuracies in [0, 1] and a finite test loss. A student whose
 * logits went NaN once recorded top-1 1.0 with a NaN loss (and runs recorded before that was caught still hold such
 * rows); such an epoch is neither the best nor the last result.
 */
@Embeddable
class RunScores {

    private Integer bestEpoch;
    private Double bestTestTop1;
    private Double bestTestTop5;
    private Double lastTestTop1;
    private Double lastTestTop5;

    /** Whether this student epoch would be the best so far: valid scores, and a test top-1 above the best one's. */
    boolean isBest(EpochMetrics metrics) {
        return isScorable(metrics) && (bestTestTop1 == null || metrics.testTop1() > bestTestTop1);
    }

    /** Records a student epoch; one whose scores are not valid leaves no last. */
    void record(EpochMetrics metrics) {
        boolean scorable = isScorable(metrics);
        lastTestTop1 = scorable ? metrics.testTop1() : null;
        lastTestTop5 = scorable ? metrics.testTop5() : null;
        if (isBest(metrics)) {
            bestEpoch = metrics.epoch();
            bestTestTop1 = metrics.testTop1();
            bestTestTop5 = metrics.testTop5();
        }
    }

    EpochScore best() {
        return bestEpoch == null ? null : new EpochScore(bestEpoch, bestTestTop1, bestTestTop5);
    }

    /** The last epoch's scores, numbered {@code epoch}; null before the first and when they are invalid. */
    EpochScore last(int epoch) {
        return lastTestTop1 == null ? null : new EpochScore(epoch, lastTestTop1, lastTestTop5);
    }

    private static boolean isScorable(EpochMetrics metrics) {
        return isFraction(metrics.testTop1()) && isFraction(metrics.testTop5()) && Double.isFinite(metrics.testLoss());
    }

    private static boolean isFraction(double value) {
        return value >= 0 && value <= 1;
    }
}
