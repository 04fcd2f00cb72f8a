package dev.distillery.analysis;

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
 * short-lived NDManager per call.
 */
@Service
public class LogitAnalysis {

    /** Temperature when a request gives none. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    /** Largest accepted temperature (as for experiments). */
    public static final double MAX_TEMPERATURE = 100.0;

    /**
     * Largest accepted |logit|: squares of centred logits (the standard deviation) stay far below the float64 range
     * for up to millions of classes.
     */
    public static final double MAX_ABS_LOGIT = 1e100;

    /** Largest |logit| / τ for which log-softmax differences and their sums stay finite in float64. */
    static final double MAX_ABS_TEMPERED_LOGIT = 1e300;

    /** At most this many violations are listed for one request. */
    static final int MAX_VIOLATIONS = 20;

    private final AnalysisProperties properties;

    public LogitAnalysis(AnalysisProperties properties) {
        this.properties = properties;
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
        double[][] teacherLogits = matrix("teacher", teacher, violations);
        double[][] studentLogits = matrix("student", student, violations);
        if (teacherLogits != null && studentLogits != null) {
            if (teacherLogits.length != studentLogits.length || teacherLogits[0].length != studentLogits[0].length) {
                violations.add(new FieldViolation(
                        "student",
                        "has shape " + shape(studentLogits) + " but teacher has " + shape(teacherLogits)
                                + "; both must have the same rows and classes"));
            } else if (violations.isEmpty()
                    && Math.max(maxAbs(teacherLogits), maxAbs(studentLogits)) / tau > MAX_ABS_TEMPERED_LOGIT) {
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
        try (NDManager manager = NDManager.newBaseManager()) {
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

    /** The rows as a rectangular matrix, or null (with violations added) when they are not valid logits. */
    private double[][] matrix(String field, List<List<Double>> rows, List<FieldViolation> violations) {
        if (rows == null) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        if (rows.isEmpty() || rows.size() > properties.maxRows()) {
            violations.add(new FieldViolation(field, "must have between 1 and " + properties.maxRows() + " rows"));
            return null;
        }
        int before = violations.size();
        int classes = rows.get(0) == null ? -1 : rows.get(0).size();
        double[][] matrix = new double[rows.size()][];
        for (int i = 0; i < rows.size() && violations.size() - before < MAX_VIOLATIONS; i++) {
            String rowField = field + "[" + i + "]";
            List<Double> row = rows.get(i);
            if (row == null) {
                violations.add(new FieldViolation(rowField, "is required"));
            } else if (row.size() < 2 || row.size() > properties.maxClasses()) {
                violations.add(new FieldViolation(
                        rowField,
                        "must have between 2 and " + properties.maxClasses() + " classes, has " + row.size()));
            } else if (classes >= 2 && row.size() != classes) {
                violations.add(new FieldViolation(
                        rowField,
                        "has " + row.size() + " classes but " + field + "[0] has " + classes
                                + "; all rows must have the same length"));
            } else {
                matrix[i] = values(rowField, row, violations, before);
            }
        }
        return violations.size() == before ? matrix : null;
    }

    private static double[] values(String rowField, List<Double> row, List<FieldViolation> violations, int before) {
        double[] values = new double[row.size()];
        for (int j = 0; j < row.size() && violations.size() - before < MAX_VIOLATIONS; j++) {
            Double value = row.get(j);
            if (value == null) {
                violations.add(new FieldViolation(rowField + "[" + j + "]", "is required"));
            } else if (!Double.isFinite(value) || Math.abs(value) > MAX_ABS_LOGIT) {
                violations.add(new FieldViolation(
                        rowField + "[" + j + "]", "must be a finite number with magnitude at most 1e100"));
            } else {
                values[j] = value;
            }
        }
        return values;
    }

    private static double maxAbs(double[][] matrix) {
        double max = 0;
        for (double[] row : matrix) {
            for (double value : row) {
                max = Math.max(max, Math.abs(value));
            }
        }
        return max;
    }

    private static String shape(double[][] matrix) {
        return matrix.length + "×" + matrix[0].length;
    }
}
