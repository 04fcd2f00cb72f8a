package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** A named dataset format: what it looks like, which files it needs, and how to read them. */
public interface DatasetSource {

    String name();

    String description();

    int classes();

    InputShape shape();

    int trainSize();

    int testSize();

    /** The directory used when a request gives none; null for datasets without files. */
    String defaultPath();

    default boolean needsFiles() {
        return true;
    }

    /** Why the files in {@code directory} are unusable (naming the missing file), or empty. Cheap: no reading. */
    Optional<String> problem(Path directory);

    /** Reads both splits; {@code directory} is ignored by datasets without files. */
    ImageData load(Path directory) throws IOException;

    /** The classes' names, by label; numbers unless the format names them. */
    default List<String> classNames() {
        return IntStream.range(0, classes()).mapToObj(Integer::toString).toList();
    }

    /** What identifies the loaded data in memory: the name and directory (image folders add their content). */
    default String cacheKey(Path directory) throws IOException {
        return name() + "|" + directory;
    }

    /** The SHA-256 of the files read from {@code directory} (see {@link ContentHashes}). */
    default String contentHash(Path directory) throws IOException {
        return ContentHashes.of(directory);
    }
}
