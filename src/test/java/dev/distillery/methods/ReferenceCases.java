package dev.distillery.methods;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distillery.tensors.OwnedArrays;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The float64 numpy reference cases in {@code src/test/resources/methods/reference} (made by {@code generate.py}
 * there, from the reference repository's code, independently of this project) and the comparison rule: every value
 * within 1e-6 relative, arrays normwise (relative to their largest element).
 */
public final class ReferenceCases {

    public static final double RELATIVE = 1e-6;

    private ReferenceCases() {}

    /** The cases of {@code ctkd.json} or {@code mlkd.json}. */
    public static List<JsonNode> load(String method) {
        String resource = "/methods/reference/" + method + ".json";
        try (InputStream in = ReferenceCases.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            List<JsonNode> cases = new ArrayList<>();
            JsonMapper.builder().build().readTree(in).get("cases").forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] matrix = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            matrix[i] = vector(rows.get(i));
        }
        return matrix;
    }

    public static double[] vector(JsonNode values) {
        double[] vector = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            vector[i] = values.get(i).asDouble();
        }
        return vector;
    }

    /** A float64 (rows, columns) array of the case's {@code field}. */
    public static NDArray logits(NDManager manager, JsonNode testCase, String field) {
        return OwnedArrays.of(manager, matrix(testCase.get(field)));
    }

    public static NDArray labels(NDManager manager, JsonNode testCase) {
        JsonNode labels = testCase.get("labels");
        long[] values = new long[labels.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels.get(i).asLong();
        }
        return OwnedArrays.of(manager, values);
    }

    public static void assertClose(String what, double actual, double expected) {
        assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.api.Assertions.within(tolerance(expected)));
    }

    /** Normwise: every element within 1e-6 of the largest expected magnitude. */
    public static void assertClose(String what, double[] actual, JsonNode expectedRows) {
        double[] expected = flatten(expectedRows);
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i])
                    .as("%s element %d", what, i)
                    .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(tolerance(scale)));
        }
    }

    private static double tolerance(double magnitude) {
        return RELATIVE * Math.max(Math.abs(magnitude), 1e-12);
    }

    public static double[] flatten(JsonNode node) {
        if (!node.isArray()) {
            return new double[] {node.asDouble()};
        }
        List<Double> values = new ArrayList<>();
        node.forEach(row -> {
            for (double value : flatten(row)) {
                values.add(value);
            }
        });
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
