package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code synthetic}: 6,000 + 1,000 generated shape images; no files, identical for every experiment. */
public final class SyntheticDatasetSource implements DatasetSource {

    public static final String NAME = "synthetic";

    static final int TRAIN_SIZE = 6_000;
    static final int TEST_SIZE = 1_000;
    private static final long TRAIN_SEED = 0x5EED_0001L;
    private static final long TEST_SEED = 0x5EED_0002L;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Generated stroke shapes at random positions with noise (10 classes, gray 28x28); needs no files";
    }

    @Override
    public int classes() {
        return SyntheticShapes.CLASSES;
    }

    @Override
    public InputShape shape() {
        return SyntheticShapes.SHAPE;
    }

    @Override
    public int trainSize() {
        return TRAIN_SIZE;
    }

    @Override
    public int testSize() {
        return TEST_SIZE;
    }

    @Override
    public String defaultPath() {
        return null;
    }

    @Override
    public boolean needsFiles() {
        return false;
    }

    @Override
    public Optional<String> problem(Path directory) {
        return Optional.empty();
    }

    /** Generated from fixed seeds: the same data for every experiment. */
    @Override
    public String contentHash(Path directory) {
        return dev.distillery.shared.Sha256.hex(
                NAME + ":" + TRAIN_SIZE + ":" + TRAIN_SEED + ":" + TEST_SIZE + ":" + TEST_SEED);
    }

    @Override
    public List<String> classNames() {
        return List.of("-", "|", "/", "\\", "+", "x", "square", "L", "T", "triangle");
    }

    @Override
    public ImageData load(Path directory) {
        return new ImageData(
                NAME,
                classes(),
                SyntheticShapes.generate(TRAIN_SIZE, TRAIN_SEED),
                SyntheticShapes.generate(TEST_SIZE, TEST_SEED));
    }
}
