package dev.distillery.training.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Decodes a PNG or JPEG with ImageIO and brings it to {@code size}×{@code size} RGB the way torchvision's
 * {@code Resize(size)} + {@code CenterCrop(size)} does: the short side is scaled to {@code size}, then the centre
 * is cut out. Quality (Java2D): a downscale halves the image with bilinear interpolation while it is more than
 * twice the target, then draws the last step bilinearly (the progressive method, close to an area filter and free
 * of the aliasing of one large bilinear step); an upscale is one bicubic step. Transparency is composed on black;
 * grayscale and palette images become RGB.
 */
public final class ImageDecoder {

    private static final AtomicLong DECODES = new AtomicLong();

    private ImageDecoder() {}

    /** How many images this process has decoded (tests assert that a cached folder is not decoded again). */
    public static long decodes() {
        return DECODES.get();
    }

    /**
     * The image as {@code 3 × size × size} bytes, channel planes R, G, B.
     *
     * @throws IOException when ImageIO cannot read it
     */
    public static byte[] decode(Path file, int size) throws IOException {
        DECODES.incrementAndGet();
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot be decoded", e);
        }
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IOException("is not a readable PNG or JPEG");
        }
        return planes(cropCentre(scaleShortSide(image, size), size), size);
    }

    static BufferedImage scaleShortSide(BufferedImage image, int size) {
        double scale = (double) size / Math.min(image.getWidth(), image.getHeight());
        int width = Math.max(size, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(size, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = toRgb(image);
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, false);
        }
        if (current.getWidth() == width && current.getHeight() == height) {
            return current;
        }
        return draw(current, width, height, width > current.getWidth());
    }

    private static BufferedImage cropCentre(BufferedImage image, int size) {
        int x = (image.getWidth() - size) / 2;
        int y = (image.getHeight() - size) / 2;
        return image.getSubimage(x, y, size, size);
    }

    private static byte[] planes(BufferedImage image, int size) {
        int plane = size * size;
        byte[] pixels = new byte[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                int offset = y * size + x;
                pixels[offset] = (byte) (rgb >> 16);
                pixels[plane + offset] = (byte) (rgb >> 8);
                pixels[2 * plane + offset] = (byte) rgb;
            }
        }
        return pixels;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        return draw(image, image.getWidth(), image.getHeight(), false);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean bicubic) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION,
                    bicubic ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }
}
