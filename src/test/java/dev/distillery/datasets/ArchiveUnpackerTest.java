package dev.distillery.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.e2e.HostileArchives;
import dev.distillery.shared.InvalidRequestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacker itself, below the HTTP layer (where {@code ImageFolderUploadEndToEndTest} sees the 400s and the
 * clean-up): a zip bomb stops at the unpacked-bytes limit, not after it; an archive listing too many entries is
 * refused before anything is written; names that climb out or are links write nothing anywhere.
 */
class ArchiveUnpackerTest {

    private static final long LIMIT = 4L << 20;
    private static final int BUFFER = 1 << 16;

    @TempDir
    Path dir;

    @Test
    void aZipBombDeclaringSmallSizesIsStoppedAtTheLimitNotAfterAGigabyte() throws IOException {
        byte[] bomb = HostileArchives.zipBomb(1L << 30);
        Path archive = Files.write(dir.resolve("bomb.zip"), bomb);
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            assertThat(zip.getEntries().nextElement().getSize())
                    .as("the archive declares a small size")
                    .isEqualTo(1000);
        }
        Path target = Files.createDirectories(dir.resolve("out"));

        assertThatThrownBy(() -> unpacker(100).unpack(archive, target))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("unpacks to more than " + LIMIT + " bytes");

        assertThat(bytesUnder(target))
                .as("written up to the limit, less than one buffer short of it, never beyond")
                .isLessThanOrEqualTo(LIMIT)
                .isGreaterThan(LIMIT - BUFFER);
    }

    @Test
    void aZipListingMoreEntriesThanAllowedIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path archive = Files.write(dir.resolve("many.zip"), HostileArchives.manyEmptyEntries(100_000));
        Path target = Files.createDirectories(dir.resolve("out"));

        assertThatThrownBy(() -> unpacker(50_000).unpack(archive, target))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("holds more than 50000 entries");

        assertThat(target).isEmptyDirectory();
    }

    @Test
    void entriesThatClimbOutAreAbsoluteOrLinksWriteNothingAnywhere() throws IOException {
        Map<String, byte[]> archives = Map.of(
                "dot-dot.zip", HostileArchives.zip(Map.of("train/a/../../../escaped.png", new byte[] {1})),
                "absolute.zip",
                        HostileArchives.zip(Map.of(dir.resolve("absolute.png").toString(), new byte[] {1})),
                "link.zip", HostileArchives.zipWithSymlink("train/a/link.png", "/etc/passwd"),
                "link.tar.gz", HostileArchives.tarWithSymlink("train/a/link.png", "../../../../etc/passwd"));
        Path nest = Files.createDirectories(dir.resolve("a/b/c"));
        for (Map.Entry<String, byte[]> hostile : archives.entrySet()) {
            Path archive = Files.write(dir.resolve(hostile.getKey()), hostile.getValue());
            Path target = Files.createDirectories(nest.resolve("out"));

            assertThatThrownBy(() -> unpacker(100).unpack(archive, target))
                    .as(hostile.getKey())
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("entry '");

            assertThat(target).as(hostile.getKey()).isEmptyDirectory();
            Files.delete(target);
            Files.delete(archive);
        }
        try (Stream<Path> everything = Files.walk(dir)) {
            assertThat(everything.filter(Files::isRegularFile))
                    .as("no file was written anywhere")
                    .isEmpty();
        }
    }

    private static ArchiveUnpacker unpacker(int maxEntries) {
        return new ArchiveUnpacker(new UploadLimits(64L << 20, maxEntries, LIMIT));
    }

    private static long bytesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
    }
}
