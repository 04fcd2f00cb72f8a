package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads MNIST-style IDX files (unsigned byte images and labels), gzip-compressed or not (detected by content). */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /**
     * Reads an image file and its label file into one split.
     *
     * @throws IOException naming the file that is not a whole IDX file (truncated, or not gzip/IDX at all), or when
     *     the two disagree on the count
     */
    public static ImageSplit read(Path images, Path labels) throws IOException {
        Images read = readImages(images);
        int[] labelValues = readLabelFile(labels);
        if (labelValues.length != read.count()) {
            throw new IOException(
                    images + " holds " + read.count() + " images but " + labels + " " + labelValues.length + " labels");
        }
        return new ImageSplit(read.shape(), read.pixels(), labelValues);
    }

    private record Images(InputShape shape, int count, byte[] pixels) {}

    private static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(in, IMAGES_MAGIC, file);
            int count = in.readInt();
            InputShape shape = new InputShape(1, in.readInt(), in.readInt());
            byte[] pixels = new byte[Math.multiplyExact(count, shape.size())];
            in.readFully(pixels);
            return new Images(shape, count, pixels);
        } catch (EOFException | ZipException | IllegalArgumentException | ArithmeticException broken) {
            throw unreadable(file, broken);
        }
    }

    private static int[] readLabelFile(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(in, LABELS_MAGIC, file);
            return readLabels(in, in.readInt());
        } catch (EOFException | ZipException | NegativeArraySizeException broken) {
            throw unreadable(file, broken);
        }
    }

    /** The file ends early or is not what its header says, e.g. truncated or changed after submission. */
    private static IOException unreadable(Path file, Exception cause) {
        return new IOException(
                file + " is truncated or corrupt (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")",
                cause);
    }

    private static int[] readLabels(DataInputStream in, int count) throws IOException {
        byte[] raw = new byte[count];
        in.readFully(raw);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = raw[i] & 0xFF;
        }
        return labels;
    }

    private static void expectMagic(DataInputStream in, int expected, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != expected) {
            throw new IOException(String.format(
                    "%s is not an IDX %s file (magic 0x%08x, expected 0x%08x)",
                    file, expected == IMAGES_MAGIC ? "image" : "label", magic, expected));
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in);
    }
}
