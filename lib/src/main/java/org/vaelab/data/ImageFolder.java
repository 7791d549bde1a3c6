package org.vaelab.data;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Any folder of images with one subfolder per class (the subfolder's name is the class), read
 * with ImageIO, resized to size × size and kept grey or RGB. Classes are sorted by name, images by
 * file name, so the same folder always gives the same dataset.
 */
public final class ImageFolder {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFolder() {
    }

    public static ImageSet read(Path root, int size, boolean grey) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder; an image folder has one subfolder of images per class");
        }
        List<Path> classDirs;
        try (Stream<Path> children = Files.list(root)) {
            classDirs = children.filter(Files::isDirectory).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new IOException(root + " has no subfolders; put each class's images in a subfolder named after the class");
        }
        int channels = grey ? 1 : 3;
        int imageSize = channels * size * size;
        List<String> classes = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> files;
            try (Stream<Path> entries = Files.list(dir)) {
                files = entries.filter(f -> EXTENSIONS.stream().anyMatch(f.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                        .sorted().toList();
            }
            if (files.isEmpty()) {
                continue;
            }
            int label = classes.size();
            classes.add(dir.getFileName().toString());
            for (Path file : files) {
                BufferedImage image = ImageIO.read(file.toFile());
                if (image == null) {
                    throw new IOException(file + " is not an image ImageIO can read (PNG, JPEG, BMP or GIF)");
                }
                images.add(pixels(resize(image, size), grey));
                labels.add(label);
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no images (" + String.join(", ", EXTENSIONS) + ") in the subfolders of " + root);
        }
        byte[] all = new byte[images.size() * imageSize];
        int[] labelArray = new int[labels.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * imageSize, imageSize);
            labelArray[i] = labels.get(i);
        }
        return new ImageSet(root.getFileName().toString(), channels, size, size, all, labelArray, classes);
    }

    private static BufferedImage resize(BufferedImage image, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        return out;
    }

    /** Channel-major bytes: grey as ITU-R BT.601 luma, else red, green, blue planes. */
    private static byte[] pixels(BufferedImage image, boolean grey) {
        int size = image.getWidth();
        int plane = size * size;
        byte[] out = new byte[(grey ? 1 : 3) * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int p = y * size + x;
                if (grey) {
                    out[p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[p] = (byte) r;
                    out[plane + p] = (byte) g;
                    out[2 * plane + p] = (byte) b;
                }
            }
        }
        return out;
    }
}
