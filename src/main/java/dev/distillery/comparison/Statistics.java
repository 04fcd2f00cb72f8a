package dev.distillery.comparison;

import java.util.List;
import java.util.Objects;

/** Mean, sample standard deviation and paired differences over repeats. */
final class Statistics {

    private Statistics() {}

    /** Mean ± sample std (n−1) of the present values; std null below two values, both null with none. */
    static MeanStd meanStd(List<Double> values) {
        List<Double> present = values.stream().filter(Objects::nonNull).toList();
        int n = present.size();
        if (n == 0) {
            return new MeanStd(0, null, null);
        }
        double mean = present.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n < 2) {
            return new MeanStd(n, mean, null);
        }
        double squares =
                present.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new MeanStd(n, mean, Math.sqrt(squares / (n - 1)));
    }

    /** Mean of the differences and its standard error (sample std / √n); null without any pair. */
    static PairedDifference paired(List<Double> differences) {
        MeanStd stats = meanStd(differences);
        if (stats.n() == 0) {
            return null;
        }
        Double se = stats.std() == null ? null : stats.std() / Math.sqrt(stats.n());
        return new PairedDifference(stats.n(), stats.mean(), se);
    }
}
