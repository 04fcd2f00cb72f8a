package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two workers in one service train two experiments at the same time (PyTorch allows one
 * GradientCollector per JVM; the engine's per-thread autograd must not), both with falling losses;
 * one of them trains its teacher first, recorded as phase "teacher".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=2")
@ActiveProfiles("test")
class ConcurrentTrainingTest {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    @LocalServerPort
    int port;

    @Test
    void twoExperimentsTrainAtOnceWithFallingLosses() throws Exception {
        ServiceClient service = new ServiceClient(port);
        String ce = service.submit(
                """
                {"method": "ce", "student": {"architecture": "lenet5"},
                 "dataset": {"name": "synthetic", "trainLimit": 1500, "testLimit": 300},
                 "training": {"epochs": 4, "learningRate": 0.01}, "seed": 1}""");
        String kd = service.submit(
                """
                {"method": "kd", "teacher": {"architecture": "lenet5", "training": {"epochs": 2}},
                 "student": {"architecture": "mlp"}, "zscore": true,
                 "dataset": {"name": "synthetic", "trainLimit": 1500, "testLimit": 300},
                 "training": {"epochs": 3, "learningRate": 0.01}, "seed": 2}""");

        DocumentContext first = service.awaitTerminal(ce, PATIENCE);
        DocumentContext second = service.awaitTerminal(kd, PATIENCE);
        assertThat(first.read("$.status", String.class)).as(first.jsonString()).isEqualTo("SUCCEEDED");
        assertThat(second.read("$.status", String.class))
                .as(second.jsonString())
                .isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(first.read("$.startedAt"))).isBefore(Instant.parse(second.read("$.finishedAt")));
        assertThat(Instant.parse(second.read("$.startedAt"))).isBefore(Instant.parse(first.read("$.finishedAt")));

        assertFalling(service.json(ce + "/metrics").read("$.epochs[?(@.phase == 'student')].trainLoss"));
        assertFalling(service.json(kd + "/metrics").read("$.epochs[?(@.phase == 'student')].trainLoss"));
        List<Map<String, Object>> teacherEpochs =
                service.json(kd + "/metrics").read("$.epochs[?(@.phase == 'teacher')]");
        assertThat(teacherEpochs).extracting(epoch -> epoch.get("epoch")).containsExactly(1, 2);
        assertThat(second.read("$.spec.teacher.training.epochs", Integer.class)).isEqualTo(2);
        assertThat(second.read("$.spec.teacher.training.learningRate", Double.class))
                .isEqualTo(0.01);
    }

    private static void assertFalling(List<Number> losses) {
        assertThat(losses).hasSizeGreaterThan(1);
        assertThat(losses.get(losses.size() - 1).doubleValue())
                .isLessThan(losses.get(0).doubleValue());
    }
}
