package dev.distillery.methods;

/**
 * The hyperparameters a logit-based loss reads.
 *
 * @param temperature base temperature τ (&gt; 0)
 * @param zscore      whether logits are z-scored per sample before dividing by τ (logit standardization)
 * @param ceWeight    λ_CE, weight of the cross-entropy term on the labels
 * @param kdWeight    λ_KD, weight of the distillation term
 * @param params      the method's own parameters by name (e.g. dkd's alpha, beta, warmupEpochs)
 */
public record LossSettings(
        double temperature, boolean zscore, double ceWeight, double kdWeight, java.util.Map<String, Double> params) {

    public LossSettings(double temperature, boolean zscore, double ceWeight, double kdWeight) {
        this(temperature, zscore, ceWeight, kdWeight, java.util.Map.of());
    }

    public LossSettings {
        params = params == null ? java.util.Map.of() : java.util.Map.copyOf(params);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive finite number, was " + temperature);
        }
    }
}
