package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's own images in a torchvision {@code ImageFolder} tree (see {@link ImageFolderScan}), decoded once (see
 * {@link ImageDecoder}) into the cache under the data dir, keyed by the tree's content hash: a second run reads the
 * cache, a changed folder is decoded again. Problems name the bad files or classes (the first 20).
 */
public final class ImageFolderSource implements DatasetSource {

    public static final String FORMAT = "imagefolder";

    private final String name;
    private final String path;
    private final int imageSize;
    private final ImageFolderCache cache;
    private volatile Prepared prepared;

    private record Prepared(String contentHash, ImageFolderCache.Entry entry) {}

    public ImageFolderSource(String name, String path, int imageSize, Path cacheDirectory) {
        this.name = name;
        this.path = path;
        this.imageSize = imageSize;
        this.cache = new ImageFolderCache(cacheDirectory);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "image folder (train/ and test/ with one folder per class), RGB " + imageSize + "x" + imageSize;
    }

    @Override
    public int classes() {
        return known().map(p -> p.entry().classNames().size()).orElse(0);
    }

    @Override
    public List<String> classNames() {
        return known().map(p -> p.entry().classNames()).orElse(List.of());
    }

    @Override
    public InputShape shape() {
        return new InputShape(3, imageSize, imageSize);
    }

    @Override
    public int trainSize() {
        return known().map(p -> p.entry().data().train().size()).orElse(0);
    }

    @Override
    public int testSize() {
        return known().map(p -> p.entry().data().test().size()).orElse(0);
    }

    @Override
    public String defaultPath() {
        return path;
    }

    /** Decodes the folder now (once per content) so that unreadable images are named at submission. */
    @Override
    public Optional<String> problem(Path directory) {
        try {
            prepare(directory);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("image folder '" + name + "': " + e.getMessage());
        }
    }

    /** Keyed by content, so a changed folder is read again. */
    @Override
    public String cacheKey(Path directory) throws IOException {
        return name + "|" + directory + "|" + ContentHashes.of(directory);
    }

    @Override
    public String contentHash(Path directory) throws IOException {
        return ContentHashes.of(directory);
    }

    @Override
    public ImageData load(Path directory) throws IOException {
        return prepare(directory).entry().data();
    }

    private Optional<Prepared> known() {
        if (prepared == null) {
            problem(Path.of(path));
        }
        return Optional.ofNullable(prepared);
    }

    private synchronized Prepared prepare(Path directory) throws IOException {
        String hash = ContentHashes.of(directory);
        Prepared current = prepared;
        if (current != null && current.contentHash().equals(hash)) {
            return current;
        }
        Optional<ImageFolderCache.Entry> cached = cache.read(name, hash, imageSize);
        ImageFolderCache.Entry entry = cached.isPresent() ? cached.get() : decode(directory, hash);
        prepared = new Prepared(hash, entry);
        return prepared;
    }

    private ImageFolderCache.Entry decode(Path directory, String hash) throws IOException {
        ImageFolderScan.Layout layout = ImageFolderScan.scan(directory);
        if (!layout.problems().isEmpty()) {
            throw new IOException(String.join("; ", layout.problems()));
        }
        List<String> unreadable = new ArrayList<>();
        ImageSplit train = decode(directory, layout.train(), unreadable);
        ImageSplit test = decode(directory, layout.test(), unreadable);
        if (!unreadable.isEmpty()) {
            throw new IOException("unreadable images: " + ImageFolderScan.named(unreadable));
        }
        ImageFolderCache.Entry entry =
                new ImageFolderCache.Entry(new ImageData(name, layout.classes().size(), train, test), layout.classes());
        cache.write(hash, imageSize, entry);
        return entry;
    }

    private ImageSplit decode(Path root, List<ImageFolderScan.Image> images, List<String> unreadable) {
        InputShape shape = shape();
        byte[] pixels = new byte[Math.multiplyExact(images.size(), shape.size())];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            ImageFolderScan.Image image = images.get(i);
            labels[i] = image.label();
            try {
                byte[] decoded = ImageDecoder.decode(image.file(), imageSize);
                System.arraycopy(decoded, 0, pixels, i * shape.size(), shape.size());
            } catch (IOException | RuntimeException e) {
                unreadable.add(root.relativize(image.file()).toString());
            }
        }
        return new ImageSplit(shape, pixels, labels);
    }
}
