package dev.distillery.models;

import dev.distillery.training.ModelInterop.ModelShape;
import java.nio.file.Path;

/**
 * An imported model ready for use, its file's SHA-256 just checked.
 *
 * @param file Distillery's parameter file for a safetensors import, the TorchScript module itself otherwise
 */
public record UsableModel(ModelSummary summary, ModelShape shape, Path file) {}
