package dev.distillery.analysis.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.distillery.analysis.LossReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The loss of one step in float64 and the settings it was computed with; see {@link LossReport}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Every loss term of the method and their sum, in float64, with the settings used")
record LossResponse(
        @Schema(description = "the method") String method,
        @Schema(description = "whether logits were standardized") boolean zscore,
        @Schema(description = "the epoch the schedules were evaluated at") int epoch,
        @Schema(
                        description =
                                "the temperature used: ctkd's learned τ = tStart + tEnd·sigmoid(T), else the base τ; "
                                        + "absent for ce")
                Double temperature,
        @Schema(description = "ctkd only: the gradient-reversal factor λ at this epoch") Double lambda,
        @Schema(description = "the loss weights used; a weight the method does not read is absent")
                LossRequest.Weights lossWeights,
        @Schema(description = "every parameter of the method with the value used; absent when it has none")
                Map<String, Double> methodParams,
        @Schema(description = "the named, weighted loss terms, e.g. ce and kd; they sum to total")
                Map<String, Double> terms,
        @Schema(description = "the loss a training step back-propagates") double total) {

    static LossResponse of(LossReport report) {
        return new LossResponse(
                report.method(),
                report.zscore(),
                report.epoch(),
                report.temperature(),
                report.lambda(),
                report.ceWeight() == null && report.kdWeight() == null
                        ? null
                        : new LossRequest.Weights(report.ceWeight(), report.kdWeight()),
                report.methodParams().isEmpty() ? null : report.methodParams(),
                report.terms(),
                report.total());
    }
}
