package dev.distillery.predictions.web;

import dev.distillery.predictions.PredictionResult;
import dev.distillery.training.InputShape;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Logits and top-5 classes of every input, in input order. */
@Schema(description = "Logits and top-5 classes of every input, in input order")
record PredictionResponse(
        @Schema(description = "the model's architecture, or torchscript") String architecture,
        InputShape inputShape,
        @Schema(description = "logits per input") int classes,
        @Schema(description = "one row of eval-mode logits per input") List<float[]> logits,
        @Schema(description = "per input, the indices of its five largest logits, largest first") List<int[]> top5) {

    static PredictionResponse of(PredictionResult result) {
        return new PredictionResponse(
                result.architecture(), result.inputShape(), result.classes(), result.logits(), result.top5());
    }
}
