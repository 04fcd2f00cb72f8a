package dev.distillery.experiments.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Submission, reading, search and cancel over HTTP, with a real PostgreSQL and no workers. */
@ApiTest
class ExperimentApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void submissionStoresTheResolvedSpecAndAnswers201WithLocation() throws Exception {
        mvc.perform(
                        post("/api/v1/experiments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        """
                        {"method": "ce", "student": {"architecture": "mlp"}, "dataset": {"name": "synthetic"}}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/experiments/")))
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.progress").value(0.0))
                .andExpect(jsonPath("$.createdAt").isNotEmpty())
                .andExpect(jsonPath("$.spec.name").value("ce mlp on synthetic"))
                .andExpect(jsonPath("$.spec.temperature").value(4.0))
                .andExpect(jsonPath("$.spec.zscore").value(false))
                .andExpect(jsonPath("$.spec.lossWeights.ce").value(1.0))
                .andExpect(jsonPath("$.spec.training.epochs").value(240))
                .andExpect(jsonPath("$.spec.training.batchSize").value(64))
                .andExpect(jsonPath("$.spec.training.optimizer").value("sgd"))
                .andExpect(jsonPath("$.spec.training.learningRate").value(0.05))
                .andExpect(jsonPath("$.spec.training.momentum").value(0.9))
                .andExpect(jsonPath("$.spec.training.weightDecay").value(5e-4))
                .andExpect(jsonPath("$.spec.training.lrDecayEpochs[2]").value(210))
                .andExpect(jsonPath("$.spec.training.lrDecayRate").value(0.1))
                .andExpect(jsonPath("$.spec.training.augment").value(false))
                .andExpect(jsonPath("$.spec.seed").isNumber())
                .andExpect(jsonPath("$.spec.priority").value(0))
                .andExpect(jsonPath("$.best").doesNotExist());
    }

    @Test
    void zscoreSwitchesToThePapersDefaults() throws Exception {
        mvc.perform(
                        post("/api/v1/experiments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        """
                        {"method": "kd", "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
                         "dataset": {"name": "synthetic"}, "zscore": true, "seed": 3}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.spec.temperature").value(2.0))
                .andExpect(jsonPath("$.spec.lossWeights.ce").value(0.1))
                .andExpect(jsonPath("$.spec.lossWeights.kd").value(9.0))
                .andExpect(jsonPath("$.spec.seed").value(3));
        mvc.perform(
                        post("/api/v1/experiments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        """
                        {"method": "kd", "teacher": {"architecture": "lenet5"}, "student": {"architecture": "mlp"},
                         "dataset": {"name": "synthetic"}, "lossWeights": {"kd": 2.0}}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.spec.temperature").value(4.0))
                .andExpect(jsonPath("$.spec.lossWeights.ce").value(0.1))
                .andExpect(jsonPath("$.spec.lossWeights.kd").value(2.0));
    }

    @Test
    void anExperimentCanBeReadBack() throws Exception {
        String id = submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"lenet5\"}, "
                + "\"dataset\": {\"name\": \"synthetic\", \"trainLimit\": 100}, \"name\": \"read-back\"}");
        mvc.perform(get("/api/v1/experiments/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value("read-back"))
                .andExpect(jsonPath("$.spec.dataset.trainLimit").value(100));
        mvc.perform(get("/api/v1/experiments/" + id + "/metrics"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.epochs", hasSize(0)));
        mvc.perform(get("/api/v1/experiments/" + id + "/metrics").accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(content().string(startsWith("phase,epoch,trainLoss,trainTop1,testLoss,testTop1,testTop5")));
    }

    @Test
    void unknownIdsAre404AndMalformedIdsAre400() throws Exception {
        String unknown = UUID.randomUUID().toString();
        for (String path : new String[] {"", "/metrics"}) {
            mvc.perform(get("/api/v1/experiments/" + unknown + path))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail", containsString(unknown)));
        }
        mvc.perform(post("/api/v1/experiments/" + unknown + "/cancel")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/experiments/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        mvc.perform(get("/api/v1/no-such-endpoint"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void cancellingAQueuedExperimentIsIdempotent() throws Exception {
        String id = submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                + "\"dataset\": {\"name\": \"synthetic\"}}");
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/v1/experiments/" + id + "/cancel"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("CANCELLED"))
                    .andExpect(jsonPath("$.finishedAt").isNotEmpty());
        }
    }

    @Test
    void searchFiltersByStatusMethodTagAndNameWithPaging() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": "
                    + "\"synthetic\"}, \"name\": \"Search " + marker + " " + i + "\", \"tags\": {\"batch\": \""
                    + marker + "\", \"parity\": \"" + (i % 2 == 0 ? "even" : "odd") + "\"}}");
        }
        mvc.perform(get("/api/v1/experiments").param("tag", "batch:" + marker))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.items[0].name").value("Search " + marker + " 2"));
        mvc.perform(get("/api/v1/experiments").param("tag", "batch:" + marker).param("tag", "parity:even"))
                .andExpect(jsonPath("$.totalItems").value(2));
        mvc.perform(get("/api/v1/experiments")
                        .param("name", "search " + marker.toUpperCase())
                        .param("status", "queued")
                        .param("method", "ce")
                        .param("size", "2")
                        .param("sort", "name,asc"))
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.items", hasSize(2)))
                .andExpect(jsonPath("$.items[0].name").value("Search " + marker + " 0"))
                .andExpect(jsonPath("$.items[*].status", everyItem(is("QUEUED"))));
        mvc.perform(get("/api/v1/experiments").param("name", marker).param("status", "SUCCEEDED"))
                .andExpect(jsonPath("$.totalItems").value(0));
    }

    @Test
    void badSearchParametersAre400NamingTheParameter() throws Exception {
        String[][] cases = {
            {"size", "201"},
            {"size", "0"},
            {"page", "-1"},
            {"status", "DONE"},
            {"sort", "secret,asc"},
            {"sort", "name,sideways"},
            {"tag", "nocolon"},
            {"page", "x"}
        };
        for (String[] c : cases) {
            mvc.perform(get("/api/v1/experiments").param(c[0], c[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field", containsString(c[0])));
        }
    }

    @Test
    void theCatalogTakesDatasetDirectoriesFromConfiguration() throws Exception {
        mvc.perform(get("/api/v1/catalog"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.datasets[?(@.name == 'fashion-mnist')].defaultPath")
                        .value("/usr/share/datasets/fashion-mnist"))
                .andExpect(jsonPath("$.datasets[?(@.name == 'cifar10')].defaultPath")
                        .value(org.hamcrest.Matchers.contains(containsString("target/test-data"))))
                .andExpect(jsonPath("$.methods[?(@.name == 'kd')].needsTeacher").value(true))
                .andExpect(jsonPath("$.methods[?(@.name == 'kd')].defaults.kdWeight")
                        .value(0.9))
                .andExpect(jsonPath("$.methods[?(@.name == 'kd')].zscoreDefaults.kdWeight")
                        .value(9.0))
                .andExpect(jsonPath("$.methods[?(@.name == 'dkd')].parameters[*].name")
                        .value(org.hamcrest.Matchers.containsInAnyOrder("alpha", "beta", "warmupEpochs")))
                .andExpect(jsonPath("$.trainingDefaults.epochs").value(240));
    }

    @Test
    void anExperimentWaitsForItsTeacherExperimentAndFailsWhenTheTeacherIsCancelled() throws Exception {
        String teacher = submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"lenet5\"}, "
                + "\"dataset\": {\"name\": \"synthetic\"}}");
        String student = submit("{\"method\": \"kd\", \"teacher\": {\"experimentId\": \"" + teacher + "\"}, "
                + "\"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"synthetic\"}}");
        mvc.perform(get("/api/v1/experiments/" + student))
                .andExpect(jsonPath("$.status").value("WAITING"))
                .andExpect(jsonPath("$.spec.teacher.architecture").value("lenet5"))
                .andExpect(jsonPath("$.spec.teacher.checkpoint").value("best"));
        mvc.perform(post("/api/v1/experiments/" + teacher + "/cancel")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/experiments/" + student))
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.error", containsString(teacher)))
                .andExpect(jsonPath("$.error", containsString("CANCELLED")));
    }

    @Test
    void aTeacherExperimentMustExistMatchTheDatasetAndNotHaveEnded() throws Exception {
        String teacher = submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"lenet5\"}, "
                + "\"dataset\": {\"name\": \"synthetic\"}}");
        String[][] cases = {
            {"{\"experimentId\": \"" + UUID.randomUUID() + "\"}", "synthetic", "teacher.experimentId"},
            {"{\"experimentId\": \"" + teacher + "\"}", "fashion-mnist", "teacher.experimentId"},
            {"{\"experimentId\": \"" + teacher + "\", \"architecture\": \"mlp\"}", "synthetic", "teacher.architecture"},
            {"{\"experimentId\": \"" + teacher + "\", \"training\": {\"epochs\": 3}}", "synthetic", "teacher.training"}
        };
        for (String[] c : cases) {
            mvc.perform(post("/api/v1/experiments")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"method\": \"kd\", \"teacher\": " + c[0] + ", \"student\": {\"architecture\": "
                                    + "\"mlp\"}, \"dataset\": {\"name\": \"" + c[1] + "\"}}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value(c[2]));
        }
        mvc.perform(post("/api/v1/experiments/" + teacher + "/cancel")).andExpect(status().isOk());
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"method\": \"kd\", \"teacher\": {\"experimentId\": \"" + teacher + "\"}, "
                                + "\"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"synthetic\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", containsString("CANCELLED")));
    }

    @Test
    void methodParametersAreResolvedAndChecked() throws Exception {
        String dkd = "{\"method\": \"dkd\", \"teacher\": {\"architecture\": \"lenet5\"}, "
                + "\"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"synthetic\"}";
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(dkd + ", \"methodParams\": {\"beta\": 2}}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.spec.methodParams.alpha").value(1.0))
                .andExpect(jsonPath("$.spec.methodParams.beta").value(2.0))
                .andExpect(jsonPath("$.spec.methodParams.warmupEpochs").value(20.0))
                .andExpect(jsonPath("$.spec.temperature").value(4.0))
                .andExpect(jsonPath("$.spec.lossWeights.ce").value(1.0))
                .andExpect(jsonPath("$.spec.teacher.training.epochs").value(240));
        String[][] cases = {
            {"{\"gamma\": 1}", "methodParams.gamma"},
            {"{\"beta\": -1}", "methodParams.beta"},
            {"{\"warmupEpochs\": 2.5}", "methodParams.warmupEpochs"}
        };
        for (String[] c : cases) {
            mvc.perform(post("/api/v1/experiments")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(dkd + ", \"methodParams\": " + c[0] + "}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value(c[1]));
        }
    }

    @Test
    void theSameIdempotencyKeyWithTheSameBodyReturnsTheOriginalExperiment() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                + "\"dataset\": {\"name\": \"synthetic\"}, \"name\": \"idempotent\"}";
        String first = mvc.perform(post("/api/v1/experiments")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = JsonPath.read(first, "$.id");
        mvc.perform(post("/api/v1/experiments")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(header().string("Location", "/api/v1/experiments/" + id))
                .andExpect(jsonPath("$.id").value(id));
        mvc.perform(post("/api/v1/experiments")
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace("idempotent", "other")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        mvc.perform(get("/api/v1/experiments").param("name", "idempotent"))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]", hasSize(1)));
        mvc.perform(post("/api/v1/experiments")
                        .header("Idempotency-Key", "k".repeat(256))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest());
    }

    @Test
    void waitingForTheEndAnswersWhenTheExperimentEndsOrTheTimeoutPasses() throws Exception {
        String id = submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, "
                + "\"dataset\": {\"name\": \"synthetic\"}}");
        long started = System.nanoTime();
        var timedOut = mvc.perform(get("/api/v1/experiments/" + id)
                        .param("waitFor", "terminal")
                        .param("timeout", "PT1S"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(timedOut))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("QUEUED"));
        assertThat((System.nanoTime() - started) / 1e9).isBetween(0.9, 8.0);

        var waiting = mvc.perform(get("/api/v1/experiments/" + id)
                        .param("waitFor", "terminal")
                        .param("timeout", "PT5M"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(post("/api/v1/experiments/" + id + "/cancel")).andExpect(status().isOk());
        mvc.perform(asyncDispatch(waiting)).andExpect(jsonPath("$.status").value("CANCELLED"));

        for (String[] bad : new String[][] {{"waitFor", "done"}, {"timeout", "PT11M"}, {"timeout", "soon"}}) {
            mvc.perform(get("/api/v1/experiments/" + id)
                            .param("waitFor", "terminal")
                            .param(bad[0], bad[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field", containsString(bad[0])));
        }
    }

    private String submit(String body) throws Exception {
        String response = mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(response, "$.id");
    }

    @Test
    void anAcceptHeaderNothingMatchesGetsA406ProblemAnyway() throws Exception {
        for (String accept : new String[] {"aaaa", "image/gif", "text/html;q=x"}) {
            mvc.perform(get("/api/v1/catalog").header("Accept", accept))
                    .andExpect(status().isNotAcceptable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(406));
        }
    }
}
