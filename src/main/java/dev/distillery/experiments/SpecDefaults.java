package dev.distillery.experiments;

import dev.distillery.experiments.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.ExperimentSpec.LossWeights;
import dev.distillery.experiments.ExperimentSpec.TeacherSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Fills in every default of a spec so the stored spec is explicit. Defaults follow the logit
 * standardization paper's code: τ 4, λ_CE 0.1, λ_KD 0.9 for classic KD; τ 2, λ_CE 0.1, λ_KD 9 with
 * zscore; SGD 0.05, momentum 0.9, weight decay 5e-4, batch 64, 240 epochs, lr ×0.1 at 150/180/210.
 */
final class SpecDefaults {

    static final double TEMPERATURE = 4.0;
    static final double ZSCORE_TEMPERATURE = 2.0;
    static final LossWeights WEIGHTS = new LossWeights(0.1, 0.9);
    static final LossWeights ZSCORE_WEIGHTS = new LossWeights(0.1, 9.0);
    static final LossWeights LABELS_ONLY_WEIGHTS = new LossWeights(1.0, 0.0);
    static final TrainingSpec TRAINING = new TrainingSpec(240, 64, "sgd", 0.05, 0.9, 5e-4,
            List.of(150, 180, 210), 0.1, false);
    static final String CHECKPOINT = "best";

    private SpecDefaults() {
    }

    /**
     * @param datasetPaths the default directory of each dataset (null for datasets without files)
     */
    static ExperimentSpec resolve(ExperimentSpec spec, Function<String, String> datasetPaths,
            RandomGenerator seeds) {
        boolean zscore = Boolean.TRUE.equals(spec.zscore());
        boolean labelsOnly = spec.teacher() == null;
        LossWeights weights = labelsOnly ? LABELS_ONLY_WEIGHTS : zscore ? ZSCORE_WEIGHTS : WEIGHTS;
        LossWeights given = spec.lossWeights();
        return new ExperimentSpec(
                spec.name() != null ? spec.name() : defaultName(spec),
                spec.method(),
                teacher(spec.teacher()),
                spec.student(),
                dataset(spec.dataset(), datasetPaths),
                or(spec.temperature(), zscore ? ZSCORE_TEMPERATURE : TEMPERATURE),
                zscore,
                given == null ? weights : new LossWeights(or(given.ce(), weights.ce()), or(given.kd(), weights.kd())),
                training(spec.training()),
                spec.seed() != null ? spec.seed() : (long) seeds.nextInt(Integer.MAX_VALUE),
                or(spec.priority(), 0),
                spec.tags() == null ? Map.of() : new TreeMap<>(spec.tags()));
    }

    private static String defaultName(ExperimentSpec spec) {
        return spec.method() + " " + spec.student().architecture() + " on " + spec.dataset().name();
    }

    private static TeacherSpec teacher(TeacherSpec teacher) {
        if (teacher == null || teacher.experimentId() == null) {
            return teacher;
        }
        return new TeacherSpec(null, teacher.experimentId(), or(teacher.checkpoint(), CHECKPOINT));
    }

    private static DatasetSpec dataset(DatasetSpec dataset, Function<String, String> datasetPaths) {
        String path = dataset.path() != null ? dataset.path() : datasetPaths.apply(dataset.name());
        return new DatasetSpec(dataset.name(), path, dataset.trainLimit(), dataset.testLimit());
    }

    private static TrainingSpec training(TrainingSpec given) {
        TrainingSpec d = TRAINING;
        if (given == null) {
            return d;
        }
        return new TrainingSpec(
                or(given.epochs(), d.epochs()),
                or(given.batchSize(), d.batchSize()),
                or(given.optimizer(), d.optimizer()),
                or(given.learningRate(), d.learningRate()),
                or(given.momentum(), d.momentum()),
                or(given.weightDecay(), d.weightDecay()),
                given.lrDecayEpochs() != null ? List.copyOf(given.lrDecayEpochs()) : d.lrDecayEpochs(),
                or(given.lrDecayRate(), d.lrDecayRate()),
                or(given.augment(), d.augment()));
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
