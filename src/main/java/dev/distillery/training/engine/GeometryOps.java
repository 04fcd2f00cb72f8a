package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The geometric operations of RandAugment as PIL 9.4 computes them with nearest-neighbour resampling: {@code
 * Image.transform(size, AFFINE, (a, b, c, d, e, f))} and {@code Image.rotate(angle)}. Output pixel (x, y) takes the
 * input pixel nearest to {@code (a·x' + b·y' + c, d·x' + e·y' + f)} with x' = x + ½, y' = y + ½; positions outside the
 * image are black (0), the reference's fill. Images are C×H×W arrays of 0..255; every method returns a new array.
 */
final class GeometryOps {

    private static final double FIXED_LIMIT = 32768.0;

    private GeometryOps() {}

    /**
     * {@code Image.rotate(degrees)}: counter-clockwise about the centre (W/2, H/2), same size, black corners. The
     * angle is taken modulo 360 (Python's sign rule); 0, 180, and 90/270 on a square image are PIL's exact transposes,
     * any other angle the affine map with {@code cos, sin} of {@code −angle} rounded to 15 decimals as PIL rounds them.
     */
    static int[] rotate(int[] chw, InputShape shape, double degrees) {
        double angle = degrees % 360.0;
        if (angle < 0) {
            angle += 360.0;
        }
        int w = shape.width();
        int h = shape.height();
        if (angle == 0) {
            return chw.clone();
        }
        if (angle == 180) {
            return transpose(chw, shape, (x, y) -> (h - 1 - y) * w + (w - 1 - x));
        }
        if ((angle == 90 || angle == 270) && w == h) {
            return angle == 90
                    ? transpose(chw, shape, (x, y) -> x * w + (w - 1 - y))
                    : transpose(chw, shape, (x, y) -> (h - 1 - x) * w + y);
        }
        double radians = -Math.toRadians(angle);
        double cos = round15(StrictMath.cos(radians));
        double sin = round15(StrictMath.sin(radians));
        double minusSin = round15(-StrictMath.sin(radians));
        double cx = w / 2.0;
        double cy = h / 2.0;
        double c = cos * -cx + sin * -cy + 0.0 + cx;
        double f = minusSin * -cx + cos * -cy + 0.0 + cy;
        return affine(chw, shape, cos, sin, c, minusSin, cos, f);
    }

    /** {@code Image.transform(size, AFFINE, (a, b, c, d, e, f), NEAREST)} with PIL's two code paths. */
    static int[] affine(int[] chw, InputShape shape, double a, double b, double c, double d, double e, double f) {
        return b == 0 && d == 0 ? scaled(chw, shape, a, c, e, f) : fixedPoint(chw, shape, a, b, c, d, e, f);
    }

    /** PIL's path without shear (translation here): source columns tabulated once, positions in doubles. */
    private static int[] scaled(int[] chw, InputShape shape, double a, double c, double e, double f) {
        int w = shape.width();
        int h = shape.height();
        int plane = w * h;
        int[] out = new int[chw.length];
        int[] sourceX = new int[w];
        int xmin = w;
        int xmax = 0;
        double xo = c + a * 0.5;
        for (int x = 0; x < w; x++) {
            int xi = coord(xo);
            if (xi >= 0 && xi < w) {
                xmax = x + 1;
                xmin = Math.min(xmin, x);
                sourceX[x] = xi;
            }
            xo += a;
        }
        double yo = f + e * 0.5;
        for (int y = 0; y < h; y++) {
            int yi = coord(yo);
            if (yi >= 0 && yi < h) {
                for (int ch = 0; ch < shape.channels(); ch++) {
                    for (int x = xmin; x < xmax; x++) {
                        out[ch * plane + y * w + x] = chw[ch * plane + yi * w + sourceX[x]];
                    }
                }
            }
            yo += e;
        }
        return out;
    }

    /** PIL's general affine path: 16.16 fixed point, stepped per pixel, floor by arithmetic shift. */
    private static int[] fixedPoint(
            int[] chw, InputShape shape, double a, double b, double c, double d, double e, double f) {
        int w = shape.width();
        int h = shape.height();
        for (int[] corner : new int[][] {{0, 0}, {w, h}, {0, h}, {w, 0}}) {
            if (Math.abs(corner[0] * a + corner[1] * b + c) >= FIXED_LIMIT
                    || Math.abs(corner[0] * d + corner[1] * e + f) >= FIXED_LIMIT) {
                throw new IllegalArgumentException("image too large for PIL's fixed-point affine path: " + shape);
            }
        }
        int plane = w * h;
        int[] out = new int[chw.length];
        int stepXx = fix(a);
        int stepYx = fix(b);
        int stepXy = fix(d);
        int stepYy = fix(e);
        int rowX = fix(c + a * 0.5 + b * 0.5);
        int rowY = fix(f + d * 0.5 + e * 0.5);
        for (int y = 0; y < h; y++) {
            int xx = rowX;
            int yy = rowY;
            for (int x = 0; x < w; x++) {
                int xi = xx >> 16;
                int yi = yy >> 16;
                if (xi >= 0 && xi < w && yi >= 0 && yi < h) {
                    for (int ch = 0; ch < shape.channels(); ch++) {
                        out[ch * plane + y * w + x] = chw[ch * plane + yi * w + xi];
                    }
                }
                xx += stepXx;
                yy += stepXy;
            }
            rowX += stepYx;
            rowY += stepYy;
        }
        return out;
    }

    private interface SourceIndex {
        int of(int x, int y);
    }

    private static int[] transpose(int[] chw, InputShape shape, SourceIndex source) {
        int w = shape.width();
        int plane = w * shape.height();
        int[] out = new int[chw.length];
        for (int ch = 0; ch < shape.channels(); ch++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < w; x++) {
                    out[ch * plane + y * w + x] = chw[ch * plane + source.of(x, y)];
                }
            }
        }
        return out;
    }

    /** Python's {@code round(v, 15)}: the exact binary value rounded half-even to 15 decimals, then to a double. */
    static double round15(double v) {
        return new BigDecimal(v).setScale(15, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static int coord(double v) {
        return v < 0.0 ? -1 : (int) v;
    }

    private static int fix(double v) {
        return (int) Math.floor(v * 65536.0 + 0.5);
    }
}
