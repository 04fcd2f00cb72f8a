package dev.distillery.analysis;

import dev.distillery.shared.FieldViolation;
import java.util.List;

/**
 * Reads logit matrices from JSON lists: rectangular, 1 to {@code maxRows} rows of 2 to {@code maxClasses} finite
 * numbers of magnitude at most {@value #MAX_ABS_LOGIT}; each bad row or cell is named by its JSON path, e.g.
 * {@code student[2]} or {@code student[2][1]}, at most {@value #MAX_VIOLATIONS} per matrix.
 */
final class LogitMatrices {

    /**
     * Largest accepted |logit|: squares of centred logits (the standard deviation) stay far below the float64 range
     * for up to millions of classes.
     */
    static final double MAX_ABS_LOGIT = 1e100;

    /** Largest |logit| / τ for which log-softmax differences and their sums stay finite in float64. */
    static final double MAX_ABS_TEMPERED_LOGIT = 1e300;

    /** At most this many violations are listed for one matrix. */
    static final int MAX_VIOLATIONS = 20;

    private final AnalysisProperties properties;

    LogitMatrices(AnalysisProperties properties) {
        this.properties = properties;
    }

    /** The most classes (columns) a matrix may have. */
    int maxClasses() {
        return properties.maxClasses();
    }

    /** The rows as a rectangular matrix, or null (with violations added) when they are not valid logits. */
    double[][] read(String field, List<List<Double>> rows, List<FieldViolation> violations) {
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

    /** The largest |logit| of all given matrices (nulls skipped). */
    static double maxAbs(double[][]... matrices) {
        double max = 0;
        for (double[][] matrix : matrices) {
            for (double[] row : matrix == null ? new double[0][] : matrix) {
                for (double value : row) {
                    max = Math.max(max, Math.abs(value));
                }
            }
        }
        return max;
    }

    static String shape(double[][] matrix) {
        return matrix.length + "×" + matrix[0].length;
    }

    static boolean sameShape(double[][] a, double[][] b) {
        return a.length == b.length && a[0].length == b[0].length;
    }
}
