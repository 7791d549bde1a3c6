package org.vaelab.viz;

import org.vaelab.data.ImageSet;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Tiles images into one picture, row by row, scaled up for the eye, with or without gaps. */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * @param set     grey or RGB images
     * @param indices which images, in reading order
     * @param columns images per row of the grid
     * @param scale   screen pixels per image pixel
     */
    public static BufferedImage of(ImageSet set, int[] indices, int columns, int scale) {
        float[] values = new float[indices.length * set.imageSize()];
        for (int i = 0; i < indices.length; i++) {
            for (int j = 0; j < set.imageSize(); j++) {
                values[i * set.imageSize() + j] = set.pixel(indices[i], j) / 255f;
            }
        }
        return ofFloats(values, indices.length, set.channels(), set.height(), set.width(), columns, scale, 1);
    }

    /**
     * Images given as floats in [0, 1] (clipped), n × channels × height × width, row-major.
     *
     * @param gap pixels between images (0 for a seamless picture such as a latent manifold)
     */
    public static BufferedImage ofFloats(float[] values, int n, int channels, int height, int width, int columns, int scale, int gap) {
        if (n == 0) {
            throw new IllegalArgumentException("no images to draw");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(channels + " channels; a grid draws 1 (grey) or 3 (RGB)");
        }
        int plane = width * height;
        if (values.length != n * channels * plane) {
            throw new IllegalArgumentException(values.length + " values are not " + n + " images of " + channels + "x"
                    + height + "x" + width);
        }
        int rows = (n + columns - 1) / columns;
        int cellWidth = width * scale + gap;
        int cellHeight = height * scale + gap;
        BufferedImage grid = new BufferedImage(columns * cellWidth + gap, rows * cellHeight + gap, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < n; i++) {
            int x0 = gap + (i % columns) * cellWidth;
            int y0 = gap + (i / columns) * cellHeight;
            int base = i * channels * plane;
            for (int y = 0; y < height * scale; y++) {
                for (int x = 0; x < width * scale; x++) {
                    int p = base + (y / scale) * width + x / scale;
                    int r = level(values[p]);
                    int g = channels == 3 ? level(values[p + plane]) : r;
                    int b = channels == 3 ? level(values[p + 2 * plane]) : r;
                    grid.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return grid;
    }

    /** Stacks pictures of equal width top to bottom, each with its label in a white margin on the left. */
    public static BufferedImage labelledRows(List<BufferedImage> rows, List<String> labels) {
        if (rows.size() != labels.size() || rows.isEmpty()) {
            throw new IllegalArgumentException(rows.size() + " rows and " + labels.size() + " labels");
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        // The margin fits the longest label, so that no label runs under the pictures.
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int longest = labels.stream().mapToInt(label -> measure.getFontMetrics(font).stringWidth(label)).max().orElse(0);
        measure.dispose();
        int margin = Math.max(130, longest + 16);
        int width = margin + rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(0);
        int height = rows.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(font);
        int y = 0;
        for (int i = 0; i < rows.size(); i++) {
            g.drawImage(rows.get(i), margin, y, null);
            g.drawString(labels.get(i), 8, y + rows.get(i).getHeight() / 2 + 5);
            y += rows.get(i).getHeight();
        }
        g.dispose();
        return out;
    }

    /** The picture under a title line: the caption that names what it shows (a dataset, a model, a swap). */
    public static BufferedImage titled(BufferedImage picture, String title) {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        int band = 24;
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int width = Math.max(picture.getWidth(), measure.getFontMetrics(font).stringWidth(title) + 16);
        measure.dispose();
        BufferedImage out = new BufferedImage(width, picture.getHeight() + band, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(font);
        g.drawString(title, 8, 17);
        g.drawImage(picture, 0, band, null);
        g.dispose();
        return out;
    }

    private static int level(float value) {
        return Math.max(0, Math.min(255, Math.round(value * 255)));
    }
}
