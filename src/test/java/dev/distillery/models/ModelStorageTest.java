package dev.distillery.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.shared.ContentTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads stream to disk hashed as they are written, and stop at the size limit without reading further. */
class ModelStorageTest {

    @TempDir
    Path root;

    @Test
    void aCopyRecordsSizeAndTheSha256OfItsBytes() throws Exception {
        ModelStorage storage = new ModelStorage(root, 100);
        UUID id = UUID.randomUUID();
        storage.create(id);

        ModelStorage.Written written =
                storage.copy(new ByteArrayInputStream("abc".getBytes()), storage.file(id, ModelFormat.SAFETENSORS));

        assertThat(written.size()).isEqualTo(3);
        // sha256("abc"), FIPS 180-2 test vector
        assertThat(written.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void anUploadOverTheLimitStopsAtTheLimitAndIsRemovedWithItsDirectory() throws Exception {
        ModelStorage storage = new ModelStorage(root, 1000);
        UUID id = UUID.randomUUID();
        storage.create(id);
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 7;
            }
        };

        assertThatThrownBy(() -> storage.copy(endless, storage.file(id, ModelFormat.TORCHSCRIPT)))
                .isInstanceOf(ContentTooLargeException.class)
                .hasMessageContaining("1000 bytes");
        assertThat(read[0]).isLessThan(1000 + (1 << 16) + 1);
        storage.delete(id);
        assertThat(Files.list(root)).isEmpty();
    }
}
