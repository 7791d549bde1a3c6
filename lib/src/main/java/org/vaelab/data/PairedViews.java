package org.vaelab.data;

import java.util.SplittableRandom;

/**
 * Two views of one concept: each image of the first dataset paired with an image of the same
 * label from the second (MNIST digit k with Fashion-MNIST class k, or with SVHN digit k).
 *
 * <p>The rule, reproducible from the seed: every image of the first view appears in exactly
 * {@code pairsPerImage} pairs. Its partners are drawn from the second view's images of the same
 * label by walking a random permutation of that class, and a fresh permutation is drawn whenever
 * one runs out. So when the classes differ in size, the second view's images of a class are used as
 * evenly as possible (their use counts differ by at most one per permutation pass), and a class
 * with more partner images than needed leaves some unused. Pair train splits with train splits and
 * test with test: the pairing never crosses splits because it only sees the two sets it is given.
 */
public final class PairedViews {
    private final ImageSet first;
    private final ImageSet second;
    private final int[] firstIndex;
    private final int[] secondIndex;
    private final String identity;

    private PairedViews(ImageSet first, ImageSet second, int[] firstIndex, int[] secondIndex, String identity) {
        this.first = first;
        this.second = second;
        this.firstIndex = firstIndex;
        this.secondIndex = secondIndex;
        this.identity = identity;
    }

    public static PairedViews byLabel(ImageSet first, ImageSet second, int pairsPerImage, long seed) {
        if (pairsPerImage < 1) {
            throw new IllegalArgumentException("pairsPerImage must be at least 1, got " + pairsPerImage);
        }
        if (first.classNames().size() != second.classNames().size()) {
            throw new IllegalArgumentException(first.name() + " has " + first.classNames().size() + " classes and "
                    + second.name() + " " + second.classNames().size() + "; pairing by label needs a 1-to-1 class map");
        }
        int[][] firstByClass = first.indicesByClass();
        int[][] secondByClass = second.indicesByClass();
        int total = Math.multiplyExact(first.size(), pairsPerImage);
        int[] a = new int[total];
        int[] b = new int[total];
        SplittableRandom random = new SplittableRandom(seed);
        int pair = 0;
        for (int k = 0; k < firstByClass.length; k++) {
            if (firstByClass[k].length == 0) {
                continue;
            }
            int[] partners = secondByClass[k];
            if (partners.length == 0) {
                throw new IllegalArgumentException(second.name() + " has no image of class " + k + " ("
                        + second.classNames().get(k) + ") to pair with " + first.name() + "'s " + firstByClass[k].length);
            }
            int[] permutation = shuffled(partners, random);
            int cursor = 0;
            for (int image : firstByClass[k]) {
                for (int r = 0; r < pairsPerImage; r++) {
                    if (cursor == permutation.length) {
                        permutation = shuffled(partners, random);
                        cursor = 0;
                    }
                    a[pair] = image;
                    b[pair] = permutation[cursor++];
                    pair++;
                }
            }
        }
        return new PairedViews(first, second, a, b, first.name() + "/" + first.size() + "+" + second.name() + "/"
                + second.size() + " by label, " + pairsPerImage + " per image, seed " + seed);
    }

    /** A shuffled copy of {@code values} (Fisher–Yates, from {@code random}): pairings, epochs and samples share it. */
    public static int[] shuffled(int[] values, SplittableRandom random) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    public int size() {
        return firstIndex.length;
    }

    public ImageSet first() {
        return first;
    }

    public ImageSet second() {
        return second;
    }

    /** Index into {@link #first()} of pair {@code i}. */
    public int firstIndex(int i) {
        return firstIndex[i];
    }

    /** Index into {@link #second()} of pair {@code i}. */
    public int secondIndex(int i) {
        return secondIndex[i];
    }

    /** The shared label of pair {@code i}. */
    public int label(int i) {
        return first.label(firstIndex[i]);
    }

    /** Everything that determines the pairs (datasets and sizes, pairs per image, seed), for cache keys. */
    public String identity() {
        return identity;
    }

    @Override
    public String toString() {
        return size() + " pairs of " + first.name() + " and " + second.name() + " images with the same label";
    }
}
