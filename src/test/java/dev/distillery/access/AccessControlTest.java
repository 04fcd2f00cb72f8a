package dev.distillery.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.shared.Sha256;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.CheckpointRecords;
import dev.distillery.tracking.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every role against every endpoint class (read, submit, cancel, download, admin), with and without
 * a key, with security on and public read off. Security-related logging runs at DEBUG here, so the
 * check that no key ever reaches the log sees everything Spring would print.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
// inline properties (unlike dynamic ones) are in place when logging is set up
@TestPropertySource(
        properties = {"logging.level.org.springframework.security=DEBUG", "logging.level.org.springframework.web=DEBUG"
        })
class AccessControlTest {

    static final String SPEC =
            """
            {"method": "ce", "student": {"architecture": "mlp"}, "dataset": {"name": "synthetic"}}""";

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        TestKeys.configure(registry, 100);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    CheckpointStore checkpoints;

    @Autowired
    CheckpointRecords checkpointRecords;

    private static final AtomicInteger KEY_NAMES = new AtomicInteger();
    UUID alicesExperiment;
    UUID bobsExperiment;

    @BeforeEach
    void aliceHasAnExperimentWithACheckpoint() throws Exception {
        alicesExperiment = submitAs(TestKeys.ALICE);
        bobsExperiment = submitAs(TestKeys.BOB);
        var stored = checkpoints.write(
                alicesExperiment, "last", out -> out.write("parameters".getBytes(StandardCharsets.UTF_8)));
        checkpointRecords.save(
                alicesExperiment,
                new CheckpointRecord("last", "last", 1, stored.size(), stored.sha256(), Instant.now()));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        // caller, endpoint class, expected status
        "none,      read,              401",
        "none,      submit,            401",
        "none,      cancel-others,     401",
        "none,      download,          401",
        "none,      admin,             401",
        "bad-key,   read,              401",
        "bad-key,   submit,            401",
        "bad-key,   cancel-others,     401",
        "bad-key,   download,          401",
        "bad-key,   admin,             401",
        "reader,    read,              200",
        "reader,    submit,            403",
        "reader,    cancel-others,     403",
        "reader,    download,          200",
        "reader,    admin,             403",
        "submitter, read,              200",
        "submitter, submit,            201",
        "submitter, cancel-own,        200",
        "submitter, cancel-others,     403",
        "submitter, download,          200",
        "submitter, admin,             403",
        "admin,     read,              200",
        "admin,     submit,            201",
        "admin,     cancel-others,     200",
        "admin,     download,          200",
        "admin,     admin,             200",
    })
    void eachRoleAgainstEachEndpointClass(String caller, String endpointClass, int expected) throws Exception {
        String key = endpointClass.equals("cancel-own") ? "submitter-alice" : caller;
        for (MockHttpServletRequestBuilder request : requests(endpointClass)) {
            MockHttpServletResponse response =
                    mvc.perform(withKey(request, key)).andReturn().getResponse();
            assertThat(response.getStatus()).as("%s %s", caller, endpointClass).isIn(expected, created(expected));
            if (expected >= 400) {
                assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                assertThat((Integer) JsonPath.read(response.getContentAsString(), "$.status"))
                        .isEqualTo(expected);
            }
            if (expected == 401) {
                assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    /** Issue #13: anyone who may read lists datasets; registering, uploading and unregistering is for admins. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"reader, 403", "submitter, 403", "admin, 400"})
    void onlyAdminsRegisterUploadOrRemoveDatasets(String caller, int expected) throws Exception {
        assertThat(status(withKey(get("/api/v1/datasets"), caller))).isEqualTo(200);
        MockHttpServletRequestBuilder[] changes = {
            post("/api/v1/datasets")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\": \"x\", \"format\": \"parquet\", \"path\": \"/tmp\"}"),
            post("/api/v1/datasets/x/archive").contentType("application/zip").content("not a zip")
        };
        for (MockHttpServletRequestBuilder change : changes) {
            assertThat(status(withKey(change, caller))).as(caller).isEqualTo(expected);
        }
        assertThat(status(withKey(delete("/api/v1/datasets/never-registered"), caller)))
                .isEqualTo(expected == 400 ? 404 : 403);
    }

    @Test
    void theKeyMayComeAsBearerTokenOrAsXApiKeyButNotAsTwoDifferentOnes() throws Exception {
        assertThat(status(get("/api/v1/catalog").header("Authorization", "Bearer " + TestKeys.READER)))
                .isEqualTo(200);
        assertThat(status(get("/api/v1/catalog").header("Authorization", "bearer " + TestKeys.READER)))
                .isEqualTo(200);
        assertThat(status(get("/api/v1/catalog").header("X-API-Key", TestKeys.READER)))
                .isEqualTo(200);
        assertThat(status(get("/api/v1/catalog")
                        .header("X-API-Key", TestKeys.READER)
                        .header("Authorization", "Bearer " + TestKeys.ADMIN)))
                .isEqualTo(401);
        assertThat(status(get("/api/v1/catalog").header("Authorization", "Basic " + TestKeys.READER)))
                .isEqualTo(401);
        assertThat(status(get("/api/v1/catalog").header("X-API-Key", ""))).isEqualTo(401);
    }

    @Test
    void healthAndTheApiDocsStayOpenAndOtherActuatorEndpointsNeedAKey() throws Exception {
        assertThat(status(get("/actuator/health"))).isEqualTo(200);
        assertThat(status(get("/v3/api-docs"))).isEqualTo(200);
        assertThat(status(get("/actuator/prometheus"))).isEqualTo(401);
        assertThat(status(withKey(get("/actuator/prometheus"), "reader"))).isEqualTo(200);
    }

    @Test
    void importingAndDeletingModelsNeedSubmitterAndPredictionsAndModelReadsNeedReader() throws Exception {
        assertThat(upload(null)).isEqualTo(401);
        assertThat(upload(TestKeys.READER)).isEqualTo(403);
        assertThat(upload(TestKeys.BOB))
                .as("past security: not a TorchScript module")
                .isEqualTo(400);
        assertThat(status(withKey(delete("/api/v1/models/" + UUID.randomUUID()), "reader")))
                .isEqualTo(403);
        assertThat(status(withKey(delete("/api/v1/models/" + UUID.randomUUID()), "submitter")))
                .isEqualTo(404);
        assertThat(status(withKey(get("/api/v1/models"), "reader"))).isEqualTo(200);
        assertThat(status(get("/api/v1/models/" + UUID.randomUUID() + "/file"))).isEqualTo(401);
        var prediction = post("/api/v1/predictions")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}");
        assertThat(status(prediction)).isEqualTo(401);
        assertThat(status(withKey(prediction, "reader"))).isEqualTo(400);
    }

    @Test
    void requestsNoRuleNamesAreForAdminsOnly() throws Exception {
        assertThat(status(withKey(post("/api/v1/catalog"), "submitter"))).isEqualTo(403);
        assertThat(status(withKey(delete("/api/v1/experiments/" + alicesExperiment), "submitter-alice")))
                .isEqualTo(403);
        assertThat(status(withKey(get("/actuator/env"), "reader"))).isEqualTo(403);
        assertThat(status(delete("/api/v1/experiments/" + alicesExperiment))).isEqualTo(401);
        assertThat(status(withKey(post("/api/v1/catalog"), "admin"))).isEqualTo(405);
    }

    @Test
    void experimentsRecordTheKeyThatSubmittedThem() throws Exception {
        String body = mvc.perform(withKey(get("/api/v1/experiments/" + alicesExperiment), "reader"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(body, "$.owner")).isEqualTo("alice");
    }

    @Test
    void anAdminCreatesAKeyThatWorksAtOnceAndRevokesItAtOnce() throws Exception {
        String name = "ci-" + KEY_NAMES.incrementAndGet();
        MockHttpServletResponse created = mvc.perform(withKey(
                        post("/api/v1/admin/keys")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"" + name + "\", \"roles\": [\"submitter\"], \"maxQueued\": 7}"),
                        "admin"))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String key = JsonPath.read(created.getContentAsString(), "$.key");
        assertThat(key).startsWith("dk_").hasSizeGreaterThan(40);
        assertThat(status(post("/api/v1/experiments")
                        .header("X-API-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SPEC)))
                .isEqualTo(201);

        String listed = mvc.perform(withKey(get("/api/v1/admin/keys"), "admin"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(listed)
                .contains("\"" + name + "\"", "\"maxQueued\":7")
                .doesNotContain(key)
                .doesNotContain(Sha256.hex(key))
                .doesNotContain(Sha256.hex(TestKeys.ALICE));

        assertThat(status(withKey(delete("/api/v1/admin/keys/" + name), "admin")))
                .isEqualTo(204);
        assertThat(status(get("/api/v1/catalog").header("X-API-Key", key))).isEqualTo(401);
        assertThat(status(withKey(delete("/api/v1/admin/keys/" + name), "admin")))
                .isEqualTo(204);
        assertThat(status(withKey(delete("/api/v1/admin/keys/reader"), "admin")))
                .isEqualTo(409);
        assertThat(status(withKey(delete("/api/v1/admin/keys/nobody"), "admin")))
                .isEqualTo(404);
        assertThat(status(withKey(
                        post("/api/v1/admin/keys")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"alice\", \"roles\": [\"reader\"]}"),
                        "admin")))
                .isEqualTo(409);
        assertThat(status(withKey(
                        post("/api/v1/admin/keys")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"x\", \"roles\": [\"root\"]}"),
                        "admin")))
                .isEqualTo(400);
    }

    @Test
    void idempotencyKeysBelongToTheCallerThatSentThem() throws Exception {
        String idempotencyKey = "same-key-" + UUID.randomUUID();
        MockHttpServletResponse alice = mvc.perform(withKey(
                        post("/api/v1/experiments")
                                .header("Idempotency-Key", idempotencyKey)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC),
                        "submitter-alice"))
                .andReturn()
                .getResponse();
        MockHttpServletResponse bob = mvc.perform(withKey(
                        post("/api/v1/experiments")
                                .header("Idempotency-Key", idempotencyKey)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC),
                        "submitter"))
                .andReturn()
                .getResponse();
        assertThat(alice.getStatus()).isEqualTo(201);
        assertThat(bob.getStatus()).isEqualTo(201);
        assertThat((String) JsonPath.read(bob.getContentAsString(), "$.id"))
                .isNotEqualTo(JsonPath.read(alice.getContentAsString(), "$.id"));
    }

    @Test
    void noKeyEverReachesTheLog(CapturedOutput output) throws Exception {
        for (String caller : new String[] {"reader", "submitter", "admin", "bad-key"}) {
            mvc.perform(withKey(get("/api/v1/experiments/" + alicesExperiment), caller));
            mvc.perform(withKey(post("/api/v1/experiments/" + alicesExperiment + "/cancel"), caller));
            mvc.perform(withKey(get("/api/v1/admin/keys"), caller));
        }
        String created = mvc.perform(withKey(
                        post("/api/v1/admin/keys")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"logged-" + KEY_NAMES.incrementAndGet()
                                        + "\", \"roles\": [\"reader\"]}"),
                        "admin"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String newKey = JsonPath.read(created, "$.key");
        assertThat(output.getAll())
                .isNotEmpty()
                .contains("CreatedKey[")
                .doesNotContain(
                        TestKeys.READER, TestKeys.ALICE, TestKeys.BOB, TestKeys.ADMIN, "wrong-secret-0", newKey);
    }

    @Test
    void aKeyInTwoHeadersOfTheSameNameIsRefused() throws Exception {
        assertThat(status(get("/api/v1/catalog")
                        .header("Authorization", "Bearer " + TestKeys.READER, "Bearer wrong-secret-0")))
                .isEqualTo(401);
        assertThat(status(get("/api/v1/catalog").header("X-API-Key", TestKeys.READER, TestKeys.READER)))
                .isEqualTo(401);
    }

    @Test
    void aStoredKeyWithTheNameOfAConfiguredKeyNeverGetsIn(@Autowired StoredApiKeys stored) throws Exception {
        String secret = "shadowed-" + UUID.randomUUID();
        stored.insert("alice", Sha256.hex(secret), java.util.Set.of(ApiRole.ADMIN), null, null, Instant.now());
        assertThat(status(get("/api/v1/catalog").header("X-API-Key", secret))).isEqualTo(401);
        assertThat(status(withKey(delete("/api/v1/admin/keys/alice"), "admin"))).isEqualTo(204);
        assertThat(status(withKey(get("/api/v1/catalog"), "submitter-alice"))).isEqualTo(200);
    }

    private MockHttpServletRequestBuilder[] requests(String endpointClass) throws Exception {
        UUID experiment = alicesExperiment;
        return switch (endpointClass) {
            case "read" ->
                new MockHttpServletRequestBuilder[] {
                    get("/api/v1/experiments/" + experiment),
                    get("/api/v1/experiments?status=QUEUED"),
                    get("/api/v1/experiments/" + experiment + "/metrics"),
                    get("/api/v1/catalog"),
                    get("/api/v1/comparisons?ids=" + experiment + "," + bobsExperiment),
                    get("/api/v1/experiments/" + experiment + "/checkpoints"),
                    post("/api/v1/analysis/kl")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"teacher\": [[1, 2, 3]], \"student\": [[1, 2, 4]]}")
                };
            case "submit" ->
                new MockHttpServletRequestBuilder[] {
                    post("/api/v1/experiments")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(SPEC),
                    post("/api/v1/sweeps")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"spec\": " + SPEC + ", \"grid\": {\"training.epochs\": [1]}}")
                };
            case "cancel-own", "cancel-others" ->
                new MockHttpServletRequestBuilder[] {post("/api/v1/experiments/" + experiment + "/cancel")};
            case "download" ->
                new MockHttpServletRequestBuilder[] {get("/api/v1/experiments/" + experiment + "/checkpoints/last")};
            case "admin" ->
                new MockHttpServletRequestBuilder[] {
                    get("/api/v1/admin/keys"),
                    post("/api/v1/admin/keys")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\": \"k" + KEY_NAMES.incrementAndGet() + "\", \"roles\": [\"reader\"]}")
                };
            default -> throw new IllegalArgumentException(endpointClass);
        };
    }

    /** "submitter" is bob (alice owns the experiment under test), or alice where the test needs her own. */
    private MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request, String caller) {
        String key =
                switch (caller) {
                    case "none" -> null;
                    case "bad-key" -> "wrong-secret-0";
                    case "reader" -> TestKeys.READER;
                    case "submitter" -> TestKeys.BOB;
                    case "submitter-alice" -> TestKeys.ALICE;
                    case "admin" -> TestKeys.ADMIN;
                    default -> throw new IllegalArgumentException(caller);
                };
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private UUID submitAs(String key) throws Exception {
        String body = mvc.perform(post("/api/v1/experiments")
                        .header("X-API-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SPEC))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(JsonPath.read(body, "$.id"));
    }

    private int upload(String key) throws Exception {
        var upload = multipart("/api/v1/models")
                .file("file", new byte[] {1})
                .param("format", "torchscript")
                .param("dataset", "synthetic");
        return mvc.perform(key == null ? upload : upload.header("Authorization", "Bearer " + key))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static int created(int expected) {
        return expected == 200 ? 201 : expected;
    }
}
