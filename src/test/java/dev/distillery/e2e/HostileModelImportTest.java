package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.interop.PyTorch;
import dev.distillery.interop.SafetensorsBytes;
import dev.distillery.models.ModelProperties;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Hostile model imports over HTTP: each is a 4xx whose message names the problem, and leaves no file in the model
 * directory and no model in the registry. An honest lenet5 state dict built by hand is the control.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"distillery.workers=1", "distillery.models.max-file-bytes=" + HostileModelImportTest.LIMIT})
@ActiveProfiles("test")
class HostileModelImportTest {

    /** Above the largest honest file here (a resnet8x4 module, about 5 MB). */
    static final long LIMIT = 8_000_000;

    private static final Map<String, String> LENET5 =
            Map.of("format", "safetensors", "architecture", "lenet5", "dataset", "synthetic");

    @LocalServerPort
    int port;

    /** The directory the registry writes to (not {@code @Value}: the test data-dir's random.uuid differs per read). */
    Path models;

    @TempDir
    Path directory;

    private ServiceClient service;

    @Autowired
    ModelProperties properties;

    @Autowired
    ServletContext servlet;

    @BeforeEach
    void client() {
        service = new ServiceClient(port);
        models = Path.of(properties.dir()).toAbsolutePath().normalize();
    }

    @Test
    void anHonestStateDictIsImportedAndCanBeDeleted() throws Exception {
        HttpResponse<String> created = upload(LENET5, SafetensorsBytes.of(SafetensorsBytes.LENET5_28));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        assertThat(service.json("/api/v1/models/" + id).read("$.inputShape.height", Integer.class))
                .isEqualTo(28);
        assertThat(models.resolve(id).resolve("model.safetensors"))
                .as("the directory the refusals are checked in is the registry's")
                .exists();
        assertThat(service.delete("/api/v1/models/" + id).statusCode()).isEqualTo(204);
        assertThat(Files.exists(models.resolve(id))).isFalse();
    }

    @Test
    void aModelWhoseFileChangedOnDiskIsNeverUsed() throws Exception {
        HttpResponse<String> created = upload(LENET5, SafetensorsBytes.of(SafetensorsBytes.LENET5_28));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");
        Files.write(models.resolve(id).resolve("parameters.params"), new byte[] {1}, StandardOpenOption.APPEND);

        String student = service.submit("{\"method\": \"kd\", \"teacher\": {\"modelId\": \"" + id + "\"}, "
                + "\"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"synthetic\"}, "
                + "\"training\": {\"epochs\": 1}, \"seed\": 2}");
        var ended = service.awaitTerminal(student, Duration.ofMinutes(2));
        HttpResponse<String> prediction =
                service.post("/api/v1/predictions", "{\"model\": {\"modelId\": \"" + id + "\"}, \"inputs\": [[0]]}");

        assertThat(ended.read("$.status", String.class)).isEqualTo("FAILED");
        assertThat(ended.read("$.error", String.class)).contains("corrupt").contains("SHA-256");
        assertThat(prediction.statusCode()).isEqualTo(404);
        assertThat(prediction.body()).contains("corrupt");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        byte[] honest = SafetensorsBytes.of(SafetensorsBytes.LENET5_28);

        refused(LENET5, Arrays.copyOf(honest, honest.length - 100), 400, "truncated");
        refused(LENET5, Arrays.copyOf(honest, 5), 400, "fewer than the 8-byte header length");
    }

    @Test
    void aHeaderThatLiesAboutOffsetsIsRefused() throws Exception {
        Map<String, long[]> tensors = SafetensorsBytes.LENET5_28;
        byte[] data = SafetensorsBytes.data(tensors);

        refused(
                LENET5,
                SafetensorsBytes.withHeader(lying(tensors, "conv1.bias", new long[] {6}, 0, 24), data),
                400,
                "overlap");
        refused(
                LENET5,
                SafetensorsBytes.withHeader(lying(tensors, "conv1.bias", new long[] {6}, 600, 628), data),
                400,
                "conv1.bias");
        long[] last = SafetensorsBytes.range(tensors, "fc3.bias");
        refused(
                LENET5,
                SafetensorsBytes.withHeader(
                        lying(tensors, "fc3.bias", new long[] {2_500_000}, last[0], last[0] + 10_000_000), data),
                400,
                "truncated");
    }

    @Test
    void duplicateTensorNamesAreRefused() throws Exception {
        Map<String, long[]> tensors = SafetensorsBytes.LENET5_28;
        String header = SafetensorsBytes.header(tensors);
        long[] last = SafetensorsBytes.range(tensors, "fc3.bias");
        String duplicated = header.substring(0, header.length() - 1) + ","
                + SafetensorsBytes.entry("fc3.bias", "F32", new long[] {10}, last[0], last[1]) + "}";

        refused(LENET5, SafetensorsBytes.withHeader(duplicated, SafetensorsBytes.data(tensors)), 400, "duplicate");
    }

