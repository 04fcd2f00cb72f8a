package dev.distillery.training.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Tiny CIFAR archives laid out as the published ones, with {@link DataFixtures}' pixels and labels. */
public final class CifarArchives {

    private CifarArchives() {}

    /** {@code cifar-100-binary/{train,test}.bin} plus the label-name files, as in the published archive. */
    public static Path writeCifar100(Path archive, int train, int test) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cifar-100-binary/coarse_label_names.txt", "aquatic_mammals\n".getBytes());
        files.put("cifar-100-binary/fine_label_names.txt", "apple\n".getBytes());
        files.put("cifar-100-binary/test.bin", records(test, 0, true));
        files.put("cifar-100-binary/train.bin", records(train, 0, true));
        return write(archive, files);
    }

    /** {@code cifar-10-batches-bin/data_batch_{1..5}.bin} and {@code test_batch.bin}, {@code perBatch} each. */
    public static Path writeCifar10(Path archive, int perBatch, int test) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        for (int batch = 1; batch <= 5; batch++) {
            files.put(
                    "cifar-10-batches-bin/data_batch_" + batch + ".bin",
                    records(perBatch, (batch - 1) * perBatch, false));
        }
        files.put("cifar-10-batches-bin/test_batch.bin", records(test, 0, false));
        return write(archive, files);
    }

    /** A copy of {@code archive} with one byte in its middle flipped. */
    public static Path corruptCopy(Path archive, Path copy) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        Files.createDirectories(copy.toAbsolutePath().getParent());
        Files.write(copy, bytes);
        return copy;
    }

    static byte[] records(int count, int first, boolean cifar100) throws IOException {
        Path file = Files.createTempFile("cifar", ".bin");
        try {
            DataFixtures.writeCifar(file, count, first, cifar100);
            return Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
    }

    private static Path write(Path archive, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(archive.toAbsolutePath().getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        Files.write(archive, bytes.toByteArray());
        return archive;
    }
}
