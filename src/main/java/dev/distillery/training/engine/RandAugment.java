package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.List;
import java.util.Random;

/**
 * RandAugment as the MLKD reference (mdistiller's {@code cifar100.py}, {@code RandAugment(2, 10)}) applies it to the
 * strong view: {@code n} operations drawn uniformly with replacement from the fourteen of {@link Op}, then each one in
 * turn with its own magnitude {@code v = min + (max − min)·u}, u uniform in [0, 1). The reference's {@code m = 10} is
 * unused by its code ("deprecated"): the magnitude is always random within the op's range. Its cutout, which the
 * reference runs at the end of the same call, is {@link Cutout}; {@link StrongAugmentation} chains the two.
 *
 * <p>Images are C×H×W arrays of 0..255 with C = 3 (RGB) or 1 (grayscale); every op is computed as PIL 9.4 computes
 * it ({@link ImageOps}, {@link GeometryOps}), so a result equals PIL's for the same op and magnitude.
 */
final class RandAugment {

    /** The reference's operation list, in its order, with the range the magnitude is drawn from. */
    enum Op {
        /** ImageOps.autocontrast; magnitude drawn but unused. */
        AUTO_CONTRAST(0, 1),
        /** ImageEnhance.Brightness(f), f in [0.05, 0.95): always darker. */
        BRIGHTNESS(0.05, 0.95),
        /** ImageEnhance.Color(f), f in [0.05, 0.95): always less saturated; identity on one channel. */
        COLOR(0.05, 0.95),
        /** ImageEnhance.Contrast(f), f in [0.05, 0.95): always less contrast. */
        CONTRAST(0.05, 0.95),
        /** ImageOps.equalize; magnitude drawn but unused. */
        EQUALIZE(0, 1),
        IDENTITY(0, 1),
        /** ImageOps.posterize(max(1, trunc(v))), v in [4, 8): keeps 4 to 7 bits. */
        POSTERIZE(4, 8),
        /** Image.rotate(v) degrees counter-clockwise, v in [−30, 30), black corners. */
        ROTATE(-30, 30),
        /** ImageEnhance.Sharpness(f), f in [0.05, 0.95): always blurrier. */
        SHARPNESS(0.05, 0.95),
        /** Affine (1, v, 0, 0, 1, 0), v in [−0.3, 0.3). */
        SHEAR_X(-0.3, 0.3),
        /** Affine (1, 0, 0, v, 1, 0), v in [−0.3, 0.3). */
        SHEAR_Y(-0.3, 0.3),
        /** ImageOps.solarize(v), v in [0, 256): values ≥ v are inverted. */
        SOLARIZE(0, 256),
        /** Affine (1, 0, v·W, 0, 1, 0), v in [−0.3, 0.3): a shift by up to 30% of the width. */
        TRANSLATE_X(-0.3, 0.3),
        /** Affine (1, 0, 0, 0, 1, v·H), v in [−0.3, 0.3). */
        TRANSLATE_Y(-0.3, 0.3);

        final double min;
        final double max;

        Op(double min, double max) {
            this.min = min;
            this.max = max;
        }
    }

    private static final List<Op> OPS = List.of(Op.values());

    private final int n;

    RandAugment(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of operations must not be negative: " + n);
        }
        this.n = n;
    }

    /** Draws the {@code n} ops first, then for each op its magnitude just before applying it (the reference's order). */
    int[] apply(int[] chw, InputShape shape, Random random) {
        checkImage(chw, shape);
        Op[] chosen = new Op[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = OPS.get(random.nextInt(OPS.size()));
        }
        int[] image = chw;
        for (Op op : chosen) {
            double magnitude = op.min + (op.max - op.min) * random.nextDouble();
            image = apply(op, magnitude, image, shape);
        }
        return image == chw ? chw.clone() : image;
    }

    /** One op with an explicit magnitude {@code v} (any value PIL accepts, not only the op's range). */
    static int[] apply(Op op, double v, int[] chw, InputShape shape) {
        checkImage(chw, shape);
        return switch (op) {
            case AUTO_CONTRAST -> ImageOps.autoContrast(chw, shape);
            case BRIGHTNESS -> ImageOps.brightness(chw, shape, v);
            case COLOR -> ImageOps.color(chw, shape, v);
            case CONTRAST -> ImageOps.contrast(chw, shape, v);
            case EQUALIZE -> ImageOps.equalize(chw, shape);
            case IDENTITY -> chw.clone();
            case POSTERIZE -> ImageOps.posterize(chw, shape, Math.max(1, (int) v));
            case ROTATE -> GeometryOps.rotate(chw, shape, v);
            case SHARPNESS -> ImageOps.sharpness(chw, shape, v);
            case SHEAR_X -> GeometryOps.affine(chw, shape, 1, v, 0, 0, 1, 0);
            case SHEAR_Y -> GeometryOps.affine(chw, shape, 1, 0, 0, v, 1, 0);
            case SOLARIZE -> ImageOps.solarize(chw, shape, v);
            case TRANSLATE_X -> GeometryOps.affine(chw, shape, 1, 0, v * shape.width(), 0, 1, 0);
            case TRANSLATE_Y -> GeometryOps.affine(chw, shape, 1, 0, 0, 0, 1, v * shape.height());
        };
    }

    static void checkImage(int[] chw, InputShape shape) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("RGB or grayscale images only: " + shape);
        }
        if (chw.length != shape.size()) {
            throw new IllegalArgumentException(chw.length + " values for an image of " + shape);
        }
    }
}
