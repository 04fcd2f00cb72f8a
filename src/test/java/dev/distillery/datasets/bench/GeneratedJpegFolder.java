package dev.distillery.datasets.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A torchvision {@code ImageFolder} tree of generated JPEGs for the benchmark: {@code train/cNN/} and
 * {@code test/cNN/}, each image a noisy background with a shape whose hue says its class. Written once and reused
 * when the tree is already complete (same counts and side).
 */
final class GeneratedJpegFolder {

    private GeneratedJpegFolder() {}

    /** {@code images} JPEGs of {@code side}×{@code side} over {@code classes} classes, a tenth of them in test/. */
    static Path write(Path root, int images, int classes, int side) throws IOException {
        Path marker = root.resolve(".complete-" + images + "-" + classes + "-" + side);
        if (Files.exists(marker)) {
            return root;
        }
        Random random = new Random(13);
        int test = images / 10;
        for (int i = 0; i < images; i++) {
            String split = i < test ? "test" : "train";
            int label = i % classes;
            Path folder = Files.createDirectories(root.resolve(split).resolve(String.format("c%02d", label)));
            ImageIO.write(
                    image(label, classes, side, random),
                    "jpg",
                    folder.resolve(i + ".jpg").toFile());
        }
        Files.createFile(root.resolve(".complete-" + images + "-" + classes + "-" + side));
        return root;
    }

    private static BufferedImage image(int label, int classes, int side, Random random) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int grey = 40 + random.nextInt(60);
                image.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
            }
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.getHSBColor((float) label / classes, 0.8f, 0.9f));
            int size = side / 3 + random.nextInt(side / 3);
            int x = random.nextInt(side - size + 1);
            int y = random.nextInt(side - size + 1);
            if (label % 2 == 0) {
                g.fillOval(x, y, size, size);
            } else {
                g.fillRect(x, y, size, size);
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
