package dev.distillery.datasets;

import dev.distillery.training.InputShape;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A dataset the service knows, and whether it can train on it now.
 *
 * @param kind          {@code built-in}, {@code registered} (a server-side path) or {@code uploaded}
 * @param format        how its files are read: {@code synthetic}, {@code idx}, {@code cifar10}, {@code cifar100} or
 *                      {@code imagefolder}
 * @param path          where its files are read from (null when it needs none)
 * @param present       whether its files are there and usable
 * @param problem       why not, when not present
 * @param normalization per-channel mean and std (pixels in [0, 1]) training normalizes with; null when missing
 * @param contentHash   SHA-256 of the data read (an archive's, or of every file in its directory); null when missing
 */
public record DatasetView(
        @Schema(example = "flowers") String name,
        @Schema(example = "uploaded") String kind,
        @Schema(example = "imagefolder") String format,
        String description,
        String path,
        boolean present,
        String problem,
        int classes,
        List<String> classNames,
        int trainSize,
        int testSize,
        InputShape inputShape,
        Normalization normalization,
        String contentHash) {

    /** Per-channel mean and standard deviation of the train split. */
    public record Normalization(List<Double> mean, List<Double> std) {}
}
