package dev.distillery.models;

import dev.distillery.training.InputShape;
import java.time.Instant;
import java.util.UUID;

/**
 * An imported model as the API shows it.
 *
 * @param architecture a zoo architecture for safetensors, {@code torchscript} for TorchScript
 * @param dataset the dataset it is meant for, if given
 * @param sizeBytes the uploaded file's size
 * @param sha256 the uploaded file's SHA-256
 * @param owner the key that imported it (null with security off)
 */
public record ModelSummary(
        UUID id,
        String name,
        ModelFormat format,
        String architecture,
        InputShape inputShape,
        int classes,
        String dataset,
        long sizeBytes,
        String sha256,
        String owner,
        Instant createdAt) {}
