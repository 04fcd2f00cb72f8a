package dev.distillery.comparison;

import dev.distillery.comparison.Comparison.Run;
import dev.distillery.experiments.ExperimentQueries;
import dev.distillery.experiments.ExperimentSummary;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.shared.InvalidRequestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Compares runs: summaries with deltas to a baseline, the spec differences, seed groups and aligned series. */
@Service
@Transactional(readOnly = true)
public class ComparisonService {

    static final int MIN_RUNS = 2;
    static final int MAX_RUNS = 50;

    private final ExperimentQueries experiments;
    private final MetricsTable metrics;
    private final SpecFields fields;
    private final Clock clock;
    private final Memberships memberships;

    ComparisonService(
            ExperimentQueries experiments,
            MetricsTable metrics,
            SpecFields fields,
            Clock clock,
            Memberships memberships) {
        this.memberships = memberships;
        this.experiments = experiments;
        this.metrics = metrics;
        this.fields = fields;
        this.clock = clock;
    }

    /** @param baseline one of {@code ids}, or null for the first */
    public Comparison compare(List<UUID> ids, UUID baseline) {
        check(ids, baseline);
        UUID base = baseline == null ? ids.get(0) : baseline;
        List<ExperimentSummary> runs = experiments.summaries(ids);
        List<ExperimentSpec> specs = runs.stream().map(ExperimentSummary::spec).toList();
        Map<UUID, UUID> groupOf = memberships.groupsOf(ids);
        var epochs = metrics.studentEpochs(ids);
        List<Run> summaries = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            summaries.add(RunSummaries.summary(
                    runs.get(i),
                    specs.get(i),
                    groupOf.get(ids.get(i)),
                    epochs.getOrDefault(ids.get(i), RunMetrics.NONE),
                    clock));
        }
        Run baseRun = summaries.get(ids.indexOf(base));
        List<Map<String, Object>> flat = specs.stream().map(fields::flatten).toList();
        return new Comparison(
                base,
                summaries.stream()
                        .map(run -> RunSummaries.withDelta(run, baseRun))
                        .toList(),
                fields.differences(flat),
                groups(runs, specs, flat, groupOf, ids.indexOf(base)),
                SeriesBuilder.align(ids, epochs));
    }

    private static void check(List<UUID> ids, UUID baseline) {
        if (ids.contains(null)) {
            throw new InvalidRequestException("ids", "contains an empty id");
        }
        if (ids.size() < MIN_RUNS || ids.size() > MAX_RUNS) {
            throw new InvalidRequestException(
                    "ids", "give " + MIN_RUNS + " to " + MAX_RUNS + " experiment ids, not " + ids.size());
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw new InvalidRequestException("ids", "each experiment id may appear only once");
        }
        if (baseline != null && !ids.contains(baseline)) {
            throw new InvalidRequestException("baseline", "the baseline " + baseline + " is not one of the ids");
        }
    }

    /** Runs whose specs are equal but for the seed, in order of first appearance. */
    private static List<GroupAggregate> groups(
            List<ExperimentSummary> runs,
            List<ExperimentSpec> specs,
            List<Map<String, Object>> flat,
            Map<UUID, UUID> groupOf,
            int baseIndex) {
        Map<Map<String, Object>, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> key = new LinkedHashMap<>(flat.get(i));
            key.remove("seed");
            members.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<Trial> baseline = members.values().stream()
                .filter(m -> m.contains(baseIndex))
                .map(m -> trials(m, runs, specs))
                .findFirst()
                .orElseThrow();
        return members.values().stream()
                .map(m -> Aggregates.of(commonGroup(m, runs, groupOf), trials(m, runs, specs), baseline))
                .toList();
    }

    private static List<Trial> trials(List<Integer> members, List<ExperimentSummary> runs, List<ExperimentSpec> specs) {
        return members.stream()
                .map(i -> Trial.of(runs.get(i), specs.get(i).seed()))
                .toList();
    }

    private static UUID commonGroup(List<Integer> members, List<ExperimentSummary> runs, Map<UUID, UUID> groupOf) {
        List<UUID> groups = members.stream()
                .map(i -> groupOf.get(runs.get(i).id()))
                .distinct()
                .toList();
        return groups.size() == 1 ? groups.get(0) : null;
    }

    /** A group of repeats on its own. */
    public GroupAggregate group(UUID groupId) {
        List<ExperimentSummary> runs = Members.oldestFirst(experiments.summaries(memberships.group(groupId)));
        if (runs.isEmpty()) {
            throw new dev.distillery.shared.NotFoundException("no group with id " + groupId);
        }
        List<Trial> trials =
                runs.stream().map(e -> Trial.of(e, e.spec().seed())).toList();
        return Aggregates.of(groupId, trials, null);
    }
}
