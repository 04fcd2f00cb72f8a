package dev.distillery.experiments.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.EpochMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics export writes its cells like every CSV of the service: no cell is a live formula. */
class MetricsCsvTest {

    @Test
    void textCellsThatLookLikeFormulasAreNeutralisedAndNegativeNumbersKept() {
        EpochMetrics epoch = new EpochMetrics(
                1, -0.25, 0.5, 1.0, 0.5, 0.9, 0.05, 1.5, 1000.0, "=HYPERLINK(\"x\")", Map.of("kd", -1.0), null);

        List<String> lines = MetricsCsv.write(List.of(epoch)).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .startsWith("\"'=HYPERLINK(\"\"x\"\")\",1,-0.25,0.5,")
                .endsWith(",-1.0");
    }
}
