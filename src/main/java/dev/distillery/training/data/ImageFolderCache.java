package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decoded image folders on disk, one file per (content hash, image size): a header (magic, size, class names, split
 * sizes), the labels, then every image's RGB bytes. Written to a temporary file and renamed, so a half-written cache
 * is never read.
 */
final class ImageFolderCache {

    private static final int MAGIC = 0x44494631; // "DIF1"

    /** A decoded folder: its data and class names. */
    record Entry(ImageData data, List<String> classNames) {}

    private final Path directory;

    ImageFolderCache(Path directory) {
        this.directory = directory;
    }

    Path file(String contentHash, int size) {
        return directory.resolve(contentHash + "-" + size + ".bin");
    }

    Optional<Entry> read(String name, String contentHash, int size) throws IOException {
        Path file = file(contentHash, size);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != size) {
                return Optional.empty();
            }
            int classes = in.readInt();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                names.add(in.readUTF());
            }
            InputShape shape = new InputShape(3, size, size);
            ImageSplit train = split(in, shape);
            ImageSplit test = split(in, shape);
            return Optional.of(new Entry(new ImageData(name, classes, train, test), names));
        }
    }

    void write(String contentHash, int size, Entry entry) throws IOException {
        Files.createDirectories(directory);
        Path target = file(contentHash, size);
        Path temporary = Files.createTempFile(directory, contentHash, ".tmp");
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(size);
            out.writeInt(entry.classNames().size());
            for (String name : entry.classNames()) {
                out.writeUTF(name);
            }
            write(out, entry.data().train());
            write(out, entry.data().test());
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ImageSplit split(DataInputStream in, InputShape shape) throws IOException {
        int count = in.readInt();
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = in.readInt();
        }
        byte[] pixels = new byte[Math.multiplyExact(count, shape.size())];
        in.readFully(pixels);
        return new ImageSplit(shape, pixels, labels);
    }

    private static void write(DataOutputStream out, ImageSplit split) throws IOException {
        out.writeInt(split.size());
        for (int i = 0; i < split.size(); i++) {
            out.writeInt(split.label(i));
        }
        byte[] image = new byte[split.shape().size()];
        for (int i = 0; i < split.size(); i++) {
            for (int p = 0; p < image.length; p++) {
                image[p] = (byte) split.pixel(i, p);
            }
            out.write(image); // one call per image, not one per byte through the synchronized stream
        }
    }
}
