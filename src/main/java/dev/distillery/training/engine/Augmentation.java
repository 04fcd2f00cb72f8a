package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.Random;

/**
 * Java-side training augmentation: a random crop of the original size from the image zero-padded by
 * {@code padding} pixels (padding in raw pixel space, as torchvision's RandomCrop), and for RGB images a random
 * horizontal flip. RGB: pad 4 + flip (the CIFAR recipe); grayscale: pad 2, no flip. Seeded, so deterministic; the
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
        return new Augmentation(rgb ? RGB_PADDING : GRAY_PADDING, rgb, seed);
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
