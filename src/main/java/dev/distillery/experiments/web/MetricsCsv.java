package dev.distillery.experiments.web;

import dev.distillery.training.EpochMetrics;
import java.util.List;
import java.util.Locale;

/** The per-epoch history as CSV: a header line, then one line per epoch. */
final class MetricsCsv {

    static final String HEADER = "epoch,trainLoss,trainTop1,testLoss,testTop1,testTop5,learningRate,"
            + "epochSeconds,samplesPerSecond";

    private MetricsCsv() {
    }

    static String write(List<EpochMetrics> history) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (EpochMetrics m : history) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s\n", m.epoch(), m.trainLoss(),
                    m.trainTop1(), m.testLoss(), m.testTop1(), m.testTop5(), m.learningRate(), m.epochSeconds(),
                    m.samplesPerSecond()));
        }
        return csv.toString();
    }
}
