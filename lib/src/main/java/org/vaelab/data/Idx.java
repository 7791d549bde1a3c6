package org.vaelab.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads gzip'd IDX files (MNIST, Fashion-MNIST): big-endian header, then unsigned bytes. */
public final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /** The first {@code limit} images (all if limit < 0) as rows of rows*cols unsigned bytes. */
    public static byte[][] readImages(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), IMAGES_MAGIC);
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int n = limit < 0 ? count : Math.min(limit, count);
            byte[][] images = new byte[n][rows * cols];
            for (byte[] image : images) {
                readFully(file, in, image);
            }
            return images;
        }
    }

    /** The first {@code limit} labels (all if limit < 0). */
    public static byte[] readLabels(Path file, int limit) throws IOException {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), LABELS_MAGIC);
            int count = in.readInt();
            byte[] labels = new byte[limit < 0 ? count : Math.min(limit, count)];
            readFully(file, in, labels);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }

    private static void expectMagic(Path file, int magic, int expected) throws IOException {
        if (magic != expected) {
            throw new IOException(String.format("%s is not an IDX %s file: magic number 0x%08x, expected 0x%08x",
                    file, expected == IMAGES_MAGIC ? "image" : "label", magic, expected));
        }
    }

    private static void readFully(Path file, DataInputStream in, byte[] into) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(file + " ends early: it is truncated; delete it and fetch it again", e);
        }
    }
}
