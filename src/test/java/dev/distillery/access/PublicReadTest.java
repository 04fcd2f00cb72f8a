package dev.distillery.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Security on with public read: reads need no key; writes, downloads and admin still do; a wrong key is still 401. */
@ApiTest
class PublicReadTest {

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        TestKeys.configure(registry, 100);
        registry.add("distillery.security.public-read", () -> "true");
    }

    @Autowired
    MockMvc mvc;

    @Test
    void readsAreOpenEverythingElseNeedsAKey() throws Exception {
        String body = mvc.perform(post("/api/v1/experiments")
                        .header("X-API-Key", TestKeys.BOB)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AccessControlTest.SPEC))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(body, "$.id");

        assertThat(status(get("/api/v1/experiments/" + id))).isEqualTo(200);
        assertThat(status(get("/api/v1/experiments"))).isEqualTo(200);
        assertThat(status(get("/api/v1/experiments/" + id + "/metrics"))).isEqualTo(200);
        assertThat(status(get("/api/v1/catalog"))).isEqualTo(200);
        assertThat(status(get("/actuator/prometheus"))).isEqualTo(200);
        assertThat(status(post("/api/v1/analysis/kl")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"teacher\": [[1, 2, 3]], \"student\": [[1, 2, 4]]}")))
                .isEqualTo(200);

        assertThat(status(get("/api/v1/experiments/" + id + "/checkpoints/last")))
                .isEqualTo(401);
        assertThat(status(head("/api/v1/experiments/" + id + "/checkpoints/last")))
                .isEqualTo(401);
        assertThat(status(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AccessControlTest.SPEC)))
                .isEqualTo(401);
        assertThat(status(post("/api/v1/experiments/" + id + "/cancel"))).isEqualTo(401);
        assertThat(status(get("/api/v1/admin/keys"))).isEqualTo(401);
        assertThat(status(get("/api/v1/catalog").header("X-API-Key", "not-a-key")))
                .isEqualTo(401);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }
}
