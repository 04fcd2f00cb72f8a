package dev.distillery.experiments.spec;

import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.spec.ExperimentSpec.LossWeights;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodParameter;
import dev.distillery.methods.MethodRecipe;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Fills in every default of a spec so the stored spec is explicit. τ and the loss weights come from
 * the method (for kd the paper's code: τ 4, λ_CE 0.1, λ_KD 0.9, or τ 2, 0.1, 9 with zscore). Absent
 * training fields follow the paper's reference code for the spec's dataset and student
 * ({@link PaperRecipe}): SGD, momentum 0.9, weight decay 5e-4, batch 64, 240 epochs, lr ×0.1 at
 * 150/180/210; lr 0.01 for MobileNetV2 and ShuffleNetV1/V2 students and 0.05 for all others; random
 * crop (padding 4) and horizontal flip for CIFAR-10/100, no augmentation for the 28×28 datasets and
 * {@code synthetic}. A method's own recipe (e.g. mlkd: 480 epochs, lr 0.025, augmented) wins over that
 * rule, and the spec's own values win over both. A teacher trained here inherits the student's resolved
 * training settings unless its own are given.
 */
public final class SpecDefaults {

    /** The recipe of a student other than MobileNetV2/ShuffleNet on a dataset that is not CIFAR (no augmentation). */
    public static final TrainingSpec TRAINING =
            new TrainingSpec(240, 64, "sgd", 0.05, 0.9, 5e-4, List.of(150, 180, 210), 0.1, false, null);

    static final String CHECKPOINT = "best";
    static final String ANY_DEVICE = "any";
    /** The most experiments one submission may repeat a spec into (seeds seed … seed + repeats - 1). */
    static final int MAX_REPEATS = 10;

    public static final String GPU = "gpu";

    /** What resolving needs to know beyond the spec itself. */
    public interface Context {
        LossSettings methodDefaults(String method, boolean zscore);

        List<MethodParameter> methodParameters(String method);

        /** The training settings of the method's reference configuration that differ from {@link #TRAINING}. */
        MethodRecipe methodRecipe(String method);

        String defaultDatasetPath(String dataset);

        /** The student architecture of the experiment with this id, if it exists. */
        java.util.Optional<String> experimentArchitecture(java.util.UUID experimentId);

        /** The architecture ({@code torchscript} for a TorchScript module) of the imported model, if it exists. */
        default java.util.Optional<String> modelArchitecture(java.util.UUID modelId) {
            return java.util.Optional.empty();
        }
    }

    private SpecDefaults() {}

    /** @param spec a spec whose method is known */
    public static ExperimentSpec resolve(ExperimentSpec spec, Context context, RandomGenerator seeds) {
        boolean zscore = Boolean.TRUE.equals(spec.zscore());
        LossSettings defaults = context.methodDefaults(spec.method(), zscore);
        LossWeights given = spec.lossWeights();
        TrainingSpec training = training(
                spec.training(),
                recipe(
                        context.methodRecipe(spec.method()),
                        spec.dataset().name(),
                        spec.student().architecture()));
        return new ExperimentSpec(
                spec.name() != null ? spec.name() : defaultName(spec),
                spec.method(),
                teacher(spec.teacher(), training, context),
                spec.student(),
                dataset(spec.dataset(), context),
                or(spec.temperature(), defaults.temperature()),
                zscore,
                new LossWeights(
                        or(given == null ? null : given.ce(), defaults.ceWeight()),
                        or(given == null ? null : given.kd(), defaults.kdWeight())),
                training,
                methodParams(spec.methodParams(), context.methodParameters(spec.method())),
                spec.seed() != null ? spec.seed() : (long) seeds.nextInt(Integer.MAX_VALUE - MAX_REPEATS),
                or(spec.priority(), 0),
                or(spec.device(), ANY_DEVICE),
                spec.tags() == null ? Map.of() : new TreeMap<>(spec.tags()),
                null,
                expectations(spec.expect()));
    }

    private static ExperimentSpec.Expectations expectations(ExperimentSpec.Expectations expect) {
        if (expect == null || expect.minDeltaVsExperiment() == null) {
            return expect;
        }
        ExperimentSpec.DeltaExpectation delta = expect.minDeltaVsExperiment();
        return new ExperimentSpec.Expectations(
                expect.minBestTestTop1(),
                new ExperimentSpec.DeltaExpectation(
                        delta.experimentId(), or(delta.metric(), "bestTestTop1"), delta.min()));
    }

    private static String defaultName(ExperimentSpec spec) {
        return spec.method() + " " + spec.student().architecture() + " on "
                + spec.dataset().name();
    }

    private static TeacherSpec teacher(TeacherSpec teacher, TrainingSpec studentTraining, Context context) {
        if (teacher == null) {
            return null;
        }
        if (teacher.modelId() != null) {
            String architecture = teacher.architecture() != null
                    ? teacher.architecture()
                    : context.modelArchitecture(teacher.modelId()).orElse(null);
            return new TeacherSpec(
                    architecture, teacher.experimentId(), teacher.checkpoint(), teacher.training(), teacher.modelId());
        }
        if (teacher.experimentId() == null) {
            return new TeacherSpec(
                    teacher.architecture(), null, teacher.checkpoint(), training(teacher.training(), studentTraining));
        }
        String architecture = teacher.architecture() != null
                ? teacher.architecture()
                : context.experimentArchitecture(teacher.experimentId()).orElse(null);
        return new TeacherSpec(
                architecture, teacher.experimentId(), or(teacher.checkpoint(), CHECKPOINT), teacher.training());
    }

    private static Map<String, Double> methodParams(Map<String, Double> given, List<MethodParameter> declared) {
        Map<String, Double> resolved = new TreeMap<>(given == null ? Map.of() : given);
        declared.forEach(parameter -> resolved.putIfAbsent(parameter.name(), parameter.defaultValue()));
        return resolved;
    }

    private static DatasetSpec dataset(DatasetSpec dataset, Context context) {
        String path = dataset.path() != null ? dataset.path() : context.defaultDatasetPath(dataset.name());
        return new DatasetSpec(
                dataset.name(), path, dataset.trainLimit(), dataset.testLimit(), dataset.imageSize(), null);
    }

    /** The paper's recipe for this dataset and student, with the method's own settings winning. */
    static TrainingSpec recipe(MethodRecipe recipe, String dataset, String student) {
        return PaperRecipe.of(recipe, dataset, student);
    }

    /** {@code given} with its absent fields taken from {@code base}. */
    static TrainingSpec training(TrainingSpec given, TrainingSpec base) {
        if (given == null) {
            return base;
        }
        return new TrainingSpec(
                or(given.epochs(), base.epochs()),
                or(given.batchSize(), base.batchSize()),
                or(given.optimizer(), base.optimizer()),
                or(given.learningRate(), base.learningRate()),
                or(given.momentum(), base.momentum()),
                or(given.weightDecay(), base.weightDecay()),
                given.lrDecayEpochs() != null ? List.copyOf(given.lrDecayEpochs()) : base.lrDecayEpochs(),
                or(given.lrDecayRate(), base.lrDecayRate()),
                or(given.augment(), base.augment()),
                given.maxMinutes() != null ? given.maxMinutes() : base.maxMinutes());
    }

    private static <T> T or(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
