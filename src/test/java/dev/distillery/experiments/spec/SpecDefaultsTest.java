package dev.distillery.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.spec.ExperimentSpec.DeltaExpectation;
import dev.distillery.experiments.spec.ExperimentSpec.Expectations;
import dev.distillery.experiments.spec.ExperimentSpec.LossWeights;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.methods.MethodParameter;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every default a spec gets, as the README's spec table and the paper state them: τ and loss weights per method,
 * dkd's parameters, the CIFAR training recipe, dataset directories, names, seeds, teachers and gates.
 */
class SpecDefaultsTest {

    private static final Map<String, Double> DKD_PARAMS = Map.of("alpha", 1.0, "beta", 8.0, "warmupEpochs", 20.0);
    private static final MethodRegistry METHODS = new MethodRegistry();
    private static final DatasetCatalog DATASETS = new DatasetCatalog();

    private final Map<UUID, String> experimentArchitectures = new HashMap<>();
    private final SpecDefaults.Context context = new SpecDefaults.Context() {
        @Override
        public LossSettings methodDefaults(String method, boolean zscore) {
            return METHODS.find(method).orElseThrow().defaults(zscore);
        }

        @Override
        public List<MethodParameter> methodParameters(String method) {
            return METHODS.find(method).map(DistillationMethod::parameters).orElseThrow();
        }

        @Override
        public dev.distillery.methods.MethodRecipe methodRecipe(String method) {
            return METHODS.find(method).orElseThrow().recipe();
        }

        @Override
        public String defaultDatasetPath(String dataset) {
            return DATASETS.find(dataset).map(DatasetInfo::defaultPath).orElse(null);
        }

        @Override
        public Optional<String> experimentArchitecture(UUID experimentId) {
            return Optional.ofNullable(experimentArchitectures.get(experimentId));
        }
    };

    private ExperimentSpec resolve(Specs spec) {
        return SpecDefaults.resolve(spec.build(), context, new SplittableRandom(7));
    }

