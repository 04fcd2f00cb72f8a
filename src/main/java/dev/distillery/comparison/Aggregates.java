package dev.distillery.comparison;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Aggregates over repeats, and paired differences between groups with the same seeds. */
final class Aggregates {

    private Aggregates() {}

    static GroupAggregate of(UUID group, List<Trial> trials, List<Trial> baseline) {
        return new GroupAggregate(
                group,
                trials.stream().map(Trial::id).toList(),
                trials.stream().map(Trial::seed).toList(),
                trials.size(),
                Statistics.meanStd(trials.stream().map(Trial::best).toList()),
                Statistics.meanStd(trials.stream().map(Trial::last).toList()),
                paired(trials, baseline, Trial::best),
                paired(trials, baseline, Trial::last));
    }

    /** Paired by seed when both groups have the same seeds (and are not the same group); else null. */
    private static PairedDifference paired(List<Trial> trials, List<Trial> baseline, Function<Trial, Double> value) {
        if (baseline == null || baseline.equals(trials) || !sameSeeds(trials, baseline)) {
            return null;
        }
        Map<Long, Trial> bySeed = baseline.stream().collect(Collectors.toMap(Trial::seed, t -> t, (a, b) -> a));
        List<Double> differences = new ArrayList<>();
        for (Trial trial : trials) {
            Double mine = value.apply(trial);
            Double theirs = value.apply(bySeed.get(trial.seed()));
            if (mine != null && theirs != null) {
                differences.add(mine - theirs);
            }
        }
        return Statistics.paired(differences);
    }

    private static boolean sameSeeds(List<Trial> a, List<Trial> b) {
        return a.size() == b.size()
                && new HashSet<>(a.stream().map(Trial::seed).toList())
                        .equals(new HashSet<>(b.stream()
                                .map(Trial::seed)
                                .filter(Objects::nonNull)
                                .toList()));
    }
}
