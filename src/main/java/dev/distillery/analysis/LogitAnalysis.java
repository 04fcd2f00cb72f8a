package dev.distillery.analysis;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distillery.methods.LogitStandardization;
import dev.distillery.methods.Losses;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.tensors.OwnedArrays;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Stateless logit tools: how far a student's logits are from a teacher's, with and without logit standardization.
 * Uses the training code's own {@link LogitStandardization} and {@link Losses#klDivergencePerRow}, in float64 on a
 * short-lived NDManager per call, on the CPU: the default device of a GPU machine belongs to the workers' leases.
 */
@Service
public class LogitAnalysis {

    /** Temperature when a request gives none. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    /** Largest accepted temperature (as for experiments). */
    public static final double MAX_TEMPERATURE = 100.0;

    /** Largest accepted |logit| ({@link LogitMatrices#MAX_ABS_LOGIT}). */
    public static final double MAX_ABS_LOGIT = LogitMatrices.MAX_ABS_LOGIT;

    /** At most this many violations are listed for one matrix. */
    static final int MAX_VIOLATIONS = LogitMatrices.MAX_VIOLATIONS;

    private final LogitMatrices matrices;

    public LogitAnalysis(AnalysisProperties properties) {
        this.matrices = new LogitMatrices(properties);
    }

    /**
     * KL(teacher ‖ student) per row and its mean, at temperature τ, plain and standardized.
     *
     * @param teacher     (rows, classes) teacher logits; named {@code teacher} in violations
     * @param student     student logits of the same shape; named {@code student}
     * @param temperature τ in (0, {@value #MAX_TEMPERATURE}], null for {@value #DEFAULT_TEMPERATURE}
     * @throws InvalidRequestException naming each bad field, e.g. {@code teacher[2]} or {@code student[0][1]}
     */
    public KlDivergences klDivergence(List<List<Double>> teacher, List<List<Double>> student, Double temperature) {
        List<FieldViolation> violations = new ArrayList<>();
        double tau = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        if (!(tau > 0) || tau > MAX_TEMPERATURE) {
            violations.add(
                    new FieldViolation("temperature", "must be greater than 0 and at most " + (long) MAX_TEMPERATURE));
        }
        double[][] teacherLogits = matrices.read("teacher", teacher, violations);
        double[][] studentLogits = matrices.read("student", student, violations);
        if (teacherLogits != null && studentLogits != null) {
            if (!LogitMatrices.sameShape(teacherLogits, studentLogits)) {
                violations.add(new FieldViolation(
                        "student",
                        "has shape " + LogitMatrices.shape(studentLogits) + " but teacher has "
                                + LogitMatrices.shape(teacherLogits)
                                + "; both must have the same rows and classes"));
            } else if (violations.isEmpty()
                    && LogitMatrices.maxAbs(teacherLogits, studentLogits) / tau
                            > LogitMatrices.MAX_ABS_TEMPERED_LOGIT) {
                violations.add(new FieldViolation(
                        "temperature", "too small for these logits: |logit| / temperature " + "must stay below 1e300"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return compute(teacherLogits, studentLogits, tau);
    }

    private static KlDivergences compute(double[][] teacherLogits, double[][] studentLogits, double tau) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray teacher = OwnedArrays.of(manager, teacherLogits);
            NDArray student = OwnedArrays.of(manager, studentLogits);
            double[] plain = perRow(teacher, student, tau, false);
            double[] standardized = perRow(teacher, student, tau, true);
            List<KlDivergences.Row> rows = new ArrayList<>(plain.length);
            double plainSum = 0;
            double standardizedSum = 0;
            for (int i = 0; i < plain.length; i++) {
                rows.add(new KlDivergences.Row(plain[i], standardized[i]));
                plainSum += plain[i];
                standardizedSum += standardized[i];
            }
            return new KlDivergences(plainSum / plain.length, standardizedSum / plain.length, rows);
        }
    }

    /** KL per row; rounding can leave a tiny negative for (nearly) equal distributions, shown as 0. */
    private static double[] perRow(NDArray teacher, NDArray student, double tau, boolean zscore) {
        double[] kl = Losses.klDivergencePerRow(
                        LogitStandardization.apply(teacher, tau, zscore),
                        LogitStandardization.apply(student, tau, zscore))
                .toDoubleArray();
        for (int i = 0; i < kl.length; i++) {
            kl[i] = Math.max(kl[i], 0.0);
        }
        return kl;
    }
}
