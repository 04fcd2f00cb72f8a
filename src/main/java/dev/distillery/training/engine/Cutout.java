package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.util.Random;

/**
 * The cutout that ends the MLKD reference's RandAugment (mdistiller's {@code Cutout}/{@code CutoutAbs}): one square
 * painted in a constant grey, after the RandAugment ops.
 *
 * <ol>
 *   <li>fraction {@code f = 0.5·u}, u uniform in [0, 1); nothing happens when f = 0. Side {@code s = f·W} pixels (the
 *       width, for both axes).
 *   <li>Centre {@code cx = W + (1 − W)·u₁}, {@code cy = H + (1 − H)·u₂}: the reference calls
 *       {@code np.random.uniform(W)}, which is {@code uniform(low=W, high=1)}, so centres fall in (1, W] and (1, H],
 *       not [0, W). Reproduced as written.
 *   <li>{@code x0 = trunc(max(0, cx − s/2))}, {@code x1 = trunc(min(W, x0 + s))}, likewise y; PIL's
 *       {@code ImageDraw.rectangle((x0, y0, x1, y1))} fills columns x0..x1 and rows y0..y1 <em>inclusive</em>, clipped
 *       to the image: a square of up to ⌊s⌋ + 1 pixels a side (17 for a 32-pixel image).
 *   <li>Fill (125, 123, 114) in RGB. PIL rejects that colour on a grayscale image (the reference never cuts one); for
 *       one channel the fill is its luma in PIL's RGB→L conversion, 123.
 * </ol>
 */
final class Cutout {

    static final double MAX_FRACTION = 0.5;
    static final int[] RGB_FILL = {125, 123, 114};
    static final int GRAY_FILL = 123;

    private Cutout() {}

    /** Draws fraction, then centre x, then centre y (the reference's order) and paints the square. */
    static int[] apply(int[] chw, InputShape shape, Random random) {
        RandAugment.checkImage(chw, shape);
        double fraction = random.nextDouble() * MAX_FRACTION;
        if (fraction <= 0) {
            return chw.clone();
        }
        double centreX = shape.width() + (1.0 - shape.width()) * random.nextDouble();
        double centreY = shape.height() + (1.0 - shape.height()) * random.nextDouble();
        return paint(chw, shape, fraction * shape.width(), centreX, centreY);
    }

    /** The square of side {@code side} pixels around (centreX, centreY), as the reference computes it. */
    static int[] paint(int[] chw, InputShape shape, double side, double centreX, double centreY) {
        RandAugment.checkImage(chw, shape);
        int w = shape.width();
        int h = shape.height();
        int x0 = (int) Math.max(0, centreX - side / 2.0);
        int y0 = (int) Math.max(0, centreY - side / 2.0);
        int x1 = Math.min(w - 1, (int) Math.min(w, x0 + side));
        int y1 = Math.min(h - 1, (int) Math.min(h, y0 + side));
        int[] out = chw.clone();
        int plane = w * h;
        for (int c = 0; c < shape.channels(); c++) {
            int fill = shape.channels() == 1 ? GRAY_FILL : RGB_FILL[c];
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    out[c * plane + y * w + x] = fill;
                }
            }
        }
        return out;
    }
}
