package dev.distillery.analysis.web;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
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
import org.springframework.test.web.servlet.ResultActions;

/** POST /api/v1/analysis/kl over HTTP; expected values from the Python reference in {@code LogitAnalysisTest}. */
@ApiTest
class AnalysisApiTest {

    private static final double TOLERANCE = 1e-6;
    private static final String TEACHER =
            "[[0.2, 3.0, -0.7, 1.1], [1.0, -2.0, 0.5, 4.0], [2, 2, 2, 2], " + "[-3.0, 1e4, 2.0, 0.0]]";
    private static final String STUDENT =
            "[[1.0, 2.0, 0.5, -1.0], [0.3, -0.2, 0.8, 0.1], [1.0, -1.0, 0.5, 0.0], " + "[1e4, 0.0, -1e4, 5.0]]";

    @Autowired
    MockMvc mvc;

    @Test
    void klWithAndWithoutStandardizationPerRowAndMean() throws Exception {
        kl("{\"teacher\": " + TEACHER + ", \"student\": " + STUDENT + "}")
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(near("$.kl", 2500.441957208844))
                .andExpect(near("$.standardizedKl", 0.5329975207327103))
                .andExpect(jsonPath("$.rows.length()").value(4))
                .andExpect(near("$.rows[0].kl", 0.28457517916946606))
                .andExpect(near("$.rows[0].standardizedKl", 0.21557429008611736))
                .andExpect(near("$.rows[2].kl", 0.23527290805390016))
                .andExpect(near("$.rows[2].standardizedKl", 0.31285253680322295))
                .andExpect(near("$.rows[3].kl", 10000.0))
                .andExpect(near("$.rows[3].standardizedKl", 0.8218451713023159));
    }

    @Test
    void temperatureSoftensBoth() throws Exception {
        kl("{\"teacher\": " + TEACHER + ", \"student\": " + STUDENT + ", \"temperature\": 2.5}")
                .andExpect(status().isOk())
                .andExpect(near("$.kl", 1000.1243675609818))
                .andExpect(near("$.standardizedKl", 0.08995613844182837))
                .andExpect(near("$.rows[1].kl", 0.3489090817811616))
                .andExpect(near("$.rows[1].standardizedKl", 0.11391844923800126));
    }

    @Test
    void theLsPapersPointAStudentWithTheTeachersRelationsButSmallerLogits() throws Exception {
        kl("{\"teacher\": [[10, 5, 0, -5], [0, 15, 5, 10]], \"student\": [[2, 1, 0, -1], [1, 4, 2, 3]], "
                        + "\"temperature\": 1}")
                .andExpect(status().isOk())
                .andExpect(near("$.kl", 0.4062943645261023))
                .andExpect(jsonPath("$.standardizedKl", lessThan(1e-12), Double.class))
                .andExpect(jsonPath("$.rows[0].standardizedKl", lessThan(1e-12), Double.class))
                .andExpect(jsonPath("$.rows[1].standardizedKl", lessThan(1e-12), Double.class));
    }

    @Test
    void theSwaggerExampleWorks() throws Exception {
        kl(AnalysisController.SCALED_STUDENT)
                .andExpect(status().isOk())
                .andExpect(near("$.kl", 0.4062943645261023))
                .andExpect(jsonPath("$.standardizedKl", lessThan(1e-12), Double.class));
    }

