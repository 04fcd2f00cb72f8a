package dev.distillery.comparison;

import dev.distillery.shared.InvalidRequestException;

/** A chart's size in pixels, bounded so no request can exhaust memory. */
public record ChartSize(int width, int height) {

    static final int MIN = 100;
    static final int MAX = 4000;

    public ChartSize {
        check("width", width);
        check("height", height);
    }

    private static void check(String field, int value) {
        if (value < MIN || value > MAX) {
            throw new InvalidRequestException(field, "must be between " + MIN + " and " + MAX + " pixels");
        }
    }
}
