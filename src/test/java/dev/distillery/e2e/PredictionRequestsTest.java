package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code POST /api/v1/predictions} on a real mlp student (synthetic, 1x28x28, 10 classes): logits and top-5 of each
 * input, and a 400 naming the problem for wrong shapes, NaN, ±Inf, too many inputs and a missing model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionRequestsTest {

    private static final int SIZE = 28 * 28;

    @LocalServerPort
    int port;

    private ServiceClient service;
    private String model;

    @BeforeAll
    void student() throws Exception {
        service = new ServiceClient(port);
        String location = service.submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                + "\"dataset\": {\"name\": \"synthetic\", \"trainLimit\": 200, \"testLimit\": 50}, "
                + "\"training\": {\"epochs\": 1}, \"seed\": 1}");
        assertThat(service.awaitTerminal(location, Duration.ofMinutes(3)).read("$.status", String.class))
                .isEqualTo("SUCCEEDED");
        model = "{\"experimentId\": \"" + location.substring(location.lastIndexOf('/') + 1) + "\"}";
    }

    @Test
    void everyInputGetsTenLogitsAndItsTopFiveLargestFirst() {
        HttpResponse<String> answer = post(model, inputs(3, SIZE, "0.5"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<List<Number>> logits = JsonPath.read(answer.body(), "$.logits");
        List<List<Integer>> top5 = JsonPath.read(answer.body(), "$.top5");
        assertThat(logits).hasSize(3).allSatisfy(row -> assertThat(row).hasSize(10));
        assertThat(JsonPath.<Map<String, Object>>read(answer.body(), "$.inputShape"))
                .containsEntry("channels", 1)
                .containsEntry("height", 28);
        for (int i = 0; i < 3; i++) {
            List<Number> row = logits.get(i);
            List<Integer> best = top5.get(i);
            assertThat(best).hasSize(5).doesNotHaveDuplicates();
            for (int k = 1; k < 5; k++) {
                assertThat(row.get(best.get(k - 1)).doubleValue())
                        .isGreaterThanOrEqualTo(row.get(best.get(k)).doubleValue());
            }
            double fifth = row.get(best.get(4)).doubleValue();
            assertThat(row.stream().filter(v -> v.doubleValue() > fifth)).hasSizeLessThanOrEqualTo(4);
        }
    }

    @Test
    void anInputOfAnotherShapeIsRefusedNamingItAndTheModelsShape() {
        String inputs = "[" + row(SIZE, "0") + "," + row(3 * 32 * 32, "0") + "]";

        HttpResponse<String> answer = post(model, inputs);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("inputs[1]").contains("3072 numbers").contains("1x28x28");
    }

    @Test
    void infiniteAndOutOfFloatRangeNumbersAreRefusedNamingTheCell() {
        String inputs =
                "[" + row(SIZE, "0") + ",[" + "1e400," + row(SIZE - 1, "0").substring(1) + ",[-1e39,"
                        + row(SIZE - 1, "0").substring(1) + "]";

        HttpResponse<String> answer = post(model, inputs);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body())
                .contains("inputs[1][0]")
                .contains("inputs[2][0]")
                .contains("finite");
    }

    @Test
    void nanIsNotJsonAndIsRefused() {
        HttpResponse<String> answer = post(model, "[[NaN," + row(SIZE - 1, "0").substring(1) + "]");

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void moreThan256InputsAreRefused() {
        HttpResponse<String> answer = post(model, inputs(257, SIZE, "0"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("at most 256 inputs").contains("257");
    }

    @Test
    void aMissingModelOrCheckpointIsAClientError() {
        assertThat(post("{}", inputs(1, SIZE, "0")).statusCode()).isEqualTo(400);
        assertThat(post("{\"experimentId\": \"00000000-0000-0000-0000-000000000000\"}", inputs(1, SIZE, "0"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(post(model.replace("}", ", \"checkpoint\": \"epoch-1\"}"), inputs(1, SIZE, "0"))
                        .statusCode())
                .isEqualTo(400);
    }

    private HttpResponse<String> post(String selector, String inputs) {
        return service.post("/api/v1/predictions", "{\"model\": " + selector + ", \"inputs\": " + inputs + "}");
    }

    private static String inputs(int count, int size, String value) {
        return "[" + String.join(",", Collections.nCopies(count, row(size, value))) + "]";
    }

    private static String row(int size, String value) {
        return "[" + String.join(",", Collections.nCopies(size, value)) + "]";
    }
}
