package dev.distillery.datasets.bench;

import dev.distillery.training.data.ImageData;
import dev.distillery.training.data.ImageSplit;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes images as CIFAR-10's published binary version: {@code data_batch_1.bin} … {@code data_batch_5.bin} and
 * {@code test_batch.bin}, each record one label byte and 3072 pixel bytes (R, G, B planes of 32×32).
 */
final class CifarBinaryFiles {

    private static final int BATCHES = 5;

    private CifarBinaryFiles() {}

    /** The train split spread over five batch files (in order), the test split in {@code test_batch.bin}. */
    static Path write(ImageData data, Path directory) throws IOException {
        Files.createDirectories(directory);
        ImageSplit train = data.train();
        int perBatch = (train.size() + BATCHES - 1) / BATCHES;
        for (int batch = 0; batch < BATCHES; batch++) {
            int from = Math.min(train.size(), batch * perBatch);
            int to = Math.min(train.size(), from + perBatch);
            write(train, from, to, directory.resolve("data_batch_" + (batch + 1) + ".bin"));
        }
        write(data.test(), 0, data.test().size(), directory.resolve("test_batch.bin"));
        return directory;
    }

    private static void write(ImageSplit split, int from, int to, Path file) throws IOException {
        if (split.shape().channels() != 3
                || split.shape().height() != 32
                || split.shape().width() != 32) {
            throw new IllegalArgumentException("CIFAR binary records are 3x32x32, not " + split.shape());
        }
        int size = split.shape().size();
        byte[] record = new byte[1 + size];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = from; i < to; i++) {
                record[0] = (byte) split.label(i);
                for (int p = 0; p < size; p++) {
                    record[1 + p] = (byte) split.pixel(i, p);
                }
                out.write(record);
            }
        }
    }
}
