package dev.distillery.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.Experiments;
import dev.distillery.experiments.catalog.CatalogLookup;
import dev.distillery.experiments.spec.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.shared.FieldViolation;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of a resolved spec that need the catalogs: known architectures, a dataset whose files are there, a
 * teacher exactly when the method needs one, a strictly increasing lr schedule, declared method parameters within
 * their bounds, and a GPU only where one will come. (Teachers given by experiment: {@link SpecRulesTeacherTest}.)
 */
class SpecRulesTest {

    /** The README's student architectures. */
    static final List<String> ARCHITECTURES = List.of(
            "mlp",
            "lenet5",
            "resnet8x4",
            "resnet32x4",
            "resnet20",
            "resnet32",
            "resnet44",
            "resnet56",
            "resnet110",
            "wrn_16_2",
            "wrn_40_1",
            "wrn_40_2",
            "vgg8",
            "vgg13",
            "mobilenetv2",
            "shufflenetv1",
            "shufflenetv2");

    private static final List<String> IDX_FILES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");
    private static final Map<String, List<String>> DATASET_FILES = Map.of(
            "mnist",
            IDX_FILES,
            "fashion-mnist",
            IDX_FILES,
            "cifar10",
            List.of(
                    "data_batch_1.bin",
                    "data_batch_2.bin",
                    "data_batch_3.bin",
                    "data_batch_4.bin",
                    "data_batch_5.bin",
                    "test_batch.bin"),
            "cifar100",
            List.of("train.bin", "test.bin"));

    private static final SpecCodec CODEC = new SpecCodec(JsonMapper.builder().build());

    @TempDir
    static Path data;

    private static CatalogLookup catalog;
    private final SpecRules rules = rules("auto");

    @BeforeAll
    static void everyDatasetHasItsFiles() throws IOException {
        Map<String, String> directories = new HashMap<>();
        for (Map.Entry<String, List<String>> dataset : DATASET_FILES.entrySet()) {
            Path directory = Files.createDirectories(data.resolve(dataset.getKey()));
            for (String file : dataset.getValue()) {
                Files.createFile(directory.resolve(file));
            }
            directories.put(dataset.getKey(), directory.toString());
        }
        catalog = new CatalogLookup(
                new MethodRegistry(),
                new ArchitectureCatalog(),
                new DatasetCatalog(directories, List.of(data.toString())));
    }

    private static SpecRules rules(String devices) {
        return new SpecRules(
                catalog, new TeacherExperiments(Experiments.repository(Map.of()), CODEC), null, devices, () -> true);
    }

    static Stream<Arguments> methodsDatasetsAndStudents() {
        Map<String, String> studentFor = Map.of(
                "synthetic",
                "mlp",
                "mnist",
                "lenet5",
                "fashion-mnist",
                "lenet5",
                "cifar10",
                "resnet8x4",
                "cifar100",
                "mobilenetv2");
        return Stream.of("ce", "kd", "dkd").flatMap(method -> studentFor.entrySet().stream()
                .map(dataset -> Arguments.of(method, dataset.getKey(), dataset.getValue())));
    }

    @ParameterizedTest(name = "{0} {2} on {1}")
    @MethodSource("methodsDatasetsAndStudents")
    void aCompleteSpecOfEveryMethodOnEveryDatasetCanRun(String method, String dataset, String student) {
        assertThat(rules.check(Specs.resolved(method, student, dataset).build()))
                .isEmpty();
    }

    @Test
    void everyReadmeArchitectureIsKnownAsStudentAndAsTeacher() {
        for (String architecture : ARCHITECTURES) {
            ExperimentSpec spec = Specs.resolved("kd", architecture, "cifar100")
                    .teacher(new TeacherSpec(architecture, null, null, null))
                    .build();
            assertThat(rules.check(spec)).as(architecture).isEmpty();
        }
    }

