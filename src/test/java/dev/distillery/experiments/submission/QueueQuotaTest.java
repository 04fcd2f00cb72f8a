package dev.distillery.experiments.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.access.TestKeys;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Back-pressure: at most 5 waiting or queued experiments overall, alice at most 2 of them, bob 3
 * (the per-key default here); beyond that 429 with Retry-After, and nothing is created. (The decisions alone, without
 * a database: {@link QueueQuotaAdmissionTest}.)
 */
@ApiTest
class QueueQuotaTest {

    static final String SPEC =
            """
            {"method": "ce", "student": {"architecture": "mlp"}, "dataset": {"name": "synthetic"}}""";

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        TestKeys.configure(registry, 2);
        registry.add("distillery.security.max-queued-per-key", () -> 3);
        registry.add("distillery.queue.max-queued", () -> 5);
        registry.add("distillery.queue.retry-after", () -> "90s");
        registry.add("distillery.api.max-event-streams", () -> 2);
    }

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void emptyQueue() throws Exception {
        String body = mvc.perform(
                        get("/api/v1/experiments?status=QUEUED&size=200").header("X-API-Key", TestKeys.ADMIN))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> queued = JsonPath.read(body, "$.items[*].id");
        for (String id : queued) {
            mvc.perform(post("/api/v1/experiments/" + id + "/cancel").header("X-API-Key", TestKeys.ADMIN));
        }
    }

    @Test
    void aKeyBeyondItsOwnLimitGets429WithRetryAfterWhileOthersStillSubmit() throws Exception {
        assertThat(submit(TestKeys.ALICE, SPEC).getStatus()).isEqualTo(201);
        String second = JsonPath.read(submit(TestKeys.ALICE, SPEC).getContentAsString(), "$.id");

        MockHttpServletResponse refused = submit(TestKeys.ALICE, SPEC);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("90");
        assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat((String) JsonPath.read(refused.getContentAsString(), "$.detail"))
                .contains("'alice'", "limit of 2");
        assertThat(submit(TestKeys.BOB, SPEC).getStatus()).isEqualTo(201);

        mvc.perform(post("/api/v1/experiments/" + second + "/cancel").header("X-API-Key", TestKeys.ALICE));
        assertThat(submit(TestKeys.ALICE, SPEC).getStatus()).isEqualTo(201);
        assertThat(queued()).isEqualTo(3);
    }

    @Test
    void theWholeQueueHasALimitThatBindsEveryKeyIncludingAdmins() throws Exception {
        for (String key : List.of(TestKeys.BOB, TestKeys.BOB, TestKeys.BOB, TestKeys.ADMIN, TestKeys.ADMIN)) {
            assertThat(submit(key, SPEC).getStatus()).isEqualTo(201);
        }
        MockHttpServletResponse refused = submit(TestKeys.ADMIN, SPEC);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("90");
        assertThat((String) JsonPath.read(refused.getContentAsString(), "$.detail"))
                .contains("distillery.queue.max-queued (5)");
        assertThat(queued()).isEqualTo(5);
    }

    @Test
    void repeatsAndSweepsCountEveryExperimentTheyWouldCreateAndCreateNoneWhenRefused() throws Exception {
        assertThat(submit(TestKeys.BOB, SPEC.replace("{\"method\"", "{\"repeats\": 4, \"method\""))
                        .getStatus())
                .isEqualTo(429);
        MockHttpServletResponse sweep = mvc.perform(post("/api/v1/sweeps")
                        .header("X-API-Key", TestKeys.BOB)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"spec\": " + SPEC + ", \"grid\": {\"zscore\": [false, true]}, \"repeats\": 2}"))
                .andReturn()
                .getResponse();
        assertThat(sweep.getStatus()).isEqualTo(429);
        assertThat(queued()).isZero();
        assertThat(submit(TestKeys.BOB, SPEC.replace("{\"method\"", "{\"repeats\": 3, \"method\""))
                        .getStatus())
                .isEqualTo(201);
        assertThat(queued()).isEqualTo(3);
    }

    @Test
    void anInvalidSpecIsA400EvenWhenTheQueueIsFull() throws Exception {
        for (int i = 0; i < 2; i++) {
            submit(TestKeys.ALICE, SPEC);
        }
        assertThat(submit(
                                TestKeys.ALICE,
                                "{\"method\": \"nope\", \"student\": {\"architecture\": \"mlp\"}, "
                                        + "\"dataset\": {\"name\": \"synthetic\"}}")
                        .getStatus())
                .isEqualTo(400);
    }

    @Test
    void openEventStreamsAreBoundedToo() throws Exception {
        String id = JsonPath.read(submit(TestKeys.BOB, SPEC).getContentAsString(), "$.id");
        for (int i = 0; i < 2; i++) {
            assertThat(events(id).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = events(id);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("30");
        // a finished experiment ends its streams, which frees their places
        mvc.perform(post("/api/v1/experiments/" + id + "/cancel").header("X-API-Key", TestKeys.BOB));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> events(id).getStatus() == 200);
    }

    private MockHttpServletResponse events(String id) throws Exception {
        return mvc.perform(get("/api/v1/experiments/" + id + "/events").header("X-API-Key", TestKeys.READER))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse submit(String key, String spec) throws Exception {
        return mvc.perform(post("/api/v1/experiments")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(spec))
                .andReturn()
                .getResponse();
    }

    private int queued() throws Exception {
        String body = mvc.perform(get("/api/v1/experiments?status=QUEUED").header("X-API-Key", TestKeys.READER))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.totalItems");
    }
}
