package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The paper's workflow over HTTP on real Fashion-MNIST: a ce teacher, then kd students without and
 * with logit standardization reusing it. Submitted before the teacher finishes, they WAIT, then run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class DistillationEndToEndTest {

    private static final String DATASET = "{\"name\": \"fashion-mnist\", \"trainLimit\": 2000, \"testLimit\": 1000}";
    private static final String TRAINING = "{\"epochs\": 2, \"learningRate\": 0.01}";
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @LocalServerPort
    int port;

    private ServiceClient service;

    @BeforeEach
    void client() {
        service = new ServiceClient(port);
    }

    @Test
    void studentsDistilledFromATeacherExperimentWaitForItThenSucceedWithDiagnostics() throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed");
        String teacher = service.submit("{\"name\": \"teacher\", \"method\": \"ce\", \"student\": {\"architecture\": "
                + "\"lenet5\"}, \"dataset\": " + DATASET + ", \"training\": " + TRAINING + ", \"seed\": 5}");
        String teacherId = teacher.substring(teacher.lastIndexOf('/') + 1);
        List<String> students = List.of(false, true).stream()
                .map(zscore -> service.submit("{\"method\": \"kd\", "
                        + "\"teacher\": {\"experimentId\": \"" + teacherId
                        + "\"}, \"student\": {\"architecture\": \"mlp\"}, "
                        + "\"dataset\": " + DATASET + ", \"zscore\": " + zscore + ", \"training\": " + TRAINING
                        + ", \"seed\": 5}"))
                .toList();
        for (String student : students) {
            assertThat(service.json(student).read("$.status", String.class)).isIn("WAITING", "QUEUED");
        }
        assertThat(service.json(students.get(0)).read("$.status", String.class)).isEqualTo("WAITING");

        assertThat(service.awaitTerminal(teacher, PATIENCE).read("$.status", String.class))
                .isEqualTo("SUCCEEDED");
        for (String student : students) {
            DocumentContext finished = service.awaitTerminal(student, PATIENCE);
            assertThat(finished.read("$.status", String.class))
                    .as(finished.jsonString())
                    .isEqualTo("SUCCEEDED");
            List<Map<String, Object>> epochs =
                    service.json(student + "/metrics").read("$.epochs");
            assertThat(epochs).hasSize(2).allSatisfy(DistillationEndToEndTest::hasEveryDiagnostic);
        }
        double teacherBest = service.json(teacher).read("$.best.testTop1", Double.class);
        for (String student : students) {
            assertThat(service.json(student).read("$.teacher.testTop1", Double.class))
                    .as("the teacher's own accuracy, measured before the student's first epoch")
                    .isEqualTo(teacherBest);
        }
        assertThat(service.json(teacher).read("$.teacher", Object.class))
                .as("ce has no teacher")
                .isNull();
        String zscoreKd = students.get(1);
        assertThat(service.json(zscoreKd).read("$.spec.temperature", Double.class))
                .isEqualTo(2.0);
    }

    @SuppressWarnings("unchecked")
    private static void hasEveryDiagnostic(Map<String, Object> epoch) {
        assertThat(epoch.get("phase")).isEqualTo("student");
        assertThat((Map<String, Object>) epoch.get("lossTerms")).containsKeys("ce", "kd");
        Map<String, Object> diagnostics = (Map<String, Object>) epoch.get("diagnostics");
        assertThat(diagnostics).isNotNull();
        for (String key : List.of(
                "teacherAgreement",
                "kl",
                "standardizedKl",
                "studentLogitMean",
                "studentLogitStd",
                "teacherLogitMean",
                "teacherLogitStd")) {
            assertThat(diagnostics.get(key)).as(key).isInstanceOf(Number.class);
        }
        assertThat(((Number) diagnostics.get("teacherAgreement")).doubleValue()).isBetween(0.0, 1.0);
        assertThat(((Number) diagnostics.get("kl")).doubleValue()).isGreaterThanOrEqualTo(0.0);
    }
}
