package dev.distillery.training;

import dev.distillery.training.data.ArchiveSettings;
import dev.distillery.training.data.BuiltInDatasets;
import dev.distillery.training.data.DatasetCache;
import dev.distillery.training.data.DatasetSource;
import dev.distillery.training.data.ImageData;
import dev.distillery.training.data.ImageFolderSource;
import dev.distillery.training.engine.NormalizationStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final DatasetRoots roots;
    private final RegisteredSources registered;
    /** Image folders named by path in specs ({@code imagefolder}), by real path and image size. */
    private final Map<String, DatasetSource> folders = new java.util.concurrent.ConcurrentHashMap<>();

    /** Built-in datasets at their default directories; paths may name directories under ~/.distillery/datasets. */
    public DatasetCatalog() {
        this(Map.of());
    }

    /** Built-in datasets; {@code defaultPaths} replaces the default directory of the named datasets. */
    public DatasetCatalog(Map<String, String> defaultPaths) {
        this(defaultPaths, List.of(BuiltInDatasets.defaultRoot().toString()));
    }

    /**
     * Built-in datasets; a client-given path must lie under one of {@code roots} or under a built-in dataset's
     * default directory (see {@link DatasetRoots}).
     */
    public DatasetCatalog(Map<String, String> defaultPaths, List<String> roots) {
        this(defaultPaths, roots, ArchiveSettings.published());
    }

    /** As above, with the CIFAR archives' checksums, URLs and whether a missing one is downloaded. */
    public DatasetCatalog(Map<String, String> defaultPaths, List<String> roots, ArchiveSettings archives) {
        this(defaultPaths, roots, archives, BuiltInDatasets.defaultRoot().resolveSibling("cache"));
    }

    /** As above; decoded image folders are cached under {@code cacheDirectory}. */
    public DatasetCatalog(
            Map<String, String> defaultPaths, List<String> roots, ArchiveSettings archives, Path cacheDirectory) {
        this(BuiltInDatasets.create(defaultPaths, archives), roots, new RegisteredSources(archives, cacheDirectory));
    }

    DatasetCatalog(List<DatasetSource> known, List<String> roots) {
        this(known, roots, new RegisteredSources(ArchiveSettings.published(), Path.of("target", "cache")));
    }

    private DatasetCatalog(List<DatasetSource> known, List<String> roots, RegisteredSources registered) {
        this.registered = registered;
        known.forEach(source -> sources.put(source.name(), source));
        List<String> allowed = new ArrayList<>(roots);
        sources.values().stream()
                .map(DatasetSource::defaultPath)
                .filter(Objects::nonNull)
                .forEach(allowed::add);
        this.roots = new DatasetRoots(allowed);
    }

    /** Where client-given dataset paths may point. */
    public DatasetRoots roots() {
        return roots;
    }

    /** Where decoded image folders are cached (one file per content hash and image size). */
    public Path cacheDirectory() {
        return registered.cacheDirectory();
    }

    /** An image folder named by path: a size in range, a path under the roots, a readable tree. */
    private Optional<String> imageFolderProblem(DatasetRef ref) {
        Optional<String> size = RegisteredSources.fieldProblem(
                new DatasetRegistration(ref.name(), ImageFolderSource.FORMAT, ref.path(), ref.imageSize()));
        if (size.isPresent()) {
            return size;
        }
        return limitProblem("trainLimit", ref.trainLimit())
                .or(() -> limitProblem("testLimit", ref.testLimit()))
                .or(() -> source(ref)
                        .map(source -> source.problem(Path.of(source.defaultPath())))
                        .orElse(Optional.of(DatasetRoots.REFUSED)));
    }

    /** What the catalog knows about the dataset a reference reads (an image folder's classes once decoded). */
    public Optional<DatasetInfo> info(DatasetRef ref) {
        return source(ref).map(this::info);
    }

    /** Consults {@code registry} for datasets registered at run time. */
    public void useRegistry(RegisteredDatasets registry) {
        registered.use(registry);
    }

    /** Every dataset, built-in then registered, whether its files are present or not. */
    public List<DatasetInfo> datasets() {
        List<DatasetInfo> all =
                new ArrayList<>(sources.values().stream().map(this::info).toList());
        registered.all().forEach(source -> all.add(info(source)));
        return all;
    }

    public Optional<DatasetInfo> find(String name) {
        return source(name).map(this::info);
    }

    /** Whether {@code name} is a built-in dataset (which cannot be registered or removed). */
    public boolean builtIn(String name) {
        return sources.containsKey(name);
    }

    /** The formats a registration may name. */
    public List<String> formats() {
        return RegisteredSources.FORMATS;
    }

    /** Why {@code registration} cannot be used (its fields or its files, naming what is wrong), or empty. */
    public Optional<String> registrationProblem(DatasetRegistration registration) {
        return RegisteredSources.fieldProblem(registration).or(() -> {
            DatasetSource source = registered.source(registration);
            return source.problem(Path.of(registration.path()));
        });
    }

    /**
     * The SHA-256 of the data {@code ref} names (an archive's, or every file's in its directory; a constant for
     * generated data).
     *
     * @throws TrainingException when it cannot be used or read
     */
    public String contentHash(DatasetRef ref) {
        problem(ref).ifPresent(problem -> {
            throw new TrainingException(problem);
        });
        DatasetSource source = source(ref).orElseThrow();
        try {
            return source.contentHash(
                    source.needsFiles() ? directoryOf(source, ref.path()).orElseThrow() : null);
        } catch (IOException | RuntimeException e) {
            throw new TrainingException("could not read dataset '" + ref.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Loads the dataset (or takes it from memory) and measures it.
     *
     * @throws TrainingException when it cannot be used or read
     */
    public DatasetMeasures measure(DatasetRef ref) {
        ImageData data = load(new DatasetRef(ref.name(), ref.path(), null, null, ref.imageSize()));
        NormalizationStats stats = NormalizationStats.of(data);
        return new DatasetMeasures(
                classNames(ref.name()),
                data.train().size(),
                data.test().size(),
                java.util.Arrays.stream(stats.mean()).boxed().toList(),
                java.util.Arrays.stream(stats.std()).boxed().toList());
    }

    /** The loaded dataset's class names, by label. */
    public List<String> classNames(String name) {
        return source(name).map(DatasetSource::classNames).orElse(List.of());
    }

    /** The source a reference reads: a named dataset, or an image folder at the reference's path and size. */
    private Optional<DatasetSource> source(DatasetRef ref) {
        if (!ImageFolderSource.FORMAT.equals(ref.name())) {
            return source(ref.name());
        }
        return roots.resolve(ref.path())
                .map(real -> folders.computeIfAbsent(
                        real + "|" + ref.imageSize(), key -> registered.folder(real.toString(), ref.imageSize())));
    }

    private Optional<DatasetSource> source(String name) {
        if (name == null) {
            return Optional.empty();
        }
        DatasetSource builtIn = sources.get(name);
        return builtIn != null ? Optional.of(builtIn) : registered.find(name);
    }

    private String known() {
        List<String> names = new ArrayList<>(sources.keySet());
        registered.all().forEach(source -> names.add(source.name()));
        names.add(ImageFolderSource.FORMAT + " (with a path and imageSize)");
        return String.join(", ", names);
    }

    /** Why {@code ref} cannot be used (unknown name, bad limit, missing directory or file), or empty. */
    public Optional<String> problem(DatasetRef ref) {
        if (ref == null || ref.name() == null) {
            return Optional.of("a dataset name is required; known: " + known());
        }
        if (ImageFolderSource.FORMAT.equals(ref.name())) {
            return imageFolderProblem(ref);
        }
        DatasetSource source = source(ref.name()).orElse(null);
        if (source == null) {
            return Optional.of("unknown dataset '" + ref.name() + "'; known: " + known());
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
        DatasetSource source = source(ref).orElseThrow();
        Path directory = source.needsFiles() ? directoryOf(source, ref.path()).orElseThrow() : null;
        String key;
        try {
            key = source.cacheKey(directory);
        } catch (IOException | RuntimeException e) {
            throw new TrainingException("could not read dataset '" + source.name() + "': " + e.getMessage(), e);
        }
        try {
            return cache.get(key, () -> source.load(directory)).limit(ref.trainLimit(), ref.testLimit());
        } catch (IOException | RuntimeException e) {
            throw new TrainingException(
                    "could not read dataset '" + source.name() + "' from " + directory + ": " + e.getMessage(), e);
        }
    }

    private DatasetInfo info(DatasetSource source) {
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

    private Optional<String> directoryProblem(DatasetSource source, String requested) {
        if (!source.needsFiles()) {
            return Optional.empty();
        }
        if (isDefault(source, requested) && source.defaultPath() == null) {
            return Optional.of("dataset '" + source.name() + "' has no default directory; give a path");
        }
        return directoryOf(source, requested).map(source::problem).orElse(Optional.of(DatasetRoots.REFUSED));
    }

    /**
     * The directory a reference names: the dataset's configured default (it may be missing; the source says so),
     * or a client-given path resolved under the roots; empty when the given path is refused.
     */
    private Optional<Path> directoryOf(DatasetSource source, String requested) {
        if (isDefault(source, requested)) {
            return Optional.ofNullable(source.defaultPath())
                    .map(path -> Path.of(path).toAbsolutePath().normalize());
        }
        return roots.resolve(requested);
    }

    private static boolean isDefault(DatasetSource source, String requested) {
        if (requested == null || requested.isBlank()) {
            return true;
        }
        return requested.equals(source.defaultPath());
    }
}
