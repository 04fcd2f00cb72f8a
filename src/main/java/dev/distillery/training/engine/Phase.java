package dev.distillery.training.engine;

import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.LossSettings;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;

/**
 * What one phase trains: which plan's hyperparameters, on which data, with which objective.
 *
 * @param name  {@code teacher} or {@code student}, as recorded with each epoch
 * @param label names the phase in logs and failures, e.g. {@code student mlp (kd)}
 */
record Phase(
        String name,
        String label,
        TrainingPlan plan,
        ImageData data,
        DistillationMethod objective,
        LossSettings settings) {}
