package dev.distillery.experiments.web;

import dev.distillery.shared.CsvCells;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.LogitDiagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The per-epoch history as CSV: a header line, then one line per phase and epoch. Loss components
 * become {@code loss.<name>} columns; absent values are empty cells.
 */
final class MetricsCsv {

    static final String HEADER = "phase,epoch,trainLoss,trainTop1,testLoss,testTop1,testTop5,learningRate,"
            + "epochSeconds,samplesPerSecond,teacherAgreement,kl,standardizedKl,studentLogitMean,studentLogitStd,"
            + "teacherLogitMean,teacherLogitStd";

    private static final List<Function<LogitDiagnostics, Object>> DIAGNOSTICS = List.of(
            LogitDiagnostics::teacherAgreement,
            LogitDiagnostics::kl,
            LogitDiagnostics::standardizedKl,
            LogitDiagnostics::studentLogitMean,
            LogitDiagnostics::studentLogitStd,
            LogitDiagnostics::teacherLogitMean,
            LogitDiagnostics::teacherLogitStd);

    private MetricsCsv() {}

    static String write(List<EpochMetrics> history) {
        TreeSet<String> terms = history.stream()
                .flatMap(m -> m.lossTerms().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> methodValues = history.stream()
                .flatMap(m -> m.methodDiagnostics().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        StringBuilder csv = new StringBuilder(HEADER);
        terms.forEach(term -> csv.append(',').append(cell("loss." + term)));
        methodValues.forEach(name -> csv.append(',').append(cell("method." + name)));
        csv.append('\n');
        for (EpochMetrics m : history) {
            List<Object> cells = new ArrayList<>(List.of(
                    m.phase(),
                    m.epoch(),
                    m.trainLoss(),
                    m.trainTop1(),
                    m.testLoss(),
                    m.testTop1(),
                    m.testTop5(),
                    m.learningRate(),
                    m.epochSeconds(),
                    m.samplesPerSecond()));
            DIAGNOSTICS.forEach(value -> cells.add(m.diagnostics() == null ? null : value.apply(m.diagnostics())));
            terms.forEach(term -> cells.add(m.lossTerms().get(term)));
            methodValues.forEach(name -> cells.add(m.methodDiagnostics().get(name)));
            csv.append(cells.stream().map(MetricsCsv::cell).collect(Collectors.joining(",")))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String cell(Object value) {
        return CsvCells.cell(value);
    }
}
