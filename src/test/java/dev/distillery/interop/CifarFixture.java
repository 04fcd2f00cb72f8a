package dev.distillery.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small learnable CIFAR-10 directory ({@code data_batch_1..5.bin}, {@code test_batch.bin}): image i has label
 * i mod 10, a class-dependent colour per channel plus uniform noise.
 */
public final class CifarFixture {

    private static final int PIXELS = 3 * 32 * 32;
    private static final int BATCHES = 5;

    private CifarFixture() {}

    /** Writes {@code perBatch} images into each training batch and {@code test} into the test batch. */
    public static Path write(Path directory, int perBatch, int test) throws IOException {
        Files.createDirectories(directory);
        SplittableRandom random = new SplittableRandom(42);
        for (int batch = 1; batch <= BATCHES; batch++) {
            Files.write(directory.resolve("data_batch_" + batch + ".bin"), records(perBatch, random));
        }
        Files.write(directory.resolve("test_batch.bin"), records(test, random));
        return directory;
    }

    private static byte[] records(int count, SplittableRandom random) {
        byte[] bytes = new byte[count * (1 + PIXELS)];
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            int offset = i * (1 + PIXELS);
            bytes[offset] = (byte) label;
            for (int p = 0; p < PIXELS; p++) {
                int channel = p / 1024;
                int base = (label * (37 + 29 * channel)) % 200;
                bytes[offset + 1 + p] = (byte) (base + random.nextInt(56));
            }
        }
        return bytes;
    }
}
