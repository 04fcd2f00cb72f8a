package dev.distillery.predictions.web;

import dev.distillery.predictions.Predictions;
import dev.distillery.shared.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/predictions")
@Tag(name = "Predictions", description = "Run a trained or imported model on given inputs")
class PredictionController {

    private final Predictions predictions;

    PredictionController(Predictions predictions) {
        this.predictions = predictions;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Logits and top-5 classes of up to 256 inputs",
            description = "Runs an experiment's student at a checkpoint (its SHA-256 checked first) or an imported"
                    + " model in eval mode on the CPU, one prediction at a time, never on a training's network."
                    + " Inputs of the wrong size, NaN, ±Inf or numbers beyond float32, and more than 256 inputs"
                    + " are a 400 naming the input.")
    PredictionResponse predict(@RequestBody PredictionRequest request) {
        if (request.model() == null) {
            throw new InvalidRequestException("model", "give {experimentId, checkpoint} or {modelId}");
        }
        PredictionRequest.ModelSelector model = request.model();
        return PredictionResponse.of(predictions.predict(
                new Predictions.ModelRef(model.experimentId(), model.checkpoint(), model.modelId()), request.inputs()));
    }
}
