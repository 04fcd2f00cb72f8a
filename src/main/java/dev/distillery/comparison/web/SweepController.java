package dev.distillery.comparison.web;

import dev.distillery.comparison.ChartFormat;
import dev.distillery.comparison.ChartSize;
import dev.distillery.comparison.SweepCreated;
import dev.distillery.comparison.SweepRequest;
import dev.distillery.comparison.SweepService;
import dev.distillery.comparison.SweepSummary;
import dev.distillery.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sweeps")
@Tag(name = "Sweeps", description = "A grid over spec fields in one call, summarised per cell")
class SweepController {

    private final SweepService sweeps;

    SweepController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "submitSweep",
            summary = "Submit a sweep",
            description = "Expands the grid (every combination of its values) into "
                    + "one group of 'repeats' experiments per cell, all tagged with the sweep id; at most 500 experiments. "
                    + "Every grid path must be a spec field (400 otherwise).")
    ResponseEntity<SweepCreated> submit(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "the paper's Table 4 ablation",
                                                        value = ComparisonExamples.TABLE4_SWEEP),
                                                @ExampleObject(
                                                        name = "2×2×2 grid",
                                                        value = ComparisonExamples.SMALL_SWEEP)
                                            }))
                    @Valid
                    @RequestBody
                    SweepRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false)
                    @Size(min = 1, max = 255)
                    @Parameter(
                            description = "the same key with the same body returns the original sweep (200); "
                                    + "with another body 422; keys are kept 24 h")
                    String idempotencyKey,
            @Parameter(hidden = true) Caller caller) {
        SweepService.SweepOutcome outcome = sweeps.submit(request, idempotencyKey, caller);
        URI location = URI.create("/api/v1/sweeps/" + outcome.sweep().id());
        return (outcome.created()
                        ? ResponseEntity.created(location)
                        : ResponseEntity.ok().location(location))
                .body(outcome.sweep());
    }

    @GetMapping(
            path = "/{id}",
            produces = {MediaType.APPLICATION_JSON_VALUE, CsvNegotiation.CSV})
    @Operation(
            operationId = "getSweep",
            summary = "A sweep's progress and per-cell results",
            description = "Per grid cell mean ± sample std "
                    + "of best (and last) test top-1 over its repeats. CSV (Accept: text/csv): one line per cell.")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = SweepSummary.class)),
                @Content(mediaType = CsvNegotiation.CSV, schema = @Schema(type = "string"))
            })
    ResponseEntity<?> summary(
            @PathVariable UUID id, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        SweepSummary summary = sweeps.summary(id);
        if (CsvNegotiation.prefersCsv(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(CsvNegotiation.CSV))
                    .body(SweepCsv.write(summary));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(summary);
    }

    @GetMapping(
            path = "/{id}/heatmap",
            produces = {"image/svg+xml", MediaType.IMAGE_PNG_VALUE})
    @Operation(operationId = "sweepHeatmap", summary = "Heatmap of mean best test top-1 over two grid paths")
    ResponseEntity<byte[]> heatmap(
            @PathVariable UUID id,
            @RequestParam @Parameter(example = "lossWeights.kd") String x,
            @RequestParam @Parameter(example = "zscore") String y,
            @RequestParam(defaultValue = "svg") @Parameter(description = "svg or png") String format,
            @RequestParam(defaultValue = "800") int width,
            @RequestParam(defaultValue = "500") int height) {
        ChartFormat chartFormat = ChartFormat.parse(format);
        byte[] image = sweeps.heatmap(id, x, y, new ChartSize(width, height), chartFormat);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chartFormat.mediaType()))
                .body(image);
    }
}
