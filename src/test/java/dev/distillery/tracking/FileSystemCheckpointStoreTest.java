package dev.distillery.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint files are replaced atomically: a failed write leaves the previous checkpoint intact. */
class FileSystemCheckpointStoreTest {

    private final UUID experiment = UUID.randomUUID();

    @TempDir
    Path root;

    @Test
    void aWriteRecordsSizeAndSha256OfTheBytes() throws Exception {
        FileSystemCheckpointStore store = new FileSystemCheckpointStore(root);
        CheckpointStore.StoredBytes stored = store.write(experiment, "last", out -> out.write(bytes("weights")));
        assertThat(stored.size()).isEqualTo(7);
        assertThat(stored.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes("weights"))));
        assertThat(store.copy(experiment, "last", "best").sha256()).isEqualTo(stored.sha256());
        try (var in = store.open(experiment, "best")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("weights"));
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousCheckpointAndNoTemporaryFile() throws Exception {
        FileSystemCheckpointStore store = new FileSystemCheckpointStore(root);
        store.write(experiment, "last", out -> out.write(bytes("epoch 1")));
        assertThatThrownBy(() -> store.write(experiment, "last", out -> {
                    out.write(bytes("epoch 2, half"));
                    throw new IOException("No space left on device");
                }))
                .hasMessageContaining("No space left");
        assertThat(Files.readString(store.localFile(experiment, "last"))).isEqualTo("epoch 1");
        try (var files = Files.list(root.resolve(experiment.toString()))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("last.params");
        }
    }

    @Test
    void anUnwritableDirectoryFailsTheWriteClearly() throws Exception {
        Path notADirectory = Files.writeString(root.resolve("file"), "x");
        FileSystemCheckpointStore store = new FileSystemCheckpointStore(notADirectory);
        assertThatThrownBy(() -> store.write(experiment, "last", out -> out.write(1)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void namesThatAreNotCheckpointNamesNeverReachTheFilesystem() {
        FileSystemCheckpointStore store = new FileSystemCheckpointStore(root);
        for (String name : new String[] {"../../etc/passwd", "last/../../x", "", "LAST", "epoch-1"}) {
            assertThat(CheckpointNames.isValid(name)).as(name).isFalse();
            assertThatThrownBy(() -> store.open(experiment, name)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
