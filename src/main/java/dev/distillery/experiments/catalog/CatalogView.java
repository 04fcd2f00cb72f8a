package dev.distillery.experiments.catalog;

import dev.distillery.experiments.spec.TrainingSpec;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodParameter;
import dev.distillery.training.ArchitectureInfo;
import dev.distillery.training.DatasetInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Everything a spec may name, and the defaults a submission gets. */
public record CatalogView(
        List<ArchitectureInfo> architectures,
        List<DatasetInfo> datasets,
        List<MethodInfo> methods,
        @Schema(
                        description = "the recipe of a student other than mobilenetv2/shufflenetv1/shufflenetv2 on a"
                                + " dataset other than CIFAR; on cifar10/cifar100 augment is on, those three students"
                                + " get lr 0.01, and a method's own recipe (mlkd) wins")
                TrainingSpec trainingDefaults) {

    /**
     * A distillation method: whether it needs a teacher, its τ and loss weights without and with
     * zscore, and its own parameters.
     */
    public record MethodInfo(
            String name,
            String description,
            boolean needsTeacher,
            LossSettings defaults,
            LossSettings zscoreDefaults,
            List<MethodParameter> parameters) {}
}
