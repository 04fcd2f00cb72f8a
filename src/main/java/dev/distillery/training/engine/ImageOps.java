package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The colour and tone operations of RandAugment, computed as PIL 9.4 computes them on an 8-bit image, so the results
 * are equal pixel for pixel. Images are C×H×W arrays of values 0..255, C = 3 (RGB) or 1 (PIL mode "L"); every method
 * returns a new array.
 *
 * <ul>
 *   <li>Table look-ups per channel ({@code ImageOps}): autocontrast, equalize, posterize, solarize; table entries are
 *       clipped to 0..255 as {@code Image.point} does.
 *   <li>Enhancements ({@code ImageEnhance}): {@code blend(degenerate, image, f)}, per value
 *       {@code out = trunc(d + f·(x − d))} in single precision, clipped to 0..255 when f lies outside [0, 1]. The
 *       degenerate image is black (Brightness), the luma {@code (19595·R + 38470·G + 7471·B + 2^15) >> 16} in every
 *       channel (Color; the image itself for one channel, so Color is then the identity), the mean luma rounded to an
 *       integer everywhere (Contrast), and PIL's SMOOTH 3×3 filter (Sharpness).
 * </ul>
 */
final class ImageOps {

    private static final int LEVELS = 256;
    // SMOOTH = (1 1 1 / 1 5 1 / 1 1 1) / 13, divided in float as PIL's _filter does
    private static final float SMOOTH_EDGE = 1f / 13f;
    private static final float SMOOTH_CENTRE = 5f / 13f;

    private ImageOps() {}

    /**
     * Maps each channel linearly so its darkest value becomes 0 and its lightest 255: with
     * {@code scale = 255.0/(hi − lo)}, {@code v → trunc(v·scale − lo·scale)}; a flat channel stays as it is.
     */
    static int[] autoContrast(int[] chw, InputShape shape) {
        return mapChannels(chw, shape, histogram -> {
            int lo = 0;
            while (lo < LEVELS - 1 && histogram[lo] == 0) {
                lo++;
            }
            int hi = LEVELS - 1;
            while (hi > 0 && histogram[hi] == 0) {
                hi--;
            }
            if (hi <= lo) {
                return identityTable();
            }
            double scale = 255.0 / (hi - lo);
            double offset = -lo * scale;
            int[] table = new int[LEVELS];
            for (int v = 0; v < LEVELS; v++) {
                table[v] = (int) (v * scale + offset);
            }
            return table;
        });
    }

    /**
     * PIL's histogram equalization per channel, in integers: {@code step = (pixels − count of the highest value) / 255},
     * value v maps to {@code (step/2 + pixels below v) / step}; the identity when step is 0 or the channel is flat.
     */
    static int[] equalize(int[] chw, InputShape shape) {
        return mapChannels(chw, shape, histogram -> {
            long total = 0;
            int last = 0;
            int distinct = 0;
            for (int count : histogram) {
                if (count > 0) {
                    total += count;
                    last = count;
                    distinct++;
                }
            }
            long step = distinct <= 1 ? 0 : (total - last) / 255;
            if (step == 0) {
                return identityTable();
            }
            int[] table = new int[LEVELS];
            long n = step / 2;
            for (int v = 0; v < LEVELS; v++) {
                table[v] = (int) (n / step);
                n += histogram[v];
            }
            return table;
        });
    }

