package dev.distillery.comparison.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.comparison.SimulatedRuns;
import dev.distillery.experiments.ExperimentLifecycle;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * CSV formula injection: names and grid values a spreadsheet would run as formulas come back as text (a leading
 * {@code '}) in the comparison and sweep exports; negative numbers stay numbers.
 */
@ApiTest
class CsvInjectionTest {

    private static final String SPEC =
            """
            {"name": %s, "method": "ce", "student": {"architecture": "mlp"},
             "dataset": {"name": "synthetic", "trainLimit": 100, "testLimit": 50}, "training": {"epochs": 1}, "seed": 1}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    ExperimentLifecycle lifecycle;

    @Test
    void theComparisonCsvNeutralisesFormulaNames() throws Exception {
        String calc = submit("\"=cmd|' /C calc'!A0\"");
        String plus = submit("\"+1+1\"");
        String tab = submit("\"\\t=2+2\"");
        SimulatedRuns worker = new SimulatedRuns(lifecycle);
        for (String id : List.of(calc, plus, tab)) {
            worker.finish(UUID.fromString(id), 0.5);
        }

        List<String> lines = csv(get("/api/v1/comparisons").param("ids", calc + "," + plus + "," + tab));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith(calc + ",'=cmd|' /C calc'!A0,1,");
        assertThat(lines.get(2)).startsWith(plus + ",'+1+1,1,");
        assertThat(lines.get(3)).startsWith(tab + ",'\t=2+2,1,");
    }

    @Test
    void theSweepCsvNeutralisesFormulaGridValues() throws Exception {
        String sweep = JsonPath.read(
                mvc.perform(post("/api/v1/sweeps")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"spec\": " + SPEC.formatted("\"s\"") + ", \"grid\": {\"tags.note\": "
                                        + "[\"=1+1\", \"@SUM(A1:A2)\", \"-2+3\", \"plain\"], \"priority\": [-5]}}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.id");

        List<String> lines = csv(get("/api/v1/sweeps/" + sweep));

        assertThat(lines.get(0)).startsWith("tags.note,priority,group,");
        assertThat(lines.stream().skip(1).map(line -> line.substring(0, line.indexOf(",", line.indexOf(",") + 1))))
                .containsExactly("'=1+1,-5", "'@SUM(A1:A2),-5", "'-2+3,-5", "plain,-5");
    }

    private String submit(String name) throws Exception {
        return JsonPath.read(
                mvc.perform(post("/api/v1/experiments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC.formatted(name)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.id");
    }

    private List<String> csv(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.accept("text/csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .lines()
                .toList();
    }
}
