package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads MNIST-style IDX files (unsigned byte images and labels), gzip-compressed or not (detected by content). */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** Reads an image file and its label file into one split. */
    public static ImageSplit read(Path images, Path labels) throws IOException {
        try (DataInputStream imageIn = open(images);
                DataInputStream labelIn = open(labels)) {
            expectMagic(imageIn, IMAGES_MAGIC, images);
            int count = imageIn.readInt();
            InputShape shape = new InputShape(1, imageIn.readInt(), imageIn.readInt());
            expectMagic(labelIn, LABELS_MAGIC, labels);
            int labelCount = labelIn.readInt();
            if (labelCount != count) {
                throw new IOException(
                        images + " holds " + count + " images but " + labels + " " + labelCount + " labels");
            }
            byte[] pixels = new byte[Math.multiplyExact(count, shape.size())];
            imageIn.readFully(pixels);
            return new ImageSplit(shape, pixels, readLabels(labelIn, count));
        }
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
