package dev.distillery.experiments.spec;

import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.models.ModelRegistry;
import dev.distillery.models.ModelSummary;
import dev.distillery.shared.FieldViolation;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Imported models used as teachers: whether one fits a new spec's dataset. */
@Component
public class TeacherModels {

    private final ModelRegistry registry;
    private final DatasetCatalog datasets;

    TeacherModels(ModelRegistry registry, DatasetCatalog datasets) {
        this.registry = registry;
        this.datasets = datasets;
    }

    public Optional<String> architecture(UUID modelId) {
        return registry.find(modelId).map(ModelSummary::architecture);
    }

    /** Why the model cannot teach on {@code dataset}: unknown, another input shape or class count, extra fields. */
    public List<FieldViolation> problems(TeacherSpec teacher, DatasetSpec dataset) {
        Optional<ModelSummary> found = registry.find(teacher.modelId());
        if (found.isEmpty()) {
            return List.of(new FieldViolation("teacher.modelId", "no model " + teacher.modelId()));
        }
        ModelSummary model = found.get();
        List<FieldViolation> violations = new ArrayList<>();
        if (teacher.experimentId() != null || teacher.checkpoint() != null || teacher.training() != null) {
            violations.add(new FieldViolation(
                    "teacher",
                    "an imported model is the whole teacher: leave experimentId, checkpoint and training out"));
        }
        if (teacher.architecture() != null && !teacher.architecture().equals(model.architecture())) {
            violations.add(new FieldViolation(
                    "teacher.architecture", "model " + model.id() + " is a '" + model.architecture() + "'"));
        }
        Optional<DatasetInfo> info = datasets.find(dataset.name());
        if (info.isPresent()
                && (!info.get().inputShape().equals(model.inputShape())
                        || info.get().classes() != model.classes())) {
            violations.add(new FieldViolation(
                    "teacher.modelId",
                    "model " + model.id() + " takes " + model.inputShape() + " inputs and gives " + model.classes()
                            + " classes; " + dataset.name() + " has "
                            + info.get().inputShape() + " and "
                            + info.get().classes()));
        }
        return violations;
    }
}
