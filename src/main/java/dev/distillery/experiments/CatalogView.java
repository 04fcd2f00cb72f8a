package dev.distillery.experiments;

import dev.distillery.experiments.ExperimentSpec.LossWeights;
import dev.distillery.training.ArchitectureInfo;
import dev.distillery.training.DatasetInfo;
import java.util.List;

/** Everything a spec may name, and the defaults a submission gets. */
public record CatalogView(List<ArchitectureInfo> architectures, List<DatasetInfo> datasets, List<MethodInfo> methods,
        Defaults defaults) {

    /** A distillation method and whether it needs a teacher. */
    public record MethodInfo(String name, String description, boolean needsTeacher) {
    }

    /** Spec defaults: the classic-KD and the logit-standardization sets, and the training settings. */
    public record Defaults(LogitDefaults classic, LogitDefaults zscore, LossWeights labelsOnly,
            TrainingSpec training) {
    }

    /** τ and loss weights of one of the two default sets. */
    public record LogitDefaults(double temperature, LossWeights lossWeights) {
    }
}
