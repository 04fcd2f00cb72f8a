package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The helm chart, linted and rendered by Helm 3 itself (helm-java, in process: no helm binary, no cluster).
 */
class HelmChartTest {

    @Test
    void chartLintsStrictly() {
        LintResult result = new Helm(Manifests.CHART).lint().strict().call();

        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultValuesRenderApiWorkerAndStorageWithAnExternalDatabase() {
        Manifests manifests = Manifests.render();

        assertThat(manifests.kinds())
                .containsExactlyInAnyOrder(
                        "ConfigMap",
                        "Secret",
                        "PersistentVolumeClaim",
                        "Service",
                        "Deployment",
                        "Deployment",
                        "PodDisruptionBudget");
        assertThat(manifests.deployments()).containsOnlyKeys("api", "worker");
        assertThat(manifests.all()).noneMatch(m -> m.toString().contains("nvidia.com/gpu"));

        Map<String, String> config = manifests.configMap();
        assertThat(config)
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/distillery")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "distillery")
                .containsEntry("DISTILLERY_CHECKPOINTS_DIR", "/var/lib/distillery/checkpoints");
        assertThat(manifests.secretKeyRef("worker", "SPRING_DATASOURCE_PASSWORD"))
                .containsEntry("name", "test-distillery-db")
                .containsEntry("key", "password");

        assertThat(manifests.env("api")).containsEntry("DISTILLERY_ROLE", "api");
        assertThat(manifests.env("worker"))
                .containsEntry("DISTILLERY_ROLE", "worker")
                .containsEntry("DISTILLERY_QUEUE_SHUTDOWN_GRACE", "120s");
        assertThat(manifests.podSpec("worker").get("terminationGracePeriodSeconds"))
                .isEqualTo(180);

        // both mount the shared checkpoint claim, which must be ReadWriteMany
        Map<String, Object> pvc = manifests.single("PersistentVolumeClaim");
        assertThat(Manifests.value(pvc, "spec", "accessModes")).isEqualTo(List.of("ReadWriteMany"));
        for (String component : List.of("api", "worker")) {
            assertThat(manifests.volumes(component)).anySatisfy(v -> assertThat(v)
                    .containsEntry("name", "checkpoints")
                    .containsEntry("persistentVolumeClaim", Map.of("claimName", "test-distillery-checkpoints")));
            Map<String, Object> container = manifests.container(component);
            assertThat(Manifests.value(container, "livenessProbe", "httpGet", "path"))
                    .isEqualTo("/actuator/health/liveness");
            assertThat(Manifests.value(container, "readinessProbe", "httpGet", "path"))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(Manifests.value(container, "securityContext", "readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(Manifests.value(manifests.podSpec(component), "securityContext", "runAsNonRoot"))
                    .isEqualTo(true);
        }
        assertThat(Manifests.value(
                        manifests.single("PodDisruptionBudget"),
                        "spec",
                        "selector",
                        "matchLabels",
                        "app.kubernetes.io/component"))
                .isEqualTo("worker");
    }

    @Test
    void gpuValuesPutTheGpuLimitNodeSelectorAndTolerationsOnTheWorkerOnly() {
        Manifests manifests = Manifests.render(Manifests.GPU_VALUES);

        // the PostgreSQL password comes from an existing Secret: the chart makes none
        assertThat(manifests.kinds())
                .containsExactlyInAnyOrder(
                        "ConfigMap",
                        "PersistentVolumeClaim",
                        "Service",
                        "Service",
                        "Deployment",
                        "Deployment",
                        "StatefulSet",
                        "PodDisruptionBudget",
                        "Ingress");

        Map<String, Object> workerLimits = Manifests.at(manifests.container("worker"), "resources", "limits");
        assertThat(workerLimits).containsEntry("nvidia.com/gpu", 1).containsEntry("memory", "24Gi");
        assertThat(manifests.deployment("worker").get("spec"))
                .extracting(s -> ((Map<?, ?>) s).get("replicas"))
                .isEqualTo(2);
        assertThat(manifests.container("worker").get("image")).isEqualTo("registry.example.com/distillery:0.1.0-cu128");
        assertThat(manifests.podSpec("worker").get("nodeSelector")).isEqualTo(Map.of("nvidia.com/gpu.present", "true"));
        assertThat(manifests.podSpec("worker").get("tolerations")).asList().hasSize(1);

        // nothing else asks for a GPU or lands on GPU nodes
        assertThat(manifests.all())
                .filteredOn(m -> m.toString().contains("nvidia.com/gpu"))
                .extracting(m -> Manifests.at(m, "metadata", "name"))
                .containsExactly("test-distillery-worker");
        assertThat(manifests.container("api").get("image")).isEqualTo("registry.example.com/distillery:0.1.0");
        assertThat(manifests.podSpec("api")).doesNotContainKeys("nodeSelector", "tolerations");

        // the in-chart PostgreSQL replaces the external one; it and the service read the same Secret
        assertThat(manifests.configMap())
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://test-distillery-postgresql:5432/distillery");
        Map<String, Object> passwordRef = Map.of("name", "distillery-postgresql", "key", "password");
        assertThat(manifests.secretKeyRef("api", "SPRING_DATASOURCE_PASSWORD")).isEqualTo(passwordRef);
        List<Map<String, Object>> postgresEnv =
                Manifests.at(manifests.single("StatefulSet"), "spec", "template", "spec", "containers");
        assertThat(postgresEnv.get(0).toString()).contains("secretKeyRef={name=distillery-postgresql, key=password}");
        assertThat(manifests.env("worker")).containsEntry("DISTILLERY_QUEUE_SHUTDOWN_GRACE", "300s");
        assertThat(manifests.podSpec("worker").get("terminationGracePeriodSeconds"))
                .isEqualTo(360);
        assertThat(manifests.volumes("worker")).anySatisfy(v -> assertThat(v).containsEntry("name", "datasets"));
    }

    @Test
    void anExistingSecretReplacesTheChartsDatabaseSecret() {
        Manifests manifests = Manifests.render(Map.of(
                "externalDatabase.existingSecret",
                "pg-credentials",
                "externalDatabase.existingSecretPasswordKey",
                "pg-password"));

        assertThat(manifests.kinds()).doesNotContain("Secret");
        assertThat(manifests.secretKeyRef("worker", "SPRING_DATASOURCE_PASSWORD"))
                .containsEntry("name", "pg-credentials")
                .containsEntry("key", "pg-password");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "values-invalid-gpu-count.yaml",
                "values-invalid-unknown-key.yaml",
                "values-invalid-duration.yaml"
            })
    void valuesViolatingTheSchemaAreRejected(String file) {
        assertThatThrownBy(() -> Manifests.render(Manifests.TEST_RESOURCES.resolve(file)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void theInChartPostgresqlNeedsAPassword() {
        assertThatThrownBy(() -> Manifests.render(Map.of("postgresql.enabled", "true")))
                .hasMessageContaining("postgresql.auth.password (or postgresql.auth.existingSecret) is required");

        Manifests manifests =
                Manifests.render(Map.of("postgresql.enabled", "true", "postgresql.auth.password", "s3cret"));
        assertThat(manifests.kinds()).contains("StatefulSet", "Secret");
        assertThat(manifests.secretKeyRef("worker", "SPRING_DATASOURCE_PASSWORD"))
                .containsEntry("name", "test-distillery-postgresql")
                .containsEntry("key", "password");
    }

    // ---------------------------------------------------------------------------------------------- security

    static final String ADMIN_HASH = "5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0";
    static final String CI_HASH = "79e6ad900f389e17e59e88cbf6e7b9464b60ace8c848dc935c81aa758359f8f4";
    static final String NO_ADMIN = "security.enabled is true but security.keys has no key with the admin role";

    @TempDir
    Path tmp;

    Path values(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "values-", ".yaml"), yaml);
    }

    /** distillery.* of the ConfigMap's SPRING_APPLICATION_JSON. */
    static Map<String, Object> applicationJson(Manifests manifests) {
        return Manifests.at(
                JsonParserFactory.getJsonParser().parseMap(manifests.configMap().get("SPRING_APPLICATION_JSON")),
                "distillery");
    }

    @Test
    void securityIsOffByDefaultAndTheQueueHasTheServicesDefaults() {
        Manifests manifests = Manifests.render();

        assertThat(manifests.configMap())
                .containsEntry("DISTILLERY_SECURITY_ENABLED", "false")
                .containsEntry("DISTILLERY_SECURITY_PUBLIC_READ", "false")
                .containsEntry("DISTILLERY_SECURITY_MAX_QUEUED_PER_KEY", "100")
                .containsEntry("DISTILLERY_QUEUE_MAX_QUEUED", "1000")
                .containsEntry("DISTILLERY_QUEUE_RETRY_AFTER", "60s");
        assertThat(applicationJson(manifests)).containsOnlyKeys("datasets");
    }

    @Test
    void securityOnRendersTheSettingsAndTheKeysByHashOnly() {
        Manifests manifests = Manifests.render(Manifests.GPU_VALUES);

        assertThat(manifests.configMap())
                .containsEntry("DISTILLERY_SECURITY_ENABLED", "true")
                .containsEntry("DISTILLERY_SECURITY_PUBLIC_READ", "false")
                .containsEntry("DISTILLERY_SECURITY_MAX_QUEUED_PER_KEY", "50")
                .containsEntry("DISTILLERY_QUEUE_MAX_QUEUED", "500")
                .containsEntry("DISTILLERY_QUEUE_RETRY_AFTER", "2m");
        Map<String, Object> distillery = applicationJson(manifests);
        assertThat(distillery).containsOnlyKeys("datasets", "security");
        assertThat(Manifests.<Map<String, Object>>at(distillery, "datasets"))
                .containsEntry("fashion-mnist", "/var/lib/distillery/datasets/fashion-mnist");
        // maxQueued only where the key sets it
        assertThat(Manifests.<List<Map<String, Object>>>at(distillery, "security", "keys"))
                .containsExactly(
                        Map.of("name", "admin", "hash", ADMIN_HASH, "roles", List.of("admin")),
                        Map.of("name", "ci-bot", "hash", CI_HASH, "roles", List.of("submitter"), "max-queued", 200));
        // API and workers (whose /actuator/prometheus checks keys too) read the same ConfigMap
        for (String component : List.of("api", "worker")) {
            assertThat(Manifests.<List<Map<String, Object>>>at(manifests.container(component), "envFrom"))
                    .containsExactly(Map.of("configMapRef", Map.of("name", "test-distillery")));
        }
    }

    @Test
    void largeLimitsAndSeveralRolesRenderAsGiven() throws IOException {
        Manifests manifests = Manifests.render(values(
                """
                config:
                  maxQueued: 2000000
                  retryAfter: 90s
                security:
                  enabled: true
                  publicRead: true
                  maxQueuedPerKey: 1500000
                  keys:
                    - name: ops.team_1
                      hash: "%s"
                      roles: [reader, admin]
                      maxQueued: 0
                """
                        .formatted(ADMIN_HASH)));

        assertThat(manifests.configMap())
                .containsEntry("DISTILLERY_QUEUE_MAX_QUEUED", "2000000")
                .containsEntry("DISTILLERY_QUEUE_RETRY_AFTER", "90s")
                .containsEntry("DISTILLERY_SECURITY_PUBLIC_READ", "true")
                .containsEntry("DISTILLERY_SECURITY_MAX_QUEUED_PER_KEY", "1500000");
        assertThat(Manifests.<List<Map<String, Object>>>at(applicationJson(manifests), "security", "keys"))
                .containsExactly(Map.of(
                        "name",
                        "ops.team_1",
                        "hash",
                        ADMIN_HASH,
                        "roles",
                        List.of("reader", "admin"),
                        "max-queued",
                        0));
        // and the service reads all of it
        DeployEnvironmentTest.assertServiceReadsAll("helm", manifests.configMap());
    }

    @Test
    void securityOnWithoutAnAdminKeyIsRefused() throws IOException {
        assertThatThrownBy(() -> Manifests.render(Map.of("security.enabled", "true")))
                .hasMessageContaining(NO_ADMIN);
        Path submitterOnly = values(
                """
                security:
                  enabled: true
                  keys:
                    - name: ci-bot
                      hash: "%s"
                      roles: [reader, submitter]
                """
                        .formatted(CI_HASH));
        assertThatThrownBy(() -> Manifests.render(submitterOnly)).hasMessageContaining(NO_ADMIN);

        // with security off, keys without an admin are fine (they wait for security.enabled)
        assertThat(Manifests.render(Map.of("security.enabled", "false"), submitterOnly)
                        .configMap())
                .containsEntry("DISTILLERY_SECURITY_ENABLED", "false");
    }

    @Test
    void keysWithTheSameNameOrHashAreRefused() throws IOException {
        String twice =
                """
                security:
                  enabled: true
                  keys:
                    - {name: admin, hash: "%s", roles: [admin]}
                    - {name: %s, hash: "%s", roles: [reader]}
                """;
        assertThatThrownBy(() -> Manifests.render(values(twice.formatted(ADMIN_HASH, "admin", CI_HASH))))
                .hasMessageContaining("security.keys[1]: the name \"admin\" is used by another key");
        assertThatThrownBy(() -> Manifests.render(values(twice.formatted(ADMIN_HASH, "ci-bot", ADMIN_HASH))))
                .hasMessageContaining("security.keys[1] (ci-bot) has the same hash as the key \"admin\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // not a lower-case hex SHA-256
                "{name: admin, hash: \"5DFFF294536FA730C321856D2C657E1CF9DA9C5F26C795076F271E279C36BAF0\", roles: [admin]}",
                "{name: admin, hash: \"5dfff294536fa730\", roles: [admin]}",
                "{name: admin, hash: \"sha256:5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0\", roles: [admin]}",
                "{name: admin, hash: \"not-a-hash\", roles: [admin]}",
                // the key itself has no place in values
                "{name: admin, key: \"s3cret\", hash: \"5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0\", roles: [admin]}",
                "{name: admin, hash: \"5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0\", roles: [owner]}",
                "{name: admin, hash: \"5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0\", roles: []}",
                "{name: ci bot, hash: \"5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0\", roles: [admin]}",
                "{name: admin, hash: \"5dfff294536fa730c321856d2c657e1cf9da9c5f26c795076f271e279c36baf0\", roles: [admin], maxQueued: -1}",
                "{name: admin, roles: [admin]}"
            })
    void keysViolatingTheSchemaAreRejected(String key) throws IOException {
        Path file = values("security:\n  enabled: true\n  keys:\n    - " + key + "\n");

        assertThatThrownBy(() -> Manifests.render(file))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void theInstallNotesWarnLoudlyWhenSecurityIsOff() {
        assertThat(notes(Map.of())).contains("WARNING: SECURITY IS OFF (security.enabled=false)");
        assertThat(notes(Map.of(
                        "security.enabled",
                        "true",
                        "security.keys[0].name",
                        "admin",
                        "security.keys[0].hash",
                        ADMIN_HASH,
                        "security.keys[0].roles[0]",
                        "admin")))
                .doesNotContain("SECURITY IS OFF")
                .contains("API-key security is on: 1 configured key(s) (admin: admin); public read off.")
                .contains("authorization: {credentials: <reader key>}");
    }

    /** NOTES.txt, as helm install prints it (a client-only dry run: no cluster). */
    static String notes(Map<String, String> set) {
        var install = new Helm(Manifests.CHART)
                .install()
                .withName(Manifests.RELEASE)
                .withNamespace("distillery")
                .withKubeVersion(Manifests.KUBE_VERSION)
                .dryRun()
                .clientOnly();
        for (Map.Entry<String, String> entry : set.entrySet()) {
            install = install.set(entry.getKey(), entry.getValue());
        }
        return install.call().getOutput();
    }

    @Test
    void aWorkerGracePeriodShorterThanTheShutdownGraceIsRefused() {
        assertThatThrownBy(() -> Manifests.render(Manifests.TEST_RESOURCES.resolve("values-short-grace.yaml")))
                .hasMessageContaining(
                        "worker.terminationGracePeriodSeconds (120) must exceed worker.shutdownGraceSeconds (300)");
    }
}
