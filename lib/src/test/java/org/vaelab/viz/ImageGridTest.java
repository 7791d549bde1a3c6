package org.vaelab.viz;

import org.junit.jupiter.api.Test;
import org.vaelab.data.ImageSet;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageGridTest {
    @Test
    void tilesGreyImagesRowByRowWithGapsAndScale() {
        byte[] pixels = new byte[12];
        java.util.Arrays.fill(pixels, 4, 8, (byte) 255); // image 1 white, images 0 and 2 black
        ImageSet set = new ImageSet("grey", 1, 2, 2, pixels, new int[] {0, 1, 0}, List.of("a", "b"));
        BufferedImage grid = ImageGrid.of(set, new int[] {0, 1, 2}, 2, 3);
        assertEquals(2 * (2 * 3 + 1) + 1, grid.getWidth());
        assertEquals(2 * (2 * 3 + 1) + 1, grid.getHeight());
        assertEquals(0x000000, grid.getRGB(1, 1) & 0xffffff, "first image is black");
        assertEquals(0xffffff, grid.getRGB(1 + 7 + 5, 1 + 5) & 0xffffff, "second image, right of the first, is white");
        assertEquals(0x000000, grid.getRGB(1 + 2, 1 + 7 + 2) & 0xffffff, "third image starts the second row");
    }

    @Test
    void drawsRgbPlanesAsColours() {
        byte[] pixels = {(byte) 200, 10, (byte) 255}; // one 1x1 image: red 200, green 10, blue 255
        ImageSet set = new ImageSet("rgb", 3, 1, 1, pixels, new int[] {0}, List.of("a"));
        assertEquals(0xc80aff, ImageGrid.of(set, new int[] {0}, 1, 1).getRGB(1, 1) & 0xffffff);
    }

    @Test
    void floatsAreClippedAndGapsCanBeDropped() {
        BufferedImage grid = ImageGrid.ofFloats(new float[] {-1f, 0.5f, 2f, 1f}, 4, 1, 1, 1, 2, 3, 0);
        assertEquals(6, grid.getWidth(), "no gaps: 2 columns of 3 pixels");
        assertEquals(0x000000, grid.getRGB(0, 0) & 0xffffff, "below 0 is black");
        assertEquals(0xffffff, grid.getRGB(0, 3) & 0xffffff, "above 1 is white");
        assertEquals(128, grid.getRGB(3, 0) & 0xff, "0.5 is mid-grey");
    }

    @Test
    void anEmptySelectionIsRefused() {
        ImageSet set = new ImageSet("grey", 1, 1, 1, new byte[1], new int[] {0}, List.of("a"));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(set, new int[0], 1, 1));
    }
}
