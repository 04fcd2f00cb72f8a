package dev.distillery.comparison;

/**
 * The mean of per-seed differences (this group minus the baseline's) and its standard error.
 *
 * @param standardError sample std of the differences / √n; null below two pairs
 */
public record PairedDifference(int n, double meanDifference, Double standardError) {}
