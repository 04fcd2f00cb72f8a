package dev.distillery.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The helm chart, linted and rendered by Helm 3 itself (helm-java, in process: no helm binary, no cluster).
 */
class HelmChartTest {

    @Test
    void chartLintsStrictly() {
        LintResult result = new Helm(Manifests.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultValuesRenderApiWorkerAndStorageWithAnExternalDatabase() {
        Manifests manifests = Manifests.render();

        assertThat(manifests.kinds()).containsExactlyInAnyOrder("ConfigMap", "Secret", "PersistentVolumeClaim",
                "Service", "Deployment", "Deployment", "PodDisruptionBudget");
        assertThat(manifests.deployments()).containsOnlyKeys("api", "worker");
        assertThat(manifests.all()).noneMatch(m -> m.toString().contains("nvidia.com/gpu"));

        Map<String, String> config = manifests.configMap();
        assertThat(config).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/distillery")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "distillery")
                .containsEntry("DISTILLERY_CHECKPOINTS_DIR", "/var/lib/distillery/checkpoints");
        assertThat(manifests.secretKeyRef("worker", "SPRING_DATASOURCE_PASSWORD"))
                .containsEntry("name", "test-distillery-db").containsEntry("key", "password");

        assertThat(manifests.env("api")).containsEntry("DISTILLERY_ROLE", "api");
        assertThat(manifests.env("worker")).containsEntry("DISTILLERY_ROLE", "worker")
                .containsEntry("DISTILLERY_QUEUE_SHUTDOWN_GRACE", "120s");
        assertThat(manifests.podSpec("worker").get("terminationGracePeriodSeconds")).isEqualTo(180);

        // both mount the shared checkpoint claim, which must be ReadWriteMany
        Map<String, Object> pvc = manifests.single("PersistentVolumeClaim");
        assertThat(Manifests.value(pvc, "spec", "accessModes")).isEqualTo(List.of("ReadWriteMany"));
        for (String component : List.of("api", "worker")) {
            assertThat(manifests.volumes(component)).anySatisfy(v -> assertThat(v)
                    .containsEntry("name", "checkpoints")
                    .containsEntry("persistentVolumeClaim", Map.of("claimName", "test-distillery-checkpoints")));
            Map<String, Object> container = manifests.container(component);
            assertThat(Manifests.value(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(Manifests.value(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(Manifests.value(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(Manifests.value(manifests.podSpec(component), "securityContext", "runAsNonRoot")).isEqualTo(true);
        }
        assertThat(Manifests.value(manifests.single("PodDisruptionBudget"), "spec", "selector", "matchLabels",
                "app.kubernetes.io/component")).isEqualTo("worker");
    }

    @Test
    void gpuValuesPutTheGpuLimitNodeSelectorAndTolerationsOnTheWorkerOnly() {
        Manifests manifests = Manifests.render(Manifests.GPU_VALUES);

        // the PostgreSQL password comes from an existing Secret: the chart makes none
        assertThat(manifests.kinds()).containsExactlyInAnyOrder("ConfigMap", "PersistentVolumeClaim",
                "Service", "Service", "Deployment", "Deployment", "StatefulSet", "PodDisruptionBudget", "Ingress");

        Map<String, Object> workerLimits = Manifests.at(manifests.container("worker"), "resources", "limits");
        assertThat(workerLimits).containsEntry("nvidia.com/gpu", 1).containsEntry("memory", "24Gi");
        assertThat(manifests.deployment("worker").get("spec")).extracting(s -> ((Map<?, ?>) s).get("replicas"))
                .isEqualTo(2);
        assertThat(manifests.container("worker").get("image"))
                .isEqualTo("registry.example.com/distillery:0.1.0-cu128");
        assertThat(manifests.podSpec("worker").get("nodeSelector")).isEqualTo(Map.of("nvidia.com/gpu.present", "true"));
        assertThat(manifests.podSpec("worker").get("tolerations")).asList().hasSize(1);

        // nothing else asks for a GPU or lands on GPU nodes
        assertThat(manifests.all()).filteredOn(m -> m.toString().contains("nvidia.com/gpu"))
                .extracting(m -> Manifests.at(m, "metadata", "name")).containsExactly("test-distillery-worker");
        assertThat(manifests.container("api").get("image")).isEqualTo("registry.example.com/distillery:0.1.0");
        assertThat(manifests.podSpec("api")).doesNotContainKeys("nodeSelector", "tolerations");

        // the in-chart PostgreSQL replaces the external one; it and the service read the same Secret
        assertThat(manifests.configMap()).containsEntry("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://test-distillery-postgresql:5432/distillery");
        Map<String, Object> passwordRef = Map.of("name", "distillery-postgresql", "key", "password");
        assertThat(manifests.secretKeyRef("api", "SPRING_DATASOURCE_PASSWORD")).isEqualTo(passwordRef);
        List<Map<String, Object>> postgresEnv = Manifests.at(manifests.single("StatefulSet"),
                "spec", "template", "spec", "containers");
        assertThat(postgresEnv.get(0).toString()).contains("secretKeyRef={name=distillery-postgresql, key=password}");
        assertThat(manifests.env("worker")).containsEntry("DISTILLERY_QUEUE_SHUTDOWN_GRACE", "300s");
        assertThat(manifests.podSpec("worker").get("terminationGracePeriodSeconds")).isEqualTo(360);
        assertThat(manifests.volumes("worker")).anySatisfy(v -> assertThat(v).containsEntry("name", "datasets"));
    }

    @Test
    void anExistingSecretReplacesTheChartsDatabaseSecret() {
        Manifests manifests = Manifests.render(Map.of("externalDatabase.existingSecret", "pg-credentials",
                "externalDatabase.existingSecretPasswordKey", "pg-password"));

        assertThat(manifests.kinds()).doesNotContain("Secret");
        assertThat(manifests.secretKeyRef("worker", "SPRING_DATASOURCE_PASSWORD"))
                .containsEntry("name", "pg-credentials").containsEntry("key", "pg-password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"values-invalid-gpu-count.yaml", "values-invalid-unknown-key.yaml",
            "values-invalid-duration.yaml"})
    void valuesViolatingTheSchemaAreRejected(String file) {
        assertThatThrownBy(() -> Manifests.render(Manifests.TEST_RESOURCES.resolve(file)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void theInChartPostgresqlNeedsAPassword() {
        assertThatThrownBy(() -> Manifests.render(Map.of("postgresql.enabled", "true")))
                .hasMessageContaining("postgresql.auth.password (or postgresql.auth.existingSecret) is required");

        Manifests manifests = Manifests.render(Map.of("postgresql.enabled", "true", "postgresql.auth.password", "s3cret"));
        assertThat(manifests.kinds()).contains("StatefulSet", "Secret");
        assertThat(manifests.secretKeyRef("worker", "SPRING_DATASOURCE_PASSWORD"))
                .containsEntry("name", "test-distillery-postgresql").containsEntry("key", "password");
    }

    @Test
    void aWorkerGracePeriodShorterThanTheShutdownGraceIsRefused() {
        assertThatThrownBy(() -> Manifests.render(Manifests.TEST_RESOURCES.resolve("values-short-grace.yaml")))
                .hasMessageContaining("worker.terminationGracePeriodSeconds (120) must exceed worker.shutdownGraceSeconds (300)");
    }
}
