package org.vaelab.viz;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageGridTest {
    @Test
    void tilesImagesRowByRowWithGapsAndScale() {
        byte[] white = new byte[4];
        java.util.Arrays.fill(white, (byte) 255);
        byte[][] images = {new byte[4], white, new byte[4]};
        BufferedImage grid = ImageGrid.ofBytes(images, 2, 2, 2, 3);
        assertEquals(2 * (2 * 3 + 1) + 1, grid.getWidth());
        assertEquals(2 * (2 * 3 + 1) + 1, grid.getHeight());
        assertEquals(0, grid.getRaster().getSample(1, 1, 0), "first image is black");
        assertEquals(255, grid.getRaster().getSample(1 + 7 + 5, 1 + 5, 0), "second image, right of the first, is white");
        assertEquals(0, grid.getRaster().getSample(1 + 2, 1 + 7 + 2, 0), "third image starts the second row");
    }

    @Test
    void wrongSizedImagesAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.ofBytes(new byte[][] {new byte[5]}, 2, 2, 1, 1));
        assertEquals("image 0 has 5 pixels, expected 2x2 = 4", error.getMessage());
    }
}
