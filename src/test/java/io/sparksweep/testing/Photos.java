package io.sparksweep.testing;

import io.sparksweep.data.ImageSet;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Fashion-MNIST images drawn the way a user's photo looks: large, dark item on a light page, off-centre margins. */
public final class Photos {

    private Photos() {
    }

    public static byte[] pixels(ImageSet set, int index) {
        int size = set.pixelsPerImage();
        return Arrays.copyOfRange(set.pixels(), index * size, (index + 1) * size);
    }

    /**
     * @param scale      upscaling factor (bilinear)
     * @param background grey level of the page (the item's black becomes this, its white becomes black)
     */
    public static BufferedImage render(byte[] pixels, int side, int scale, int left, int top, int right, int bottom,
                                       int background) {
        BufferedImage small = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int ink = pixels[y * side + x] & 0xFF;
                int v = Math.round(background * (255 - ink) / 255f);
                small.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        int big = side * scale;
        BufferedImage page = new BufferedImage(left + big + right, top + big + bottom, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(background, background, background));
        g.fillRect(0, 0, page.getWidth(), page.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, left, top, big, big, null);
        g.dispose();
        return page;
    }

    /** @param format "png", "jpg", "bmp" or "gif" */
    public static Path write(BufferedImage image, Path file, String format) {
        try {
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
