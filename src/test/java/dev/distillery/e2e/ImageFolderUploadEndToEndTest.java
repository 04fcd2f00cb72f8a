package dev.distillery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.distillery.datasets.DatasetUploads;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.data.ImageDecoder;
import dev.distillery.training.data.ImageFolders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue #13 acceptance: an image folder of generated PNG and JPEG shapes uploaded as a zip over HTTP trains a ce
 * teacher and a kd student with zscore to SUCCEEDED, well above chance, without decoding again; hostile archives
 * answer 4xx and leave nothing behind.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "distillery.workers=1",
            "distillery.datasets.upload.max-bytes=33554432",
            "distillery.datasets.upload.max-unpacked-bytes=134217728",
            "distillery.datasets.upload.max-entries=50000"
        })
@ActiveProfiles("test")
class ImageFolderUploadEndToEndTest {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String TRAINING = "{\"epochs\": 6, \"batchSize\": 32, \"learningRate\": 0.02}";
    /** CIFAR-style crop (padding scaled to the image size) and flip. */
    private static final String AUGMENTED =
            "{\"epochs\": 6, \"batchSize\": 32, \"learningRate\": 0.02, \"augment\": true}";

    @LocalServerPort
    int port;

    @Autowired
    DatasetUploads uploads;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatasetCatalog catalog;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUploadedImageFolderTrainsATeacherAndAZscoreStudentWellAboveChance(@TempDir Path dir) throws Exception {
        ServiceClient service = new ServiceClient(port);
        String name = "shapes-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] zip = HostileArchives.zipOf(ImageFolders.write(dir.resolve("shapes"), 80, 20, 40, 7), "shapes");
        long decodes = ImageDecoder.decodes();

        HttpResponse<String> uploaded = upload(name, zip);

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        DocumentContext view = JsonPath.parse(uploaded.body());
        assertThat(view.read("$.kind", String.class)).isEqualTo("uploaded");
        assertThat(view.read("$.classNames", List.class)).isEqualTo(ImageFolders.CLASSES);
        assertThat(view.read("$.trainSize", Integer.class)).isEqualTo(240);
        assertThat(view.read("$.testSize", Integer.class)).isEqualTo(60);
        assertThat(view.read("$.inputShape.height", Integer.class)).isEqualTo(32);
        assertThat(view.read("$.normalization.mean.length()", Integer.class)).isEqualTo(3);
        assertThat(ImageDecoder.decodes() - decodes)
                .as("decoded once, at upload")
                .isEqualTo(300);

        String teacher = service.submit("{\"method\": \"ce\", \"student\": {\"architecture\": \"lenet5\"}, "
                + "\"dataset\": {\"name\": \"" + name + "\"}, \"training\": " + TRAINING + ", \"seed\": 1}");
        DocumentContext taught = service.awaitTerminal(teacher, PATIENCE);
        assertThat(taught.read("$.status", String.class))
                .as(taught.jsonString())
                .isEqualTo("SUCCEEDED");
        String teacherId = teacher.substring(teacher.lastIndexOf('/') + 1);
        String student = service.submit("{\"method\": \"kd\", \"zscore\": true, \"teacher\": {\"experimentId\": \""
                + teacherId + "\"}, \"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"" + name
                + "\"}, \"training\": " + AUGMENTED + ", \"seed\": 1}");
        DocumentContext distilled = service.awaitTerminal(student, PATIENCE);

        assertThat(distilled.read("$.status", String.class))
                .as(distilled.jsonString())
                .isEqualTo("SUCCEEDED");
        assertThat(taught.read("$.best.testTop1", Double.class))
                .as("chance is 1/3")
                .isGreaterThan(0.7);
        assertThat(distilled.read("$.best.testTop1", Double.class))
                .as("chance is 1/3")
                .isGreaterThan(0.6);
        assertThat(distilled.read("$.spec.dataset.contentHash", String.class))
                .isEqualTo(view.read("$.contentHash", String.class));
        assertThat(ImageDecoder.decodes() - decodes)
                .as("the runs read the cache")
                .isEqualTo(300);
    }

