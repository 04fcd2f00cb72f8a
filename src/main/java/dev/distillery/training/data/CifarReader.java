package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the CIFAR binary format: fixed-size records of {@code labelBytes} label bytes followed by 3072 pixel
 * bytes (1024 red, 1024 green, 1024 blue, row-major 32x32).
 */
public final class CifarReader {

    public static final InputShape SHAPE = new InputShape(3, 32, 32);

    private CifarReader() {}

    /**
     * @param labelBytes  label bytes per record (1 for CIFAR-10, 2 for CIFAR-100: coarse, fine)
     * @param labelIndex  which label byte is the class (0 for CIFAR-10, 1 = fine label for CIFAR-100)
     */
    public static ImageSplit read(List<Path> files, int labelBytes, int labelIndex) throws IOException {
        int recordSize = labelBytes + SHAPE.size();
        int total = 0;
        for (Path file : files) {
            total = Math.addExact(total, recordCount(file, recordSize));
        }
        byte[] pixels = new byte[Math.multiplyExact(total, SHAPE.size())];
        int[] labels = new int[total];
        int next = 0;
        for (Path file : files) {
            byte[] raw = Files.readAllBytes(file);
            for (int offset = 0; offset < raw.length; offset += recordSize, next++) {
                labels[next] = raw[offset + labelIndex] & 0xFF;
                System.arraycopy(raw, offset + labelBytes, pixels, next * SHAPE.size(), SHAPE.size());
            }
        }
        return new ImageSplit(SHAPE, pixels, labels);
    }

    /** Like {@link #read(List, int, int)}, from the files' bytes (e.g. read out of an archive), named for errors. */
    public static ImageSplit read(Map<String, byte[]> files, int labelBytes, int labelIndex) throws IOException {
        int recordSize = labelBytes + SHAPE.size();
        int total = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            total = Math.addExact(total, recordCount(file.getKey(), file.getValue().length, recordSize));
        }
        byte[] pixels = new byte[Math.multiplyExact(total, SHAPE.size())];
        int[] labels = new int[total];
        int next = 0;
        for (byte[] raw : files.values()) {
            for (int offset = 0; offset < raw.length; offset += recordSize, next++) {
                labels[next] = raw[offset + labelIndex] & 0xFF;
                System.arraycopy(raw, offset + labelBytes, pixels, next * SHAPE.size(), SHAPE.size());
            }
        }
        return new ImageSplit(SHAPE, pixels, labels);
    }

    private static int recordCount(Path file, int recordSize) throws IOException {
        return recordCount(file.toString(), Files.size(file), recordSize);
    }

    private static int recordCount(String file, long length, int recordSize) throws IOException {
        if (length == 0 || length % recordSize != 0) {
            throw new IOException(file + " is not a CIFAR binary file: its length " + length
                    + " is not a positive multiple of the record size " + recordSize);
        }
        return Math.toIntExact(length / recordSize);
    }
}
