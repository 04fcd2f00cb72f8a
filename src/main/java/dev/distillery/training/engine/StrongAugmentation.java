package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.Random;

/**
 * The strong view of MLKD training, after the MLKD reference (mdistiller's {@code cifar100.py},
 * {@code get_cifar100_train_transform_strong}). Per training image the reference makes two views from the same
 * original, each with its own random draws:
 *
 * <ul>
 *   <li>weak: RandomCrop(32, padding 4, zero fill) → RandomHorizontalFlip → ToTensor → Normalize;
 *   <li>strong: RandomCrop(32, padding 4) → RandomHorizontalFlip → {@link RandAugment} (2 ops) → {@link Cutout} →
 *       ToTensor → Normalize.
 * </ul>
 *
 * The crop and flip therefore come <em>before</em> RandAugment, on raw 8-bit pixels, and so do all of RandAugment's ops
 * and the cutout (black affine fill and the grey cutout are pixel values, normalized afterwards like the rest). This
 * class is the part after the crop and flip, which {@link Augmentation} draws: {@link #apply} takes the cropped,
 * flipped image and returns RandAugment then Cutout of it, drawing every random number from the given generator.
 */
final class StrongAugmentation {

    /** The reference's {@code RandAugment(2, 10)}: two ops per image. */
    static final int OPS_PER_IMAGE = 2;

    private final RandAugment randAugment = new RandAugment(OPS_PER_IMAGE);

    /**
     * RandAugment (two ops) then Cutout of one C×H×W image of values 0..255 (C = 3 or 1), as a new array of the same
     * layout; the same generator state gives the same result.
     */
    int[] apply(int[] chw, InputShape shape, Random random) {
        return Cutout.apply(randAugment.apply(chw, shape, random), shape, random);
    }
}
