package dev.distillery.experiments.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.experiments.GpuWorkers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code "device": "gpu"} on a deployment that has never had a GPU worker (devices auto, no GPU here) is refused with a
 * 400 naming {@code device}, rather than waiting in the queue forever holding quota; once a GPU worker has been seen it
 * is accepted and waits for it.
 */
@SpringBootTest(properties = {"distillery.workers=0", "distillery.devices=auto"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class GpuSubmissionTest {

    private static final String GPU_SPEC =
            """
            {"method": "ce", "student": {"architecture": "mlp"}, "dataset": {"name": "synthetic"}, "device": "gpu"}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    GpuWorkers gpuWorkers;

    @Test
    void refusedUntilAGpuWorkerHasBeenSeenThenQueued() throws Exception {
        MockHttpServletResponse refused = submit();

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(JsonPath.<List<String>>read(refused.getContentAsString(), "$.errors[*].field"))
                .containsExactly("device");
        assertThat(JsonPath.<String>read(refused.getContentAsString(), "$.errors[0].message"))
                .contains("no GPU worker has ever been seen");

        gpuWorkers.seen("gpu-host@1", List.of("gpu0"));
        MockHttpServletResponse accepted = submit();

        assertThat(accepted.getStatus()).isEqualTo(201);
        assertThat(JsonPath.<String>read(accepted.getContentAsString(), "$.status"))
                .isEqualTo("QUEUED");
    }

    private MockHttpServletResponse submit() throws Exception {
        return mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(GPU_SPEC))
                .andReturn()
                .getResponse();
    }
}
