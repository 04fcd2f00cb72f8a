package dev.distillery.datasets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of an uploaded dataset archive ({@code distillery.datasets.upload.*}).
 *
 * @param maxBytes         the largest upload streamed to disk (413 beyond)
 * @param maxEntries       the most entries an archive may hold
 * @param maxUnpackedBytes the most bytes its entries may unpack to, counted as they are written (zip bombs stop here)
 */
@ConfigurationProperties("distillery.datasets.upload")
public record UploadLimits(long maxBytes, int maxEntries, long maxUnpackedBytes) {

    public UploadLimits {
        maxBytes = maxBytes > 0 ? maxBytes : 1L << 30;
        maxEntries = maxEntries > 0 ? maxEntries : 50_000;
        maxUnpackedBytes = maxUnpackedBytes > 0 ? maxUnpackedBytes : 2L << 30;
    }
}
