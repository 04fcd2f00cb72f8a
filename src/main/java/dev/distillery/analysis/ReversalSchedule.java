package dev.distillery.analysis;

import dev.distillery.methods.CurriculumTemperatureDistillation;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;

/**
 * ctkd's gradient-reversal factor of an epoch, for reporting next to its loss (the loss itself does not depend on it;
 * only the gradient T receives does), as issue #11 defines it:
 *
 * <pre>
 *   λ = ((cos(i·π/decayLoops) + 1) / 2) · (decayMax − decayMin) + decayMin,   i = clamp(epoch, 0, decayLoops)
 * </pre>
 */
final class ReversalSchedule {

    private ReversalSchedule() {}

    /** λ of {@code epoch} for ctkd under {@code settings} (which hold every parameter); null for other methods. */
    static Double lambda(DistillationMethod method, LossSettings settings, int epoch) {
        if (!CurriculumTemperatureDistillation.NAME.equals(method.name())) {
            return null;
        }
        double max = settings.params().get("decayMax");
        double min = settings.params().get("decayMin");
        double loops = settings.params().get("decayLoops");
        double i = Math.max(0, Math.min(epoch, loops));
        return (Math.cos(i * Math.PI / loops) + 1) / 2 * (max - min) + min;
    }
}
