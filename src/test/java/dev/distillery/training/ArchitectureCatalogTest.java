package dev.distillery.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchitectureCatalogTest {

    private final ArchitectureCatalog catalog = new ArchitectureCatalog();

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void listsBuiltInArchitectures() {
        assertThat(catalog.architectures()).extracting(ArchitectureInfo::name).containsExactly("lenet5", "mlp");
        assertThat(catalog.find("nope")).isEmpty();
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
            long parameters = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            // conv1 156 + conv2 2,416 + fc 48,120 + 10,164 + 850
            assertThat(parameters).isEqualTo(61_706);
        }
    }

    @Test
    void explainsUnknownNamesAndTooSmallInputs() {
        assertThat(catalog.problem("resnet8x4", new InputShape(3, 32, 32), 100)).get().asString()
                .contains("unknown architecture 'resnet8x4'").contains("lenet5, mlp");
        assertThat(catalog.problem("lenet5", new InputShape(1, 8, 8), 10)).get().asString().contains("at least 16x16");
        assertThat(catalog.problem("mlp", new InputShape(1, 8, 8), 10)).isEmpty();
    }

    @Test
    void rejectsDuplicateNames() {
        List<Architecture> twice = List.of(catalog.find("mlp").orElseThrow(), catalog.find("mlp").orElseThrow());
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
