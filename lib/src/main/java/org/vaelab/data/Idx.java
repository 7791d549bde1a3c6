package org.vaelab.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip'd IDX files (MNIST, Fashion-MNIST): a big-endian header (magic, count, then rows and
 * columns for images), then one unsigned byte per pixel or label. Every way a file can be wrong
 * (not gzip, cut short, another kind of IDX file, other image sizes, counts that disagree) ends in
 * an IOException that names the file and says what to do.
 */
public final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** Images and labels of one split as an ImageSet; the images must be {@code rows} × {@code cols}. */
    public static ImageSet read(String name, Path imagesFile, Path labelsFile, int rows, int cols, List<String> classNames)
            throws IOException {
        byte[] labelBytes = readLabels(labelsFile, -1);
        try (DataInputStream in = open(imagesFile)) {
            int count = header(imagesFile, in, IMAGES_MAGIC);
            int fileRows = in.readInt();
            int fileCols = in.readInt();
            if (fileRows != rows || fileCols != cols) {
                throw new IOException(imagesFile + " holds " + fileRows + "x" + fileCols + " images; " + name
                        + " images are " + rows + "x" + cols + ": is this the right file?");
            }
            if (count != labelBytes.length) {
                throw new IOException(imagesFile + " holds " + count + " images but " + labelsFile + " holds "
                        + labelBytes.length + " labels: the two files are not from the same split");
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
            readFully(imagesFile, in, pixels);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = labelBytes[i] & 0xff;
                if (labels[i] >= classNames.size()) {
                    throw new IOException(labelsFile + ": label " + labels[i] + " of image " + i + " is not one of the "
                            + classNames.size() + " classes of " + name);
                }
            }
            return new ImageSet(name, 1, rows, cols, pixels, labels, classNames);
        } catch (ZipException e) {
            throw corrupt(imagesFile, e);
        }
    }

    /** The first {@code limit} images (all if limit < 0) as rows of rows*cols unsigned bytes. */
    public static byte[][] readImages(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int count = header(file, in, IMAGES_MAGIC);
            int rows = in.readInt();
            int cols = in.readInt();
            int n = limit < 0 ? count : Math.min(limit, count);
            byte[][] images = new byte[n][rows * cols];
            for (byte[] image : images) {
                readFully(file, in, image);
            }
            return images;
        } catch (ZipException e) {
            throw corrupt(file, e);
        }
    }

    /** The first {@code limit} labels (all if limit < 0). */
    public static byte[] readLabels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            int count = header(file, in, LABELS_MAGIC);
            byte[] labels = new byte[limit < 0 ? count : Math.min(limit, count)];
            readFully(file, in, labels);
            return labels;
        } catch (ZipException e) {
            throw corrupt(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        try {
            return new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
        } catch (ZipException e) {
            throw corrupt(file, e);
        } catch (EOFException e) {
            throw truncated(file, e);
        }
    }

    /** Checks the magic number and returns the item count. */
    private static int header(Path file, DataInputStream in, int expected) throws IOException {
        try {
            int magic = in.readInt();
            if (magic != expected) {
                throw new IOException(String.format("%s is not an IDX %s file: magic number 0x%08x, expected 0x%08x",
                        file, expected == IMAGES_MAGIC ? "image" : "label", magic, expected));
            }
            int count = in.readInt();
            if (count < 0) {
                throw new IOException(file + " declares " + count + " items: the header is damaged");
            }
            return count;
        } catch (EOFException e) {
            throw truncated(file, e);
        }
    }

    private static void readFully(Path file, DataInputStream in, byte[] into) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw truncated(file, e);
        }
    }

    private static IOException truncated(Path file, Exception cause) {
        return new IOException(file + " ends early: it is truncated; delete it and fetch it again", cause);
    }

    private static IOException corrupt(Path file, Exception cause) {
        return new IOException(file + " is not a valid gzip file (" + cause.getMessage() + "); delete it and fetch it again", cause);
    }
}
