package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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
}
