package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A gateway and the service must read the same document: duplicate keys are refused (not last-one-wins), and so are
 * strings with a lone surrogate (not echoed, not stored as {@code ?}).
 */
@ApiTest
class StrictJsonTest {

    private static final String SPEC =
            """
            {%s "method": "ce", "student": {"architecture": "mlp"%s}, "dataset": {"name": "synthetic"}%s}""";

    @Autowired
    MockMvc mvc;

    @Test
    void aDuplicateKeyAtTheTopIsA400NamingIt() throws Exception {
        MockHttpServletResponse answer = submit(SPEC.formatted("\"name\": \"a\", \"name\": \"b\",", "", ""));

        assertProblem(answer);
        assertThat(JsonPath.<String>read(answer.getContentAsString(), "$.detail"))
                .contains("Duplicate")
                .contains("\"name\"");
    }

    @Test
    void aDuplicateKeyInsideAnObjectIsA400Too() throws Exception {
        assertProblem(submit(SPEC.formatted("", ", \"architecture\": \"lenet5\"", "")));
        assertProblem(submit(SPEC.formatted("", "", ", \"tags\": {\"a\": \"1\", \"a\": \"2\"}")));
        MockHttpServletResponse kl = mvc.perform(
                        post("/api/v1/analysis/kl")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"teacher\": [[1, 2]], \"student\": [[2, 1]], \"temperature\": 1, \"temperature\": 2}"))
                .andReturn()
                .getResponse();
        assertProblem(kl);
    }

    @Test
    void aLoneSurrogateIsA400NamingTheFieldWithoutEchoingIt() throws Exception {
        MockHttpServletResponse answer = submit(SPEC.formatted("\"name\": \"x\\ud800y\",", "", ""));

        assertProblem(answer);
        assertThat(JsonPath.<List<String>>read(answer.getContentAsString(), "$.errors[*].field"))
                .containsExactly("name");
        assertThat(answer.getContentAsString())
                .doesNotContainIgnoringCase("\\ud800")
                .doesNotContain("\ud800");
        assertProblem(submit(SPEC.formatted("\"name\": \"\\udc00\",", "", "")));
        assertProblem(submit(SPEC.formatted("", "", ", \"tags\": {\"k\\ud800\": \"v\"}")));
    }

    @Test
    void aProperSurrogatePairIsText() throws Exception {
        MockHttpServletResponse answer = submit(SPEC.formatted("\"name\": \"smile \\ud83d\\ude00\",", "", ""));

        assertThat(answer.getStatus()).isEqualTo(201);
        assertThat(JsonPath.<String>read(answer.getContentAsString(), "$.name")).isEqualTo("smile \uD83D\uDE00");
    }

    private MockHttpServletResponse submit(String body) throws Exception {
        return mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    private static void assertProblem(MockHttpServletResponse answer) throws Exception {
        assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(400);
        assertThat(answer.getContentType()).startsWith("application/problem+json");
    }
}
