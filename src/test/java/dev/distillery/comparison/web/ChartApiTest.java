package dev.distillery.comparison.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.comparison.SimulatedRuns;
import dev.distillery.experiments.ExperimentLifecycle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Comparison charts drawn by XChart: SVG that parses as XML, PNG that decodes at the requested size. */
@ApiTest
class ChartApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ExperimentLifecycle lifecycle;

    @Test
    void drawsSvgAndPngLineCharts() throws Exception {
        String ids = run(false, 0.3, 0.5, 0.6) + "," + run(true, 0.4, 0.6, 0.7) + "," + run(true, 0.2, 0.3, 0.35);
        byte[] svg = mvc.perform(get("/api/v1/comparisons/chart")
                        .param("ids", ids)
                        .param("metric", "testTop1")
                        .param("format", "svg"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/svg+xml"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Files.write(Path.of("target", "comparison-chart.svg"), svg);
        var document = Svg.parse(svg);
        assertThat(document.getDocumentElement().getNodeName()).isEqualTo("svg");
        // one series per run, straight segments between epochs (no spline inventing values), a marker per epoch
        // (each run: 3 epochs = 2 segments, plus its legend's sample line; 3 markers plus the legend's)
        var segments = Svg.seriesSegments(document);
        assertThat(segments).hasSize(3);
        assertThat(segments.keySet()).allMatch(series -> series.startsWith("line "));
        assertThat(segments.values()).containsOnly(2 + 1);
        assertThat(Svg.markers(document)).isEqualTo(3 * (3 + 1));

        byte[] png = mvc.perform(get("/api/v1/comparisons/chart")
                        .param("ids", ids)
                        .param("format", "png")
                        .param("width", "640")
                        .param("height", "400"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);

        mvc.perform(get("/api/v1/comparisons/chart").param("ids", ids).param("format", "gif"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/comparisons/chart").param("ids", ids).param("metric", "nonsense"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/comparisons/chart").param("ids", ids).param("width", "100000"))
                .andExpect(status().isBadRequest());
    }

    private String run(boolean zscore, double... top1) throws Exception {
        String created = mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                """
                        {"method": "kd", "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
                         "dataset": {"name": "synthetic"}, "training": {"epochs": 3}, "zscore": %s}"""
                                        .formatted(zscore)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(created, "$.id");
        new SimulatedRuns(lifecycle).finish(UUID.fromString(id), top1);
        return id;
    }
}
