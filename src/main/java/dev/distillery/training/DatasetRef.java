package dev.distillery.training;

/**
 * A dataset by name, with an optional directory and optional sample limits (null = all samples).
 */
public record DatasetRef(String name, String path, Integer trainLimit, Integer testLimit) {}
