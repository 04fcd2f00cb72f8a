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
import java.util.Map;
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
// the test's CIFAR files lie in a JUnit temporary directory, which must be under a dataset root (issue #13)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"distillery.workers=1", "distillery.datasets.roots=${java.io.tmpdir}"})
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

    /**
     * A resnet8x4 trained by PyTorch (a few steps on the same CIFAR-10 directory), imported as safetensors and as
     * TorchScript: the service's predictions on 32 fixed inputs equal PyTorch's eval logits; each drives a kd run
     * with zscore over HTTP to SUCCEEDED, recording the teacher's test top-1 and top-5 that PyTorch counts on the same
     * test images (within one sample), and the model cannot be deleted while that run has not ended.
     */
    @Test
    void aPyTorchTeacherImportedAsSafetensorsOrTorchScriptPredictsAndTeachesLikePyTorch() throws Exception {
        Path trained = Files.createDirectories(directory.resolve("teacher"));
        PyTorch.run("train", "resnet8x4", "10", "3", "32", "32", "20", "7", trained.toString(), cifar.toString());
        float[][] inputs = PyTorch.readFloats(trained.resolve("inputs.bin"), CIFAR.size());
        float[][] torch = PyTorch.readFloats(trained.resolve("logits.bin"), 10);

        String stateDict = imported(
                Map.of("format", "safetensors", "architecture", "resnet8x4", "dataset", "cifar10"),
                trained.resolve("model.safetensors"));
        String module = imported(Map.of("format", "torchscript", "dataset", "cifar10"), trained.resolve("model.pt"));

        double safetensors = PyTorch.maxAbsDifference(predictions(model(stateDict), inputs, 10), torch);
        double torchScript = PyTorch.maxAbsDifference(predictions(model(module), inputs, 10), torch);
        System.out.printf(
                "imported teacher: max |Δlogit| safetensors %.3g, TorchScript %.3g%n", safetensors, torchScript);
        assertThat(inputs).hasNumberOfRows(32);
        assertThat(safetensors).isLessThanOrEqualTo(1e-4);
        assertThat(torchScript).isLessThanOrEqualTo(1e-4);

        Path accuracy = trained.resolve("accuracy.json");
        PyTorch.run(
                "accuracy",
                trained.resolve("model.safetensors").toString(),
                "resnet8x4",
                "10",
                cifar.toString(),
                accuracy.toString());
        DocumentContext counts = JsonPath.parse(Files.readString(accuracy));
        int samples = counts.read("$.samples", Integer.class);
        int torchTop1 = counts.read("$.top1", Integer.class);
        int torchTop5 = counts.read("$.top5", Integer.class);
        assertThat(samples).isEqualTo(100);
        for (String teacher : List.of(stateDict, module)) {
            String student = service.submit("{\"method\": \"kd\", \"zscore\": true, "
                    + "\"teacher\": {\"modelId\": \"" + teacher + "\"}, \"student\": {\"architecture\": \"mlp\"}, "
                    + "\"dataset\": {\"name\": \"cifar10\", \"path\": \"" + cifar + "\"}, "
                    + "\"training\": {\"epochs\": 2, \"batchSize\": 50, \"learningRate\": 0.01}, \"seed\": 4}");
            assertThat(service.delete("/api/v1/models/" + teacher).statusCode())
                    .as("a model in use is kept")
                    .isEqualTo(409);
            DocumentContext done = service.awaitTerminal(student, PATIENCE);
            assertThat(done.read("$.status", String.class))
                    .as(done.jsonString())
                    .isEqualTo("SUCCEEDED");
            assertThat(done.read("$.spec.teacher.modelId", String.class)).isEqualTo(teacher);
            double top1 = done.read("$.teacher.testTop1", Double.class);
            double top5 = done.read("$.teacher.testTop5", Double.class);
            System.out.printf(
                    "imported teacher's recorded test top-1 %.4f, top-5 %.4f; PyTorch %d/%d, %d/%d%n",
                    top1, top5, torchTop1, samples, torchTop5, samples);
            assertThat(Math.abs(top1 * samples - torchTop1))
                    .as("top-1 within one sample")
                    .isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(top5 * samples - torchTop5))
                    .as("top-5 within one sample")
                    .isLessThanOrEqualTo(1.0);
        }
        assertThat(service.delete("/api/v1/models/" + module).statusCode()).isEqualTo(204);
        assertThat(service.get("/api/v1/models/" + module, "application/json").statusCode())
                .isEqualTo(404);
    }

    private String imported(Map<String, String> fields, Path file) throws Exception {
        HttpResponse<String> created =
                service.upload("/api/v1/models", fields, file.getFileName().toString(), Files.readAllBytes(file));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JsonPath.<String>read(created.body(), "$.sha256")).isEqualTo(sha256(Files.readAllBytes(file)));
        String id = JsonPath.read(created.body(), "$.id");
        assertThat(service.download("/api/v1/models/" + id + "/file").body()).isEqualTo(Files.readAllBytes(file));
        return id;
    }

    private static String model(String id) {
        return "{\"modelId\": \"" + id + "\"}";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
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
