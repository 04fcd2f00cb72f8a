package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.distillery.interop.CifarFixture;
import dev.distillery.interop.PyTorch;
import dev.distillery.training.InputShape;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The PyTorch loop over HTTP against Debian's PyTorch: a student trained by the service (a short real run on a small
 * CIFAR-10 directory) is downloaded as safetensors, loaded into mdistiller's class with {@code strict=True}, and
 * PyTorch's eval logits equal the service's predictions ({@code POST /api/v1/predictions}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class PyTorchInteropTest {

    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final InputShape CIFAR = new InputShape(3, 32, 32);

    @TempDir
    static Path directory;

    static Path cifar;

    @LocalServerPort
    int port;

    private ServiceClient service;

    @BeforeAll
    static void data() throws Exception {
        cifar = CifarFixture.write(directory.resolve("cifar10"), 40, 100);
    }

    @BeforeEach
    void client() {
        PyTorch.assumeAvailable();
        service = new ServiceClient(port);
    }

    @Test
    void aStudentTrainedHereLoadsStrictlyInPyTorchAndGivesTheServicesLogits() throws Exception {
        String student = service.submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"resnet8x4\"}, "
                + "\"dataset\": {\"name\": \"cifar10\", \"path\": \"" + cifar + "\"}, "
                + "\"training\": {\"epochs\": 1, \"batchSize\": 50}, \"seed\": 3}");
        assertThat(service.awaitTerminal(student, PATIENCE).read("$.status", String.class))
                .isEqualTo("SUCCEEDED");
        HttpResponse<byte[]> exported = service.download(student + "/checkpoints/best?format=safetensors");
        assertThat(exported.statusCode()).isEqualTo(200);
        Path file = directory.resolve("student.safetensors");
        Files.write(file, exported.body());
        float[][] inputs = PyTorch.randomInputs(32, CIFAR.size(), 17);
        PyTorch.writeFloats(directory.resolve("inputs.bin"), inputs);

        PyTorch.run(
                "eval",
                "resnet8x4",
                "10",
                "3",
                "32",
                "32",
                file.toString(),
                directory.resolve("inputs.bin").toString(),
                directory.resolve("torch.bin").toString());

        float[][] torch = PyTorch.readFloats(directory.resolve("torch.bin"), 10);
        float[][] served = serviceLogits(student, inputs);
        double difference = PyTorch.maxAbsDifference(served, torch);
        System.out.printf("student export: max |Δlogit| %.3g%n", difference);
        assertThat(difference).isLessThanOrEqualTo(1e-4);
    }

    private float[][] serviceLogits(String student, float[][] inputs) {
        String id = student.substring(student.lastIndexOf('/') + 1);
        return predictions("{\"experimentId\": \"" + id + "\", \"checkpoint\": \"best\"}", inputs, 10);
    }

    /** POST /api/v1/predictions; checks the top-5 against the logits and returns the logits. */
    private float[][] predictions(String model, float[][] inputs, int classes) {
        HttpResponse<String> answer =
                service.post("/api/v1/predictions", "{\"model\": " + model + ", \"inputs\": " + json(inputs) + "}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        DocumentContext body = JsonPath.parse(answer.body());
        List<List<Number>> logits = body.read("$.logits");
        List<List<Integer>> top5 = body.read("$.top5");
        assertThat(body.read("$.classes", Integer.class)).isEqualTo(classes);
        float[][] rows = new float[logits.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[classes];
            for (int j = 0; j < classes; j++) {
                rows[i][j] = logits.get(i).get(j).floatValue();
            }
            float[] row = rows[i];
            assertThat(top5.get(i)).hasSize(Math.min(5, classes));
            assertThat(row[top5.get(i).get(0)]).isEqualTo(max(row));
        }
        return rows;
    }

    private static float max(float[] row) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : row) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static String json(float[][] rows) {
        return Arrays.stream(rows)
                .map(row -> {
                    StringJoiner joined = new StringJoiner(",", "[", "]");
                    for (float value : row) {
                        joined.add(Float.toString(value));
                    }
                    return joined.toString();
                })
                .collect(Collectors.joining(",", "[", "]"));
    }
}
