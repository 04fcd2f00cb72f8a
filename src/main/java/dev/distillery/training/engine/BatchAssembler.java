package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distillery.tensors.OwnedArrays;
import dev.distillery.training.InputShape;
import dev.distillery.training.data.ImageSplit;

/** Turns a range of sample indices into normalized (and optionally augmented) float32 image batches. */
final class BatchAssembler {

    private final ImageSplit split;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final StrongViews strongViews;

    /** @param augmentation null for no augmentation (evaluation) */
    BatchAssembler(ImageSplit split, Normalization normalization, Augmentation augmentation) {
        this(split, normalization, augmentation, null);
    }

    /** @param strongViews draws a strong view of every image as well; null for one view */
    BatchAssembler(ImageSplit split, Normalization normalization, Augmentation augmentation, StrongViews strongViews) {
        this.split = split;
        this.normalization = normalization;
        this.augmentation = augmentation;
        this.strongViews = strongViews;
    }

    /** Makes the augmentation of {@code epoch} a function of the seed and the epoch alone (nothing without one). */
    void startEpoch(int epoch) {
        if (augmentation != null) {
            augmentation.startEpoch(epoch);
        }
        if (strongViews != null) {
            strongViews.startEpoch(epoch);
        }
    }

    ImageSplit split() {
        return split;
    }

    /** The batch of samples {@code order[from..to)}: pixels and labels (one view). */
    BatchPrefetcher.Batch batch(int[] order, int from, int to) {
        float[] pixels = pixels(order, from, to);
        float[] strong = strongViews == null ? null : strongPixels(order, from, to);
        return new BatchPrefetcher.Batch(pixels, labels(order, from, to), strong);
    }

    /** The strong views of images {@code order[from..to)}, normalized: batch × C × H × W floats. */
    private float[] strongPixels(int[] order, int from, int to) {
        InputShape shape = split.shape();
        float[] values = new float[(to - from) * shape.size()];
        for (int i = from; i < to; i++) {
            int[] cropped = raw(order[i], strongViews.nextCrop());
            int[] strong = strongViews.augment(cropped, shape);
            int offset = (i - from) * shape.size();
            int plane = shape.height() * shape.width();
            for (int j = 0; j < strong.length; j++) {
                values[offset + j] = normalization.apply(j / plane, strong[j]);
            }
        }
        return values;
    }

    /** One image after a crop and flip, in raw pixel values (0 in the padding): C × H × W. */
    private int[] raw(int image, Augmentation.Transform transform) {
        InputShape shape = split.shape();
        int plane = shape.height() * shape.width();
        int[] values = new int[shape.size()];
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    int source = transform.source(y, x, shape.height(), shape.width());
                    values[c * plane + y * shape.width() + x] = source < 0 ? 0 : split.pixel(image, c * plane + source);
                }
            }
        }
        return values;
    }

    /** Images {@code order[from..to)} as a (batch, C, H, W) float32 array in {@code manager}. */
    NDArray images(NDManager manager, int[] order, int from, int to) {
        return images(manager, pixels(order, from, to));
    }

    /**
     * Images {@code order[from..to)}, decoded, augmented (each image draws the augmentation's next transform, so
     * batches must be assembled in order) and normalized, as Java values: batch × C × H × W floats.
     */
    float[] pixels(int[] order, int from, int to) {
        InputShape shape = split.shape();
        float[] values = new float[(to - from) * shape.size()];
        for (int i = from; i < to; i++) {
            Augmentation.Transform transform =
                    augmentation == null ? Augmentation.Transform.IDENTITY : augmentation.next();
            write(order[i], transform, values, (i - from) * shape.size());
        }
        return values;
    }

    /** {@link #pixels} as a (batch, C, H, W) float32 array in {@code manager}. */
    NDArray images(NDManager manager, float[] pixels) {
        InputShape shape = split.shape();
        long batch = pixels.length / shape.size();
        return OwnedArrays.of(manager, pixels, new Shape(batch, shape.channels(), shape.height(), shape.width()));
    }

    /** Labels {@code order[from..to)} as Java ints. */
    int[] labels(int[] order, int from, int to) {
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            labels[i - from] = split.label(order[i]);
        }
        return labels;
    }

    /** Labels as an int64 array in {@code manager}. */
    static NDArray labelArray(NDManager manager, int[] labels) {
        long[] values = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            values[i] = labels[i];
        }
        return OwnedArrays.of(manager, values);
    }

    private void write(int image, Augmentation.Transform transform, float[] values, int offset) {
        InputShape shape = split.shape();
        int plane = shape.height() * shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            float padding = normalization.apply(c, 0);
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    int source = transform.source(y, x, shape.height(), shape.width());
                    values[offset + c * plane + y * shape.width() + x] =
                            source < 0 ? padding : normalization.apply(c, split.pixel(image, c * plane + source));
                }
            }
        }
    }
}
