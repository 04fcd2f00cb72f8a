package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.training.data.DataFixtures;
import dev.distillery.training.data.ImageData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    @Test
    void listsAllDatasetsWithShapesAndSizes(@TempDir Path empty) {
        DatasetCatalog catalog = new DatasetCatalog(Map.of("cifar10", empty.toString()));

        assertThat(catalog.datasets())
                .extracting(DatasetInfo::name)
                .containsExactly("synthetic", "fashion-mnist", "mnist", "cifar10", "cifar100");
        DatasetInfo synthetic = catalog.find("synthetic").orElseThrow();
        assertThat(synthetic.present()).isTrue();
        assertThat(synthetic.defaultPath()).isNull();
        assertThat(synthetic.inputShape()).isEqualTo(new InputShape(1, 28, 28));
        assertThat(synthetic.trainSize()).isEqualTo(6000);
        DatasetInfo cifar10 = catalog.find("cifar10").orElseThrow();
        assertThat(cifar10.present()).isFalse();
        assertThat(cifar10.defaultPath()).isEqualTo(empty.toString());
        assertThat(cifar10.inputShape()).isEqualTo(new InputShape(3, 32, 32));
        assertThat(catalog.find("cifar100").orElseThrow().classes()).isEqualTo(100);
        assertThat(catalog.find("cifar100").orElseThrow().defaultPath())
                .endsWith(".distillery/datasets/cifar-100-binary");
        assertThat(catalog.find("fashion-mnist").orElseThrow().defaultPath())
                .isEqualTo("/usr/share/datasets/fashion-mnist");
    }

    @Test
    void explainsUnusableReferences(@TempDir Path empty) {
        DatasetCatalog catalog = new DatasetCatalog(Map.of(), List.of(empty.toString()));

        assertThat(catalog.problem(new DatasetRef("imagenet", null, null, null)))
                .get()
                .asString()
                .contains("unknown dataset 'imagenet'")
                .contains("cifar10");
        assertThat(catalog.problem(new DatasetRef("mnist", empty.resolve("x").toString(), null, null)))
                .get()
                .asString()
                .isEqualTo(DatasetRoots.REFUSED);
        assertThat(catalog.problem(new DatasetRef("mnist", empty.toString(), null, null)))
                .get()
                .asString()
                .contains("missing train-images-idx3-ubyte.gz");
        assertThat(catalog.problem(new DatasetRef("synthetic", null, 0, null)))
                .get()
                .asString()
                .contains("trainLimit must be at least 1");
        assertThat(catalog.problem(new DatasetRef("synthetic", null, 100, 10))).isEmpty();
        assertThat(catalog.problem(null)).isPresent();
    }

    @Test
    void loadsFromAGivenPathAppliesLimitsAndCaches(@TempDir Path directory) throws IOException {
        DataFixtures.writeIdxDataset(directory, 20, 8, true);
        DatasetCatalog catalog = new DatasetCatalog(Map.of(), List.of(directory.toString()));

        ImageData limited = catalog.load(new DatasetRef("mnist", directory.toString(), 5, null));
        ImageData full = catalog.load(new DatasetRef("mnist", directory.toString(), null, null));

        assertThat(limited.train().size()).isEqualTo(5);
        assertThat(limited.test().size()).isEqualTo(8);
        assertThat(full.train().size()).isEqualTo(20);
        assertThat(full.test()).isSameAs(limited.test());
    }

    @Test
    void loadingAMissingDatasetFailsWithTheProblem(@TempDir Path empty) {
        assertThatThrownBy(() -> new DatasetCatalog(Map.of(), List.of(empty.toString()))
                        .load(new DatasetRef("cifar10", empty.toString(), null, null)))
                .isInstanceOf(TrainingException.class)
                .hasMessageContaining("data_batch_1.bin");
    }
}
