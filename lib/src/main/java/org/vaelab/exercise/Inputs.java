package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;

/** The checks' inputs: seeded, made in plain Java, so that every engine and every run sees the same numbers. */
final class Inputs {
    private Inputs() {
    }

    /** Values of N(mean, sd²), from {@code seed}. */
    static float[] normal(long seed, int count, double mean, double sd) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (mean + sd * random.nextGaussian());
        }
        return values;
    }

    /** Values uniform in [0, 1), from {@code seed}. */
    static float[] uniform(long seed, int count) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    /** 0 or 1, each with probability ½, from {@code seed}. */
    static float[] binary(long seed, int count) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextBoolean() ? 1f : 0f;
        }
        return values;
    }

    static float[] constant(int count, float value) {
        float[] values = new float[count];
        Arrays.fill(values, value);
        return values;
    }

    /** Integers in [0, bound), from {@code seed}. */
    static int[] labels(long seed, int count, int bound) {
        Random random = new Random(seed);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(bound);
        }
        return values;
    }

    static NDArray array(NDManager manager, float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    /** A 2-d array's rows in double precision, for the library's plain-Java references. */
    static double[][] rows(NDArray array) {
        int n = (int) array.getShape().get(0);
        int d = (int) array.getShape().get(1);
        float[] flat = array.toFloatArray();
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = flat[i * d + j];
            }
        }
        return rows;
    }

    /** Rows of doubles as a float32 array (n, d) in {@code manager}. */
    static NDArray matrix(NDManager manager, double[][] rows) {
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) rows[i][j];
            }
        }
        return array(manager, flat, rows.length, d);
    }

    static long size(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