    @Test
    void anUnknownArchitectureIsRefusedWithTheKnownOnes() {
        List<FieldViolation> violations = rules.check(Specs.resolved("kd", "resnet9", "cifar100")
                .teacher(new TeacherSpec("gpt5", null, null, null))
                .build());

        assertThat(violations)
                .extracting(FieldViolation::field)
                .containsExactly("teacher.architecture", "student.architecture");
        assertThat(violations.get(1).message())
                .startsWith("unknown architecture 'resnet9'; known: ")
                .contains("lenet5", "mobilenetv2", "wrn_40_2");
        assertThat(violations.get(0).message()).startsWith("unknown architecture 'gpt5'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kd", "dkd"})
    void aDistillationMethodRequiresATeacher(String method) {
        assertThat(rules.check(Specs.resolved(method, "resnet8x4", "cifar100")
                        .teacher(null)
                        .build()))
                .containsExactly(new FieldViolation("teacher", "is required for method '" + method + "'"));
    }

    @Test
    void ceRefusesATeacher() {
        assertThat(rules.check(Specs.resolved("ce", "resnet8x4", "cifar100")
                        .teacher(new TeacherSpec("resnet32x4", null, null, null))
                        .build()))
                .extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "teacher", "must be absent for method 'ce', which trains the student on labels only"));
    }

    @Test
    void aTeacherNeedsAnArchitectureAnExperimentOrAModel() {
        assertThat(rules.check(Specs.resolved("kd", "resnet8x4", "cifar100")
                        .teacher(new TeacherSpec(null, null, null, null))
                        .build()))
                .containsExactly(new FieldViolation("teacher", "needs architecture, experimentId or modelId"));
    }

    @Test
    void aCheckpointOnlyAppliesToATeacherExperiment() {
        assertThat(rules.check(Specs.resolved("kd", "resnet8x4", "cifar100")
                        .teacher(new TeacherSpec("resnet32x4", null, "best", null))
                        .build()))
                .containsExactly(new FieldViolation(
                        "teacher.checkpoint", "only applies to a teacher given by " + "experimentId"));
    }

    @ParameterizedTest(name = "decay at [{0}] refused: {1}")
    @CsvSource({
        "150 180 210, false",
        "5, false",
        "'', false",
        "150 150, true",
        "210 150 180, true",
        "150 180 170 160, true"
    })
    void theLrScheduleMustBeStrictlyIncreasingForStudentAndTeacher(String epochs, boolean refused) {
        Integer[] schedule = epochs.isBlank()
                ? new Integer[0]
                : Arrays.stream(epochs.split(" ")).map(Integer::valueOf).toArray(Integer[]::new);
        ExperimentSpec spec = Specs.resolved("kd", "resnet8x4", "cifar100")
                .training(Specs.decayAt(schedule))
                .teacher(new TeacherSpec("resnet32x4", null, null, Specs.decayAt(schedule)))
                .build();

        List<FieldViolation> expected = refused
                ? List.of(
                        new FieldViolation("teacher.training.lrDecayEpochs", "must be strictly increasing"),
                        new FieldViolation("training.lrDecayEpochs", "must be strictly increasing"))
                : List.of();
        assertThat(rules.check(spec)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anUnknownDatasetIsRefusedOnItsName() {
        assertThat(rules.check(Specs.resolved("ce", "mlp", "imagenet").build()))
                .singleElement()
                .satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("dataset.name");
                    assertThat(violation.message()).contains("unknown dataset 'imagenet'", "cifar100", "synthetic");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mnist", "fashion-mnist", "cifar10", "cifar100"})
    void aDatasetWhoseFilesAreMissingIsRefusedOnItsPath(String dataset) throws IOException {
        Path empty = Files.createDirectories(data.resolve("empty"));
        ExperimentSpec elsewhere = Specs.resolved("ce", "lenet5", dataset)
                .dataset(new DatasetSpec(dataset, empty.toString(), null, null))
                .build();
        ExperimentSpec nowhere = Specs.resolved("ce", "lenet5", dataset)
                .dataset(new DatasetSpec(dataset, data.resolve("absent").toString(), null, null))
                .build();

        assertThat(rules.check(elsewhere)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("dataset.path");
            assertThat(violation.message()).contains("dataset '" + dataset + "' is missing");
        });
        assertThat(rules.check(nowhere)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("dataset.path");
            assertThat(violation.message()).isEqualTo(DatasetRoots.REFUSED);
        });
    }

    @Test
    void theSyntheticDatasetNeedsNoFiles() {
        assertThat(rules.check(Specs.resolved("ce", "mlp", "synthetic")
                        .dataset(new DatasetSpec(
                                "synthetic", data.resolve("absent").toString(), 10, 10))
                        .build()))
                .isEmpty();
    }

    @Test
    void aSampleLimitBelowOneIsRefused() {
        assertThat(rules.check(Specs.resolved("ce", "mlp", "synthetic")
                        .dataset(new DatasetSpec("synthetic", null, 0, null))
                        .build()))
                .singleElement()
                .extracting(FieldViolation::message)
                .asString()
                .contains("trainLimit must be at least 1");
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(
            nullValues = "ok",
            quoteCharacter = '"',
            value = {
                "dkd, alpha,        0,    ok",
                "dkd, beta,         1000, ok",
                "dkd, warmupEpochs, 20,   ok",
                "dkd, alpha,        -1,   must be between 0 and 1000",
                "dkd, beta,         1001, must be between 0 and 1000",
                "dkd, warmupEpochs, 2.5,  must be a whole number",
                "dkd, beta,         NaN,  must be a finite number",
                "dkd, gamma,        1,    \"method 'dkd' has no parameter 'gamma'; it has: alpha, beta, warmupEpochs\"",
                "kd,  alpha,        1,    \"method 'kd' has no parameter 'alpha' ('alpha' belongs to method 'dkd'); it has none\"",
                "ce,  beta,         8,    \"method 'ce' has no parameter 'beta' ('beta' belongs to method 'dkd'); it has none\"",
                "kd,  tEnd,         8,    \"method 'kd' has no parameter 'tEnd' ('tEnd' belongs to method 'ctkd'); it has none\""
            })
    void methodParametersMustBeDeclaredAndWithinTheirBounds(String method, String name, double value, String problem) {
        List<FieldViolation> violations = rules.check(Specs.resolved(method, "resnet8x4", "cifar100")
                .methodParams(Map.of(name, value))
                .build());

        assertThat(violations)
                .isEqualTo(problem == null ? List.of() : List.of(new FieldViolation("methodParams." + name, problem)));
    }

    @ParameterizedTest(name = "devices={0}, device={1}: refused {2}")
    @CsvSource({"cpu, gpu, true", "' CPU ', gpu, true", "cpu, any, false", "auto, gpu, false", "'gpu0,gpu1', gpu, false"
    })
    void aGpuSpecIsRefusedOnlyWhereNoGpuWorkerWillCome(String devices, String device, boolean refused) {
        List<FieldViolation> violations = rules(devices)
                .check(Specs.resolved("ce", "mlp", "synthetic").device(device).build());

        assertThat(violations).extracting(FieldViolation::field).isEqualTo(refused ? List.of("device") : List.of());
    }

    @Test
    void everyBrokenRuleIsReportedNotJustTheFirst() {
        ExperimentSpec spec = Specs.resolved("dkd", "resnet9", "imagenet")
                .teacher(null)
                .training(Specs.decayAt(2, 1))
                .methodParams(Map.of("gamma", 1.0))
                .device("gpu")
                .build();

        assertThat(rules("cpu").check(spec))
                .extracting(FieldViolation::field)
                .containsExactly(
                        "teacher",
                        "student.architecture",
                        "dataset.name",
                        "training.lrDecayEpochs",
                        "methodParams.gamma",
                        "device");
    }
}
