package dev.distillery.experiments.web;

import dev.distillery.experiments.ExperimentCancellation;
import dev.distillery.experiments.ExperimentGroups;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.experiments.submission.IdempotentSubmission;
import dev.distillery.shared.Caller;
import dev.distillery.shared.FinishedAnswers;
import dev.distillery.training.EpochMetrics;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
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
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/experiments")
@Tag(name = "Experiments", description = "Submit, follow, search and cancel distillation experiments")
class ExperimentController {

    static final String CSV = "text/csv";

    private final ExperimentSubmission submission;
    private final ExperimentQueries queries;
    private final ExperimentCancellation cancellation;
    private final ExperimentEventStream events;
    private final IdempotentSubmission idempotent;
    private final TerminalWaits waits;
    private final ExperimentGroups groups;
    private final FinishedAnswers finished;

    ExperimentController(
            ExperimentSubmission submission,
            ExperimentQueries queries,
            ExperimentCancellation cancellation,
            ExperimentEventStream events,
            IdempotentSubmission idempotent,
            TerminalWaits waits,
            ExperimentGroups groups,
            FinishedAnswers finished) {
        this.groups = groups;
        this.finished = finished;
        this.idempotent = idempotent;
        this.waits = waits;
        this.submission = submission;
        this.queries = queries;
        this.cancellation = cancellation;
        this.events = events;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Submit an experiment",
            description = "Stores the resolved spec (every default explicit) "
                    + "and queues it; answers 201 with the experiment and its Location.")
    ResponseEntity<ExperimentView> submit(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(name = "ce on synthetic", value = Examples.CE_SYNTHETIC),
                                                @ExampleObject(
                                                        name = "kd with logit standardization",
                                                        value = Examples.KD_ZSCORE),
                                                @ExampleObject(
                                                        name = "ctkd with logit standardization",
                                                        value = Examples.CTKD),
                                                @ExampleObject(
                                                        name = "mlkd with logit standardization",
                                                        value = Examples.MLKD)
                                            }))
                    @Valid
                    @RequestBody
                    ExperimentSpec spec,
            @RequestHeader(name = "Idempotency-Key", required = false)
                    @Size(min = 1, max = 255)
                    @Parameter(
                            description = "the same key with the same body returns the original experiment (200); "
                                    + "with another body 422; keys are kept 24 h")
                    String idempotencyKey,
            @Parameter(hidden = true) Caller caller) {
        URI location;
        if (idempotencyKey == null) {
            ExperimentSummary experiment = submission.submit(spec, caller);
            location = URI.create("/api/v1/experiments/" + experiment.id());
            return ResponseEntity.created(location).body(view(experiment));
        }
        IdempotentSubmission.Outcome outcome = idempotent.submit(idempotencyKey, spec, caller);
        location = URI.create("/api/v1/experiments/" + outcome.experiment().id());
        return (outcome.created()
                        ? ResponseEntity.created(location)
                        : ResponseEntity.ok().location(location))
                .body(view(outcome.experiment()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getExperiment",
            summary = "An experiment: status, progress, best and last epoch, error",
            description = "With waitFor=terminal the answer comes as soon as the experiment has ended, or with its "
                    + "current state after `timeout` (ISO-8601, at most PT10M; default PT10M): no polling loop needed.")
    ExperimentView get(
            @PathVariable UUID id,
            @RequestParam(required = false) @Parameter(description = "terminal: wait until the experiment has ended")
                    String waitFor,
            @RequestParam(required = false) @Parameter(description = "how long to wait, e.g. PT10M") String timeout) {
        return view(queries.get(id));
    }

    /** The long-poll variant of {@link #get}: chosen when {@code waitFor} is present. */
    @GetMapping(path = "/{id}", params = "waitFor", produces = MediaType.APPLICATION_JSON_VALUE)
    @Hidden
    DeferredResult<ExperimentView> await(
            @PathVariable UUID id,
            @RequestParam @Pattern(regexp = "terminal", message = "must be 'terminal'") String waitFor,
            @RequestParam(required = false) String timeout,
            @Parameter(hidden = true) Caller caller,
            HttpServletRequest request) {
        return waits.await(id, WaitTimeout.parse(timeout), OpenRequestLimit.client(caller, request), this::view);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search experiments", description = "Filters combine with AND; newest first by default.")
    PageView<ExperimentView> search(
            @RequestParam(required = false) @Parameter(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED")
                    String status,
            @RequestParam(required = false) String method,
            @RequestParam(required = false) @Parameter(description = "key:value, repeatable") List<String> tag,
            @RequestParam(required = false) @Parameter(description = "substring of the name, any case") String name,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = SearchParameters.DEFAULT_SORT) @Parameter(description = "field[,asc|desc]")
                    String sort) {
        var search = SearchParameters.search(status, method, tag, name);
        var pageRequest = PageRequest.of(page, size, SearchParameters.sort(sort));
        Page<ExperimentSummary> found = queries.search(search, pageRequest);
        Map<UUID, UUID> group = groups.groupsOf(found.map(ExperimentSummary::id).getContent());
        return PageView.of(found, experiment -> ExperimentView.of(experiment, group.get(experiment.id())));
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Cancel an experiment",
            description = "A queued or waiting experiment is CANCELLED at once; "
                    + "a running one stops within seconds (between batches), keeping its metrics and checkpoints. "
                    + "Idempotent; 409 for a finished experiment.")
    ExperimentView cancel(@PathVariable UUID id, @Parameter(hidden = true) Caller caller) {
        return view(cancellation.cancel(id, caller));
    }

    @GetMapping(
            path = "/{id}/metrics",
            produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    @Operation(summary = "Per-epoch metrics", description = "JSON, or CSV with Accept: text/csv")
    ResponseEntity<?> metrics(
            @PathVariable UUID id, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (prefersCsv(accept)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(CSV))
                    .body(MetricsCsv.write(queries.metrics(id)));
        }
        return finished.json("metrics " + id, () -> {
            ExperimentQueries.History history = queries.history(id);
            return new FinishedAnswers.Answer(new MetricsHistory(id, history.epochs()), history.ended());
        });
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Live events (Server-Sent Events)",
            description = "A 'status' event on every change of "
                    + "status, phase or epoch, an 'epoch' event with each finished epoch's metrics; ends after the final "
                    + "status.")
    SseEmitter events(@PathVariable UUID id, @Parameter(hidden = true) Caller caller, HttpServletRequest request) {
        return events.subscribe(id, OpenRequestLimit.client(caller, request));
    }

    private ExperimentView view(ExperimentSummary experiment) {
        return ExperimentView.of(
                experiment, groups.groupsOf(List.of(experiment.id())).get(experiment.id()));
    }

    private static boolean prefersCsv(String accept) {
        if (accept == null) {
            return false;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        accepted = accepted.stream()
                .sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue)
                        .reversed())
                .toList();
        MediaType csv = MediaType.parseMediaType(CSV);
        return accepted.stream()
                .filter(type -> type.includes(csv) || type.includes(MediaType.APPLICATION_JSON))
                .findFirst()
                .map(type -> type.isCompatibleWith(csv) && !type.isWildcardType())
                .orElse(false);
    }

    /** The per-epoch history of one experiment, oldest epoch first. */
    record MetricsHistory(UUID experimentId, List<EpochMetrics> epochs) {}
}
