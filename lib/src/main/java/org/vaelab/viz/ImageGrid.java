package org.vaelab.viz;

import java.awt.image.BufferedImage;

/** Tiles grey images into one picture, row by row, with a one-pixel gap, scaled up for the eye. */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * @param images  each image as width*height unsigned bytes, row-major, 0 = black
     * @param columns images per row of the grid
     * @param scale   how many screen pixels per image pixel
     */
    public static BufferedImage ofBytes(byte[][] images, int width, int height, int columns, int scale) {
        if (images.length == 0) {
            throw new IllegalArgumentException("no images to draw");
        }
        int rows = (images.length + columns - 1) / columns;
        int cell = width * scale + 1;
        int cellHeight = height * scale + 1;
        BufferedImage grid = new BufferedImage(columns * cell + 1, rows * cellHeight + 1, BufferedImage.TYPE_BYTE_GRAY);
        var raster = grid.getRaster();
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != width * height) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " pixels, expected "
                        + width + "x" + height + " = " + width * height);
            }
            int x0 = 1 + (i % columns) * cell;
            int y0 = 1 + (i / columns) * cellHeight;
            for (int y = 0; y < height * scale; y++) {
                for (int x = 0; x < width * scale; x++) {
                    raster.setSample(x0 + x, y0 + y, 0, images[i][(y / scale) * width + x / scale] & 0xff);
                }
            }
        }
        return grid;
    }
}
