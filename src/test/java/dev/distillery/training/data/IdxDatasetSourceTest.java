package dev.distillery.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetSourceTest {

    private final IdxDatasetSource source = new IdxDatasetSource("mnist", "digits", "/nowhere");

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsGzippedAndPlainIdxFiles(boolean gzip, @TempDir Path directory) throws IOException {
        DataFixtures.writeIdxDataset(directory, 12, 5, gzip);

        assertThat(source.problem(directory)).isEmpty();
        ImageData data = source.load(directory);

        assertThat(data.classes()).isEqualTo(10);
        assertThat(data.train().size()).isEqualTo(12);
        assertThat(data.test().size()).isEqualTo(5);
        assertThat(data.train().shape()).isEqualTo(new InputShape(1, 28, 28));
        assertThat(data.train().label(11)).isEqualTo(DataFixtures.label(11));
        assertThat(data.train().pixel(11, 300)).isEqualTo(DataFixtures.pixel(11, 300));
        assertThat(data.test().pixel(4, 783)).isEqualTo(DataFixtures.pixel(4, 783));
    }

    @Test
    void readsNonSquareImages(@TempDir Path directory) throws IOException {
        DataFixtures.writeIdxImages(directory.resolve("images"), 3, 4, 5, true);
        DataFixtures.writeIdxLabels(directory.resolve("labels"), 3, false);

        ImageSplit split = IdxReader.read(directory.resolve("images"), directory.resolve("labels"));

        assertThat(split.shape()).isEqualTo(new InputShape(1, 4, 5));
        assertThat(split.pixel(2, 19)).isEqualTo(DataFixtures.pixel(2, 19));
    }

    @Test
    void namesTheMissingFile(@TempDir Path directory) throws IOException {
        DataFixtures.writeIdxDataset(directory, 2, 2, true);
        Files.delete(directory.resolve("t10k-labels-idx1-ubyte.gz"));

        assertThat(source.problem(directory))
                .get()
                .asString()
                .contains("t10k-labels-idx1-ubyte.gz")
                .contains(directory.toString());
        assertThat(source.problem(directory.resolve("absent"))).get().asString().contains("does not exist");
    }

    @Test
    void rejectsWrongMagicAndMismatchedCounts(@TempDir Path directory) throws IOException {
        DataFixtures.writeIdxLabels(directory.resolve("labels"), 3, false);
        DataFixtures.writeIdxLabels(directory.resolve("fewer-labels"), 2, false);
        DataFixtures.writeIdxImages(directory.resolve("images"), 3, 2, 2, false);

        assertThatThrownBy(() -> IdxReader.read(directory.resolve("labels"), directory.resolve("labels")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an IDX image file");
        assertThatThrownBy(() -> IdxReader.read(directory.resolve("images"), directory.resolve("fewer-labels")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 images but");
    }
}
