package dev.distillery.comparison.web;

import dev.distillery.comparison.ChartFormat;
import dev.distillery.comparison.ChartService;
import dev.distillery.comparison.ChartSize;
import dev.distillery.comparison.Comparison;
import dev.distillery.comparison.ComparisonService;
import dev.distillery.shared.FinishedAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/comparisons")
@Tag(name = "Comparisons", description = "Runs side by side: deltas, spec differences, seed aggregates, curves, charts")
class ComparisonController {

    private final ComparisonService comparisons;
    private final ChartService charts;
    private final FinishedAnswers finished;

    ComparisonController(ComparisonService comparisons, ChartService charts, FinishedAnswers finished) {
        this.finished = finished;
        this.comparisons = comparisons;
        this.charts = charts;
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, CsvNegotiation.CSV})
    @Operation(
            operationId = "compareRuns",
            summary = "Compare 2 to 50 runs",
            description = "Each run's identity, best and last test top-1/top-5, "
                    + "min/max/last of every metric, wall time, samples/s and their deltas to the baseline; specDiff (only "
                    + "the differing spec fields); groups of runs differing only by seed (mean ± sample std, paired "
                    + "difference against the baseline's group when seeds match); series aligned by epoch. Running runs "
                    + "show what they have. CSV (Accept: text/csv): one line per run and epoch.")
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = Comparison.class)),
                @Content(mediaType = CsvNegotiation.CSV, schema = @Schema(type = "string"))
            })
    ResponseEntity<?> compare(
            @RequestParam
                    @Parameter(
                            description = "2 to 50 experiment ids, comma-separated",
                            example = ComparisonExamples.IDS)
                    List<UUID> ids,
            @RequestParam(required = false) @Parameter(description = "one of ids; default the first") UUID baseline,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (CsvNegotiation.prefersCsv(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(CsvNegotiation.CSV))
                    .body(ComparisonCsv.write(comparisons.compare(ids, baseline)));
        }
        return finished.json("comparison " + ids + " " + baseline, () -> {
            Comparison comparison = comparisons.compare(ids, baseline);
            return new FinishedAnswers.Answer(comparison, allEnded(comparison));
        });
    }

    @GetMapping(
            path = "/chart",
            produces = {"image/svg+xml", MediaType.IMAGE_PNG_VALUE})
    @Operation(
            operationId = "comparisonChart",
            summary = "Chart a metric over epochs",
            description = "One line per run; the legend shows the spec " + "fields that differ among the runs.")
    ResponseEntity<byte[]> chart(
            @RequestParam @Parameter(example = ComparisonExamples.IDS) List<UUID> ids,
            @RequestParam(defaultValue = "testTop1")
                    @Parameter(description = "e.g. testTop1, trainLoss, loss.kd, " + "standardizedKl")
                    String metric,
            @RequestParam(defaultValue = "svg") @Parameter(description = "svg or png") String format,
            @RequestParam(defaultValue = "800") int width,
            @RequestParam(defaultValue = "500") int height) {
        ChartFormat chartFormat = ChartFormat.parse(format);
        byte[] image = charts.lines(ids, metric, new ChartSize(width, height), chartFormat);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chartFormat.mediaType()))
                .body(image);
    }

    /** The runs' statuses are read before their metrics (ComparisonService.compare), so ended runs' are whole. */
    private static boolean allEnded(Comparison comparison) {
        return comparison.runs().stream()
                .allMatch(run -> run.identity().status().isTerminal());
    }
}
