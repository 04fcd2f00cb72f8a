package dev.distillery.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
    void theLegendNamesEachRunWithOnlyItsMeaningfulDifferingFields() {
        Map<String, List<Object>> diff = new java.util.LinkedHashMap<>();
        diff.put("name", List.of("x", "y"));
        diff.put("method", List.of("ce", "kd"));
        diff.put("temperature", List.of(4.0, 2.0));
        diff.put("teacher.architecture", Arrays.asList(null, "lenet5"));
        diff.put("tags.team", List.of("a", "b"));
        Comparison comparison = new Comparison(a, List.of(run(a, "x", "ce"), run(b, "y", "kd")), diff, List.of(), null);
        Function<String, Set<String>> ignoredBy =
                method -> method.equals("ce") ? Set.of("temperature", "zscore", "lossWeights.kd") : Set.of();

        assertThat(ChartService.legend(comparison, ignoredBy, 200))
                .containsExactly("x: method=ce", "y: method=kd, temperature=2.0, teacher.architecture=lenet5");
        assertThat(ChartService.legend(comparison, ignoredBy, 20))
                .containsExactly("x: method=ce", "y: method=kd,\ntemperature=2.0,\nteacher.architecture=lenet5");

        Comparison sameSpec = new Comparison(
                a, List.of(run(a, "x", "kd"), run(b, "x", "kd")), Map.of("seed", List.of(1, 1)), List.of(), null);
        assertThat(ChartService.legend(sameSpec, ignoredBy, 200)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void longLegendsAreDrawnOnSeveralLinesInsideTheImage() throws Exception {
        var series = new Comparison.Series(
                List.of(1, 2, 3), Map.of("testTop1", Map.of(a, List.of(0.2, 0.5, 0.4), b, List.of(0.3, 0.35, 0.6))));
        ChartSize size = new ChartSize(400, 300);
        int chars = Charts.legendLineChars(size);
        List<String> labels = List.of(
                ChartService.wrap("kd with zscore: lossWeights.kd=9.0, zscore=true, temperature=2.0, seed=1", chars),
                ChartService.wrap("kd without: lossWeights.kd=0.9, zscore=false, temperature=4.0, seed=1", chars));
        assertThat(labels).allSatisfy(label -> assertThat(label).contains("\n"));
        byte[] png = Charts.lines(series, "testTop1", List.of(a, b), labels, size, ChartFormat.PNG);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(400);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "legend-check.png"), png);
    }

    @Test
    void wrappedLabelsKeepEveryCharacterAndBreakAtSeparators() {
        String label = "a long run name: lossWeights.kd=9.0, zscore=true, temperature=2.0";
        String wrapped = ChartService.wrap(label, 24);
        assertThat(wrapped.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(26));
        assertThat(wrapped.replace("\n", " ")).isEqualTo(label);
        assertThat(ChartService.wrap("short", 24)).isEqualTo("short");
    }

    private static Comparison.Run run(UUID id, String name, String method) {
        return new Comparison.Run(
                id,
                new Comparison.Identity(
                        name, method, false, 4.0, 0.1, 0.9, "lenet5", "mlp", "synthetic", 1L, null, null),
                null,
                null,
                Map.of(),
                null,
                null,
                null);
    }
}
