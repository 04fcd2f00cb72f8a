package dev.distillery.analysis;

import java.util.Map;

/**
 * The loss of one step of a method on given logits, in float64, with the settings it was computed under.
 *
 * @param method       the method's name
 * @param zscore       whether logits were standardized
 * @param epoch        the epoch the schedules were evaluated at
 * @param temperature  the temperature used: ctkd's learned τ from its T, the base τ of a method that reads one,
 *                     null for a method that uses none (ce)
 * @param lambda       ctkd's gradient-reversal factor λ at this epoch; null for other methods
 * @param ceWeight     λ_CE used, null when the method does not read it
 * @param kdWeight     λ_KD used, null when the method does not read it
 * @param methodParams every parameter of the method with the value used
 * @param terms        the method's named, weighted loss terms in its order; they sum to {@code total}
 * @param total        the loss a training step would back-propagate
 */
public record LossReport(
        String method,
        boolean zscore,
        int epoch,
        Double temperature,
        Double lambda,
        Double ceWeight,
        Double kdWeight,
        Map<String, Double> methodParams,
        Map<String, Double> terms,
        double total) {

    public LossReport {
        methodParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(methodParams));
        terms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(terms));
    }
}
