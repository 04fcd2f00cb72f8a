package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.distillery.ApiTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.yaml.snakeyaml.Yaml;

/**
 * The committed {@code openapi/distillery.yaml} is the published contract: this test fails when the
 * live spec drifts from it. After an intended change, regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.write=true} and review the diff.
 */
@ApiTest
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi", "distillery.yaml");

    @Autowired
    MockMvc mvc;

    @Test
    void liveSpecMatchesTheCommittedOne() throws Exception {
        String live = mvc.perform(get("/v3/api-docs.yaml"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, live);
        }
        Files.writeString(Path.of("target", "openapi-live.yaml"), live);
        assertThat(COMMITTED).as("committed OpenAPI spec").exists();
        Object committedTree = new Yaml().load(Files.readString(COMMITTED));
        Object liveTree = new Yaml().load(live);
        assertThat(liveTree)
                .as(
                        "live /v3/api-docs differs from %s (live copy in target/openapi-live.yaml; regenerate with "
                                + "-Dopenapi.write=true)",
                        COMMITTED)
                .isEqualTo(committedTree);
    }

    @Test
    void theSpecDocumentsTheExperimentEndpointsWithExamples() throws Exception {
        String live = mvc.perform(get("/v3/api-docs.yaml"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(live)
                .contains(
                        "/api/v1/experiments:",
                        "/api/v1/experiments/{id}/cancel:",
                        "/api/v1/experiments/{id}/metrics:",
                        "/api/v1/catalog:",
                        "/api/v1/datasets:",
                        "/api/v1/datasets/{name}:",
                        "/api/v1/datasets/{name}/archive:",
                        "ce on synthetic");
    }
}
