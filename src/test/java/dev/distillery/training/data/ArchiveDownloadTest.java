package dev.distillery.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The opt-in download: interrupted once, never leaves a file that is read, then completes with progress lines. */
class ArchiveDownloadTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedDownloadLeavesNothingAndTheNextAttemptCompletes() throws IOException {
        Path made = CifarArchives.writeCifar100(dir.resolve("made.tar.gz"), 300, 40);
        byte[] content = Files.readAllBytes(made);
        Path defaultDirectory = dir.resolve("datasets/cifar-100-binary");
        Path target = dir.resolve("datasets/cifar-100-binary.tar.gz");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(ArchiveDownload.class)).addAppender(logs);

        try (ArchiveServer server = new ArchiveServer("cifar-100-binary.tar.gz", content, 1)) {
            CifarArchive archive = new CifarArchive(
                    "cifar-100-binary.tar.gz", FileChecksums.of(made).md5(), server.url("cifar-100-binary.tar.gz"));
            CifarDatasetSource source =
                    CifarDatasetSource.cifar100(defaultDirectory.toString(), new ArchiveSettings(true, null, archive));
            assertThat(source.problem(defaultDirectory))
                    .as("a missing archive will be downloaded")
                    .isEmpty();

            assertThatThrownBy(() -> source.load(defaultDirectory))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("download of cifar-100-binary.tar.gz")
                    .hasMessageContaining("failed");
            assertThat(target).doesNotExist();
            Path part = dir.resolve("datasets/cifar-100-binary.tar.gz.part");
            assertThat(part).doesNotExist();
            // what a process killed in mid-download would leave: the first half of the archive under .part
            Files.write(part, Arrays.copyOf(content, content.length / 2));
            assertThat(source.problem(defaultDirectory))
                    .as("a partial file does not count as the archive: it will be downloaded")
                    .isEmpty();

            ImageData data = source.load(defaultDirectory);

            assertThat(server.requests()).isEqualTo(2);
            assertThat(data.train().size()).isEqualTo(300);
            assertThat(data.test().pixel(39, 100)).isEqualTo(DataFixtures.pixel(39, 100));
            assertThat(target).hasBinaryContent(content);
            assertThat(part)
                    .as("the partial file was replaced by a fresh download, not kept")
                    .doesNotExist();
            source.load(defaultDirectory);
            assertThat(server.requests())
                    .as("the placed archive is used, not fetched again")
                    .isEqualTo(2);
        } finally {
            ((Logger) LoggerFactory.getLogger(ArchiveDownload.class)).detachAppender(logs);
        }
        List<Integer> percents = logs.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("cifar-100-binary.tar.gz: ") && m.contains(" % ("))
                .map(m -> Integer.parseInt(m.substring("cifar-100-binary.tar.gz: ".length(), m.indexOf(" %"))))
                .toList();
        assertThat(percents)
                .as("a line every 10 %: the broken download stopped before 60 %, the next one got to 100 %")
                .endsWith(10, 20, 30, 40, 50, 60, 70, 80, 90, 100)
                .hasSizeBetween(11, 15)
                .startsWith(10);
    }

    @Test
    void aDownloadWithTheWrongChecksumIsNotPlaced() throws IOException {
        Path made = CifarArchives.writeCifar100(dir.resolve("made.tar.gz"), 3, 2);
        try (ArchiveServer server = new ArchiveServer("c.tar.gz", Files.readAllBytes(made), 0)) {
            CifarArchive archive = new CifarArchive("cifar-100-binary.tar.gz", "0".repeat(32), server.url("c.tar.gz"));
            Path target = dir.resolve("cifar-100-binary.tar.gz");

            assertThatThrownBy(() -> ArchiveDownload.fetch(archive, target))
                    .hasMessageContaining("checksum mismatch")
                    .hasMessageContaining("MD5 " + "0".repeat(32));
            assertThat(target).doesNotExist();
            assertThat(dir.resolve("cifar-100-binary.tar.gz.part")).doesNotExist();
        }
    }
}
