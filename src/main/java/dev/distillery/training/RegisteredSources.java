package dev.distillery.training;

import dev.distillery.training.data.ArchiveSettings;
import dev.distillery.training.data.CifarDatasetSource;
import dev.distillery.training.data.DatasetSource;
import dev.distillery.training.data.IdxDatasetSource;
import dev.distillery.training.data.ImageFolderSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sources of registered datasets, built from their registrations (one per registration, kept). */
final class RegisteredSources {

    /** The formats a registration may name. */
    static final List<String> FORMATS = List.of("cifar10", "cifar100", "idx", ImageFolderSource.FORMAT);

    static final int MIN_IMAGE_SIZE = 8;
    static final int MAX_IMAGE_SIZE = 256;

    private final ArchiveSettings archives;
    private final Path cacheDirectory;
    private final Map<DatasetRegistration, DatasetSource> sources = new ConcurrentHashMap<>();
    private volatile RegisteredDatasets registry = RegisteredDatasets.NONE;

    RegisteredSources(ArchiveSettings archives, Path cacheDirectory) {
        this.archives = archives;
        this.cacheDirectory = cacheDirectory;
    }

    Path cacheDirectory() {
        return cacheDirectory;
    }

    void use(RegisteredDatasets registry) {
        this.registry = registry;
    }

    Optional<DatasetSource> find(String name) {
        return registry.find(name).map(this::source);
    }

    List<DatasetSource> all() {
        return registry.all().stream().map(this::source).toList();
    }

    DatasetSource source(DatasetRegistration registration) {
        return sources.computeIfAbsent(registration, this::create);
    }

    /** An image folder named by path in a spec (not registered). */
    DatasetSource folder(String path, int imageSize) {
        return new ImageFolderSource(ImageFolderSource.FORMAT, path, imageSize, cacheDirectory);
    }

    /** What is wrong with the registration's fields (not its files), or empty. */
    static Optional<String> fieldProblem(DatasetRegistration registration) {
        if (!FORMATS.contains(registration.format())) {
            return Optional.of("format must be one of " + String.join(", ", FORMATS));
        }
        boolean folder = ImageFolderSource.FORMAT.equals(registration.format());
        Integer size = registration.imageSize();
        if (folder && (size == null || size < MIN_IMAGE_SIZE || size > MAX_IMAGE_SIZE)) {
            return Optional.of(
                    "imageSize must be between " + MIN_IMAGE_SIZE + " and " + MAX_IMAGE_SIZE + " for an image folder");
        }
        if (!folder && size != null) {
            return Optional.of("imageSize applies to image folders only");
        }
        return Optional.empty();
    }

    private DatasetSource create(DatasetRegistration r) {
        return switch (r.format()) {
            case "cifar10" -> CifarDatasetSource.cifar10(r.path(), archives).renamed(r.name(), r.path());
            case "cifar100" -> CifarDatasetSource.cifar100(r.path(), archives).renamed(r.name(), r.path());
            case "idx" -> new IdxDatasetSource(r.name(), "IDX files (registered)", r.path());
            default -> new ImageFolderSource(r.name(), r.path(), r.imageSize(), cacheDirectory);
        };
    }
}
