package dev.distillery.comparison;

import dev.distillery.experiments.spec.ExperimentSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A spec as flat dotted paths to leaf values ({@code lossWeights.kd → 9.0}), and what differs among specs. */
@Component
class SpecFields {

    private final JsonMapper json;

    SpecFields(JsonMapper json) {
        this.json = json;
    }

    Map<String, Object> flatten(ExperimentSpec spec) {
        Map<String, Object> fields = new LinkedHashMap<>();
        flatten("", json.valueToTree(spec), fields);
        return fields;
    }

    /** Path → each spec's value (null when absent), for the paths whose values are not all equal. */
    Map<String, List<Object>> differences(List<Map<String, Object>> specs) {
        Set<String> paths = new LinkedHashSet<>();
        specs.forEach(spec -> paths.addAll(spec.keySet()));
        Map<String, List<Object>> diff = new LinkedHashMap<>();
        for (String path : paths) {
            List<Object> values = new ArrayList<>();
            specs.forEach(spec -> values.add(spec.get(path)));
            if (values.stream().distinct().count() > 1) {
                diff.put(path, values);
            }
        }
        return diff;
    }

    private void flatten(String prefix, JsonNode node, Map<String, Object> fields) {
        if (node.isObject()) {
            node.properties()
                    .forEach(e ->
                            flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), fields));
        } else if (!node.isNull()) {
            fields.put(prefix, leaf(node));
        }
    }

    private Object leaf(JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isString() ? node.stringValue() : Objects.toString(json.treeToValue(node, Object.class));
    }
}
