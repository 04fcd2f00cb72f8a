package dev.distillery.experiments.spec;

import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.TrainingPlan;
import java.nio.file.Path;
import java.util.Map;

/** Turns a resolved spec into the trainer's plan. */
public final class TrainingPlans {

    private static final String LABELS_ONLY = "ce";

    private TrainingPlans() {}

    /**
     * @param teacherParameters the teacher experiment's checkpoint file; null when the teacher is trained here
     * @param resumeState the training state of an earlier attempt to continue from; null to start from scratch
     */
    public static TrainingPlan of(ExperimentSpec spec, Path teacherParameters, Path resumeState) {
        TeacherSpec teacher = spec.teacher();
        TrainingPlan teacherPlan = teacher == null || teacherParameters != null
                ? null
                : plan(LABELS_ONLY, teacher.architecture(), null, spec, teacher.training(), Map.of(), null, null, null);
        return plan(
                spec.method(),
                spec.student().architecture(),
                teacher == null ? null : teacher.architecture(),
                spec,
                spec.training(),
                spec.methodParams(),
                teacherParameters,
                teacherPlan,
                resumeState);
    }

    private static TrainingPlan plan(
            String method,
            String architecture,
            String teacherArchitecture,
            ExperimentSpec spec,
            TrainingSpec t,
            Map<String, Double> methodParams,
            Path teacherParameters,
            TrainingPlan teacherPlan,
            Path resumeState) {
        var d = spec.dataset();
        return new TrainingPlan(
                method,
                architecture,
                teacherArchitecture,
                new DatasetRef(d.name(), d.path(), d.trainLimit(), d.testLimit(), d.imageSize()),
                spec.temperature(),
                spec.zscore(),
                spec.lossWeights().ce(),
                spec.lossWeights().kd(),
                t.epochs(),
                t.batchSize(),
                t.optimizer(),
                t.learningRate(),
                t.momentum(),
                t.weightDecay(),
                t.lrDecayEpochs(),
                t.lrDecayRate(),
                t.augment(),
                spec.seed(),
                methodParams,
                teacherParameters,
                teacherPlan,
                resumeState,
                t.maxMinutes());
    }
}
