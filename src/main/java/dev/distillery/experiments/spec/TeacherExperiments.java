package dev.distillery.experiments.spec;

import dev.distillery.experiments.Experiment;
import dev.distillery.experiments.ExperimentRepository;
import dev.distillery.experiments.ExperimentStatus;
import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.shared.FieldViolation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Earlier experiments used as teachers: whether they fit a new spec. */
@Component
public class TeacherExperiments {

    private final ExperimentRepository experiments;
    private final SpecCodec codec;

    TeacherExperiments(ExperimentRepository experiments, SpecCodec codec) {
        this.experiments = experiments;
        this.codec = codec;
    }

    public Optional<String> architecture(UUID experimentId) {
        return experiments
                .findById(experimentId)
                .map(teacher -> codec.read(teacher.specJson()).student().architecture());
    }

    public List<FieldViolation> problems(TeacherSpec teacher, DatasetSpec dataset) {
        Optional<Experiment> found = experiments.findById(teacher.experimentId());
        if (found.isEmpty()) {
            return List.of(new FieldViolation("teacher.experimentId", "no experiment " + teacher.experimentId()));
        }
        Experiment experiment = found.get();
        ExperimentSpec teacherSpec = codec.read(experiment.specJson());
        if (experiment.status() == ExperimentStatus.FAILED || experiment.status() == ExperimentStatus.CANCELLED) {
            return List.of(new FieldViolation(
                    "teacher.experimentId",
                    "experiment " + experiment.id() + " ended " + experiment.status()
                            + " and has no model to teach with"));
        }
        if (!teacherSpec.dataset().name().equals(dataset.name())) {
            return List.of(new FieldViolation(
                    "teacher.experimentId",
                    "the teacher was trained on '" + teacherSpec.dataset().name() + "', this experiment uses '"
                            + dataset.name() + "'"));
        }
        if (!teacherSpec.student().architecture().equals(teacher.architecture())) {
            return List.of(new FieldViolation(
                    "teacher.architecture",
                    "experiment " + experiment.id() + " trained a '"
                            + teacherSpec.student().architecture() + "', not a '" + teacher.architecture() + "'"));
        }
        if (teacher.training() != null) {
            return List.of(new FieldViolation(
                    "teacher.training",
                    "only applies to a teacher trained inside " + "this experiment (teacher.architecture)"));
        }
        return List.of();
    }
}
