package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** MNIST and Fashion-MNIST: 60,000 + 10,000 grayscale 28x28 images in four IDX files, .gz or not. */
public final class IdxDatasetSource implements DatasetSource {

    private static final List<String> TRAIN_IMAGES = candidates("train-images", "idx3");
    private static final List<String> TRAIN_LABELS = candidates("train-labels", "idx1");
    private static final List<String> TEST_IMAGES = candidates("t10k-images", "idx3");
    private static final List<String> TEST_LABELS = candidates("t10k-labels", "idx1");

    private final String name;
    private final String description;
    private final String defaultPath;

    public IdxDatasetSource(String name, String description, String defaultPath) {
        this.name = name;
        this.description = description;
        this.defaultPath = defaultPath;
    }

    /** {@code train-images-idx3-ubyte.gz}, {@code train-images-idx3-ubyte}, {@code train-images.idx3-ubyte}(.gz). */
    private static List<String> candidates(String stem, String kind) {
        String dashed = stem + "-" + kind + "-ubyte";
        String dotted = stem + "." + kind + "-ubyte";
        return List.of(dashed + ".gz", dashed, dotted, dotted + ".gz");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> classNames() {
        return BuiltInDatasets.FASHION_MNIST.equals(name)
                ? List.of(
                        "T-shirt/top",
                        "Trouser",
                        "Pullover",
                        "Dress",
                        "Coat",
                        "Sandal",
                        "Shirt",
                        "Sneaker",
                        "Bag",
                        "Ankle boot")
                : DatasetSource.super.classNames();
    }

    @Override
    public int classes() {
        return 10;
    }

    @Override
    public InputShape shape() {
        return new InputShape(1, 28, 28);
    }

    @Override
    public int trainSize() {
        return 60_000;
    }

    @Override
    public int testSize() {
        return 10_000;
    }

    @Override
    public String defaultPath() {
        return defaultPath;
    }

    @Override
    public Optional<String> problem(Path directory) {
        return DatasetFiles.problem(name, directory, List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS));
    }

    @Override
    public ImageData load(Path directory) throws IOException {
        ImageSplit train = IdxReader.read(
                DatasetFiles.require(directory, TRAIN_IMAGES), DatasetFiles.require(directory, TRAIN_LABELS));
        ImageSplit test = IdxReader.read(
                DatasetFiles.require(directory, TEST_IMAGES), DatasetFiles.require(directory, TEST_LABELS));
        return new ImageData(name, classes(), train, test);
    }
}
