package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderTest {
    @TempDir
    Path tmp;

    private void png(Path file, Color color, int size) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void subfoldersAreClassesAndImagesAreResized() throws IOException {
        png(tmp.resolve("shapes/red/a.png"), Color.RED, 40);
        png(tmp.resolve("shapes/red/b.png"), Color.RED, 10);
        png(tmp.resolve("shapes/blue/c.png"), Color.BLUE, 64);
        Files.writeString(tmp.resolve("shapes/blue/notes.txt"), "not an image, skipped");

        ImageSet rgb = ImageFolder.read(tmp.resolve("shapes"), 16, false);
        assertEquals(3, rgb.size());
        assertEquals(java.util.List.of("blue", "red"), rgb.classNames(), "classes sorted by name");
        assertEquals(0, rgb.label(0));
        assertEquals(3 * 16 * 16, rgb.imageSize());
        assertEquals(255, rgb.pixel(0, 2 * 256 + 5), "blue image, blue plane");
        assertEquals(0, rgb.pixel(0, 5), "blue image, red plane");
        assertEquals(255, rgb.pixel(2, 100), "red image resized from 10 pixels, red plane");

        ImageSet grey = ImageFolder.read(tmp.resolve("shapes"), 8, true);
        assertEquals(1, grey.channels());
        assertEquals(Math.round(0.299 * 255), grey.pixel(1, 0), "red as grey");
    }

    @Test
    void aFileThatIsNotAnImageIsNamed() throws IOException {
        png(tmp.resolve("set/a/ok.png"), Color.WHITE, 4);
        Files.writeString(tmp.resolve("set/a/broken.png"), "not a png");
        IOException error = assertThrows(IOException.class, () -> ImageFolder.read(tmp.resolve("set"), 4, true));
        assertTrue(error.getMessage().contains("broken.png is not an image"), error.getMessage());
    }

    @Test
    void aFolderWithoutClassFoldersSaysHowToLayItOut() throws IOException {
        png(tmp.resolve("flat/a.png"), Color.WHITE, 4);
        IOException error = assertThrows(IOException.class, () -> ImageFolder.read(tmp.resolve("flat"), 4, true));
        assertTrue(error.getMessage().contains("has no subfolders"), error.getMessage());
    }
}
