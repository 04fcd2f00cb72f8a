package dev.distillery.training;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The directories a client-given dataset path may name: the configured roots ({@code distillery.datasets.roots})
 * and the built-in datasets' default directories. A path is accepted when it lies under a root both as written
 * (after {@code ..} is folded) and once every symbolic link is followed, so neither {@code ../../} nor a link
 * out of a root gets through. A relative path is taken relative to the first root. Nothing outside the roots is
 * opened: a path outside them is refused before the file system is asked about it.
 */
public final class DatasetRoots {

    /** The one answer for every refused path: it does not say whether the path exists. */
    public static final String REFUSED = "must name a directory or archive under the dataset roots "
            + "(distillery.datasets.roots) or a registered dataset; this one cannot be used";

    private final List<Path> roots;

    public DatasetRoots(List<String> roots) {
        List<Path> normalized = new ArrayList<>();
        roots.stream().filter(Objects::nonNull).filter(root -> !root.isBlank()).forEach(root -> {
            normalized.add(Path.of(root).toAbsolutePath().normalize());
        });
        this.roots = List.copyOf(normalized);
    }

    /** The roots, absolute and normalized, in the order given. */
    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path (links followed) that {@code requested} names under a root, or empty when it names nothing
     * under a root: outside them, a link out of them, missing, or not a path at all.
     */
    public Optional<Path> resolve(String requested) {
        Optional<Path> lexical = lexical(requested);
        if (lexical.isEmpty()) {
            return Optional.empty();
        }
        Path path = lexical.get();
        try {
            Path real = path.toRealPath();
            return underARoot(real, true) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code path} (an absolute, normalized path) lies under a root as written. */
    public boolean contains(Path path) {
        return underARoot(path.toAbsolutePath().normalize(), false);
    }

    private Optional<Path> lexical(String requested) {
        if (requested == null || requested.isBlank() || roots.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path given = Path.of(requested);
            Path absolute = given.isAbsolute() ? given : roots.get(0).resolve(given);
            Path normalized = absolute.normalize();
            return underARoot(normalized, false) ? Optional.of(normalized) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private boolean underARoot(Path path, boolean real) {
        for (Path root : roots) {
            Optional<Path> candidate = real ? realRoot(root) : Optional.of(root);
            if (candidate.isPresent() && path.startsWith(candidate.get())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> realRoot(Path root) {
        try {
            return Optional.of(root.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
