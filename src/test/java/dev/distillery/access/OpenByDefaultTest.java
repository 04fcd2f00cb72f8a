package dev.distillery.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The laptop default: security off, everything open without a key, and the startup log says so.
 * (Its own property keeps this a context of its own, started while the output is captured.)
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "distillery.security.enabled=false")
class OpenByDefaultTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyEndpointClassIsOpenWithoutAKeyAndTheStartupLogWarns(CapturedOutput output) throws Exception {
        MockHttpServletResponse submitted = mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(AccessControlTest.SPEC))
                .andReturn()
                .getResponse();
        assertThat(submitted.getStatus()).isEqualTo(201);
        String id = JsonPath.read(submitted.getContentAsString(), "$.id");
        assertThat(submitted.getContentAsString()).doesNotContain("\"owner\":\"");

        assertThat(mvc.perform(get("/api/v1/experiments/" + id))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(post("/api/v1/experiments/" + id + "/cancel"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/experiments/" + id + "/checkpoints/last"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/api/v1/admin/keys"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(post("/api/v1/admin/keys")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"planted\", \"roles\": [\"admin\"]}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("a key made while anyone may call the API would outlive turning security on")
                .isEqualTo(409);
        assertThat(output.getAll()).contains("SECURITY IS OFF (distillery.security.enabled=false)");
    }
}
