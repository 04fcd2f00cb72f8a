package dev.distillery.training.data;

import dev.distillery.training.InputShape;
import java.util.Random;

/**
 * Generates 28x28 grayscale images of ten stroke shapes (−, |, /, \, +, x, square, L, T, triangle) drawn at a
 * random size (9–14 px) and a random position, with random stroke width and brightness, an optional short
 * distractor stroke and Gaussian pixel noise. The label is the shape. Translation makes a CNN clearly better
 * than an MLP on the same budget. Deterministic for a given seed.
 */
final class SyntheticShapes {

    static final InputShape SHAPE = new InputShape(1, 28, 28);
    static final int CLASSES = 10;

    private static final int SIDE = 28;
    private static final int MIN_SIZE = 8;
    private static final int MAX_SIZE = 16;
    private static final double NOISE = 0.2;
    private static final int MAX_DISTRACTORS = 3;

    /** Per class, segments {x1, y1, x2, y2} in the unit square (y down). */
    private static final double[][][] TEMPLATES = {
        {{0, .5, 1, .5}},
        {{.5, 0, .5, 1}},
        {{0, 1, 1, 0}},
        {{0, 0, 1, 1}},
        {{0, .5, 1, .5}, {.5, 0, .5, 1}},
        {{0, 1, 1, 0}, {0, 0, 1, 1}},
        {{0, 0, 1, 0}, {1, 0, 1, 1}, {1, 1, 0, 1}, {0, 1, 0, 0}},
        {{0, 0, 0, 1}, {0, 1, 1, 1}},
        {{0, 0, 1, 0}, {.5, 0, .5, 1}},
        {{.5, 0, 0, 1}, {0, 1, 1, 1}, {1, 1, .5, 0}},
    };

    private SyntheticShapes() {}

    static ImageSplit generate(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * SHAPE.size()];
        int[] labels = new int[count];
        float[] canvas = new float[SHAPE.size()];
        for (int i = 0; i < count; i++) {
            labels[i] = i % CLASSES;
            java.util.Arrays.fill(canvas, 0f);
            drawShape(canvas, TEMPLATES[labels[i]], random);
            for (int d = random.nextInt(MAX_DISTRACTORS + 1); d > 0; d--) {
                drawDistractor(canvas, random);
            }
            quantize(canvas, random, pixels, i * SHAPE.size());
        }
        return new ImageSplit(SHAPE, pixels, labels);
    }

    private static void drawShape(float[] canvas, double[][] template, Random random) {
        int size = MIN_SIZE + random.nextInt(MAX_SIZE - MIN_SIZE + 1);
        double left = 1 + random.nextInt(SIDE - size - 1);
        double top = 1 + random.nextInt(SIDE - size - 1);
        double halfWidth = 0.6 + 0.5 * random.nextDouble();
        float brightness = (float) (0.6 + 0.4 * random.nextDouble());
        for (double[] s : template) {
            drawSegment(
                    canvas,
                    left + s[0] * size,
                    top + s[1] * size,
                    left + s[2] * size,
                    top + s[3] * size,
                    halfWidth,
                    brightness);
        }
    }

    private static void drawDistractor(float[] canvas, Random random) {
        double x = 2 + random.nextDouble() * (SIDE - 4);
        double y = 2 + random.nextDouble() * (SIDE - 4);
        double angle = random.nextDouble() * Math.PI;
        double length = 3 + 3 * random.nextDouble();
        drawSegment(canvas, x, y, x + length * Math.cos(angle), y + length * Math.sin(angle), 0.6, 0.7f);
    }

    /** Anti-aliased thick line: full intensity within halfWidth of the segment, fading over one pixel. */
    private static void drawSegment(
            float[] canvas, double x1, double y1, double x2, double y2, double halfWidth, float brightness) {
        int minX = clampToCanvas(Math.min(x1, x2) - halfWidth - 1);
        int maxX = clampToCanvas(Math.max(x1, x2) + halfWidth + 1);
        int minY = clampToCanvas(Math.min(y1, y2) - halfWidth - 1);
        int maxY = clampToCanvas(Math.max(y1, y2) + halfWidth + 1);
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double distance = distanceToSegment(x + 0.5, y + 0.5, x1, y1, x2, y2);
                float value = (float) Math.max(0, Math.min(1, halfWidth + 0.5 - distance)) * brightness;
                int index = y * SIDE + x;
                canvas[index] = Math.max(canvas[index], value);
            }
        }
    }

    private static double distanceToSegment(double px, double py, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / lengthSquared));
        return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
    }

    private static int clampToCanvas(double coordinate) {
        return (int) Math.max(0, Math.min(SIDE - 1, Math.floor(coordinate)));
    }

    private static void quantize(float[] canvas, Random random, byte[] pixels, int offset) {
        for (int p = 0; p < canvas.length; p++) {
            double value = canvas[p] + NOISE * random.nextGaussian();
            pixels[offset + p] = (byte) Math.round(255 * Math.max(0, Math.min(1, value)));
        }
    }
}