    static Stream<Arguments> invalidRequests() {
        String ok = "[[1, 2], [3, 4]]";
        return Stream.of(
                rule("{\"student\": " + ok + "}", "teacher"),
                rule("{\"teacher\": [], \"student\": " + ok + "}", "teacher"),
                rule("{\"teacher\": [[1, 2], [3, 4], [5]], \"student\": [[1, 2], [3, 4], [5, 6]]}", "teacher[2]"),
                rule("{\"teacher\": [[1, 2], [3, 4], null], \"student\": [[1, 2], [3, 4], [5, 6]]}", "teacher[2]"),
                rule("{\"teacher\": " + ok + ", \"student\": [[1, 2], [3, 4, 5]]}", "student[1]"),
                rule("{\"teacher\": " + ok + ", \"student\": [[1, 2, 3], [3, 4, 5]]}", "student"),
                rule("{\"teacher\": " + ok + ", \"student\": [[1, 2]]}", "student"),
                rule("{\"teacher\": [[1, null], [3, 4]], \"student\": " + ok + "}", "teacher[0][1]"),
                rule("{\"teacher\": [[1, 1e400], [3, 4]], \"student\": " + ok + "}", "teacher[0][1]"),
                rule("{\"teacher\": " + ok + ", \"student\": [[1, 2], [-1e400, 4]]}", "student[1][0]"),
                rule("{\"teacher\": [[1, 1e101], [3, 4]], \"student\": " + ok + "}", "teacher[0][1]"),
                rule("{\"teacher\": " + ok + ", \"student\": " + ok + ", \"temperature\": 0}", "temperature"),
                rule("{\"teacher\": " + ok + ", \"student\": " + ok + ", \"temperature\": -1}", "temperature"),
                rule("{\"teacher\": " + ok + ", \"student\": " + ok + ", \"temperature\": 100.5}", "temperature"),
                rule("{\"teacher\": " + ok + ", \"student\": " + ok + ", \"temperature\": 1e400}", "temperature"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("invalidRequests")
    void invalidLogitsAreA400NamingTheField(String body, String field) throws Exception {
        kl(body).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString(field)))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());
    }

    static Stream<Arguments> unreadableBodies() {
        String ok = "[[1, 2], [3, 4]]";
        return Stream.of(
                rule("{\"teacher\": [[1, NaN], [3, 4]], \"student\": " + ok + "}", "teacher"),
                rule("{\"teacher\": [[1, \"NaN\"], [3, 4]], \"student\": " + ok + "}", "teacher[0][1]"),
                rule("{\"teacher\": [[1, Infinity], [3, 4]], \"student\": " + ok + "}", "teacher"),
                rule("{\"teacher\": [[1, \"2\"], [3, 4]], \"student\": " + ok + "}", "teacher[0][1]"),
                rule("{\"teacher\": 5, \"student\": " + ok + "}", "teacher"),
                rule("{\"teacher\": [1, 2], \"student\": " + ok + "}", "teacher[0]"),
                rule("{\"teacher\": " + ok + ", \"student\": " + ok + ", \"temperature\": \"hot\"}", "temperature"),
                rule("{\"teacher\": " + ok + ", \"student\": " + ok + ", \"tau\": 2}", "tau"),
                rule("{\"teacher\": " + ok + ",", "body"),
                rule("", "body"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("unreadableBodies")
    void unreadableBodiesAreA400(String body, String field) throws Exception {
        kl(body).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(startsWith(field)));
    }

    @Test
    void tooManyClassesOrRows() throws Exception {
        String wide = "[" + "0.5, ".repeat(1000) + "1.0]";
        kl("{\"teacher\": [" + wide + "], \"student\": [" + wide + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("teacher[0]")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("student[0]")));
        String tall = "[" + "[0, 1], ".repeat(10_000) + "[0, 1]]";
        kl("{\"teacher\": " + tall + ", \"student\": " + tall + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("teacher")));
    }

    @Test
    void theOperationIsDocumented() throws Exception {
        mvc.perform(get("/v3/api-docs.yaml"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/v1/analysis/kl:")))
                .andExpect(content().string(containsString("standardizedKl")));
    }

    private static org.springframework.test.web.servlet.ResultMatcher near(String path, double expected) {
        return jsonPath(path, closeTo(expected, TOLERANCE), Double.class);
    }

    private ResultActions kl(String body) throws Exception {
        return mvc.perform(post("/api/v1/analysis/kl")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static Arguments rule(String body, String field) {
        return Arguments.of(body, field);
    }
}
