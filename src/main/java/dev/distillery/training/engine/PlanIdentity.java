package dev.distillery.training.engine;

import dev.distillery.shared.Sha256;
import dev.distillery.training.TrainingPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What determines a plan's student trajectory, as a canonical {@code key=value;} text and its SHA-256: a
 * {@link TrainingState} records both and resumes only a plan with the same identity.
 */
final class PlanIdentity {

    private PlanIdentity() {}

    /** The canonical description of what determines {@code plan}'s student trajectory (see the class comment). */
    static String of(TrainingPlan plan) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("method", plan.method());
        keys.put("studentArchitecture", plan.studentArchitecture());
        keys.put("teacherArchitecture", String.valueOf(plan.teacherArchitecture()));
        keys.put("dataset", plan.dataset() == null ? "null" : plan.dataset().name());
        keys.put(
                "trainLimit",
                plan.dataset() == null ? "null" : String.valueOf(plan.dataset().trainLimit()));
        keys.put(
                "testLimit",
                plan.dataset() == null ? "null" : String.valueOf(plan.dataset().testLimit()));
        keys.put("methodParams", new TreeMap<>(plan.methodParams()).toString());
        keys.put("temperature", Double.toString(plan.temperature()));
        keys.put("zscore", Boolean.toString(plan.zscore()));
        keys.put("ceWeight", Double.toString(plan.ceWeight()));
        keys.put("kdWeight", Double.toString(plan.kdWeight()));
        keys.put("batchSize", Integer.toString(plan.batchSize()));
        keys.put(
                "optimizer",
                plan.optimizer() == null ? "null" : plan.optimizer().toLowerCase(java.util.Locale.ROOT));
        keys.put("learningRate", Double.toString(plan.learningRate()));
        keys.put("momentum", Double.toString(plan.momentum()));
        keys.put("weightDecay", Double.toString(plan.weightDecay()));
        keys.put("lrDecayEpochs", String.valueOf(plan.lrDecayEpochs() == null ? List.of() : plan.lrDecayEpochs()));
        keys.put("lrDecayRate", Double.toString(plan.lrDecayRate()));
        keys.put("augment", Boolean.toString(plan.augment()));
        keys.put("seed", Long.toString(plan.seed()));
        StringBuilder identity = new StringBuilder();
        keys.forEach(
                (key, value) -> identity.append(key).append('=').append(value).append(';'));
        return identity.toString();
    }

    /** SHA-256 (hex) of {@link #of}. */
    static String fingerprint(TrainingPlan plan) {
        return Sha256.hex(of(plan));
    }

    /** "key: 'a' in the state, 'b' in the plan" for each key whose value differs. */
    static String differences(String stateIdentity, String planIdentity) {
        Map<String, String> state = keys(stateIdentity);
        Map<String, String> plan = keys(planIdentity);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> entry : plan.entrySet()) {
            String stored = state.get(entry.getKey());
            if (!Objects.equals(stored, entry.getValue())) {
                differences.add(
                        entry.getKey() + ": '" + stored + "' in the state, '" + entry.getValue() + "' in the plan");
            }
        }
        return differences.isEmpty() ? "fingerprint mismatch" : String.join("; ", differences);
    }

    private static Map<String, String> keys(String identity) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String pair : identity.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                keys.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return keys;
    }
}
