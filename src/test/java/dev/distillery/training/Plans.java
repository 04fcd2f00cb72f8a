package dev.distillery.training;

import java.util.List;

/** Small training plans for tests. */
public final class Plans {

    private Plans() {}

    /** ce on the synthetic dataset with SGD; limits keep runs to seconds. */
    public static TrainingPlan ce(String architecture, int epochs, Integer trainLimit, Integer testLimit) {
        return new TrainingPlan(
                "ce",
                architecture,
                null,
                new DatasetRef("synthetic", null, trainLimit, testLimit),
                1.0,
                false,
                1.0,
                0.0,
                epochs,
                64,
                "sgd",
                0.01,
                0.9,
                5e-4,
                List.of(),
                0.1,
                false,
                42L);
    }

    /** kd with logit standardization from {@code teacher} to {@code student} on the synthetic dataset. */
    public static TrainingPlan kd(String student, String teacher, int epochs, Integer trainLimit, Integer testLimit) {
        return new TrainingPlan(
                "kd",
                student,
                teacher,
                new DatasetRef("synthetic", null, trainLimit, testLimit),
                2.0,
                true,
                0.1,
                9.0,
                epochs,
                64,
                "sgd",
                0.01,
                0.9,
                5e-4,
                List.of(),
                0.1,
                false,
                42L);
    }

    public static TrainingPlan withDataset(TrainingPlan plan, DatasetRef dataset) {
        return new TrainingPlan(
                plan.method(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                dataset,
                plan.temperature(),
                plan.zscore(),
                plan.ceWeight(),
                plan.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                plan.optimizer(),
                plan.learningRate(),
                plan.momentum(),
                plan.weightDecay(),
                plan.lrDecayEpochs(),
                plan.lrDecayRate(),
                plan.augment(),
                plan.seed());
    }

    public static TrainingPlan withOptimizer(TrainingPlan plan, String optimizer, double learningRate) {
        return new TrainingPlan(
                plan.method(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                plan.dataset(),
                plan.temperature(),
                plan.zscore(),
                plan.ceWeight(),
                plan.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                optimizer,
                learningRate,
                plan.momentum(),
                plan.weightDecay(),
                plan.lrDecayEpochs(),
                plan.lrDecayRate(),
                plan.augment(),
                plan.seed());
    }

    /** {@code plan} trained with {@code method} and its default settings for {@code zscore}. */
    public static TrainingPlan withMethod(
            TrainingPlan plan, dev.distillery.methods.DistillationMethod method, boolean zscore) {
        dev.distillery.methods.LossSettings settings = method.defaults(zscore);
        return new TrainingPlan(
                method.name(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                plan.dataset(),
                settings.temperature(),
                zscore,
                settings.ceWeight(),
                settings.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                plan.optimizer(),
                plan.learningRate(),
                plan.momentum(),
                plan.weightDecay(),
                plan.lrDecayEpochs(),
                plan.lrDecayRate(),
                plan.augment(),
                plan.seed(),
                settings.params(),
                plan.teacherParameters(),
                plan.teacherPlan(),
                plan.resumeState(),
                plan.maxMinutes());
    }

    public static TrainingPlan withAugment(TrainingPlan plan, boolean augment, List<Integer> lrDecayEpochs) {
        return new TrainingPlan(
                plan.method(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                plan.dataset(),
                plan.temperature(),
                plan.zscore(),
                plan.ceWeight(),
                plan.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                plan.optimizer(),
                plan.learningRate(),
                plan.momentum(),
                plan.weightDecay(),
                lrDecayEpochs,
                plan.lrDecayRate(),
                augment,
                plan.seed());
    }

    /** {@code plan} whose teacher is loaded from {@code teacherParameters} or, when that is null, trained with {@code teacherPlan}. */
    public static TrainingPlan withTeacher(
            TrainingPlan plan, java.nio.file.Path teacherParameters, TrainingPlan teacherPlan) {
        return new TrainingPlan(
                plan.method(),
                plan.studentArchitecture(),
                plan.teacherArchitecture(),
                plan.dataset(),
                plan.temperature(),
                plan.zscore(),
                plan.ceWeight(),
                plan.kdWeight(),
                plan.epochs(),
                plan.batchSize(),
                plan.optimizer(),
                plan.learningRate(),
                plan.momentum(),
                plan.weightDecay(),
                plan.lrDecayEpochs(),
                plan.lrDecayRate(),
                plan.augment(),
                plan.seed(),
                plan.methodParams(),
                teacherParameters,
                teacherPlan,
                null,
                null);
    }
}