    /** The honest header with {@code name}'s entry replaced by the given one. */
    private static String lying(Map<String, long[]> tensors, String name, long[] shape, long begin, long end) {
        long[] range = SafetensorsBytes.range(tensors, name);
        String honest = SafetensorsBytes.header(tensors);
        String lie = honest.replace(
                SafetensorsBytes.entry(name, "F32", tensors.get(name), range[0], range[1]),
                SafetensorsBytes.entry(name, "F32", shape, begin, end));
        assertThat(lie).isNotEqualTo(honest);
        return lie;
    }

    @Test
    void aTwoGigabyteDeclaredHeaderLengthIsRefusedWithoutReadingIt() throws Exception {
        byte[] file = SafetensorsBytes.of(SafetensorsBytes.LENET5_28);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 2L * 1024 * 1024 * 1024);

        refused(LENET5, file, 400, "declares 2147483648 bytes");
    }

    @Test
    void missingUnexpectedAndMisShapedTensorsAreAllListed() throws Exception {
        Map<String, long[]> tensors = new LinkedHashMap<>(SafetensorsBytes.LENET5_28);
        tensors.remove("fc3.bias");
        tensors.put("fc4.weight", new long[] {10, 10});
        tensors.put("fc1.weight", new long[] {120, 401});

        HttpResponse<String> answer = refused(LENET5, SafetensorsBytes.of(tensors), 400, "missing tensors: fc3.bias");
        assertThat(answer.body())
                .contains("unexpected tensors: fc4.weight")
                .contains("mis-shaped tensors: fc1.weight (F32 [120, 401], expected F32 [120, 400])");
    }

    @Test
    void aDeclarationThatDoesNotFitIsRefusedBeforeTheFileIsKept() throws Exception {
        byte[] honest = SafetensorsBytes.of(SafetensorsBytes.LENET5_28);

        refused(Map.of("format", "onnx", "dataset", "synthetic"), honest, 400, "format");
        refused(
                Map.of("format", "safetensors", "architecture", "alexnet", "dataset", "synthetic"),
                honest,
                400,
                "architecture");
        refused(
                Map.of("format", "safetensors", "architecture", "lenet5", "inputShape", "1x28"),
                honest,
                400,
                "inputShape");
        refused(
                Map.of("format", "safetensors", "architecture", "lenet5", "dataset", "synthetic", "classes", "7"),
                honest,
                400,
                "classes");
    }

    @Test
    void aPicklePthGivenAsSafetensorsIsRefusedWithHowToConvertIt() throws Exception {
        PyTorch.assumeAvailable();
        Path pth = directory.resolve("resnet8x4.pth");
        PyTorch.run("pickle", "resnet8x4", "10", pth.toString());

        HttpResponse<String> answer = refused(
                Map.of("format", "safetensors", "architecture", "resnet8x4", "dataset", "cifar10"),
                Files.readAllBytes(pth),
                400,
                "PyTorch pickle");
        assertThat(answer.body()).contains("save_file").contains("torch.load");
    }

    @Test
    void aTorchScriptModuleWithTheWrongOutputWidthIsRefused() throws Exception {
        PyTorch.assumeAvailable();
        Path module = directory.resolve("wide.pt");
        PyTorch.run("wrongwidth", "resnet8x4", "10", module.toString());

        refused(
                Map.of("format", "torchscript", "dataset", "cifar10"),
                Files.readAllBytes(module),
                400,
                "gives 11 outputs per input, the model declares 10 classes");
        refused(
                Map.of("format", "torchscript", "dataset", "cifar10"),
                "not a module".getBytes(),
                400,
                "not a TorchScript module");
    }

    @Test
    void aFileOverTheLimitIsA413WhileItStreamsAndLeavesNoPartBehind() throws Exception {
        Path parts = ((java.io.File) servlet.getAttribute(ServletContext.TEMPDIR)).toPath();
        byte[] big = new byte[(int) LIMIT + 1_000_000];

        HttpResponse<String> answer = refused(LENET5, big, 413, String.valueOf(LIMIT));

        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        try (Stream<Path> left = Files.list(parts)) {
            assertThat(left.map(Path::getFileName).map(Path::toString).filter(name -> name.startsWith("upload_")))
                    .as("multipart parts left in " + parts)
                    .isEmpty();
        }
    }

    /** Uploads, expects the status and message, and checks that nothing was kept on disk or in the registry. */
    private HttpResponse<String> refused(Map<String, String> fields, byte[] file, int status, String message)
            throws IOException {
        List<String> filesBefore = files();
        int modelsBefore = service.json("/api/v1/models").read("$.length()", Integer.class);

        HttpResponse<String> answer = upload(fields, file);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains(message);
        assertThat(files()).as("files under the model directory").isEqualTo(filesBefore);
        assertThat(Files.isDirectory(models))
                .as("the registry's directory, so the check above means something")
                .isTrue();
        assertThat(service.json("/api/v1/models").read("$.length()", Integer.class))
                .isEqualTo(modelsBefore);
        return answer;
    }

    private HttpResponse<String> upload(Map<String, String> fields, byte[] file) {
        return service.upload("/api/v1/models", fields, "model.safetensors", file);
    }

    private List<String> files() throws IOException {
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(models)) {
            return all.map(Path::toString).sorted().toList();
        }
    }
}
