package dev.distillery.experiments.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.access.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Requests that stay open (event streams, {@code ?waitFor=terminal} long-polls) are bounded per key and overall, so one
 * key cannot take every place; each limit's 429 has its own title. Experiments stay QUEUED here (no workers), so every
 * stream and wait stays open.
 */
@ApiTest
class OpenRequestLimitsTest {

    static final String SPEC =
            """
            {"method": "ce", "student": {"architecture": "mlp"}, "dataset": {"name": "synthetic"}}""";

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        TestKeys.configure(registry, 100);
        registry.add("distillery.api.max-event-streams", () -> 3);
        registry.add("distillery.api.max-event-streams-per-key", () -> 2);
        registry.add("distillery.api.max-long-polls", () -> 3);
        registry.add("distillery.api.max-long-polls-per-key", () -> 2);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void oneKeyCannotTakeEveryEventStream() throws Exception {
        String id = submit();
        String path = "/api/v1/experiments/" + id + "/events";
        assertThat(open(path, TestKeys.READER).getStatus()).isEqualTo(200);
        assertThat(open(path, TestKeys.READER).getStatus()).isEqualTo(200);

        MockHttpServletResponse third = open(path, TestKeys.READER);

        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getHeader("Retry-After")).isEqualTo("30");
        assertThat(JsonPath.<String>read(third.getContentAsString(), "$.title"))
                .isEqualTo("Too many open event streams");
        assertThat(JsonPath.<String>read(third.getContentAsString(), "$.detail"))
                .contains("distillery.api.max-event-streams-per-key");
        assertThat(open(path, TestKeys.BOB).getStatus()).isEqualTo(200);
        MockHttpServletResponse overall = open(path, TestKeys.ADMIN);
        assertThat(overall.getStatus()).isEqualTo(429);
        assertThat(JsonPath.<String>read(overall.getContentAsString(), "$.detail"))
                .contains("the most distillery.api.max-event-streams allows");
    }

    @Test
    void longPollsAreBoundedPerKeyAndOverall() throws Exception {
        String id = submit();
        String path = "/api/v1/experiments/" + id + "?waitFor=terminal&timeout=PT10M";
        assertThat(open(path, TestKeys.READER).getStatus()).isEqualTo(200);
        assertThat(open(path, TestKeys.READER).getStatus()).isEqualTo(200);

        MockHttpServletResponse third = open(path, TestKeys.READER);

        assertThat(third.getStatus()).isEqualTo(429);
        assertThat(third.getHeader("Retry-After")).isEqualTo("30");
        assertThat(JsonPath.<String>read(third.getContentAsString(), "$.title")).isEqualTo("Too many waiting requests");
        assertThat(open(path, TestKeys.BOB).getStatus()).isEqualTo(200);
        assertThat(open(path, TestKeys.ADMIN).getStatus()).isEqualTo(429);
        assertThat(open("/api/v1/experiments/" + id, TestKeys.ADMIN).getStatus())
                .as("a plain read is no long-poll")
                .isEqualTo(200);
    }

    private MockHttpServletResponse open(String path, String key) throws Exception {
        return mvc.perform(get(path).header("X-API-Key", key)).andReturn().getResponse();
    }

    private String submit() throws Exception {
        return JsonPath.read(
                mvc.perform(post("/api/v1/experiments")
                                .header("X-API-Key", TestKeys.ADMIN)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.id");
    }
}
