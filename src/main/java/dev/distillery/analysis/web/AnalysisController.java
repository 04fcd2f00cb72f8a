package dev.distillery.analysis.web;

import dev.distillery.analysis.LogitAnalysis;
import dev.distillery.analysis.LossAnalysis;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analysis")
@Tag(name = "Analysis", description = "Stateless tools on given logits")
class AnalysisController {

    /**
     * A student with the teacher's logit relations at a fifth of the magnitude (second row also shifted): KL 0.406,
     * standardized KL ~1e-15.
     */
    static final String SCALED_STUDENT =
            """
            {"teacher": [[10.0, 5.0, 0.0, -5.0], [0.0, 15.0, 5.0, 10.0]],
             "student": [[2.0, 1.0, 0.0, -1.0], [1.0, 4.0, 2.0, 3.0]],
             "temperature": 1.0}""";

    private final LogitAnalysis analysis;
    private final LossAnalysis losses;

    AnalysisController(LogitAnalysis analysis, LossAnalysis losses) {
        this.analysis = analysis;
        this.losses = losses;
    }

    @PostMapping(path = "/kl", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "KL(teacher ‖ student) with and without logit standardization",
            description = "Per row KL(softmax(t/τ) ‖ softmax(s/τ)) summed over classes, and the same after z-scoring "
                    + "both rows as logit standardization does; plus their means. A student that keeps the teacher's "
                    + "logit relations at another scale has a large plain KL but a standardized KL near 0.")
    KlResponse kl(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            name =
                                                                    "student with the teacher's relations, smaller magnitude",
                                                            value = SCALED_STUDENT)))
                    @RequestBody
                    KlRequest request) {
        return KlResponse.of(analysis.klDivergence(request.teacher(), request.student(), request.temperature()));
    }

    @PostMapping(
            path = "/loss",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Every loss term of a method on given logits, in float64",
            description = "Runs the method's own loss, as one training step would, on the given teacher and student "
                    + "logits (for mlkd also those of the strong view) and labels, in float64: every weighted term, "
                    + "their total, the temperature used (ctkd: learned from its current T) and, for ctkd, the "
                    + "gradient-reversal factor λ of the epoch. For checking a method against one's own reference "
                    + "code. Bad shapes, NaN or ±Inf, labels out of range, unknown parameters and settings the "
                    + "method does not read are a 400 naming the field or cell.")
    LossResponse loss(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "ctkd at epoch 5, T = -0.5",
                                                        value = LossExamples.CTKD),
                                                @ExampleObject(
                                                        name = "mlkd, weak and strong views",
                                                        value = LossExamples.MLKD),
                                                @ExampleObject(
                                                        name = "kd with logit standardization",
                                                        value = LossExamples.KD),
                                                @ExampleObject(name = "dkd during warm-up", value = LossExamples.DKD),
                                                @ExampleObject(name = "ce", value = LossExamples.CE)
                                            }))
                    @RequestBody
                    LossRequest request) {
        return LossResponse.of(losses.loss(request.query()));
    }
}
