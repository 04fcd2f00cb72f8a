package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** CIFAR-10 / CIFAR-100 in the binary version: 50,000 + 10,000 RGB 32x32 images. */
public final class CifarDatasetSource implements DatasetSource {

    private final String name;
    private final String description;
    private final String defaultPath;
    private final int classes;
    private final List<String> trainFiles;
    private final List<String> testFiles;
    private final int labelBytes;
    private final int labelIndex;

    private CifarDatasetSource(
            String name,
            String description,
            String defaultPath,
            int classes,
            List<String> trainFiles,
            List<String> testFiles,
            int labelBytes,
            int labelIndex) {
        this.name = name;
        this.description = description;
        this.defaultPath = defaultPath;
        this.classes = classes;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
        this.labelBytes = labelBytes;
        this.labelIndex = labelIndex;
    }

    /** {@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code test_batch.bin}; 1 label byte per record. */
    public static CifarDatasetSource cifar10(String defaultPath) {
        List<String> train = List.of(
                "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
        return new CifarDatasetSource(
                "cifar10",
                "CIFAR-10, binary version (10 classes, RGB 32x32)",
                defaultPath,
                10,
                train,
                List.of("test_batch.bin"),
                1,
                0);
    }

    /** {@code train.bin}, {@code test.bin}; 2 label bytes (coarse, fine) per record, the fine label is used. */
    public static CifarDatasetSource cifar100(String defaultPath) {
        return new CifarDatasetSource(
                "cifar100",
                "CIFAR-100, binary version (100 fine classes, RGB 32x32)",
                defaultPath,
                100,
                List.of("train.bin"),
                List.of("test.bin"),
                2,
                1);
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
    public int classes() {
        return classes;
    }

    @Override
    public InputShape shape() {
        return CifarReader.SHAPE;
    }

    @Override
    public int trainSize() {
        return 50_000;
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
        List<List<String>> files = new ArrayList<>();
        trainFiles.forEach(file -> files.add(List.of(file)));
        testFiles.forEach(file -> files.add(List.of(file)));
        return DatasetFiles.problem(name, directory, files);
    }

    @Override
    public ImageData load(Path directory) throws IOException {
        ImageSplit train = CifarReader.read(resolve(directory, trainFiles), labelBytes, labelIndex);
        ImageSplit test = CifarReader.read(resolve(directory, testFiles), labelBytes, labelIndex);
        return new ImageData(name, classes, train, test);
    }

    private static List<Path> resolve(Path directory, List<String> names) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String file : names) {
            paths.add(DatasetFiles.require(directory, List.of(file)));
        }
        return paths;
    }
}
