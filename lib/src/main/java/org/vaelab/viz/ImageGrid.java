package org.vaelab.viz;

import org.vaelab.data.ImageSet;

import java.awt.image.BufferedImage;

/** Tiles images of a dataset into one picture, row by row, with a one-pixel gap, scaled up for the eye. */
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
        if (indices.length == 0) {
            throw new IllegalArgumentException("no images to draw");
        }
        if (set.channels() != 1 && set.channels() != 3) {
            throw new IllegalArgumentException(set.name() + " has " + set.channels() + " channels; a grid draws 1 (grey) or 3 (RGB)");
        }
        int width = set.width();
        int height = set.height();
        int plane = width * height;
        int rows = (indices.length + columns - 1) / columns;
        int cellWidth = width * scale + 1;
        int cellHeight = height * scale + 1;
        BufferedImage grid = new BufferedImage(columns * cellWidth + 1, rows * cellHeight + 1, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < indices.length; i++) {
            int x0 = 1 + (i % columns) * cellWidth;
            int y0 = 1 + (i / columns) * cellHeight;
            for (int y = 0; y < height * scale; y++) {
                for (int x = 0; x < width * scale; x++) {
                    int p = (y / scale) * width + x / scale;
                    int r = set.pixel(indices[i], p);
                    int g = set.channels() == 3 ? set.pixel(indices[i], plane + p) : r;
                    int b = set.channels() == 3 ? set.pixel(indices[i], 2 * plane + p) : r;
                    grid.setRGB(x0 + x, y0 + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return grid;
    }
}
