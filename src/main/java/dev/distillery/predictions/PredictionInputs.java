package dev.distillery.predictions;

import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.training.InputShape;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a prediction's inputs against the model's input shape and turns them into float rows: 1 to
 * {@link #MAX_INPUTS} inputs, each exactly C·H·W finite numbers that fit a float32; every bad input is named.
 */
final class PredictionInputs {

    /** The most inputs one request may carry. */
    static final int MAX_INPUTS = 256;

    private static final int MAX_REPORTED = 10;

    private PredictionInputs() {}

    static float[][] check(List<List<Double>> inputs, InputShape shape) {
        if (inputs == null || inputs.isEmpty()) {
            throw new InvalidRequestException("inputs", "give 1 to " + MAX_INPUTS + " inputs");
        }
        if (inputs.size() > MAX_INPUTS) {
            throw new InvalidRequestException(
                    "inputs", "at most " + MAX_INPUTS + " inputs per request, got " + inputs.size());
        }
        List<FieldViolation> violations = new ArrayList<>();
        float[][] rows = new float[inputs.size()][];
        for (int i = 0; i < rows.length && violations.size() < MAX_REPORTED; i++) {
            rows[i] = row(inputs.get(i), shape, "inputs[" + i + "]", violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return rows;
    }

    private static float[] row(List<Double> input, InputShape shape, String field, List<FieldViolation> violations) {
        if (input == null || input.size() != shape.size()) {
            violations.add(new FieldViolation(
                    field,
                    "has " + (input == null ? 0 : input.size()) + " numbers; the model takes inputs of shape " + shape
                            + " = " + shape.size() + " numbers (channels, then rows, then columns)"));
            return null;
        }
        float[] row = new float[input.size()];
        for (int j = 0; j < row.length; j++) {
            Double value = input.get(j);
            if (value == null || !Float.isFinite(value.floatValue())) {
                violations.add(new FieldViolation(
                        field + "[" + j + "]", "must be a finite number within float32's range, got " + value));
                return null;
            }
            row[j] = value.floatValue();
        }
        return row;
    }
}
