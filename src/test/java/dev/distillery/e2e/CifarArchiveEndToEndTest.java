package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.distillery.training.data.ArchiveServer;
import dev.distillery.training.data.CifarArchives;
import dev.distillery.training.data.FileChecksums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue #13, item 1 over HTTP: a tiny CIFAR-100 archive in the published layout trains through a real run, a copy
 * with one byte flipped is refused naming the checksum, and the opt-in download of CIFAR-10 from a local server is
 * broken off once (that run FAILS with the reason, nothing is placed) and completes for the next run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "distillery.workers=1")
@ActiveProfiles("test")
class CifarArchiveEndToEndTest {

    private static final Path BASE =
            Path.of("target", "cifar-e2e-" + UUID.randomUUID()).toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String TRAINING = "{\"epochs\": 1, \"batchSize\": 32, \"learningRate\": 0.01}";
    private static ArchiveServer server;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void datasets(DynamicPropertyRegistry registry) throws IOException {
        Path cifar100 = CifarArchives.writeCifar100(BASE.resolve("c100/cifar-100-binary.tar.gz"), 256, 64);
        CifarArchives.corruptCopy(cifar100, BASE.resolve("roots/corrupt/cifar-100-binary.tar.gz"));
        Path cifar10 = CifarArchives.writeCifar10(BASE.resolve("served/cifar-10-binary.tar.gz"), 40, 50);
        server = new ArchiveServer("cifar-10-binary.tar.gz", Files.readAllBytes(cifar10), 1);
        registry.add("distillery.datasets.roots", () -> BASE.resolve("roots").toString());
        registry.add("distillery.datasets.cifar100", () -> BASE.resolve("c100/cifar-100-binary")
                .toString());
        registry.add("distillery.datasets.cifar100-md5", () -> md5(cifar100));
        registry.add("distillery.datasets.cifar10", () -> BASE.resolve("c10/cifar-10-batches-bin")
                .toString());
        registry.add("distillery.datasets.cifar10-md5", () -> md5(cifar10));
        registry.add("distillery.datasets.cifar10-url", () -> server.url("cifar-10-binary.tar.gz"));
        registry.add("distillery.datasets.download", () -> "true");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aTinyCifar100ArchiveTrainsAndACorruptedCopyIsRefusedNamingTheChecksum() throws Exception {
        ServiceClient service = new ServiceClient(port);
        String run = service.submit(spec("cifar100", null));
        DocumentContext done = service.awaitTerminal(run, PATIENCE);

        assertThat(done.read("$.status", String.class)).as(done.jsonString()).isEqualTo("SUCCEEDED");
        assertThat(service.json(run + "/metrics").read("$.epochs.length()", Integer.class))
                .isEqualTo(1);
        String sha256 = jdkDigest("SHA-256", BASE.resolve("c100/cifar-100-binary.tar.gz"));
        assertThat(done.read("$.spec.dataset.contentHash", String.class))
                .as("the run records the archive's SHA-256")
                .isEqualTo(sha256);
        HttpResponse<String> listed = service.get("/api/v1/datasets/cifar100", "application/json");
        assertThat(JsonPath.parse(listed.body()).read("$.contentHash", String.class))
                .isEqualTo(sha256);

        HttpResponse<String> refused = service.post("/api/v1/experiments", spec("cifar100", "corrupt"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JsonPath.parse(refused.body()).read("$.errors[0].field", String.class))
                .isEqualTo("dataset.path");
        assertThat(JsonPath.parse(refused.body()).read("$.errors[0].message", String.class))
                .as("names the copy's MD5 and the one expected, both computed here with the JDK's digest")
                .contains(
                        "checksum mismatch",
                        "MD5 " + jdkMd5(BASE.resolve("roots/corrupt/cifar-100-binary.tar.gz")),
                        jdkMd5(BASE.resolve("c100/cifar-100-binary.tar.gz")));
        assertThat(BASE.resolve("c100")).isDirectoryContaining(p -> p.endsWith("cifar-100-binary.tar.gz"));
    }

    @Test
    void theOptInDownloadBrokenOffOnceFailsThatRunAndCompletesForTheNext() throws Exception {
        ServiceClient service = new ServiceClient(port);
        String first = service.submit(spec("cifar10", null));
        DocumentContext failed = service.awaitTerminal(first, PATIENCE);

        assertThat(failed.read("$.status", String.class))
                .as(failed.jsonString())
                .isEqualTo("FAILED");
        assertThat(failed.read("$.error", String.class)).contains("download of cifar-10-binary.tar.gz", "failed");
        assertThat(BASE.resolve("c10/cifar-10-binary.tar.gz")).doesNotExist();
        assertThat(BASE.resolve("c10/cifar-10-binary.tar.gz.part")).doesNotExist();

        String second = service.submit(spec("cifar10", null));
        DocumentContext succeeded = service.awaitTerminal(second, PATIENCE);

        assertThat(succeeded.read("$.status", String.class))
                .as(succeeded.jsonString())
                .isEqualTo("SUCCEEDED");
        assertThat(server.requests()).isEqualTo(2);
        assertThat(BASE.resolve("c10/cifar-10-binary.tar.gz")).exists();
    }

    private static String spec(String dataset, String path) {
        String where = path == null ? "" : ", \"path\": \"" + path + "\"";
        return "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"" + dataset
                + "\"" + where + "}, \"training\": " + TRAINING + ", \"seed\": 3}";
    }

    private static String jdkMd5(Path file) throws Exception {
        return jdkDigest("MD5", file);
    }

    private static String jdkDigest(String algorithm, Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }

    private static String md5(Path file) {
        try {
            return FileChecksums.of(file).md5();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
