package dev.distillery.methods;

/**
 * The hyperparameters a logit-based loss reads.
 *
 * @param temperature base temperature τ (&gt; 0)
 * @param zscore      whether logits are z-scored per sample before dividing by τ (logit standardization)
 * @param ceWeight    λ_CE, weight of the cross-entropy term on the labels
 * @param kdWeight    λ_KD, weight of the distillation term
 */
public record LossSettings(double temperature, boolean zscore, double ceWeight, double kdWeight) {

    public LossSettings {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive finite number, was " + temperature);
        }
    }
}
