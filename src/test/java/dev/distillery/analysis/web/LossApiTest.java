package dev.distillery.analysis.web;

import static dev.distillery.methods.ReferenceCases.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.distillery.ApiTest;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.methods.ReferenceCases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * POST /api/v1/analysis/loss reproduces independent float64 values over HTTP for all five methods, to 1e-6
 * relative: ctkd and mlkd every case of the numpy reference in {@code src/test/resources/methods/reference} (see its
 * README), ce, kd and dkd the plain-Python values of {@code MethodMathTest} and
 * {@code DecoupledKnowledgeDistillationTest} ({@link LossReferenceValues}).
 */
@ApiTest
class LossApiTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    MethodRegistry registry;

    static Stream<JsonNode> ctkdCases() {
        return ReferenceCases.load("ctkd").stream();
    }

    /** The case's T is ctkd's learned state, its params the method's; ctkd does not read temperature. */
    @ParameterizedTest(name = "{index}")
    @MethodSource("ctkdCases")
    void ctkdMatchesTheNumpyReference(JsonNode testCase) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("method", "ctkd");
        body.put("zscore", testCase.get("zscore").asBoolean());
        body.putObject("lossWeights")
                .put("ce", testCase.get("ceWeight").asDouble())
                .put("kd", testCase.get("kdWeight").asDouble());
        body.set("methodParams", testCase.get("params"));
        body.putObject("methodState").put("T", testCase.get("T").asDouble());
        body.put("epoch", testCase.get("epoch").asInt());
        body.set("teacher", testCase.get("teacher"));
        body.set("student", testCase.get("student"));
        body.set("labels", testCase.get("labels"));

        JsonNode response = ok(body.toString());

        String name = testCase.get("name").asText();
        JsonNode expected = testCase.get("expected");
        assertTerms(name, response, expected, "ce", "kd");
        assertClose(
                name + " λ",
                response.get("lambda").asDouble(),
                expected.get("lambda").asDouble());
        assertClose(
                name + " τ",
                response.get("temperature").asDouble(),
                expected.get("tau").asDouble());
        assertThat(response.get("epoch").asInt())
                .isEqualTo(testCase.get("epoch").asInt());
        assertThat(response.get("zscore").asBoolean())
                .isEqualTo(testCase.get("zscore").asBoolean());
    }

    static Stream<JsonNode> mlkdCases() {
        return ReferenceCases.load("mlkd").stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("mlkdCases")
    void mlkdMatchesTheNumpyReference(JsonNode testCase) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("method", "mlkd");
        body.put("temperature", testCase.get("temperature").asDouble());
        body.put("zscore", testCase.get("zscore").asBoolean());
        body.putObject("lossWeights")
                .put("ce", testCase.get("ceWeight").asDouble())
                .put("kd", testCase.get("kdWeight").asDouble());
        body.set("teacher", testCase.get("teacherWeak"));
        body.set("student", testCase.get("studentWeak"));
        body.set("teacherStrong", testCase.get("teacherStrong"));
        body.set("studentStrong", testCase.get("studentStrong"));
        body.set("labels", testCase.get("labels"));

        JsonNode response = ok(body.toString());

        String name = testCase.get("name").asText();
        assertTerms(name, response, testCase.get("expected"), "ce", "kd", "cc", "bc");
        assertThat(response.get("temperature").asDouble())
                .isEqualTo(testCase.get("temperature").asDouble());
        assertThat(response.has("lambda")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.distillery.analysis.web.LossReferenceValues#cases")
    void ceKdAndDkdMatchThePythonReference(String name, String body, List<String> terms, Map<String, Double> expected)
            throws Exception {
        JsonNode response = ok(body);

        if (terms != null) {
            assertThat(response.get("terms").propertyNames())
                    .as(name)
                    .containsExactlyElementsOf(
                            terms.stream().filter(term -> !term.equals("total")).toList());
        }
        expected.forEach((term, value) -> assertClose(
                name + " " + term,
                (term.equals("total")
                                ? response.get("total")
                                : response.get("terms").get(term))
                        .asDouble(),
                value));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("dev.distillery.analysis.web.InvalidLossRequests#cases")
    void invalidRequestsAreA400NamingTheField(String body, String field, String reason) throws Exception {
        ResultActions result = loss(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString(field)))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        if (reason != null) {
            result.andExpect(jsonPath("$.detail").value(containsString(reason)));
        }
    }

    @Test
    void rowAndClassLimits() throws Exception {
        String wide = "[" + "0.5, ".repeat(1000) + "1.0]";
        loss("{\"method\": \"ce\", \"student\": [" + wide + "], \"labels\": [0]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("student[0]")));
        String tall = "[" + "[0, 1], ".repeat(10_000) + "[0, 1]]";
        loss("{\"method\": \"ce\", \"student\": " + tall + ", \"labels\": [0]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("student")));
    }

    /** mlkd's batch-level term is rows × rows per temperature: as many rows as classes are allowed (1000). */
    @Test
    void mlkdTakesAtMostAsManyRowsAsClasses() throws Exception {
        String rows = "[" + "[0, 1], ".repeat(1000) + "[0, 1]]";
        String labels = "[" + "0, ".repeat(1000) + "0]";
        loss("{\"method\": \"mlkd\", \"teacher\": " + rows + ", \"student\": " + rows + ", \"teacherStrong\": " + rows
                        + ", \"studentStrong\": " + rows + ", \"labels\": " + labels + "}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("student")))
                .andExpect(jsonPath("$.detail").value(containsString("at most 1000")));
    }

    @Test
    void everyViolationIsListedAtOnce() throws Exception {
        loss("{\"method\": \"ce\", \"temperature\": 2, \"zscore\": true, \"lossWeights\": {\"ce\": 1, \"kd\": 1}, "
                        + InvalidLossRequests.T + ", " + InvalidLossRequests.S + ", \"labels\": [0, 5]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(6))
                .andExpect(jsonPath("$.errors[*].field", hasItem("lossWeights.kd")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("labels[1]")));
    }

    /** The ctkd and mlkd examples are reference cases' inputs (mlkd's strong teacher rounded to 3 decimals). */
    @Test
    void theSwaggerExamplesGiveTheReferenceValues() throws Exception {
        assertClose("ce example", ok(LossExamples.CE).get("total").asDouble(), 5000.203802982222);
        assertClose("kd example", ok(LossExamples.KD).get("total").asDouble(), 4.8901141696067665);
        assertClose("dkd example", ok(LossExamples.DKD).get("total").asDouble(), 1.9082036987925246);
        JsonNode ctkd = ok(LossExamples.CTKD);
        JsonNode ctkdCase = referenceCase("ctkd", "equalTeacherRow_z_T-0.5_e5");
        assertTerms("ctkd example", ctkd, ctkdCase.get("expected"), "ce", "kd");
        assertClose("ctkd example λ", ctkd.get("lambda").asDouble(), -0.5);
        assertClose("ctkd example τ", ctkd.get("temperature").asDouble(), 8.550813375962909);
        JsonNode mlkdCase = referenceCase("mlkd", "basic_referenceCfg_tau2_ce0.1_z");
        assertTerms("mlkd example", ok(LossExamples.MLKD), mlkdCase.get("expected"), "ce", "kd", "cc", "bc");
    }

    /** Absent settings are the method's defaults, echoed; what a method does not use is absent from the answer. */
    @Test
    void answersWithTheSettingsUsed() throws Exception {
        JsonNode kd = ok("{\"method\": \"kd\", \"zscore\": true, \"teacher\": " + LossReferenceValues.TEACHER
                + ", \"student\": " + LossReferenceValues.STUDENT + ", \"labels\": [1, 3, 0]}");
        assertThat(kd.get("temperature").asDouble()).isEqualTo(2.0);
        assertThat(kd.get("lossWeights").get("ce").asDouble()).isEqualTo(0.1);
        assertThat(kd.get("lossWeights").get("kd").asDouble()).isEqualTo(9.0);
        assertThat(kd.get("epoch").asInt()).isEqualTo(1);
        assertThat(kd.has("methodParams")).isFalse();
        assertThat(kd.has("lambda")).isFalse();

        JsonNode ce = ok(LossExamples.CE);
        assertThat(ce.propertyNames()).containsExactlyInAnyOrder("method", "zscore", "epoch", "terms", "total");

        JsonNode ctkd =
                ok("{\"method\": \"ctkd\", \"teacher\": [[1, 2, 3]], \"student\": [[0, 1, 2]], " + "\"labels\": [0]}");
        assertClose("τ at the initial T = 1", ctkd.get("temperature").asDouble(), 15.621171572600097);
        assertClose("λ at epoch 1", ctkd.get("lambda").asDouble(), -0.02447174185242318);
        assertThat(ctkd.get("methodParams").propertyNames())
                .containsExactly("tStart", "tEnd", "decayMax", "decayMin", "decayLoops");
        assertThat(ctkd.get("lossWeights").propertyNames()).containsExactly("ce", "kd");
    }

    @Test
    void theOperationIsDocumentedAndItsMethodListIsTheRegistrys() throws Exception {
        JsonNode docs = JSON.readTree(mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(docs.get("paths").has("/api/v1/analysis/loss")).isTrue();
        String described = docs.at("/components/schemas/LossRequest/properties/method/description")
                .asText();
        assertThat(registry.names()).allSatisfy(name -> assertThat(described).contains(name));
        assertThat(docs.at("/paths/~1api~1v1~1analysis~1loss/post/requestBody/content/application~1json/examples")
                        .size())
                .isEqualTo(5);
    }

    private static JsonNode referenceCase(String method, String name) {
        return ReferenceCases.load(method).stream()
                .filter(c -> c.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static void assertTerms(String name, JsonNode response, JsonNode expected, String... terms) {
        assertThat(response.get("terms").propertyNames()).as(name).containsExactly(terms);
        for (String term : terms) {
            assertClose(
                    name + " " + term,
                    response.get("terms").get(term).asDouble(),
                    expected.get(term).asDouble());
        }
        assertClose(
                name + " total",
                response.get("total").asDouble(),
                expected.get("total").asDouble());
    }

    private JsonNode ok(String body) throws Exception {
        String response = loss(body)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JSON.readTree(response);
    }

    private ResultActions loss(String body) throws Exception {
        return mvc.perform(post("/api/v1/analysis/loss")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
