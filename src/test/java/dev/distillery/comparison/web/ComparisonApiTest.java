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
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Comparisons and groups over HTTP on a real PostgreSQL; runs are finished by a simulated worker. */
@ApiTest
class ComparisonApiTest {

    static final String KD =
            """
            {"method": "kd", "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
             "dataset": {"name": "synthetic", "trainLimit": 100, "testLimit": 50}, "training": {"epochs": 3},
             "zscore": %s, "seed": %d, "repeats": %d}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    ExperimentLifecycle lifecycle;

    @Test
    void comparesRunsWithDeltasSpecDiffAndAlignedSeries() throws Exception {
        List<String> vanilla = runs(submit(KD.formatted(false, 5, 1)));
        List<String> ls = runs(submit(KD.formatted(true, 5, 1)));
        String queued = JsonPath.read(submit(KD.formatted(true, 9, 1)), "$.id");
        SimulatedRuns worker = new SimulatedRuns(lifecycle);
        worker.finish(UUID.fromString(vanilla.get(0)), 0.50, 0.60, 0.55);
        worker.finish(UUID.fromString(ls.get(0)), 0.52, 0.70, 0.65);

        DocumentContext c = compare(vanilla.get(0) + "," + ls.get(0) + "," + queued, null);
        assertThat(c.read("$.baseline", String.class)).isEqualTo(vanilla.get(0));
        assertThat(c.read("$.runs[1].best.epoch", Integer.class)).isEqualTo(2);
        assertThat(c.read("$.runs[1].last.testTop1", Double.class)).isEqualTo(0.65);
        assertThat(c.read("$.runs[1].delta.bestTestTop1", Double.class)).isCloseTo(0.10, within(1e-9));
        assertThat(c.read("$.runs[1].delta.lastTestTop1", Double.class)).isCloseTo(0.10, within(1e-9));
        assertThat(c.read("$.runs[1].metrics.testTop1.min", Double.class)).isEqualTo(0.52);
        assertThat(c.read("$.runs[1].metrics['loss.kd'].last", Double.class)).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(c.read("$.runs[1].delta.metrics.testTop1.max", Double.class)).isCloseTo(0.10, within(1e-9));
        assertThat(c.read("$.runs[1].samplesPerSecond", Double.class)).isEqualTo(2000.0);
        assertThat(c.read("$.runs[1].identity.zscore", Boolean.class)).isTrue();
        assertThat(c.read("$.runs[2].identity.status", String.class)).isEqualTo("QUEUED");
        assertThat(c.read("$.runs[2].best", Object.class)).isNull();
        assertThat(c.read("$.runs[2].delta.bestTestTop1", Object.class)).isNull();
        assertThat(c.read("$.specDiff", java.util.Map.class).keySet())
                .containsExactlyInAnyOrder("zscore", "temperature", "lossWeights.kd", "seed");
        assertThat(c.read("$.specDiff.zscore", List.class)).containsExactly(false, true, true);
        assertThat(c.read("$.series.epochs", List.class)).containsExactly(1, 2, 3);
        assertThat(c.read("$.series.metrics.testTop1." + ls.get(0), List.class)).containsExactly(0.52, 0.70, 0.65);
    }

    @Test
    void aGroupOfRepeatsHasMeanAndSampleStdAndAPairedDifference() throws Exception {
        String created = submit(KD.formatted(false, 100, 3));
        String group = JsonPath.read(created, "$.group");
        List<String> vanilla = runs(created);
        List<String> ls = runs(submit(KD.formatted(true, 100, 3)));
        assertThat(vanilla).hasSize(3);
        assertThat(JsonPath.<String>read(created, "$.id")).isEqualTo(vanilla.get(0));
        assertThat(JsonPath.<Integer>read(created, "$.spec.seed")).isEqualTo(100);
        assertThat(JsonPath.parse(created).read("$.spec", java.util.Map.class)).doesNotContainKey("repeats");
        SimulatedRuns worker = new SimulatedRuns(lifecycle);
        double[][] v = {{0.60, 0.70}, {0.62, 0.66}, {0.58, 0.68}};
        double[][] z = {{0.65, 0.74}, {0.63, 0.71}, {0.66, 0.75}};
        for (int i = 0; i < 3; i++) {
            worker.finish(UUID.fromString(vanilla.get(i)), v[i]);
            worker.finish(UUID.fromString(ls.get(i)), z[i]);
        }
        // best 0.70, 0.66, 0.68: mean 0.68, sample std sqrt(((0.02)² + (0.02)² + 0) / 2) = 0.02
        DocumentContext g = JsonPath.parse(mvc.perform(get("/api/v1/groups/" + group))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(g.read("$.n", Integer.class)).isEqualTo(3);
        assertThat(g.read("$.seeds", List.class)).containsExactly(100, 101, 102);
        assertThat(g.read("$.bestTestTop1.mean", Double.class)).isCloseTo(0.68, within(1e-9));
        assertThat(g.read("$.bestTestTop1.std", Double.class)).isCloseTo(0.02, within(1e-9));
        // last 0.70, 0.66, 0.68 as well (the best is the last epoch)
        assertThat(g.read("$.lastTestTop1.mean", Double.class)).isCloseTo(0.68, within(1e-9));
        // paired by seed: 0.74-0.70, 0.71-0.66, 0.75-0.68 = 0.04, 0.05, 0.07: mean 0.05333…,
        // sample std sqrt((0.01333² + 0.00333² + 0.01667²) / 2) = 0.015275, SE = 0.015275 / √3 = 0.0088192
        List<String> all = new java.util.ArrayList<>(vanilla);
        all.addAll(ls);
        DocumentContext c = compare(String.join(",", all), null);
        assertThat(c.read("$.groups", List.class)).hasSize(2);
        assertThat(c.read("$.groups[0].group", String.class)).isEqualTo(group);
        assertThat(c.read("$.groups[0].bestVsBaseline", Object.class)).isNull();
        assertThat(c.read("$.groups[1].n", Integer.class)).isEqualTo(3);
        assertThat(c.read("$.groups[1].bestTestTop1.mean", Double.class)).isCloseTo(0.7333333, within(1e-6));
        assertThat(c.read("$.groups[1].bestVsBaseline.meanDifference", Double.class))
                .isCloseTo(0.0533333, within(1e-6));
        assertThat(c.read("$.groups[1].bestVsBaseline.standardError", Double.class))
                .isCloseTo(0.0088192, within(1e-6));
    }

    @Test
    void exportsLongCsvAndRejectsBadRequests() throws Exception {
        List<String> a = runs(submit(KD.formatted(false, 1, 2)));
        SimulatedRuns worker = new SimulatedRuns(lifecycle);
        worker.finish(UUID.fromString(a.get(0)), 0.1, 0.2);
        worker.finish(UUID.fromString(a.get(1)), 0.3);
        String csv = mvc.perform(get("/api/v1/comparisons")
                        .param("ids", a.get(0) + "," + a.get(1))
                        .accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(1 + 2 + 1);
        assertThat(lines.get(0)).startsWith("experimentId,name,epoch,trainLoss,trainTop1,testLoss,testTop1");
        assertThat(lines.get(3)).startsWith(a.get(1) + ",kd mlp on synthetic,1,");

        String unknown = UUID.randomUUID().toString();
        mvc.perform(get("/api/v1/comparisons").param("ids", a.get(0) + "," + unknown))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", Matchers.containsString(unknown)));
        mvc.perform(get("/api/v1/comparisons").param("ids", a.get(0))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/comparisons")
                        .param("ids", a.get(0) + "," + a.get(1))
                        .param("baseline", unknown))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/groups/" + unknown)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(KD.formatted(false, 1, 11)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("repeats"));
    }

    private DocumentContext compare(String ids, String baseline) throws Exception {
        var request = get("/api/v1/comparisons").param("ids", ids);
        if (baseline != null) {
            request = request.param("baseline", baseline);
        }
        return JsonPath.parse(mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String submit(String spec) throws Exception {
        return mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(spec))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The ids of the experiments of the submitted experiment's group, oldest first. */
    private List<String> runs(String created) throws Exception {
        String group = JsonPath.read(created, "$.group");
        return JsonPath.read(
                mvc.perform(get("/api/v1/groups/" + group))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.runs");
    }
}
