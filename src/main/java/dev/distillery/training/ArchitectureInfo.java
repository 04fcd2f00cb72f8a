package dev.distillery.training;

/**
 * A catalog entry for a model architecture.
 *
 * @param parameters trainable parameters (weights, biases, BatchNorm scale and shift; not BatchNorm's running
 *                   statistics) for {@link ArchitectureCatalog#REFERENCE_CLASSES} classes at
 *                   {@link ArchitectureCatalog#REFERENCE_INPUT}, the figure papers quote for CIFAR-100
 */
public record ArchitectureInfo(String name, String description, long parameters) {}
