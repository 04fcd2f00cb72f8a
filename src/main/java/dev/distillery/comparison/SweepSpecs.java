package dev.distillery.comparison;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The spec of one grid cell: the base spec with the cell's values set at their paths, validated. */
@Component
class SweepSpecs {

    private final JsonMapper json;
    private final Validator validator;

    SweepSpecs(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    ExperimentSpec cell(ExperimentSpec base, Map<String, Object> values, int repeats) {
        ObjectNode tree = json.valueToTree(base);
        values.forEach((path, value) -> set(tree, path, json.valueToTree(value)));
        tree.put("repeats", repeats);
        ExperimentSpec spec = read(tree, values);
        Set<ConstraintViolation<ExperimentSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.stream()
                    .map(v -> new FieldViolation("grid." + v.getPropertyPath(), v.getMessage()))
                    .toList());
        }
        return spec;
    }

    private ExperimentSpec read(ObjectNode tree, Map<String, Object> values) {
        try {
            return json.treeToValue(tree, ExperimentSpec.class);
        } catch (JacksonException wrongType) {
            throw new InvalidRequestException(
                    "grid",
                    "a value of " + List.copyOf(values.keySet()) + " does not fit its field: "
                            + wrongType.getOriginalMessage());
        }
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = node.get(segments[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(segments[i]);
        }
        node.set(segments[segments.length - 1], value);
    }
}
