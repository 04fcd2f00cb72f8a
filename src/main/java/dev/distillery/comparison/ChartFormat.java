package dev.distillery.comparison;

import dev.distillery.shared.InvalidRequestException;
import java.util.Locale;

/** The image formats charts are drawn in. */
public enum ChartFormat {
    SVG("image/svg+xml"),
    PNG("image/png");

    private final String mediaType;

    ChartFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static ChartFormat parse(String format) {
        try {
            return valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidRequestException("format", "must be 'svg' or 'png', not '" + format + "'");
        }
    }
}
