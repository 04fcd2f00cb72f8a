package dev.distillery.datasets.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import dev.distillery.ApiTest;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRoots;
import dev.distillery.training.data.DataFixtures;
import dev.distillery.training.data.ImageFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #13, item 4: a spec's {@code dataset.path} names only places under the dataset roots; everything else gets
 * one identical 400 that does not tell whether the path exists, and a sweep over the path obeys the same rule.
 */
@ApiTest
class DatasetPathRulesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    DatasetCatalog catalog;

    /** The first configured root (the test profile's data dir is drawn anew at each reference to it). */
    private Path root() throws java.io.IOException {
        return Files.createDirectories(catalog.roots().roots().get(0));
    }

    @Test
    void everyPathOutsideTheRootsGetsTheSame400AndOnlyPathsUnderThemAreAccepted() throws Exception {
        Path root = root();
        Path outside = Files.createDirectories(Path.of("target", "outside-" + UUID.randomUUID()));
        DataFixtures.writeIdxDataset(outside, 20, 8, true);
        Path link = root.resolve("link-" + UUID.randomUUID());
        Files.createSymbolicLink(link, outside.toAbsolutePath());
        Path mine = Files.createDirectories(root.resolve("mine-" + UUID.randomUUID()));
        DataFixtures.writeIdxDataset(mine, 20, 8, true);

        Set<String> answers = new HashSet<>();
        for (String path : List.of(
                "/etc",
                "/root/.ssh",
                "../../",
                "/nonexistent-" + UUID.randomUUID(),
                root.resolve("missing").toString(),
                outside.toAbsolutePath().toString(),
                link.toString(),
                root + "/../../" + outside.getFileName())) {
            String body = mvc.perform(post("/api/v1/experiments")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(spec(path)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors.length()").value(1))
                    .andExpect(jsonPath("$.errors[0].field").value("dataset.path"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            answers.add(body);
        }
        assertThat(answers)
                .as("one byte-identical answer for every refused path, whether it exists or not")
                .hasSize(1);
        assertThat((String) JsonPath.read(answers.iterator().next(), "$.errors[0].message"))
                .isEqualTo(DatasetRoots.REFUSED);

        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(spec(mine.toString())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.spec.dataset.path").value(mine.toString()));
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(spec(mine.getFileName().toString())))
                .andExpect(status().isCreated());
    }

    @Test
    void aSweepOverTheDatasetPathObeysTheSameRule() throws Exception {
        Path mine = Files.createDirectories(root().resolve("sweep-" + UUID.randomUUID()));
        DataFixtures.writeIdxDataset(mine, 20, 8, true);

        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"spec\": " + spec(mine.toString()) + ", \"grid\": {\"dataset.path\": [\"" + mine
                                + "\", \"/etc\"]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.endsWith("dataset.path")))
                .andExpect(jsonPath("$.errors[0].message").value(DatasetRoots.REFUSED));
        mvc.perform(post("/api/v1/sweeps")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"spec\": " + spec(mine.toString()) + ", \"grid\": {\"dataset.path\": [\"" + mine
                                + "\", \"" + mine.getFileName() + "\"]}}"))
                .andExpect(status().isCreated());
    }

    @Test
    void anImageFolderIsNamedByAPathUnderTheRootsWithAnImageSize() throws Exception {
        Path folder = ImageFolders.write(root().resolve("shapes-" + UUID.randomUUID()), 3, 2, 24, 9);

        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(folderSpec(folder.getFileName().toString(), 16)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.spec.dataset.imageSize").value(16))
                .andExpect(jsonPath("$.spec.dataset.contentHash")
                        .value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")));
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(folderSpec("/etc", 16)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dataset.path"))
                .andExpect(jsonPath("$.errors[0].message").value(DatasetRoots.REFUSED));
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(folderSpec(folder.toString(), null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dataset.imageSize"));
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": "
                                + "{\"name\": \"synthetic\", \"imageSize\": 32}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dataset.imageSize"));

        Files.writeString(folder.resolve("test/square/notes.txt"), "x");
        mvc.perform(post("/api/v1/experiments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(folderSpec(folder.toString(), 16)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("dataset.path"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value(org.hamcrest.Matchers.containsString("test/square/notes.txt")));
    }

    private static String folderSpec(String path, Integer imageSize) {
        String size = imageSize == null ? "" : ", \"imageSize\": " + imageSize;
        return "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": "
                + "\"imagefolder\", \"path\": \"" + path + "\"" + size + "}, \"training\": {\"epochs\": 1}}";
    }

    private static String spec(String path) {
        return "{\"method\": \"ce\", \"student\": {\"architecture\": \"mlp\"}, \"dataset\": {\"name\": \"mnist\", "
                + "\"path\": \"" + path + "\"}, \"training\": {\"epochs\": 1}}";
    }
}
