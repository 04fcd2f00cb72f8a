package dev.distillery.training.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX and CIFAR files whose pixel at (image i, offset p) is (i * 7 + p) mod 256 and label i mod 10. */
public final class DataFixtures {

    private DataFixtures() {}

    public static int pixel(int image, int offset) {
        return (image * 7 + offset) % 256;
    }

    public static int label(int image) {
        return image % 10;
    }

    /** The four MNIST files (28x28) with {@code train} and {@code test} images, gzip-compressed or not. */
    public static void writeIdxDataset(Path directory, int train, int test, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        writeIdxImages(directory.resolve("train-images-idx3-ubyte" + suffix), train, 28, 28, gzip);
        writeIdxLabels(directory.resolve("train-labels-idx1-ubyte" + suffix), train, gzip);
        writeIdxImages(directory.resolve("t10k-images-idx3-ubyte" + suffix), test, 28, 28, gzip);
        writeIdxLabels(directory.resolve("t10k-labels-idx1-ubyte" + suffix), test, gzip);
    }

    public static void writeIdxImages(Path file, int count, int rows, int columns, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * columns; p++) {
                out.writeByte(pixel(i, p));
            }
        }
        write(file, bytes.toByteArray(), gzip);
    }

    public static void writeIdxLabels(Path file, int count, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeByte(label(i));
        }
        write(file, bytes.toByteArray(), gzip);
    }

    /** A CIFAR binary file of {@code count} records; CIFAR-100 style writes coarse label 99 before the fine one. */
    public static void writeCifar(Path file, int count, int firstImage, boolean cifar100) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = firstImage; i < firstImage + count; i++) {
            if (cifar100) {
                bytes.write(99);
            }
            bytes.write(label(i));
            for (int p = 0; p < 3072; p++) {
                bytes.write(pixel(i, p));
            }
        }
        write(file, bytes.toByteArray(), false);
    }

    private static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out =
                gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }
}
