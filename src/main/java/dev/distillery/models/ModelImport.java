package dev.distillery.models;

import dev.distillery.training.InputShape;

/**
 * What an import declares about its file.
 *
 * @param architecture a zoo architecture (safetensors) or {@code torchscript}
 * @param dataset the dataset the model is meant for; null when not given
 */
public record ModelImport(
        String name, ModelFormat format, String architecture, InputShape inputShape, int classes, String dataset) {}
