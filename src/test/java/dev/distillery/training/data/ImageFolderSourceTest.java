package dev.distillery.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.InputShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders: decoded once into the cache keyed by content, re-read when changed, bad trees named. */
class ImageFolderSourceTest {

    @TempDir
    Path dir;

    @Test
    void aFolderIsDecodedOnceResizedAndCroppedAndReadFromTheCacheAfterwards() throws IOException {
        Path root = ImageFolders.write(dir.resolve("shapes"), 4, 2, 40, 1);
        Path cache = dir.resolve("cache");
        long before = ImageDecoder.decodes();

        ImageFolderSource first = new ImageFolderSource("shapes", root.toString(), 16, cache);
        assertThat(first.problem(root)).isEmpty();
        ImageData data = first.load(root);

        assertThat(ImageDecoder.decodes() - before).isEqualTo(18);
        assertThat(data.classes()).isEqualTo(3);
        assertThat(first.classNames()).containsExactly("circle", "square", "triangle");
        assertThat(data.train().size()).isEqualTo(12);
        assertThat(data.test().size()).isEqualTo(6);
        assertThat(data.train().shape()).isEqualTo(new InputShape(3, 16, 16));
        assertThat(data.train().label(0)).isZero();
        assertThat(data.train().label(11)).isEqualTo(2);

        ImageFolderSource second = new ImageFolderSource("shapes", root.toString(), 16, cache);
        ImageData again = second.load(root);
        assertThat(ImageDecoder.decodes() - before)
                .as("the second source reads the cache")
                .isEqualTo(18);
        assertThat(again.train().pixel(5, 100)).isEqualTo(data.train().pixel(5, 100));

        Files.delete(root.resolve("train/circle/0.png"));
        assertThat(second.load(root).train().size()).isEqualTo(11);
        assertThat(ImageDecoder.decodes() - before)
                .as("a changed folder is decoded again")
                .isEqualTo(18 + 17);

        // same names, one file's content replaced: train/ is circle 1-3, square 0-3, triangle 0-3 in name order
        Files.copy(
                root.resolve("train/circle/2.png"),
                root.resolve("train/triangle/0.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ImageData replaced = new ImageFolderSource("shapes", root.toString(), 16, cache).load(root);
        assertThat(ImageDecoder.decodes() - before)
                .as("a file whose content changed is decoded again")
                .isEqualTo(18 + 17 + 17);
        assertThat(replaced.train().label(7)).isEqualTo(2);
        for (int p = 0; p < 3 * 16 * 16; p += 37) {
            assertThat(replaced.train().pixel(7, p))
                    .as("pixel " + p)
                    .isEqualTo(replaced.train().pixel(1, p));
        }
    }

    @Test
    void aRedDiscStaysRedAfterResizingAndCropping() throws IOException {
        Path root = ImageFolders.write(dir.resolve("shapes"), 2, 1, 64, 2);
        ImageData data = new ImageFolderSource("s", root.toString(), 32, dir.resolve("c")).load(root);
        double red = 0;
        double blue = 0;
        for (int p = 0; p < 1024; p++) {
            red += data.train().pixel(0, p);
            blue += data.train().pixel(0, 2048 + p);
        }
        assertThat(red).isGreaterThan(blue);
    }

    @Test
    void unreadableImagesEmptyClassesAndDifferingClassesAreNamed() throws IOException {
        Path root = ImageFolders.write(dir.resolve("bad"), 2, 1, 16, 3);
        Files.writeString(root.resolve("train/circle/broken.png"), "not a png");
        assertThat(new ImageFolderSource("b", root.toString(), 16, dir.resolve("c")).problem(root))
                .get()
                .asString()
                .contains("unreadable images: train/circle/broken.png");

        Files.delete(root.resolve("train/circle/broken.png"));
        Files.writeString(root.resolve("train/circle/notes.txt"), "hello");
        Files.createDirectories(root.resolve("test/extra"));
        Files.createDirectories(root.resolve("train/empty"));
        Files.createDirectories(root.resolve("test/empty"));
        assertThat(new ImageFolderSource("b", root.toString(), 16, dir.resolve("c")).problem(root))
                .get()
                .asString()
                .contains("not PNG or JPEG images: train/circle/notes.txt")
                .contains("differ: extra (test only)")
                .contains("classes without images: train/empty")
                .contains("test/empty");
    }

    @Test
    void problemsNameTheFirstTwentyBadFiles() throws IOException {
        Path root = ImageFolders.write(dir.resolve("many"), 1, 1, 16, 4);
        for (int i = 0; i < 25; i++) {
            Files.writeString(root.resolve("train/square/f" + (100 + i) + ".png"), "x");
        }
        String problem = new ImageFolderSource("m", root.toString(), 16, dir.resolve("c"))
                .problem(root)
                .orElseThrow();
        assertThat(problem).contains("f100.png", "f119.png", "(and 5 more)").doesNotContain("f120.png");
    }
}
