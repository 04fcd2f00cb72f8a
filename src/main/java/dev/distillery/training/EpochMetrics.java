package dev.distillery.training;

import java.util.Map;

/**
 * What one finished epoch measured. Accuracies are fractions in [0, 1]; epochs count from 1 within
 * their phase.
 *
 * @param phase {@code student}, or {@code teacher} for the epochs that train a teacher first
 * @param lossTerms the method's named loss components (e.g. ce, kd), averaged over the epoch's samples
 * @param diagnostics logit diagnostics on the test set; null when not measured
 * @param methodDiagnostics the method's own values after the epoch's training (e.g. ctkd's learned temperature)
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainTop1,
        double testLoss,
        double testTop1,
        double testTop5,
        double learningRate,
        double epochSeconds,
        double samplesPerSecond,
        String phase,
        Map<String, Double> lossTerms,
        LogitDiagnostics diagnostics,
        Map<String, Double> methodDiagnostics) {

    public static final String STUDENT = "student";
    public static final String TEACHER = "teacher";

    public EpochMetrics {
        phase = phase == null ? STUDENT : phase;
        lossTerms = lossTerms == null ? Map.of() : Map.copyOf(lossTerms);
        methodDiagnostics = methodDiagnostics == null ? Map.of() : Map.copyOf(methodDiagnostics);
    }

    /** An epoch without method diagnostics. */
    public EpochMetrics(
            int epoch,
            double trainLoss,
            double trainTop1,
            double testLoss,
            double testTop1,
            double testTop5,
            double learningRate,
            double epochSeconds,
            double samplesPerSecond,
            String phase,
            Map<String, Double> lossTerms,
            LogitDiagnostics diagnostics) {
        this(
                epoch,
                trainLoss,
                trainTop1,
                testLoss,
                testTop1,
                testTop5,
                learningRate,
                epochSeconds,
                samplesPerSecond,
                phase,
                lossTerms,
                diagnostics,
                Map.of());
    }

    /** A student epoch without loss terms or diagnostics. */
    public EpochMetrics(
            int epoch,
            double trainLoss,
            double trainTop1,
            double testLoss,
            double testTop1,
            double testTop5,
            double learningRate,
            double epochSeconds,
            double samplesPerSecond) {
        this(
                epoch,
                trainLoss,
                trainTop1,
                testLoss,
                testTop1,
                testTop5,
                learningRate,
                epochSeconds,
                samplesPerSecond,
                STUDENT,
                Map.of(),
                null);
    }
}