    @ParameterizedTest(name = "{0} zscore={1}: τ {2}, λ_CE {3}, λ_KD {4}")
    @CsvSource({
        "ce,  false, 4, 1,   0",
        "ce,  true,  4, 1,   0",
        "kd,  false, 4, 0.1, 0.9",
        "kd,  true,  2, 0.1, 9",
        "dkd, false, 4, 1,   1",
        "dkd, true,  4, 1,   1",
        "ctkd, false, 4, 0.1, 9",
        "ctkd, true,  4, 0.1, 9",
        "mlkd, false, 4, 0.1, 0.9",
        "mlkd, true,  2, 0.1, 9"
    })
    void temperatureAndLossWeightsAreTheMethods(String method, boolean zscore, double tau, double ce, double kd) {
        ExperimentSpec resolved =
                resolve(Specs.of(method, "resnet8x4", "cifar100").zscore(zscore ? true : null));

        assertThat(resolved.temperature()).isEqualTo(tau);
        assertThat(resolved.zscore()).isEqualTo(zscore);
        assertThat(resolved.lossWeights()).isEqualTo(new LossWeights(ce, kd));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ce, false", "kd, false", "dkd, true"})
    void onlyDkdGetsMethodParametersAlpha1Beta8Warmup20(String method, boolean hasParams) {
        assertThat(resolve(Specs.of(method, "resnet8x4", "cifar100")).methodParams())
                .isEqualTo(hasParams ? DKD_PARAMS : Map.of());
    }

    @Test
    void ctkdGetsTheReferenceScheduleParameters() {
        assertThat(resolve(Specs.of("ctkd", "resnet8x4", "cifar100")).methodParams())
                .isEqualTo(Map.of("tStart", 1.0, "tEnd", 20.0, "decayMax", 0.0, "decayMin", -1.0, "decayLoops", 10.0));
    }

    /** configs/cifar100/mlkd/*.yaml: 480 epochs, lr 0.025, decay 150/180/210, wd 5e-4, batch 64; the weak view is augmented. */
    @Test
    void mlkdGetsItsReferenceRecipeAndGivenTrainingFieldsStillWin() {
        ExperimentSpec resolved = resolve(Specs.of("mlkd", "resnet8x4", "cifar100"));
        assertThat(resolved.training())
                .isEqualTo(new TrainingSpec(480, 64, "sgd", 0.025, 0.9, 5e-4, List.of(150, 180, 210), 0.1, true, null));
        ExperimentSpec given = resolve(Specs.of("mlkd", "resnet8x4", "cifar100")
                .training(new TrainingSpec(3, null, null, 0.01, null, null, null, null, null, null)));
        assertThat(given.training().epochs()).isEqualTo(3);
        assertThat(given.training().learningRate()).isEqualTo(0.01);
        assertThat(given.training().augment()).isTrue();
    }

    @Test
    void aGivenDkdParameterKeepsTheOthersDefaultsAndUnknownOnesAreLeftForTheRules() {
        ExperimentSpec resolved =
                resolve(Specs.of("dkd", "resnet8x4", "cifar100").methodParams(Map.of("beta", 2.0, "gamma", 3.0)));

        assertThat(resolved.methodParams())
                .isEqualTo(Map.of("alpha", 1.0, "beta", 2.0, "warmupEpochs", 20.0, "gamma", 3.0));
    }

    /**
     * The README's recipe rule, per dataset and student family: lr 0.01 for MobileNetV2 and ShuffleNetV1/V2, 0.05
     * otherwise; random crop (pad 4) and flip for CIFAR-10/100 only; 240 epochs, batch 64, ×0.1 at 150/180/210.
     */
    @ParameterizedTest(name = "{0} student on {1}: lr {2}, augment {3}")
    @CsvSource({
        "mlp,          synthetic,     0.05, false",
        "lenet5,       mnist,         0.05, false",
        "lenet5,       fashion-mnist, 0.05, false",
        "mlp,          cifar10,       0.05, true",
        "resnet8x4,    cifar100,      0.05, true",
        "resnet32x4,   cifar10,       0.05, true",
        "resnet56,     cifar100,      0.05, true",
        "wrn_40_2,     cifar100,      0.05, true",
        "vgg8,         cifar100,      0.05, true",
        "vgg13,        fashion-mnist, 0.05, false",
        "mobilenetv2,  cifar100,      0.01, true",
        "mobilenetv2,  mnist,         0.01, false",
        "shufflenetv1, cifar100,      0.01, true",
        "shufflenetv1, synthetic,     0.01, false",
        "shufflenetv2, cifar10,       0.01, true",
        "shufflenetv2, fashion-mnist, 0.01, false"
    })
    void eachDatasetAndStudentFamilyGetsThePapersRecipe(
            String student, String dataset, double learningRate, boolean augment) {
        ExperimentSpec resolved =
                resolve(Specs.of("kd", student, dataset).teacher(new TeacherSpec("resnet32x4", null, null, null)));

        TrainingSpec expected =
                new TrainingSpec(240, 64, "sgd", learningRate, 0.9, 5e-4, List.of(150, 180, 210), 0.1, augment, null);
        assertThat(resolved.training()).isEqualTo(expected);
        assertThat(resolved.teacher().training())
                .as("a teacher trained here inherits the student's resolved recipe")
                .isEqualTo(expected);
        assertThat(resolved.name()).isEqualTo("kd " + student + " on " + dataset);
    }

    /** A method's recipe (mlkd: 480 epochs, lr 0.025, augmented) wins over the dataset and student rule. */
    @ParameterizedTest(name = "mlkd {0} on {1}")
    @CsvSource({"mobilenetv2, mnist", "lenet5, synthetic", "shufflenetv2, cifar10"})
    void aMethodsRecipeWinsOverTheDatasetAndStudentRule(String student, String dataset) {
        ExperimentSpec resolved = resolve(Specs.of("mlkd", student, dataset));

        assertThat(resolved.training())
                .isEqualTo(new TrainingSpec(480, 64, "sgd", 0.025, 0.9, 5e-4, List.of(150, 180, 210), 0.1, true, null));
    }

    @Test
    void givenTrainingFieldsWinOverTheRule() {
        ExperimentSpec resolved = resolve(Specs.of("ce", "mobilenetv2", "cifar100")
                .training(new TrainingSpec(null, null, null, 0.2, null, null, null, null, false, null)));

        assertThat(resolved.training())
                .isEqualTo(new TrainingSpec(240, 64, "sgd", 0.2, 0.9, 5e-4, List.of(150, 180, 210), 0.1, false, null));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "synthetic,     none",
                "mnist,         /usr/share/datasets/mnist",
                "fashion-mnist, /usr/share/datasets/fashion-mnist",
                "cifar10,       ~/.distillery/datasets/cifar-10-batches-bin",
                "cifar100,      ~/.distillery/datasets/cifar-100-binary"
            })
    void eachDatasetGetsItsDefaultDirectoryAndKeepsItsLimits(String dataset, String readmePath) {
        String expected = readmePath == null
                ? null
                : readmePath.replace(
                        "~", Path.of(System.getProperty("user.home")).toString());

        ExperimentSpec resolved =
                resolve(Specs.of("ce", "lenet5", dataset).dataset(new DatasetSpec(dataset, null, 500, 100)));

        assertThat(resolved.dataset()).isEqualTo(new DatasetSpec(dataset, expected, 500, 100));
        assertThat(resolved.name()).isEqualTo("ce lenet5 on " + dataset);
    }

