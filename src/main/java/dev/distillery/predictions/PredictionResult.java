package dev.distillery.predictions;

import dev.distillery.training.InputShape;
import java.util.List;

/**
 * Logits of every input and its five most likely classes.
 *
 * @param architecture the model's architecture, or {@code torchscript}
 * @param inputShape the shape every input has
 * @param classes the number of logits per input
 * @param logits one row of logits per input, in input order
 * @param top5 per input, the indices of its largest logits, largest first (fewer when there are fewer classes)
 */
public record PredictionResult(
        String architecture, InputShape inputShape, int classes, List<float[]> logits, List<int[]> top5) {}