    /** Keeps the top {@code bits} bits of each value. */
    static int[] posterize(int[] chw, InputShape shape, int bits) {
        int mask = ~((1 << (8 - bits)) - 1);
        int[] table = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) {
            table[v] = v & mask;
        }
        return mapChannels(chw, shape, histogram -> table);
    }

    /** Inverts every value at or above the threshold: {@code v < t ? v : 255 − v}. */
    static int[] solarize(int[] chw, InputShape shape, double threshold) {
        int[] table = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) {
            table[v] = v < threshold ? v : 255 - v;
        }
        return mapChannels(chw, shape, histogram -> table);
    }

    static int[] brightness(int[] chw, InputShape shape, double factor) {
        return blend(new int[chw.length], chw, factor);
    }

    static int[] color(int[] chw, InputShape shape, double factor) {
        if (shape.channels() == 1) {
            return chw.clone();
        }
        int[] luma = luma(chw, shape);
        int[] degenerate = new int[chw.length];
        for (int c = 0; c < shape.channels(); c++) {
            System.arraycopy(luma, 0, degenerate, c * luma.length, luma.length);
        }
        return blend(degenerate, chw, factor);
    }

    static int[] contrast(int[] chw, InputShape shape, double factor) {
        int[] luma = shape.channels() == 1 ? chw : luma(chw, shape);
        double sum = 0;
        for (int v : luma) {
            sum += v;
        }
        int mean = (int) (sum / luma.length + 0.5);
        int[] degenerate = new int[chw.length];
        Arrays.fill(degenerate, mean);
        return blend(degenerate, chw, factor);
    }

    static int[] sharpness(int[] chw, InputShape shape, double factor) {
        return blend(smooth(chw, shape), chw, factor);
    }

    /** PIL's 3×3 filter with the SMOOTH kernel: border pixels are copied, the rest rounded from a float sum. */
    private static int[] smooth(int[] chw, InputShape shape) {
        int h = shape.height();
        int w = shape.width();
        int[] out = chw.clone();
        if (h < 3 || w < 3) {
            return out;
        }
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * h * w;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int i = base + y * w + x;
                    // PIL's order of summation (row below, row, row above); floats, so the order matters
                    float sum = 0.5f;
                    sum += row(chw, i + w, SMOOTH_EDGE, SMOOTH_EDGE);
                    sum += row(chw, i, SMOOTH_EDGE, SMOOTH_CENTRE);
                    sum += row(chw, i - w, SMOOTH_EDGE, SMOOTH_EDGE);
                    out[i] = sum <= 0f ? 0 : sum >= 255f ? 255 : (int) sum;
                }
            }
        }
        return out;
    }

    private static float row(int[] chw, int i, float side, float middle) {
        return chw[i - 1] * side + chw[i] * middle + chw[i + 1] * side;
    }

    /** {@code Image.blend(degenerate, image, factor)}: the factor is a C float, the result truncated. */
    static int[] blend(int[] degenerate, int[] image, double factor) {
        float alpha = (float) factor;
        int[] out = new int[image.length];
        for (int i = 0; i < out.length; i++) {
            float v = degenerate[i] + alpha * (image[i] - degenerate[i]);
            out[i] = v <= 0f ? 0 : v >= 255f ? 255 : (int) v;
        }
        return out;
    }

    /** RGB to PIL's "L": ITU-R 601-2 luma in 16-bit fixed point, rounded. */
    static int[] luma(int[] chw, InputShape shape) {
        int plane = shape.height() * shape.width();
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (chw[i] * 19595 + chw[plane + i] * 38470 + chw[2 * plane + i] * 7471 + 0x8000) >> 16;
        }
        return out;
    }

    private static int[] mapChannels(int[] chw, InputShape shape, Function<int[], int[]> tableForHistogram) {
        int plane = shape.height() * shape.width();
        int[] out = new int[chw.length];
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * plane;
            int[] histogram = new int[LEVELS];
            for (int i = base; i < base + plane; i++) {
                histogram[chw[i]]++;
            }
            int[] table = tableForHistogram.apply(histogram);
            for (int i = base; i < base + plane; i++) {
                out[i] = Math.max(0, Math.min(255, table[chw[i]]));
            }
        }
        return out;
    }

    private static int[] identityTable() {
        int[] table = new int[LEVELS];
        for (int v = 0; v < LEVELS; v++) {
            table[v] = v;
        }
        return table;
    }
}