    @Test
    void aGivenDatasetPathIsKept() {
        assertThat(resolve(Specs.of("ce", "mlp", "mnist").dataset(new DatasetSpec("mnist", "/data/m", null, null)))
                        .dataset()
                        .path())
                .isEqualTo("/data/m");
    }

    @Test
    void givenValuesWinOverDefaultsFieldByField() {
        ExperimentSpec resolved = resolve(Specs.of("kd", "lenet5", "mnist")
                .name("mine")
                .temperature(3.0)
                .zscore(true)
                .lossWeights(new LossWeights(0.5, null))
                .seed(11L)
                .priority(-5)
                .device("gpu")
                .training(new TrainingSpec(5, null, "adam", 0.01, null, null, List.of(), null, true, 30)));

        assertThat(resolved.name()).isEqualTo("mine");
        assertThat(resolved.temperature()).isEqualTo(3.0);
        assertThat(resolved.lossWeights()).isEqualTo(new LossWeights(0.5, 9.0));
        assertThat(resolved.seed()).isEqualTo(11L);
        assertThat(resolved.priority()).isEqualTo(-5);
        assertThat(resolved.device()).isEqualTo("gpu");
        assertThat(resolved.training())
                .isEqualTo(new TrainingSpec(5, 64, "adam", 0.01, 0.9, 5e-4, List.of(), 0.1, true, 30));
    }

    @Test
    void priorityDeviceTagsAndZscoreHaveTheirDefaultsAndRepeatsAreNotStored() {
        ExperimentSpec resolved = resolve(Specs.of("ce", "mlp", "synthetic").repeats(3));

        assertThat(resolved.priority()).isZero();
        assertThat(resolved.device()).isEqualTo("any");
        assertThat(resolved.tags()).isEmpty();
        assertThat(resolved.zscore()).isFalse();
        assertThat(resolved.repeats()).isNull();
        assertThat(resolved.teacher()).isNull();
        assertThat(resolved.expect()).isNull();
    }

    @Test
    void tagsAreStoredSortedByKey() {
        ExperimentSpec resolved =
                resolve(Specs.of("ce", "mlp", "synthetic").tags(Map.of("b", "2", "a", "1", "c", "3")));

        assertThat(resolved.tags().keySet()).containsExactly("a", "b", "c");
    }

