package org.vaelab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled images held as unsigned bytes (a quarter of the memory of floats), each image
 * channels × height × width, row-major: MNIST's 60,000 training images take 47 MB.
 */
public final class ImageSet {
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    public ImageSet(String name, int channels, int height, int width, byte[] pixels, int[] labels, List<String> classNames) {
        int imageSize = channels * height * width;
        if (imageSize <= 0) {
            throw new IllegalArgumentException(name + ": image size " + channels + "x" + height + "x" + width + " is empty");
        }
        if (pixels.length != (long) labels.length * imageSize) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not make " + labels.length
                    + " images of " + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": image " + i + " has label " + labels[i] + ", outside 0.."
                        + (classNames.size() - 1));
            }
        }
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Values per image: channels × height × width. */
    public int imageSize() {
        return channels * height * width;
    }

    public int label(int index) {
        return labels[index];
    }

    public List<String> classNames() {
        return classNames;
    }

    /** A copy of image {@code index}'s bytes. */
    public byte[] image(int index) {
        return Arrays.copyOfRange(pixels, index * imageSize(), (index + 1) * imageSize());
    }

    /** Pixel value 0..255 of image {@code index} at flat position {@code offset}. */
    public int pixel(int index, int offset) {
        return pixels[index * imageSize() + offset] & 0xff;
    }

    /** The same images under another name (tables, pictures and cache keys show the name). */
    public ImageSet withName(String newName) {
        return new ImageSet(newName, channels, height, width, pixels, labels, classNames);
    }

    /** The images at these indices, in this order. */
    public ImageSet subset(int[] indices) {
        int n = imageSize();
        byte[] chosen = new byte[indices.length * n];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * n, chosen, i * n, n);
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSet(name, channels, height, width, chosen, chosenLabels, classNames);
    }

    /** The first {@code count} images (all if there are fewer). */
    public ImageSet head(int count) {
        int n = Math.min(count, size());
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return subset(indices);
    }

    /** Indices of the images of each class, in dataset order. */
    public int[][] indicesByClass() {
        int[] counts = classCounts();
        int[][] byClass = new int[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            byClass[k] = new int[counts[k]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }

    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** Mean pixel value over every image, on the 0..255 scale. */
    public double meanPixel() {
        long sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xff;
        }
        return sum / (double) pixels.length;
    }

    /**
     * Images {@code indices} as floats in [0, 1], shape (n, channels·height·width). The bytes go to
     * the engine as they are and become floats there: a quarter of the copying of a float buffer.
     */
    public NDArray toFloats(NDManager manager, int[] indices) {
        int n = imageSize();
        ByteBuffer bytes = scratch(indices.length * n);
        for (int index : indices) {
            bytes.put(pixels, index * n, n);
        }
        bytes.flip();
        try (NDArray raw = manager.create(bytes, new Shape(indices.length, n), DataType.UINT8)) {
            // The float copy never aliases the scratch buffer, so the buffer is free again once raw is closed.
            return raw.toType(DataType.FLOAT32, false).divi(255f); // in place: no second float copy
        }
    }

    /**
     * One direct buffer per thread, reused batch after batch: a fresh one per batch is freed only by
     * a garbage collection that an idle heap rarely runs, so resident memory would creep up each epoch.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

    private static ByteBuffer scratch(int bytes) {
        ByteBuffer buffer = SCRATCH.get();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, 2 * buffer.capacity()));
            SCRATCH.set(buffer);
        }
        buffer.clear();
        return buffer;
    }

    /** Every image as floats in [0, 1], shape (size, channels·height·width). */
    public NDArray toFloats(NDManager manager) {
        int[] all = new int[size()];
        Arrays.setAll(all, i -> i);
        return toFloats(manager, all);
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images of " + channels + "x" + height + "x" + width + ", " + classNames.size() + " classes";
    }
}
