package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The paper's other two methods over HTTP on real Fashion-MNIST: a ce teacher, then ctkd and mlkd students, each
 * without and with logit standardization, to SUCCEEDED with their own loss terms and (ctkd) the learned temperature
 * recorded per epoch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class CurriculumAndMultiLevelEndToEndTest {

    private static final String DATASET = "{\"name\": \"fashion-mnist\", \"trainLimit\": 1000, \"testLimit\": 500}";
    private static final String TRAINING = "{\"epochs\": 2, \"learningRate\": 0.01}";
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @LocalServerPort
    int port;

    @Test
    @SuppressWarnings("unchecked")
    void ctkdAndMlkdWithAndWithoutStandardizationSucceedWithTheirTermsAndTheLearnedTemperature() throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed");
        ServiceClient service = new ServiceClient(port);
        String teacher = service.submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"lenet5\"}, "
                + "\"dataset\": " + DATASET + ", \"training\": " + TRAINING + ", \"seed\": 3}");
        String teacherId = teacher.substring(teacher.lastIndexOf('/') + 1);
        Map<String, String> students = new LinkedHashMap<>();
        for (String method : List.of("ctkd", "mlkd")) {
            for (boolean zscore : List.of(false, true)) {
                students.put(
                        method + " zscore " + zscore,
                        service.submit("{\"method\": \"" + method + "\", \"teacher\": {\"experimentId\": \""
                                + teacherId + "\"}, \"student\": {\"architecture\": \"mlp\"}, \"dataset\": " + DATASET
                                + ", \"zscore\": " + zscore + ", \"training\": " + TRAINING + ", \"seed\": 3}"));
            }
        }

        assertThat(service.awaitTerminal(teacher, PATIENCE).read("$.status", String.class))
                .isEqualTo("SUCCEEDED");
        for (Map.Entry<String, String> student : students.entrySet()) {
            DocumentContext finished = service.awaitTerminal(student.getValue(), PATIENCE);
            assertThat(finished.read("$.status", String.class))
                    .as(student.getKey() + ": " + finished.jsonString())
                    .isEqualTo("SUCCEEDED");
            List<Map<String, Object>> epochs =
                    service.json(student.getValue() + "/metrics").read("$.epochs");
            assertThat(epochs).as(student.getKey()).hasSize(2);
            boolean ctkd = student.getKey().startsWith("ctkd");
            List<Double> temperatures = new ArrayList<>();
            for (Map<String, Object> epoch : epochs) {
                Map<String, Object> terms = (Map<String, Object>) epoch.get("lossTerms");
                assertThat(terms.keySet())
                        .as(student.getKey())
                        .containsExactlyInAnyOrderElementsOf(
                                ctkd ? List.of("ce", "kd") : List.of("ce", "kd", "cc", "bc"));
                Map<String, Object> method = (Map<String, Object>) epoch.get("methodDiagnostics");
                if (ctkd) {
                    temperatures.add(((Number) method.get("temperature")).doubleValue());
                } else {
                    assertThat(method).isEmpty();
                }
            }
            if (ctkd) {
                // τ = tStart + tEnd·σ(T) stays within (1, 21) and moves as T is learned
                assertThat(temperatures).allSatisfy(t -> assertThat(t).isBetween(1.0, 21.0));
                assertThat(temperatures.get(0)).isNotEqualTo(temperatures.get(1));
            }
        }
    }
}
