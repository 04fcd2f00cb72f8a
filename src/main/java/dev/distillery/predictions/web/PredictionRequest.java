package dev.distillery.predictions.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A model and the inputs to run it on.
 *
 * @param model which model: an experiment's checkpoint or an imported model
 * @param inputs one row per input: the model's input shape flattened (channels, then rows, then columns), values as
 *     the network sees them (normalized as in training)
 */
@Schema(description = "A model and up to 256 inputs to run it on")
record PredictionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ModelSelector model,
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "1 to 256 inputs, each the model's input shape flattened "
                                                + "(C·H·W finite numbers, channels then rows then columns), "
                                                + "normalized as in training",
                                        requiredMode = Schema.RequiredMode.REQUIRED))
                List<List<Double>> inputs) {

    /** Exactly one of {@code experimentId} (with {@code checkpoint}) or {@code modelId}. */
    @Schema(description = "{experimentId, checkpoint} for an experiment's student, or {modelId} for an imported model")
    record ModelSelector(
            UUID experimentId,
            @Schema(description = "best (default) or last") String checkpoint,
            @Schema(description = "an imported model's id") UUID modelId) {}
}
