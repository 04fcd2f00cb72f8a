package dev.distillery.training;

/**
 * What the catalog knows about a dataset without loading it.
 *
 * @param defaultPath directory used when a {@link DatasetRef} has no path; null when the dataset needs no files
 * @param present     whether all files exist at the default path (always true for file-less datasets)
 * @param trainSize   full training split size (before any limit)
 * @param testSize    full test split size (before any limit)
 */
public record DatasetInfo(
        String name,
        String description,
        String defaultPath,
        boolean present,
        int classes,
        InputShape inputShape,
        int trainSize,
        int testSize) {}
