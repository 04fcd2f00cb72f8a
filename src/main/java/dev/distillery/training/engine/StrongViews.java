package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.Random;

/**
 * Draws the strong view of each training image for methods that train on two views: a crop and flip of its own
 * (independent of the weak view's, as in the reference), then {@link StrongAugmentation}. All draws of an epoch
 * depend only on (seed, epoch), so a resumed run sees exactly the views an uninterrupted one does. Images must be
 * drawn in training order.
 */
final class StrongViews {

    private static final long CROP_SEED_MIX = 0x5DEECE66DL;

    private final Augmentation crop;
    private final long seed;
    private final StrongAugmentation strong = new StrongAugmentation();
    private Random random;

    private StrongViews(Augmentation crop, long seed) {
        this.crop = crop;
        this.seed = seed;
        this.random = new Random(seed);
    }

    static StrongViews forShape(InputShape shape, long seed) {
        return new StrongViews(Augmentation.forShape(shape, seed ^ CROP_SEED_MIX), seed);
    }

    void startEpoch(int epoch) {
        crop.startEpoch(epoch);
        random = new Random(Seeds.forEpoch(seed, epoch));
    }

    /** The crop and flip of the next image's strong view. */
    Augmentation.Transform nextCrop() {
        return crop.next();
    }

    /** RandAugment and cutout of the cropped image (C×H×W values 0..255). */
    int[] augment(int[] chw, InputShape shape) {
        return strong.apply(chw, shape, random);
    }
}
