package dev.distillery.comparison.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.comparison.SimulatedRuns;
import dev.distillery.experiments.ExperimentLifecycle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Sweeps over HTTP: expansion, validation, per-cell summary, CSV and heatmaps. */
@ApiTest
class SweepApiTest {

    static final String BASE =
            """
            {"method": "kd", "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
             "dataset": {"name": "synthetic", "trainLimit": 100, "testLimit": 50}, "training": {"epochs": 2},
             "seed": 7}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    ExperimentLifecycle lifecycle;

    @Test
    void aTwoByTwoByTwoSweepExpandsIntoEightExperimentsAndSummarisesPerCell() throws Exception {
        DocumentContext created = JsonPath.parse(mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                """
                                {"spec": %s, "repeats": 2,
                                 "grid": {"temperature": [2, 3], "lossWeights.kd": [3, 9], "zscore": [false, true]}}"""
                                        .formatted(BASE)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        String sweep = created.read("$.id");
        assertThat(created.read("$.experiments", Integer.class)).isEqualTo(16);
        assertThat(created.read("$.cells", List.class)).hasSize(8);

        Set<List<Object>> combinations = new HashSet<>();
        List<String> ids = created.read("$.cells[*].runs[*]");
        for (String id : ids) {
            DocumentContext e = JsonPath.parse(mvc.perform(get("/api/v1/experiments/" + id))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            combinations.add(List.of(
                    e.read("$.spec.temperature", Double.class),
                    e.read("$.spec.lossWeights.kd", Double.class),
                    e.read("$.spec.zscore", Boolean.class)));
            assertThat(e.read("$.spec.seed", Long.class)).isBetween(7L, 8L);
            assertThat(e.read("$.spec.training.epochs", Integer.class)).isEqualTo(2);
            assertThat(e.read("$.spec.tags.sweep", String.class)).isEqualTo(sweep);
        }
        mvc.perform(get("/api/v1/experiments").param("tag", "sweep:" + sweep).param("size", "50"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.totalItems")
                        .value(16));
        assertThat(combinations).hasSize(8).contains(List.of(2.0, 3.0, false), List.of(3.0, 9.0, true));

        // cell 0 = (τ 2, λ_KD 3, vanilla): best 0.4 and 0.6 → mean 0.5, sample std √0.02 = 0.141421
        List<String> cell0 = created.read("$.cells[0].runs");
        SimulatedRuns worker = new SimulatedRuns(lifecycle);
        worker.finish(UUID.fromString(cell0.get(0)), 0.3, 0.4);
        worker.finish(UUID.fromString(cell0.get(1)), 0.6, 0.5);
        DocumentContext summary = JsonPath.parse(mvc.perform(get("/api/v1/sweeps/" + sweep))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(summary.read("$.experiments", Integer.class)).isEqualTo(16);
        assertThat(summary.read("$.statuses", Map.class))
                .containsEntry("SUCCEEDED", 2)
                .containsEntry("QUEUED", 14);
        assertThat(summary.read("$.progress", Double.class)).isCloseTo(2.0 / 16, within(1e-9));
        assertThat(summary.read("$.cells", List.class)).hasSize(8);
        assertThat(summary.read("$.cells[0].values", Map.class))
                .containsEntry("temperature", 2.0)
                .containsEntry("lossWeights.kd", 3.0)
                .containsEntry("zscore", false);
        assertThat(summary.read("$.cells[0].bestTestTop1.n", Integer.class)).isEqualTo(2);
        assertThat(summary.read("$.cells[0].bestTestTop1.mean", Double.class)).isCloseTo(0.5, within(1e-9));
        assertThat(summary.read("$.cells[0].bestTestTop1.std", Double.class)).isCloseTo(Math.sqrt(0.02), within(1e-9));
        assertThat(summary.read("$.cells[1].bestTestTop1.n", Integer.class)).isZero();

        String csv = mvc.perform(get("/api/v1/sweeps/" + sweep).accept("text/csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines().toList()).hasSize(1 + 8);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("temperature,lossWeights.kd,zscore,group,runs,n,");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("2.0,3.0,false,");

        byte[] png = mvc.perform(get("/api/v1/sweeps/" + sweep + "/heatmap")
                        .param("x", "lossWeights.kd")
                        .param("y", "zscore")
                        .param("format", "png")
                        .param("width", "640")
                        .param("height", "480"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        byte[] svg = mvc.perform(get("/api/v1/sweeps/" + sweep + "/heatmap")
                        .param("x", "lossWeights.kd")
                        .param("y", "zscore"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/svg+xml"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(Svg.parse(svg).getDocumentElement().getNodeName()).isEqualTo("svg");
        mvc.perform(get("/api/v1/sweeps/" + sweep + "/heatmap")
                        .param("x", "seed")
                        .param("y", "zscore"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aGridVaryingAFieldTheMethodDoesNotReadIsRefused() throws Exception {
        String dkd = BASE.replace("\"method\": \"kd\"", "\"method\": \"dkd\"");
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"spec": %s, "grid": {"lossWeights.kd": [1, 9]}}"""
                                .formatted(dkd)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(Matchers.endsWith("lossWeights.kd")))
                .andExpect(jsonPath("$.errors[0].message", Matchers.containsString("'dkd'")));
    }

    @Test
    void gridPathsAreCheckedAgainstTheSpecAndTheSizeIsBounded() throws Exception {
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"spec": %s, "grid": {"lossWeights.kdd": [1, 2]}}"""
                                .formatted(BASE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("grid.lossWeights.kdd"));
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"spec": %s, "grid": {"training": [1, 2]}}"""
                                .formatted(BASE)))
                .andExpect(status().isBadRequest());
        List<Integer> values = new ArrayList<>();
        for (int i = 1; i <= 51; i++) {
            values.add(i);
        }
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                """
                        {"spec": %s, "repeats": 10, "grid": {"training.epochs": %s}}"""
                                        .formatted(BASE, values)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.containsString("510")));
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"spec": %s, "grid": {"temperature": [-1]}}"""
                                .formatted(BASE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("grid.temperature"));
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        {"spec": %s, "grid": {"zscore": ["maybe"]}}"""
                                .formatted(BASE)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/sweeps/" + UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void theSameIdempotencyKeyGivesBackTheSameSweepAndRefusesAnotherBody() throws Exception {
        String key = "sweep-" + UUID.randomUUID();
        String body =
                """
                {"spec": %s, "repeats": 2, "grid": {"zscore": [false, true]}}""".formatted(BASE);
        String first = mvc.perform(post("/api/v1/sweeps")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String again = mvc.perform(post("/api/v1/sweeps")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(again, "$.id")).isEqualTo(JsonPath.read(first, "$.id"));
        assertThat(JsonPath.<List<String>>read(again, "$.cells[*].runs[*]"))
                .containsExactlyInAnyOrderElementsOf(JsonPath.<List<String>>read(first, "$.cells[*].runs[*]"));
        String sweepTag = "sweep:" + JsonPath.read(first, "$.id");
        mvc.perform(get("/api/v1/experiments").param("tag", sweepTag))
                .andExpect(jsonPath("$.totalItems").value(4));

        mvc.perform(post("/api/v1/sweeps")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("\"repeats\": 2", "\"repeats\": 3")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
    }
}
