package dev.distillery.training.data;

import dev.distillery.training.InputShape;

/**
 * One split of an image dataset held in memory as unsigned bytes (C,H,W order per image) plus labels. Immutable:
 * {@link #limit} shares the arrays and only lowers {@link #size()}.
 */
public final class ImageSplit {

    private final InputShape shape;
    private final byte[] pixels;
    private final int[] labels;
    private final int size;

    public ImageSplit(InputShape shape, byte[] pixels, int[] labels, int size) {
        if (size < 0 || labels.length < size || pixels.length < (long) size * shape.size()) {
            throw new IllegalArgumentException("split of " + size + " images does not fit the given arrays");
        }
        this.shape = shape;
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
    }

    public ImageSplit(InputShape shape, byte[] pixels, int[] labels) {
        this(shape, pixels, labels, labels.length);
    }

    public InputShape shape() {
        return shape;
    }

    public int size() {
        return size;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Pixel value 0..255 at {@code offset} (c*H*W + y*W + x) of image {@code index}. */
    public int pixel(int index, int offset) {
        return pixels[index * shape.size() + offset] & 0xFF;
    }

    /** The largest label among the first {@link #size()} images (-1 when empty). */
    public int maxLabel() {
        int max = -1;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, labels[i]);
        }
        return max;
    }

    /**
     * The split before any {@link #limit}: every image the loaded arrays hold (for statistics that must not depend
     * on an experiment's sample limit, such as input normalization).
     */
    public ImageSplit unlimited() {
        int all = Math.min(labels.length, pixels.length / shape.size());
        return all == size ? this : new ImageSplit(shape, pixels, labels, all);
    }

    /** The first {@code limit} images, or this split when the limit is null or not smaller than the size. */
    public ImageSplit limit(Integer limit) {
        if (limit == null || limit >= size) {
            return this;
        }
        return new ImageSplit(shape, pixels, labels, limit);
    }
}
