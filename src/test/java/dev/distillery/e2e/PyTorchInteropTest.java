package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.interop.CifarFixture;
import dev.distillery.interop.PyTorch;
import dev.distillery.training.InputShape;
import dev.distillery.training.ModelInterop;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The PyTorch loop over HTTP against Debian's PyTorch: a student trained by the service (a short real run on a small
 * CIFAR-10 directory) is downloaded as safetensors, loaded into mdistiller's class with {@code strict=True}, and
 * PyTorch's eval logits equal the service's.
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

    @Autowired
    ModelInterop interop;

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

    private float[][] serviceLogits(String student, float[][] inputs) throws Exception {
        Path djl = directory.resolve("student.params");
        Files.write(djl, service.download(student + "/checkpoints/best").body());
        return interop.logits(new ModelInterop.ModelShape("resnet8x4", CIFAR, 10), djl, inputs);
    }
}
