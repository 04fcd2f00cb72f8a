package dev.distillery.training.data;

import dev.distillery.shared.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content hash of a dataset's files: a file's SHA-256, or for a directory the SHA-256 of every regular file's
 * relative path and SHA-256, in path order (symbolic links are not followed), so a changed, added or removed file
 * changes it. Per-file digests are remembered while size and modification time stay (see {@link FileChecksums}).
 */
public final class ContentHashes {

    private ContentHashes() {}

    public static String of(Path path) throws IOException {
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return FileChecksums.of(path).sha256();
        }
        StringBuilder listing = new StringBuilder();
        for (Path file : files(path)) {
            listing.append(path.relativize(file).toString().replace('\\', '/'))
                    .append('\0')
                    .append(FileChecksums.of(file).sha256())
                    .append('\n');
        }
        return Sha256.hex(listing.toString());
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }
}
