package dev.distillery.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.training.data.DataFixtures;
import dev.distillery.training.data.DatasetSource;
import dev.distillery.training.data.IdxDatasetSource;
import dev.distillery.training.data.ImageData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client-given dataset path names something under the roots, or it is refused with one answer. */
class DatasetRootsTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"/etc", "/root/.ssh", "../../", "../outside", "/nonexistent/data", "missing", "", "a\u0000b"})
    void pathsOutsideTheRootsOrMissingResolveToNothing(String path) throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(work.resolve("outside"));

        assertThat(new DatasetRoots(List.of(root.toString())).resolve(path)).isEmpty();
    }

    @Test
    void pathsUnderARootResolveAbsoluteOrRelative() throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Path inside = Files.createDirectories(root.resolve("mine"));
        DatasetRoots roots = new DatasetRoots(List.of(root.toString()));

        assertThat(roots.resolve(inside.toString())).contains(inside.toRealPath());
        assertThat(roots.resolve("mine")).contains(inside.toRealPath());
        assertThat(roots.resolve(root + "/mine/../mine")).contains(inside.toRealPath());
        assertThat(roots.resolve(root + "/mine/../../root/mine")).contains(inside.toRealPath());
    }

    @Test
    void aSymbolicLinkOutOfTheRootsIsRefusedAndOneWithinThemIsFollowed() throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        Path inside = Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(root.resolve("alias"), inside);
        DatasetRoots roots = new DatasetRoots(List.of(root.toString()));

        assertThat(roots.resolve(root.resolve("escape").toString())).isEmpty();
        assertThat(roots.resolve("etc")).isEmpty();
        assertThat(roots.resolve("alias")).contains(inside.toRealPath());
    }

    @Test
    void theCatalogRefusesEveryPathOutsideTheRootsWithOneAnswerAndNeverHandsItToAReader() throws IOException {
        Path root = Files.createDirectories(work.resolve("root"));
        Path outside = Files.createDirectories(work.resolve("outside"));
        DataFixtures.writeIdxDataset(outside, 20, 8, true);
        Files.createSymbolicLink(root.resolve("link"), outside);
        Path inside = Files.createDirectories(root.resolve("inside"));
        DataFixtures.writeIdxDataset(inside, 20, 8, true);
        Recording source = new Recording(new IdxDatasetSource("mnist", "test", null));
        DatasetCatalog catalog = new DatasetCatalog(List.of(source), List.of(root.toString()));

        for (String path : List.of(
                outside.toString(), root + "/link", root + "/../outside", "/etc", "/root/.ssh", "../../", "nothing")) {
            DatasetRef ref = new DatasetRef("mnist", path, null, null);
            assertThat(catalog.problem(ref)).as(path).contains(DatasetRoots.REFUSED);
            assertThatThrownBy(() -> catalog.load(ref)).isInstanceOf(TrainingException.class);
        }
        assertThat(source.seen).isEmpty();

        ImageData data = catalog.load(new DatasetRef("mnist", "inside", null, null));
        assertThat(data.train().size()).isEqualTo(20);
        assertThat(source.seen).isNotEmpty().allSatisfy(path -> assertThat(path).startsWith(root.toRealPath()));
    }

    @Test
    void theBuiltInDatasetsDefaultDirectoriesAreRoots(@TempDir Path defaults) throws IOException {
        Path mnist = Files.createDirectories(defaults.resolve("mnist"));
        DataFixtures.writeIdxDataset(mnist, 10, 4, true);
        DatasetCatalog catalog = new DatasetCatalog(
                java.util.Map.of("mnist", mnist.toString()),
                List.of(work.resolve("root").toString()));

        assertThat(catalog.problem(new DatasetRef("mnist", mnist.toString(), null, null)))
                .isEmpty();
        assertThat(catalog.problem(new DatasetRef("mnist", null, null, null))).isEmpty();
        assertThat(catalog.problem(new DatasetRef("mnist", defaults.toString(), null, null)))
                .contains(DatasetRoots.REFUSED);
    }

    /** A source that records every directory it is asked about. */
    private static final class Recording implements DatasetSource {
        private final DatasetSource delegate;
        private final List<Path> seen = new CopyOnWriteArrayList<>();

        Recording(DatasetSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public int classes() {
            return delegate.classes();
        }

        @Override
        public InputShape shape() {
            return delegate.shape();
        }

        @Override
        public int trainSize() {
            return delegate.trainSize();
        }

        @Override
        public int testSize() {
            return delegate.testSize();
        }

        @Override
        public String defaultPath() {
            return delegate.defaultPath();
        }

        @Override
        public Optional<String> problem(Path directory) {
            seen.add(directory);
            return delegate.problem(directory);
        }

        @Override
        public ImageData load(Path directory) throws IOException {
            seen.add(directory);
            return delegate.load(directory);
        }
    }
}