    @Test
    void aDrawnSeedIsNonNegativeAndLeavesRoomForTenRepeats() {
        RandomGenerator highest = fixedDraw(true);
        RandomGenerator lowest = fixedDraw(false);
        Specs spec = Specs.of("ce", "mlp", "synthetic");

        long high = SpecDefaults.resolve(spec.build(), context, highest).seed();
        long low = SpecDefaults.resolve(spec.build(), context, lowest).seed();

        assertThat(high + 9).isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(high).isGreaterThan(Integer.MAX_VALUE - 100L);
        assertThat(low).isZero();
        assertThat(resolve(spec.seed(0L)).seed()).isZero();
    }

    @Test
    void aTeacherTrainedHereInheritsTheStudentsTrainingUnlessItGivesItsOwn() {
        TrainingSpec studentTraining = new TrainingSpec(5, null, null, 0.01, null, null, null, null, null, null);
        TrainingSpec teacherTraining = new TrainingSpec(30, 128, null, null, null, null, null, null, null, null);

        ExperimentSpec inherits = resolve(Specs.of("dkd", "lenet5", "mnist")
                .training(studentTraining)
                .teacher(new TeacherSpec("resnet8x4", null, null, null)));
        ExperimentSpec own = resolve(Specs.of("dkd", "lenet5", "mnist")
                .training(studentTraining)
                .teacher(new TeacherSpec("resnet8x4", null, null, teacherTraining)));

        TrainingSpec student =
                new TrainingSpec(5, 64, "sgd", 0.01, 0.9, 5e-4, List.of(150, 180, 210), 0.1, false, null);
        assertThat(inherits.training()).isEqualTo(student);
        assertThat(inherits.teacher()).isEqualTo(new TeacherSpec("resnet8x4", null, null, student));
        assertThat(own.teacher().training())
                .isEqualTo(new TrainingSpec(30, 128, "sgd", 0.01, 0.9, 5e-4, List.of(150, 180, 210), 0.1, false, null));
    }

    @Test
    void aTeacherExperimentDefaultsToItsBestCheckpointAndTheArchitectureItTrained() {
        UUID teacher = UUID.randomUUID();
        experimentArchitectures.put(teacher, "resnet32x4");

        ExperimentSpec byId =
                resolve(Specs.of("kd", "resnet8x4", "cifar100").teacher(new TeacherSpec(null, teacher, null, null)));
        ExperimentSpec last =
                resolve(Specs.of("kd", "resnet8x4", "cifar100").teacher(new TeacherSpec(null, teacher, "last", null)));
        ExperimentSpec unknown = resolve(
                Specs.of("kd", "resnet8x4", "cifar100").teacher(new TeacherSpec(null, UUID.randomUUID(), null, null)));

        assertThat(byId.teacher()).isEqualTo(new TeacherSpec("resnet32x4", teacher, "best", null));
        assertThat(last.teacher().checkpoint()).isEqualTo("last");
        assertThat(unknown.teacher().architecture())
                .as("left for the rules to refuse")
                .isNull();
    }

    @Test
    void aDeltaGateComparesBestTestTop1UnlessItNamesAnotherMetric() {
        UUID reference = UUID.randomUUID();

        Expectations unnamed = resolve(Specs.of("ce", "mlp", "synthetic")
                        .expect(new Expectations(0.5, new DeltaExpectation(reference, null, 0.01))))
                .expect();
        Expectations named = resolve(Specs.of("ce", "mlp", "synthetic")
                        .expect(new Expectations(null, new DeltaExpectation(reference, "lastTestTop1", 0.0))))
                .expect();
        Expectations noDelta = resolve(Specs.of("ce", "mlp", "synthetic").expect(new Expectations(0.7, null)))
                .expect();

        assertThat(unnamed).isEqualTo(new Expectations(0.5, new DeltaExpectation(reference, "bestTestTop1", 0.01)));
        assertThat(named.minDeltaVsExperiment().metric()).isEqualTo("lastTestTop1");
        assertThat(noDelta).isEqualTo(new Expectations(0.7, null));
    }

    /** A generator that always draws the highest (or lowest) value below the bound it is asked for. */
    private static RandomGenerator fixedDraw(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("an unbounded draw has no highest value");
            }

            @Override
            public int nextInt(int bound) {
                return highest ? bound - 1 : 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }
}
