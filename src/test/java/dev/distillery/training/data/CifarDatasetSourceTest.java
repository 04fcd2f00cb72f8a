package dev.distillery.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetSourceTest {

    @Test
    void readsCifar10BatchesInOrder(@TempDir Path directory) throws IOException {
        for (int batch = 1; batch <= 5; batch++) {
            DataFixtures.writeCifar(directory.resolve("data_batch_" + batch + ".bin"), 2, (batch - 1) * 2, false);
        }
        DataFixtures.writeCifar(directory.resolve("test_batch.bin"), 3, 0, false);
        CifarDatasetSource source = CifarDatasetSource.cifar10("/nowhere");

        assertThat(source.problem(directory)).isEmpty();
        ImageData data = source.load(directory);

        assertThat(data.train().size()).isEqualTo(10);
        assertThat(data.test().size()).isEqualTo(3);
        assertThat(data.train().shape()).isEqualTo(CifarReader.SHAPE);
        assertThat(data.train().label(7)).isEqualTo(DataFixtures.label(7));
        assertThat(data.train().pixel(7, 0)).isEqualTo(DataFixtures.pixel(7, 0));
        assertThat(data.train().pixel(9, 3071)).isEqualTo(DataFixtures.pixel(9, 3071));
    }

    @Test
    void cifar100UsesTheFineLabel(@TempDir Path directory) throws IOException {
        DataFixtures.writeCifar(directory.resolve("train.bin"), 4, 0, true);
        DataFixtures.writeCifar(directory.resolve("test.bin"), 2, 0, true);

        ImageData data = CifarDatasetSource.cifar100("/nowhere").load(directory);

        assertThat(data.classes()).isEqualTo(100);
        assertThat(data.train().label(3)).isEqualTo(DataFixtures.label(3));
        assertThat(data.train().pixel(3, 5)).isEqualTo(DataFixtures.pixel(3, 5));
    }

    @Test
    void namesMissingBatchAndRejectsTruncatedFiles(@TempDir Path directory) throws IOException {
        DataFixtures.writeCifar(directory.resolve("train.bin"), 2, 0, true);
        CifarDatasetSource source = CifarDatasetSource.cifar100("/nowhere");

        assertThat(source.problem(directory)).get().asString().contains("missing test.bin");

        Files.write(directory.resolve("test.bin"), new byte[100]);
        assertThatThrownBy(() -> source.load(directory))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a CIFAR binary file");
    }
}
