package dev.distillery.training;

/** A catalog entry for a model architecture. */
public record ArchitectureInfo(String name, String description) {
}
