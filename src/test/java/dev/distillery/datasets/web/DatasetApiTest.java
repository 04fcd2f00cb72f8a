package dev.distillery.datasets.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.training.data.DataFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Issue #13, item 3: GET lists datasets with their state; admins register and unregister; specs record hashes. */
@ApiTest
class DatasetApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void everyBuiltInDatasetIsListedPresentOrMissingWithWhy() throws Exception {
        mvc.perform(get("/api/v1/datasets"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].present").value(hasItem(true)))
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].kind").value(hasItem("built-in")))
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].classNames[9]").value(hasItem("triangle")))
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].trainSize").value(hasItem(6000)))
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].inputShape.channels")
                        .value(hasItem(1)))
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].normalization.mean.length()")
                        .value(hasItem(1)))
                .andExpect(jsonPath("$[?(@.name == 'synthetic')].contentHash")
                        .value(hasItem(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))))
                .andExpect(jsonPath("$[?(@.name == 'cifar10')].present").value(hasItem(false)))
                .andExpect(jsonPath("$[?(@.name == 'cifar10')].problem")
                        .value(hasItem(containsString("no cifar-10-binary.tar.gz is there"))))
                .andExpect(jsonPath("$[?(@.name == 'cifar10')].classNames[0]").value(hasItem("airplane")));
    }

    @Test
    void anAdminRegistersAPathExperimentsRecordItsHashAndItCannotGoWhileUsed() throws Exception {
        String name = "digits-" + UUID.randomUUID().toString().substring(0, 8);
        Path first = Files.createDirectories(Path.of("target", "registered-" + UUID.randomUUID()))
                .toAbsolutePath();
        DataFixtures.writeIdxDataset(first, 20, 8, true);

        String registered = mvc.perform(post("/api/v1/datasets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(registration(name, "idx", first.toString())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("registered"))
                .andExpect(jsonPath("$.present").value(true))
                .andExpect(jsonPath("$.trainSize").value(20))
                .andExpect(jsonPath("$.testSize").value(8))
                .andExpect(jsonPath("$.classes").value(10))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String firstHash = JsonPath.read(registered, "$.contentHash");
        assertThat(firstHash).isEqualTo(treeHash(first));
        mvc.perform(get("/api/v1/datasets"))
                .andExpect(jsonPath("$[?(@.name == '" + name + "')].present").value(hasItem(true)));
        mvc.perform(get("/api/v1/catalog"))
                .andExpect(
                        jsonPath("$.datasets[?(@.name == '" + name + "')].name").value(hasItem(name)));

        String one = submit(name);
        mvc.perform(get("/api/v1/experiments/" + one))
                .andExpect(jsonPath("$.spec.dataset.contentHash").value(firstHash));
        mvc.perform(delete("/api/v1/datasets/" + name))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("1 experiment(s)")));
        mvc.perform(post("/api/v1/experiments/" + one + "/cancel")).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/datasets/" + name)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/datasets/" + name)).andExpect(status().isNotFound());

        Path second = Files.createDirectories(Path.of("target", "registered-" + UUID.randomUUID()))
                .toAbsolutePath();
        DataFixtures.writeIdxDataset(second, 24, 8, true);
        String secondHash = treeHash(second);
        mvc.perform(post("/api/v1/datasets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(registration(name, "idx", second.toString())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentHash").value(secondHash));
        String two = submit(name);
        mvc.perform(get("/api/v1/experiments/" + two))
                .andExpect(jsonPath("$.spec.dataset.contentHash").value(secondHash));

        String comparison = mvc.perform(get("/api/v1/comparisons").param("ids", one + "," + two))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> hashes = JsonPath.read(comparison, "$.specDiff['dataset.contentHash']");
        assertThat(secondHash).isNotEqualTo(firstHash);
        assertThat(hashes)
                .as("the runs' hashes in the order the ids were given")
                .containsExactly(firstHash, secondHash);
    }

    /**
     * Solid-colour PNGs make the statistics known in advance: in train/, three blue (0, 0, 255) images and one
     * yellow (255, 255, 0) give red and green a mean of 1/4 and blue 3/4, each with a population std of
     * sqrt(1/4 * 3/4). The test split is val/; class folders are made in reverse name order and listed sorted.
     */
    @Test
    void aRegisteredImageFolderListsSortedClassesAndItsTrainSplitsPerChannelStatistics() throws Exception {
        Path folder = Files.createDirectories(Path.of("target", "registered-" + UUID.randomUUID()))
                .toAbsolutePath();
        solid(folder.resolve("train/zebra"), 1, 0xFFFF00);
        solid(folder.resolve("train/apple"), 3, 0x0000FF);
        solid(folder.resolve("val/zebra"), 1, 0xFFFF00);
        solid(folder.resolve("val/apple"), 1, 0x0000FF);
        String name = "solid-" + UUID.randomUUID().toString().substring(0, 8);
        double std = Math.sqrt(0.25 * 0.75);

        String view = mvc.perform(post("/api/v1/datasets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + name + "\", \"format\": \"imagefolder\", \"path\": \"" + folder
                                + "\", \"imageSize\": 16}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(JsonPath.<List<String>>read(view, "$.classNames")).containsExactly("apple", "zebra");
        assertThat(JsonPath.<Integer>read(view, "$.trainSize")).isEqualTo(4);
        assertThat(JsonPath.<Integer>read(view, "$.testSize")).isEqualTo(2);
        List<Double> mean = JsonPath.read(view, "$.normalization.mean");
        List<Double> stds = JsonPath.read(view, "$.normalization.std");
        assertThat(mean).hasSize(3);
        assertThat(mean.get(0)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mean.get(1)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mean.get(2)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stds).allSatisfy(s -> assertThat(s).isCloseTo(std, org.assertj.core.data.Offset.offset(1e-9)));
    }

    private static void solid(Path folder, int count, int rgb) throws Exception {
        Files.createDirectories(folder);
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        for (int i = 0; i < count; i++) {
            javax.imageio.ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
        }
    }

    @Test
    void aBadRegistrationNamesItsFieldAndNamesAreUnique() throws Exception {
        Path empty = Files.createDirectories(Path.of("target", "registered-" + UUID.randomUUID()))
                .toAbsolutePath();
        String[][] cases = {
            {registration("ok-name", "parquet", empty.toString()), "format"},
            {registration("ok-name", "idx", empty.toString()), "path"},
            {registration("ok-name", "idx", "relative/dir"), "path"},
            {registration("Bad Name", "idx", empty.toString()), "name"},
            {"{\"name\": \"x1\", \"format\": \"imagefolder\", \"path\": \"" + empty + "\"}", "imageSize"},
        };
        for (String[] c : cases) {
            mvc.perform(post("/api/v1/datasets")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(c[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value(c[1]));
        }
        mvc.perform(post("/api/v1/datasets")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(registration("cifar10", "cifar10", empty.toString())))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/v1/datasets/synthetic")).andExpect(status().isConflict());
        mvc.perform(delete("/api/v1/datasets/never-registered")).andExpect(status().isNotFound());
    }

    private String submit(String dataset) throws Exception {
        String body = mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": "
                                + "{\"name\": \"" + dataset + "\"}, \"training\": {\"epochs\": 1}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    /**
     * The documented content hash of a directory, computed here with the JDK's digest: SHA-256 over every regular
     * file's relative path, a NUL, the file's SHA-256 in hex and a newline, in path order.
     */
    private static String treeHash(Path directory) throws Exception {
        StringBuilder listing = new StringBuilder();
        try (var files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                listing.append(directory.relativize(file).toString().replace('\\', '/'))
                        .append('\0')
                        .append(sha256(Files.readAllBytes(file)))
                        .append('\n');
            }
        }
        return sha256(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String registration(String name, String format, String path) {
        return "{\"name\": \"" + name + "\", \"format\": \"" + format + "\", \"path\": \"" + path + "\"}";
    }
}
