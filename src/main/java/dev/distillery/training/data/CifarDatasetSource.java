package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private final CifarArchive archive;
    private final boolean download;

    private CifarDatasetSource(
            String name,
            String description,
            String defaultPath,
            int classes,
            List<String> trainFiles,
            List<String> testFiles,
            int labelBytes,
            int labelIndex,
            CifarArchive archive,
            boolean download) {
        this.name = name;
        this.description = description;
        this.defaultPath = defaultPath;
        this.classes = classes;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
        this.labelBytes = labelBytes;
        this.labelIndex = labelIndex;
        this.archive = archive;
        this.download = download;
    }

    /** {@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code test_batch.bin}; 1 label byte per record. */
    public static CifarDatasetSource cifar10(String defaultPath) {
        return cifar10(defaultPath, ArchiveSettings.published());
    }

    /** CIFAR-10 read from its directory or from {@code cifar-10-binary.tar.gz}, downloaded when allowed. */
    public static CifarDatasetSource cifar10(String defaultPath, ArchiveSettings archives) {
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
                0,
                archives.cifar10(),
                archives.download());
    }

    /** {@code train.bin}, {@code test.bin}; 2 label bytes (coarse, fine) per record, the fine label is used. */
    public static CifarDatasetSource cifar100(String defaultPath) {
        return cifar100(defaultPath, ArchiveSettings.published());
    }

    /** CIFAR-100 read from its directory or from {@code cifar-100-binary.tar.gz}, downloaded when allowed. */
    public static CifarDatasetSource cifar100(String defaultPath, ArchiveSettings archives) {
        return new CifarDatasetSource(
                "cifar100",
                "CIFAR-100, binary version (100 fine classes, RGB 32x32)",
                defaultPath,
                100,
                List.of("train.bin"),
                List.of("test.bin"),
                2,
                1,
                archives.cifar100(),
                archives.download());
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

    /** The same format under another name and default path (a registered dataset). */
    public CifarDatasetSource renamed(String newName, String path) {
        return new CifarDatasetSource(
                newName, description, path, classes, trainFiles, testFiles, labelBytes, labelIndex, archive, false);
    }

    @Override
    public List<String> classNames() {
        return classes == 10
                ? List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
                : DatasetSource.super.classNames();
    }

    /** The SHA-256 of the archive read, or of the unpacked batch files. */
    @Override
    public String contentHash(Path path) throws IOException {
        Optional<Path> found = archiveAt(path);
        return ContentHashes.of(found.orElse(path));
    }

    /** The published archive this dataset can be read from. */
    public CifarArchive archive() {
        return archive;
    }

    /**
     * Why {@code path} cannot be read: neither the unpacked batch files, nor the published archive (the path
     * itself, inside it, or for the default directory beside it) with the published MD5. A missing archive is no
     * problem when it will be downloaded.
     */
    @Override
    public Optional<String> problem(Path path) {
        try {
            if (Files.isRegularFile(path)) {
                return isArchiveName(path)
                        ? archive.checksumProblem(path)
                        : Optional.of(path.getFileName() + " is not a CIFAR archive (" + archive.fileName() + ")");
            }
            Optional<String> unpacked = unpackedProblem(path);
            if (unpacked.isEmpty()) {
                return Optional.empty();
            }
            Optional<Path> found = archiveAt(path);
            if (found.isPresent()) {
                return archive.checksumProblem(found.get());
            }
            return download && isDefault(path)
                    ? Optional.empty()
                    : unpacked.map(p -> p + ", and no " + archive.fileName() + " is there");
        } catch (IOException e) {
            return Optional.of("cannot read " + path.getFileName() + ": " + e.getMessage());
        }
    }

    @Override
    public ImageData load(Path path) throws IOException {
        Optional<Path> found = archiveAt(path);
        if (found.isEmpty() && unpackedProblem(path).isPresent() && download && isDefault(path)) {
            found = Optional.of(ArchiveDownload.fetch(archive, downloadTarget()));
        }
        if (found.isPresent()) {
            return loadArchive(found.get());
        }
        ImageSplit train = CifarReader.read(resolve(path, trainFiles), labelBytes, labelIndex);
        ImageSplit test = CifarReader.read(resolve(path, testFiles), labelBytes, labelIndex);
        return new ImageData(name, classes, train, test);
    }

    private ImageData loadArchive(Path file) throws IOException {
        Optional<String> mismatch = archive.checksumProblem(file);
        if (mismatch.isPresent()) {
            throw new IOException(mismatch.get());
        }
        Map<String, byte[]> train = CifarArchive.read(file, trainFiles);
        Map<String, byte[]> test = CifarArchive.read(file, testFiles);
        return new ImageData(
                name,
                classes,
                CifarReader.read(train, labelBytes, labelIndex),
                CifarReader.read(test, labelBytes, labelIndex));
    }

    /**
     * The archive to read: {@code path} itself, the published file inside it, or (default directory only) beside
     * it; empty when the unpacked batch files are there or no archive is. An archive that is a link out of its
     * directory is not followed.
     */
    Optional<Path> archiveAt(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return isArchiveName(path) ? Optional.of(path) : Optional.empty();
        }
        if (unpackedProblem(path).isEmpty()) {
            return Optional.empty();
        }
        Path inside = path.resolve(archive.fileName());
        if (Files.isRegularFile(inside) && inside.toRealPath().startsWith(path.toRealPath())) {
            return Optional.of(inside);
        }
        return isDefault(path) && Files.isRegularFile(downloadTarget())
                ? Optional.of(downloadTarget())
                : Optional.empty();
    }

    /** Where the archive of the default directory lives: beside it, e.g. {@code datasets/cifar-100-binary.tar.gz}. */
    Path downloadTarget() {
        Path directory = Path.of(defaultPath).toAbsolutePath().normalize();
        Path parent = directory.getParent() == null ? directory : directory.getParent();
        return parent.resolve(archive.fileName());
    }

    private boolean isDefault(Path path) {
        return defaultPath != null
                && path.toAbsolutePath()
                        .normalize()
                        .equals(Path.of(defaultPath).toAbsolutePath().normalize());
    }

    private static boolean isArchiveName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    private Optional<String> unpackedProblem(Path directory) {
        List<List<String>> files = new ArrayList<>();
        trainFiles.forEach(file -> files.add(List.of(file)));
        testFiles.forEach(file -> files.add(List.of(file)));
        return DatasetFiles.problem(name, directory, files);
    }

    private static List<Path> resolve(Path directory, List<String> names) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (String file : names) {
            paths.add(DatasetFiles.require(directory, List.of(file)));
        }
        return paths;
    }
}
