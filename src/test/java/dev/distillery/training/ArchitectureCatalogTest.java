package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureCatalogTest {

    private final ArchitectureCatalog catalog = new ArchitectureCatalog();

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void listsBuiltInArchitectures() {
        List<String> all = List.of(
                "lenet5",
                "mlp",
                "mobilenetv2",
                "resnet110",
                "resnet20",
                "resnet32",
                "resnet32x4",
                "resnet44",
                "resnet56",
                "resnet8x4",
                "shufflenetv1",
                "shufflenetv2",
                "vgg13",
                "vgg8",
                "wrn_16_2",
                "wrn_40_1",
                "wrn_40_2");
        assertThat(catalog.names()).containsExactlyElementsOf(all);
        assertThat(catalog.architectures()).extracting(ArchitectureInfo::name).containsExactlyElementsOf(all);
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void reportsTrainableParametersForCifar100() {
        Map<String, Long> parameters = catalog.architectures().stream()
                .collect(Collectors.toMap(ArchitectureInfo::name, ArchitectureInfo::parameters));
        // the design notes' reference counts (mdistiller, 100 classes, 3x32x32)
        assertThat(parameters)
                .containsAllEntriesOf(Map.of(
                        "resnet8x4",
                        1_233_540L,
                        "resnet32x4",
                        7_433_860L,
                        "resnet20",
                        278_324L,
                        "resnet56",
                        861_620L,
                        "wrn_40_2",
                        2_255_156L,
                        "vgg13",
                        9_462_180L));
        assertThat(parameters).containsEntry("mlp", 832_484L).containsEntry("lenet5", 90_776L);
    }

    @Test
    void countingParametersLeavesTheEnginesRandomGeneratorAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            float expected = manager.randomUniform(0, 1, new Shape(1)).getFloat();
            manager.getEngine().setRandomSeed(7);
            new ArchitectureCatalog().architectures();
            assertThat(manager.randomUniform(0, 1, new Shape(1)).getFloat()).isEqualTo(expected);
        }
    }

    @Test
    void architecturesMapAnyDatasetShapeToClassLogits() {
        assertOutputShape("lenet5", new InputShape(1, 28, 28), 10);
        assertOutputShape("lenet5", new InputShape(3, 32, 32), 100);
        assertOutputShape("mlp", new InputShape(3, 32, 32), 7);
    }

    @Test
    void lenet5HasTheClassicParameterCountOnMnist() {
        Block block = catalog.find("lenet5").orElseThrow().build(new InputShape(1, 28, 28), 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            long parameters = block.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().size())
                    .sum();
            // conv1 156 + conv2 2,416 + fc 48,120 + 10,164 + 850
            assertThat(parameters).isEqualTo(61_706);
        }
    }

    @Test
    void explainsUnknownNamesAndTooSmallInputs() {
        assertThat(catalog.problem("resnet18", new InputShape(3, 32, 32), 100))
                .get()
                .asString()
                .contains("unknown architecture 'resnet18'")
                .contains("lenet5, mlp, mobilenetv2");
        assertThat(catalog.problem("lenet5", new InputShape(1, 8, 8), 10))
                .get()
                .asString()
                .contains("at least 16x16");
        assertThat(catalog.problem("mlp", new InputShape(1, 8, 8), 10)).isEmpty();
        assertThat(catalog.problem("resnet8x4", new InputShape(1, 8, 8), 10)).isEmpty();
        assertThat(catalog.problem("resnet8x4", new InputShape(3, 64, 64), 10))
                .get()
                .asString()
                .contains("up to 32x32");
    }

    @Test
    void rejectsDuplicateNames() {
        List<Architecture> twice =
                List.of(catalog.find("mlp").orElseThrow(), catalog.find("mlp").orElseThrow());
        assertThatThrownBy(() -> new ArchitectureCatalog(twice)).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertOutputShape(String name, InputShape input, int classes) {
        Block block = catalog.find(name).orElseThrow().build(input, classes);
        Shape batch = new Shape(2, input.channels(), input.height(), input.width());
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, batch);
            assertThat(block.getOutputShapes(new Shape[] {batch})[0]).isEqualTo(new Shape(2, classes));
        }
    }
}
