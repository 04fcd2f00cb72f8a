package dev.distillery.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR read straight from the published tar.gz layout, checked against the expected MD5. */
class CifarArchiveTest {

    @TempDir
    Path dir;

    @Test
    void cifar100IsReadOutOfItsArchiveWithoutUnpacking() throws IOException {
        Path archive = CifarArchives.writeCifar100(dir.resolve("cifar-100-binary.tar.gz"), 12, 5);
        CifarDatasetSource source = cifar100(archive);

        assertThat(source.problem(archive)).isEmpty();
        assertThat(source.problem(dir)).isEmpty();
        ImageData data = source.load(dir);

        assertThat(data.train().size()).isEqualTo(12);
        assertThat(data.test().size()).isEqualTo(5);
        assertThat(data.train().label(11)).isEqualTo(DataFixtures.label(11));
        assertThat(data.train().pixel(11, 3071)).isEqualTo(DataFixtures.pixel(11, 3071));
        assertThat(data.test().pixel(4, 17)).isEqualTo(DataFixtures.pixel(4, 17));
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(archive);
        }
    }

    @Test
    void cifar10BatchesComeOutOfTheArchiveInOrder() throws IOException {
        Path archive = CifarArchives.writeCifar10(dir.resolve("cifar-10-binary.tar.gz"), 2, 3);
        String md5 = FileChecksums.of(archive).md5();
        CifarDatasetSource source = CifarDatasetSource.cifar10(
                "/nowhere", new ArchiveSettings(false, new CifarArchive("cifar-10-binary.tar.gz", md5, null), null));

        ImageData data = source.load(archive);

        assertThat(data.train().size()).isEqualTo(10);
        assertThat(data.train().label(7)).isEqualTo(DataFixtures.label(7));
        assertThat(data.train().pixel(9, 3071)).isEqualTo(DataFixtures.pixel(9, 3071));
    }

    @Test
    void aCorruptedCopyIsRefusedNamingTheChecksums() throws IOException {
        Path archive = CifarArchives.writeCifar100(dir.resolve("good/cifar-100-binary.tar.gz"), 12, 5);
        Path corrupt = CifarArchives.corruptCopy(archive, dir.resolve("bad/cifar-100-binary.tar.gz"));
        CifarDatasetSource source = cifar100(archive);
        String corruptMd5 = FileChecksums.of(corrupt).md5();

        assertThat(source.problem(corrupt.getParent()))
                .get()
                .asString()
                .contains(
                        "checksum mismatch",
                        "MD5 " + corruptMd5,
                        FileChecksums.of(archive).md5());
        assertThatThrownBy(() -> source.load(corrupt)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void theSha256IsRecordedBesideThePublishedMd5() throws IOException {
        Path archive = CifarArchives.writeCifar100(dir.resolve("cifar-100-binary.tar.gz"), 2, 2);
        FileChecksums.Checksums sums = FileChecksums.of(archive);

        assertThat(sums.md5()).hasSize(32);
        assertThat(sums.sha256()).hasSize(64).isNotEqualTo(sums.md5());
        assertThat(CifarDatasetSource.cifar100("/nowhere").problem(archive))
                .get()
                .asString()
                .contains("published cifar-100-binary.tar.gz has MD5 " + ArchiveSettings.CIFAR100_MD5)
                .contains(sums.sha256());
    }

    private static CifarDatasetSource cifar100(Path archive) throws IOException {
        String md5 = FileChecksums.of(archive).md5();
        return CifarDatasetSource.cifar100(
                "/nowhere", new ArchiveSettings(false, null, new CifarArchive("cifar-100-binary.tar.gz", md5, null)));
    }
}
