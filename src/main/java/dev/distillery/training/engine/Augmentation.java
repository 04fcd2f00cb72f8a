package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.Random;

/**
 * Java-side training augmentation: a random crop of the original size from the image zero-padded by
 * {@code padding} pixels (padding in raw pixel space, as torchvision's RandomCrop), and for RGB images a random
 * horizontal flip. RGB: pad 4 + flip (the CIFAR recipe); grayscale: pad 2, no flip. The padding scales with the image:
 * 4 per 32 pixels of height for RGB (8 for a 64-pixel image folder), 2 per 28 for grayscale. Seeded, so deterministic; the
 * draws of an epoch depend only on (seed, epoch) ({@link #startEpoch}), so a resumed run augments its epochs exactly
 * as an uninterrupted one.
 */
final class Augmentation {

    static final int RGB_PADDING = 4;
    static final int GRAY_PADDING = 2;

    private final int padding;
    private final boolean flip;
    private final long seed;
    private Random random;

    private Augmentation(int padding, boolean flip, long seed) {
        this.padding = padding;
        this.flip = flip;
        this.seed = seed;
        this.random = new Random(seed);
    }

    static Augmentation forShape(InputShape shape, long seed) {
        boolean rgb = shape.channels() == 3;
        return new Augmentation(padding(shape), rgb, seed);
    }

    /** 4 pixels per 32 (RGB) or 2 per 28 (grayscale) of the image's height, at least 1. */
    static int padding(InputShape shape) {
        boolean rgb = shape.channels() == 3;
        int reference = rgb ? 32 : 28;
        int base = rgb ? RGB_PADDING : GRAY_PADDING;
        return Math.max(1, Math.round((float) base * shape.height() / reference));
    }

    /** Restarts the draws for {@code epoch}: from here on they depend only on the seed and the epoch. */
    void startEpoch(int epoch) {
        random = new Random(Seeds.forEpoch(seed, epoch));
    }

    /** Draws the transform of the next image. */
    Transform next() {
        int dy = random.nextInt(2 * padding + 1) - padding;
        int dx = random.nextInt(2 * padding + 1) - padding;
        return new Transform(dy, dx, flip && random.nextBoolean());
    }

    /** Output pixel (y, x) comes from source pixel (y + dy, x' + dx) with x' = flipped ? W-1-x : x. */
    record Transform(int dy, int dx, boolean flipped) {

        static final Transform IDENTITY = new Transform(0, 0, false);

        /** The source offset within a channel plane for output (y, x), or -1 when it falls into the padding. */
        int source(int y, int x, int height, int width) {
            int sy = y + dy;
            int sx = (flipped ? width - 1 - x : x) + dx;
            return sy < 0 || sy >= height || sx < 0 || sx >= width ? -1 : sy * width + sx;
        }
    }
}
