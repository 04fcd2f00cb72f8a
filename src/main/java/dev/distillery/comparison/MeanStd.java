package dev.distillery.comparison;

/**
 * Mean ± sample standard deviation over repeats.
 *
 * @param n how many values there were (runs without the value yet are left out)
 * @param std the sample standard deviation (n−1); null below two values
 */
public record MeanStd(int n, Double mean, Double std) {}
