package dev.distillery.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Charts of runs without values yet, and the legend built from the differing spec fields. */
class ChartsTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void runsWithoutEpochsStillDraw() {
        var series = new Comparison.Series(List.of(1, 2), Map.of("testTop1", Map.of(a, Arrays.asList(0.5, null))));
        for (ChartFormat format : ChartFormat.values()) {
            assertThat(Charts.lines(
                            series, "testTop1", List.of(a, b), List.of("a", "b"), new ChartSize(300, 200), format))
                    .isNotEmpty();
            assertThat(Charts.lines(series, "kl", List.of(a, b), List.of("a", "b"), new ChartSize(300, 200), format))
                    .isNotEmpty();
        }
    }

    @Test
    void aHeatmapWithoutFinishedCellsIsAConflict() {
        MeanStd none = new MeanStd(0, null, null);
        SweepSummary sweep = new SweepSummary(
                a,
                Map.of("zscore", List.of(false, true), "temperature", List.of(2)),
                1,
                2,
                0,
                Map.of("QUEUED", 2L),
                List.of(
                        new SweepSummary.Cell(Map.of("zscore", false, "temperature", 2.0), b, List.of(), none, none),
                        new SweepSummary.Cell(Map.of("zscore", true, "temperature", 2.0), b, List.of(), none, none)));
        assertThatThrownBy(
                        () -> Heatmaps.draw(sweep, "zscore", "temperature", new ChartSize(300, 200), ChartFormat.PNG))
                .isInstanceOf(dev.distillery.shared.ConflictException.class);
    }

    @Test
    void theLegendShowsTheDifferingFieldsButNotTheName() {
        Comparison comparison = new Comparison(
                a,
                List.of(run(a, "x"), run(b, "y")),
                Map.of("name", List.of("x", "y"), "zscore", List.of(false, true)),
                List.of(),
                null);
        assertThat(ChartService.legend(comparison)).containsExactly("zscore=false", "zscore=true");
        Comparison sameSpec =
                new Comparison(a, List.of(run(a, "x"), run(b, "x")), Map.of("seed", List.of(1, 1)), List.of(), null);
        assertThat(ChartService.legend(sameSpec)).hasSize(2).doesNotHaveDuplicates();
    }

    private static Comparison.Run run(UUID id, String name) {
        return new Comparison.Run(
                id,
                new Comparison.Identity(name, "kd", false, 4.0, 0.1, 0.9, "lenet5", "mlp", "synthetic", 1L, null, null),
                null,
                null,
                Map.of(),
                null,
                null,
                null);
    }
}