    @Test
    void hostileArchivesAnswer4xxAndLeaveNothingBehind(@TempDir Path dir) throws Exception {
        Path folder = ImageFolders.write(dir.resolve("ok"), 2, 1, 16, 3);
        Path nonImage = ImageFolders.write(dir.resolve("text"), 2, 1, 16, 4);
        Files.writeString(nonImage.resolve("train/circle/readme.txt"), "not an image");
        Path mismatched = ImageFolders.write(dir.resolve("mismatch"), 2, 1, 16, 5);
        deleteTree(mismatched.resolve("test/triangle"));
        byte[] garbage = new byte[33 * 1024 * 1024 + 1];
        new Random(1).nextBytes(garbage);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("dot-dot", HostileArchives.zip(Map.of("train/circle/../../../evil.png", new byte[] {1})));
        cases.put("absolute", HostileArchives.zip(Map.of("/tmp/evil-" + UUID.randomUUID() + ".png", new byte[] {1})));
        cases.put("zip-symlink", HostileArchives.zipWithSymlink("train/circle/link.png", "/etc/passwd"));
        cases.put("tar-symlink", HostileArchives.tarWithSymlink("train/circle/link.png", "../../../../etc/passwd"));
        cases.put("zip-bomb", HostileArchives.zipBomb(1L << 30));
        cases.put("many-entries", HostileArchives.manyEmptyEntries(100_000));
        cases.put("non-image", HostileArchives.zipOf(nonImage, "text"));
        cases.put("mismatched-classes", HostileArchives.zipOf(mismatched, "m"));
        cases.put("not-an-archive", "just text".getBytes());
        cases.put("too-large", garbage);
        Map<String, String> expected = Map.of(
                "dot-dot", "'..'",
                "absolute", "absolute",
                "zip-symlink", "link",
                "tar-symlink", "link",
                "zip-bomb", "max-unpacked-bytes",
                "many-entries", "max-entries",
                "non-image", "readme.txt",
                "mismatched-classes", "triangle (train only)",
                "not-an-archive", ".zip or .tar.gz",
                "too-large", "max-bytes");
        List<String> before = HostileArchives.names(uploads.directory());
        Path cache = catalog.cacheDirectory();
        List<String> cachedBefore = HostileArchives.names(cache);

        for (Map.Entry<String, byte[]> hostile : cases.entrySet()) {
            String name = "hostile-" + hostile.getKey();
            HttpResponse<String> answer = upload(name, hostile.getValue());

            assertThat(answer.statusCode())
                    .as(hostile.getKey() + ": " + answer.body())
                    .isBetween(400, 499);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(answer.body()).as(hostile.getKey()).contains(expected.get(hostile.getKey()));
            assertThat(HostileArchives.names(uploads.directory()))
                    .as(hostile.getKey() + " leaves nothing behind")
                    .isEqualTo(before);
            assertThat(HostileArchives.names(cache))
                    .as(hostile.getKey() + " caches nothing")
                    .isEqualTo(cachedBefore);
            assertThat(jdbc.sql("select count(*) from registered_datasets where name = ?")
                            .param(name)
                            .query(Long.class)
                            .single())
                    .as(hostile.getKey() + " registers nothing")
                    .isZero();
            assertThat(new ServiceClient(port)
                            .get("/api/v1/datasets/" + name, "application/json")
                            .statusCode())
                    .isEqualTo(404);
        }
        assertThat(Path.of("/tmp"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("evil-"));
        assertThat(upload("fine", HostileArchives.zipOf(folder, "ok")).statusCode())
                .isEqualTo(201);
        assertThat(HostileArchives.names(cache))
                .as("the directory watched above is where decoded folders are cached")
                .hasSize(cachedBefore.size() + 1);
        assertThat(jdbc.sql("select count(*) from registered_datasets where name = 'fine'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private HttpResponse<String> upload(String name, byte[] archive) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/api/v1/datasets/" + name + "/archive?imageSize=32"))
                        .header("Content-Type", "application/zip")
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(archive))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteTree(Path path) throws IOException {
        try (var files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
