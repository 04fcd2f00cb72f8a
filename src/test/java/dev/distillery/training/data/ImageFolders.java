package dev.distillery.training.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Generated image folders: coloured shapes (red disc, green square, blue triangle), PNG and JPEG alternating. */
public final class ImageFolders {

    public static final List<String> CLASSES = List.of("circle", "square", "triangle");

    private ImageFolders() {}

    /** {@code train/<class>/} and {@code test/<class>/} with the given counts per class, images of {@code side} px. */
    public static Path write(Path root, int trainPerClass, int testPerClass, int side, long seed) throws IOException {
        Random random = new Random(seed);
        for (String split : List.of("train", "test")) {
            int count = split.equals("train") ? trainPerClass : testPerClass;
            for (int label = 0; label < CLASSES.size(); label++) {
                Path folder = Files.createDirectories(root.resolve(split).resolve(CLASSES.get(label)));
                for (int i = 0; i < count; i++) {
                    String format = i % 2 == 0 ? "png" : "jpg";
                    ImageIO.write(
                            shape(label, side, random),
                            format,
                            folder.resolve(i + "." + format).toFile());
                }
            }
        }
        return root;
    }

    static BufferedImage shape(int label, int side, Random random) {
        BufferedImage image = new BufferedImage(side, side + random.nextInt(side / 2 + 1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(random.nextInt(80), random.nextInt(80), random.nextInt(80)));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int size = side / 3 + random.nextInt(side / 4 + 1);
            int x = random.nextInt(Math.max(1, side - size));
            int y = random.nextInt(Math.max(1, image.getHeight() - size));
            int jitter = random.nextInt(60);
            switch (label) {
                case 0 -> {
                    g.setColor(new Color(195 + jitter, 40, 40));
                    g.fillOval(x, y, size, size);
                }
                case 1 -> {
                    g.setColor(new Color(40, 195 + jitter, 40));
                    g.fillRect(x, y, size, size);
                }
                default -> {
                    g.setColor(new Color(40, 40, 195 + jitter));
                    g.fillPolygon(new int[] {x, x + size, x + size / 2}, new int[] {y + size, y + size, y}, 3);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
