package dev.distillery.comparison;

import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.submission.ExperimentSubmission;
import dev.distillery.experiments.submission.IdempotentRequests;
import dev.distillery.experiments.submission.RepeatsSubmitted;
import dev.distillery.shared.Caller;
import dev.distillery.shared.InvalidRequestException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Expands a sweep into groups of experiments, one group per grid cell, all tagged with the sweep id. */
@Service
public class SweepService {

    static final int MAX_EXPERIMENTS = 500;

    private final ExperimentSubmission submission;
    private final ExperimentQueries experiments;
    private final SweepSpecs specs;
    private final SweepStore store;
    private final SpecFields fields;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;
    private final Memberships memberships;

    SweepService(
            ExperimentSubmission submission,
            ExperimentQueries experiments,
            SweepSpecs specs,
            SweepStore store,
            SpecFields fields,
            IdempotentRequests idempotent,
            JsonMapper json,
            Memberships memberships) {
        this.memberships = memberships;
        this.idempotent = idempotent;
        this.json = json;
        this.fields = fields;
        this.submission = submission;
        this.experiments = experiments;
        this.specs = specs;
        this.store = store;
    }

    /** Every experiment of a sweep carries this tag with the sweep id, so the experiment search finds them. */
    static final String SWEEP_TAG = "sweep";

    /** A sweep submitted with an Idempotency-Key: the same key and request give back the sweep first created. */
    @Transactional
    public SweepOutcome submit(SweepRequest request, String idempotencyKey, Caller caller) {
        if (idempotencyKey == null) {
            return new SweepOutcome(submit(request, caller), true);
        }
        var fresh = new AtomicReference<SweepCreated>();
        var outcome = idempotent.once("sweep", idempotencyKey, json.writeValueAsString(request), caller, () -> {
            fresh.set(submit(request, caller));
            return fresh.get().id();
        });
        return new SweepOutcome(outcome.created() ? fresh.get() : created(outcome.resourceId()), outcome.created());
    }

    /** A sweep and whether this request created it (false: a replay of an earlier request). */
    public record SweepOutcome(SweepCreated sweep, boolean created) {}

    /** All cells or none: one transaction. Refused (429) when the queue, or the caller's share of it, is full. */
    @Transactional
    public SweepCreated submit(SweepRequest request, Caller caller) {
        int repeats = request.repeats() == null ? 1 : request.repeats();
        request.grid().keySet().forEach(path -> SpecPaths.check("grid." + path, path));
        BigInteger total = GridExpansion.count(request.grid()).multiply(BigInteger.valueOf(repeats));
        if (total.compareTo(BigInteger.valueOf(MAX_EXPERIMENTS)) > 0) {
            throw new InvalidRequestException(
                    "grid",
                    "the sweep would create " + total + " experiments (cells × " + "repeats); at most "
                            + MAX_EXPERIMENTS + " are allowed");
        }
        submission.admit(total.intValue(), caller);
        UUID id = UUID.randomUUID();
        store.save(id, request.spec(), request.grid(), repeats);
        List<SweepCreated.Cell> cells = new ArrayList<>();
        for (Map<String, Object> values : GridExpansion.cellsOf(request.grid())) {
            RepeatsSubmitted group = submission.submitRepeats(
                    specs.cell(request.spec(), values, repeats).withTag(SWEEP_TAG, id.toString()), caller);
            memberships.placeInSweep(group.groupId(), id);
            cells.add(new SweepCreated.Cell(values, group.groupId(), group.experimentIds()));
        }
        return new SweepCreated(id, total.intValue(), cells);
    }

    /** What submitting the sweep answered: its cells with their groups and experiments. */
    private SweepCreated created(UUID id) {
        SweepSummary summary = summary(id);
        return new SweepCreated(
                id,
                summary.experiments(),
                summary.cells().stream()
                        .map(cell -> new SweepCreated.Cell(cell.values(), cell.group(), cell.runs()))
                        .toList());
    }

    @Transactional(readOnly = true)
    public SweepSummary summary(UUID id) {
        SweepStore.Sweep sweep = store.find(id);
        List<UUID> members = memberships.sweep(id);
        return SweepSummaries.of(
                sweep, Members.oldestFirst(experiments.summaries(members)), memberships.groupsOf(members), fields);
    }

    /** The grid's mean best test top-1 over paths {@code x} and {@code y}. */
    @Transactional(readOnly = true)
    public byte[] heatmap(UUID id, String x, String y, ChartSize size, ChartFormat format) {
        return Heatmaps.draw(summary(id), x, y, size, format);
    }
}
