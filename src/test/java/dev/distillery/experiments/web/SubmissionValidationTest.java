package dev.distillery.experiments.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.distillery.ApiTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Each rule of the spec, broken over HTTP, gives a 400 problem naming the field. */
@ApiTest
class SubmissionValidationTest {

    private static final String STUDENT = "\"student\": {\"architecture\": \"lenet5\"}";
    private static final String DATASET = "\"dataset\": {\"name\": \"synthetic\"}";
    private static final String CE = "\"method\": \"ce\", " + STUDENT + ", " + DATASET;
    private static final String KD = "\"method\": \"kd\", " + STUDENT + ", " + DATASET;

    @Autowired
    MockMvc mvc;

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("{" + STUDENT + ", " + DATASET + "}", "method"),
                rule("{\"method\": \"fitnet\", " + STUDENT + ", " + DATASET + "}", "method"),
                rule("{\"method\": \"ce\", " + DATASET + "}", "student"),
                rule("{\"method\": \"ce\", " + STUDENT + "}", "dataset"),
                rule("{\"name\": \"" + "x".repeat(201) + "\", " + CE + "}", "name"),
                rule("{" + KD + "}", "teacher"),
                rule("{" + CE + ", \"teacher\": {\"architecture\": \"lenet5\"}}", "teacher"),
                rule("{" + KD + ", \"teacher\": {}}", "teacher"),
                rule(
                        "{" + KD + ", \"teacher\": {\"architecture\": \"lenet5\", "
                                + "\"experimentId\": \"8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de\"}}",
                        "teacher"),
                rule("{" + KD + ", \"teacher\": {\"architecture\": \"resnet9000\"}}", "teacher.architecture"),
                rule(
                        "{" + KD + ", \"teacher\": {\"experimentId\": \"8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de\", "
                                + "\"checkpoint\": \"middle\"}}",
                        "teacher.checkpoint"),
                rule(
                        "{\"method\": \"ce\", \"student\": {\"architecture\": \"resnet9000\"}, " + DATASET + "}",
                        "student.architecture"),
                rule("{\"method\": \"ce\", " + STUDENT + ", \"dataset\": {\"name\": \"imagenet\"}}", "dataset.name"),
                rule(
                        "{\"method\": \"ce\", " + STUDENT + ", \"dataset\": {\"name\": \"mnist\", "
                                + "\"path\": \"/nonexistent/mnist\"}}",
                        "dataset.path"),
                rule(
                        "{\"method\": \"ce\", " + STUDENT + ", \"dataset\": {\"name\": \"synthetic\", "
                                + "\"trainLimit\": 0}}",
                        "dataset.trainLimit"),
                rule(
                        "{\"method\": \"ce\", " + STUDENT + ", \"dataset\": {\"name\": \"synthetic\", "
                                + "\"testLimit\": -5}}",
                        "dataset.testLimit"),
                rule("{" + CE + ", \"temperature\": 0}", "temperature"),
                rule("{" + CE + ", \"temperature\": -1}", "temperature"),
                rule("{" + CE + ", \"temperature\": 100.5}", "temperature"),
                rule("{" + CE + ", \"lossWeights\": {\"ce\": -0.1}}", "lossWeights.ce"),
                rule("{" + CE + ", \"training\": {\"epochs\": 0}}", "training.epochs"),
                rule("{" + CE + ", \"training\": {\"epochs\": 1001}}", "training.epochs"),
                rule("{" + CE + ", \"training\": {\"batchSize\": 0}}", "training.batchSize"),
                rule("{" + CE + ", \"training\": {\"batchSize\": 4097}}", "training.batchSize"),
                rule("{" + CE + ", \"training\": {\"optimizer\": \"rmsprop\"}}", "training.optimizer"),
                rule("{" + CE + ", \"training\": {\"learningRate\": 0}}", "training.learningRate"),
                rule("{" + CE + ", \"training\": {\"momentum\": 1.0}}", "training.momentum"),
                rule("{" + CE + ", \"training\": {\"momentum\": -0.1}}", "training.momentum"),
                rule("{" + CE + ", \"training\": {\"lrDecayRate\": 0}}", "training.lrDecayRate"),
                rule("{" + CE + ", \"training\": {\"lrDecayRate\": 1.5}}", "training.lrDecayRate"),
                rule("{" + CE + ", \"training\": {\"lrDecayEpochs\": [10, 5]}}", "training.lrDecayEpochs"),
                rule("{" + CE + ", \"seed\": -1}", "seed"),
                rule("{" + CE + ", \"seed\": 2147483640, \"repeats\": 10}", "seed"),
                rule("{" + CE + ", \"priority\": 101}", "priority"),
                rule("{" + CE + ", \"tags\": " + manyTags(21) + "}", "tags"),
                rule("{" + CE + ", \"tags\": {\"a:b\": \"c\"}}", "tags"),
                rule("{" + CE + ", \"tags\": {\"k\": null}}", "tags"),
                rule("{" + CE + ", \"device\": \"tpu\"}", "device"),
                rule("{" + CE + ", \"expect\": {\"minBestTestTop1\": 1.5}}", "expect.minBestTestTop1"),
                rule(
                        "{" + CE + ", \"expect\": {\"minDeltaVsExperiment\": {\"experimentId\": "
                                + "\"8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de\", \"min\": 0}}}",
                        "expect.minDeltaVsExperiment.experimentId"),
                rule(
                        "{" + CE + ", \"expect\": {\"minDeltaVsExperiment\": {\"experimentId\": "
                                + "\"8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de\", \"metric\": \"loss\", \"min\": 0}}}",
                        "expect.minDeltaVsExperiment.metric"),
                rule("{" + CE + ", \"device\": \"gpu\"}", "device"),
                rule("{" + CE + ", \"training\": {\"maxMinutes\": 0}}", "training.maxMinutes"),
                rule("{" + CE + ", \"training\": {\"lrDecayEpochs\": [null]}}", "training.lrDecayEpochs"),
                rule(
                        "{\"method\": \"ce\", " + STUDENT + ", \"dataset\": {\"name\": \"mnist\", "
                                + "\"path\": \"/tmp/\\u0000x\"}}",
                        "dataset.path"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("brokenRules")
    void aBrokenRuleIsA400NamingTheField(String body, String field) throws Exception {
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.type").exists())
                .andExpect(jsonPath("$.detail").value(containsString(field)))
                .andExpect(jsonPath("$.errors[*].field", hasItem(startsWith(field))))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                rule("{" + CE + ", \"epochs\": 3}", "epochs"),
                rule("{" + CE + ", \"training\": {\"epochz\": 3}}", "training"),
                rule("{" + CE + ", \"training\": {\"epochs\": \"ten\"}}", "training.epochs"),
                rule("{" + CE + ", \"training\": {\"epochs\": \"10\"}}", "training.epochs"),
                rule("{" + CE + ", \"training\": {\"epochs\": 2.5}}", "training.epochs"),
                rule("{" + CE + ", \"zscore\": \"yes\"}", "zscore"),
                rule("{" + CE + ", \"tags\": [1, 2]}", "tags"),
                rule("{" + CE + ", \"teacher\": {\"experimentId\": \"not-a-uuid\"}}", "teacher.experimentId"),
                rule("{\"method\": \"ce\", ", "body"),
                rule("not json at all", "body"),
                rule("", "body"),
                rule("{" + CE + "} trailing", "body"),
                rule("{" + CE + ", \"name\": \"a\\u0000b\"}", "name"),
                rule("{" + CE + ", \"tags\": {\"k\": \"\\u0000\"}}", "tags"),
                rule("{" + CE + ", \"tags\": {\"\\u0000\": \"v\"}}", "tags"),
                rule("null", "body"),
                rule("[]", "body"),
                rule("{\"method\": \"ce\", \"student\": \"lenet5\", " + DATASET + "}", "student"),
                rule("{" + CE + ", \"training\": {\"epochs\": 10000000000}}", "training.epochs"),
                rule("{" + CE + ", \"seed\": 1e400}", "seed"),
                rule("{" + CE + ", \"name\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "name"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("unreadableBodies")
    void malformedJsonUnknownFieldsAndWrongTypesAre400(String body, String field) throws Exception {
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(startsWith(field)));
    }

    @Test
    void queryParametersWithNulAndEmptyIdsAre400() throws Exception {
        mvc.perform(get("/api/v1/experiments").param("name", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(get("/api/v1/comparisons?ids=" + java.util.UUID.randomUUID() + ",+"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ids"));
    }

    @Test
    void aBodyOverOneMebibyteIs413() throws Exception {
        String padding = " ".repeat(1024 * 1024);
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{" + CE + "," + padding + "\"seed\": 1}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413));
    }

    @Test
    void severalViolationsAreAllReported() throws Exception {
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{" + CE + ", \"temperature\": 0, \"training\": {\"epochs\": 0, \"batchSize\": 0}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(3));
    }

    @Test
    void aWrongContentTypeIs415Problem() throws Exception {
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("{}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static Arguments rule(String body, String field) {
        return Arguments.of(body, field);
    }

    private static org.hamcrest.Matcher<String> startsWith(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }

    private static String manyTags(int count) {
        StringBuilder tags = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            tags.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
        }
        return tags.append('}').toString();
    }
}
