package dev.distillery.training;

import dev.distillery.training.data.BuiltInDatasets;
import dev.distillery.training.data.DatasetCache;
import dev.distillery.training.data.DatasetSource;
import dev.distillery.training.data.ImageData;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets experiments can use. {@link #problem} is cheap (file-existence checks) and meant for submission
 * time; {@link #load} reads the files (never downloads) and keeps the last few datasets in memory.
 */
public class DatasetCatalog {

    /** How many loaded datasets stay in memory (keyed by name and directory). */
    public static final int CACHED_DATASETS = 4;

    private final Map<String, DatasetSource> sources = new LinkedHashMap<>();
    private final DatasetCache cache = new DatasetCache(CACHED_DATASETS);

    /** Built-in datasets at their default directories. */
    public DatasetCatalog() {
        this(Map.of());
    }

    /** Built-in datasets; {@code defaultPaths} replaces the default directory of the named datasets. */
    public DatasetCatalog(Map<String, String> defaultPaths) {
        BuiltInDatasets.create(defaultPaths).forEach(source -> sources.put(source.name(), source));
    }

    /** Every dataset, whether its files are present or not. */
    public List<DatasetInfo> datasets() {
        return sources.values().stream().map(DatasetCatalog::info).toList();
    }

    public Optional<DatasetInfo> find(String name) {
        return Optional.ofNullable(name).map(sources::get).map(DatasetCatalog::info);
    }

    /** Why {@code ref} cannot be used (unknown name, bad limit, missing directory or file), or empty. */
    public Optional<String> problem(DatasetRef ref) {
        if (ref == null || ref.name() == null) {
            return Optional.of("a dataset name is required; known: " + String.join(", ", sources.keySet()));
        }
        DatasetSource source = sources.get(ref.name());
        if (source == null) {
            return Optional.of("unknown dataset '" + ref.name() + "'; known: " + String.join(", ", sources.keySet()));
        }
        return limitProblem("trainLimit", ref.trainLimit())
                .or(() -> limitProblem("testLimit", ref.testLimit()))
                .or(() -> directoryProblem(source, ref.path()));
    }

    /**
     * Loads (or takes from the cache) the dataset and applies the limits.
     *
     * @throws TrainingException when the reference is unusable or the files cannot be read
     */
    public ImageData load(DatasetRef ref) {
        problem(ref).ifPresent(problem -> {
            throw new TrainingException(problem);
        });
        DatasetSource source = sources.get(ref.name());
        Path directory = source.needsFiles()
                ? Path.of(directoryOf(source, ref.path())).toAbsolutePath().normalize()
                : null;
        String key = source.name() + "|" + directory;
        try {
            return cache.get(key, () -> source.load(directory)).limit(ref.trainLimit(), ref.testLimit());
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(
                    "could not read dataset '" + source.name() + "' from " + directory + ": " + e.getMessage(), e);
        }
    }

    private static DatasetInfo info(DatasetSource source) {
        boolean present = !source.needsFiles()
                || (source.defaultPath() != null
                        && directoryProblem(source, source.defaultPath()).isEmpty());
        return new DatasetInfo(
                source.name(),
                source.description(),
                source.defaultPath(),
                present,
                source.classes(),
                source.shape(),
                source.trainSize(),
                source.testSize());
    }

    private static Optional<String> limitProblem(String field, Integer limit) {
        return limit != null && limit < 1
                ? Optional.of(field + " must be at least 1 (or absent for all samples), was " + limit)
                : Optional.empty();
    }

    private static Optional<String> directoryProblem(DatasetSource source, String requested) {
        if (!source.needsFiles()) {
            return Optional.empty();
        }
        String directory = directoryOf(source, requested);
        if (directory == null) {
            return Optional.of("dataset '" + source.name() + "' has no default directory; give a path");
        }
        try {
            return source.problem(Path.of(directory));
        } catch (InvalidPathException e) {
            return Optional.of("invalid path '" + directory + "' for dataset '" + source.name() + "'");
        }
    }

    private static String directoryOf(DatasetSource source, String requested) {
        return requested != null && !requested.isBlank() ? requested : source.defaultPath();
    }
}
