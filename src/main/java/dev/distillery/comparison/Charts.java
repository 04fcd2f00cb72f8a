package dev.distillery.comparison;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws comparison line charts and sweep heatmaps with XChart, as SVG or PNG bytes. */
final class Charts {

    private Charts() {}

    /** How many characters of a legend line fit the chart's width (the legend sits under the plot). */
    static int legendLineChars(ChartSize size) {
        return Math.max(20, (size.width() - 60) / 7);
    }

    /** One line per run over its epochs; {@code labels} are the legend entries, one per run. */
    static byte[] lines(
            Comparison.Series series,
            String metric,
            List<UUID> runs,
            List<String> labels,
            ChartSize size,
            ChartFormat format) {
        XYChart chart = new XYChartBuilder()
                .width(size.width())
                .height(size.height())
                .title(metric + " by epoch")
                .xAxisTitle("epoch")
                .yAxisTitle(metric)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        Map<UUID, List<Double>> values = series.metrics().getOrDefault(metric, Map.of());
        for (int i = 0; i < runs.size(); i++) {
            List<Integer> epochs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> run = values.getOrDefault(runs.get(i), List.of());
            for (int e = 0; e < run.size(); e++) {
                if (run.get(e) != null) {
                    epochs.add(series.epochs().get(e));
                    ys.add(run.get(e));
                }
            }
            XYSeries line = chart.addSeries(
                    labels.get(i), epochs.isEmpty() ? List.of(0) : epochs, ys.isEmpty() ? List.of(Double.NaN) : ys);
            // straight segments between measured epochs, a marker at each: a spline would invent values between
            // epochs and overshoot them
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setSmooth(false);
        }
        return encode(chart, format);
    }

    /** A heatmap of {@code value(x, y)}; cells without a value are left out. */
    static byte[] heatmap(
            String title,
            String xName,
            List<Object> xs,
            String yName,
            List<Object> ys,
            List<Number[]> cells,
            ChartSize size,
            ChartFormat format) {
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(size.width())
                .height(size.height())
                .title(title)
                .xAxisTitle(xName)
                .yAxisTitle(yName)
                .build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0.000");
        chart.addSeries(
                "mean best test top-1",
                xs.stream().map(Objects::toString).toList(),
                ys.stream().map(Objects::toString).toList(),
                cells);
        return encode(chart, format);
    }

    private static byte[] encode(Chart<?, ?> chart, ChartFormat format) {
        try {
            if (format == ChartFormat.PNG) {
                return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            }
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return svg.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
