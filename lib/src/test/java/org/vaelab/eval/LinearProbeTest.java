package org.vaelab.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearProbeTest {
    @Test
    void separableCodesAreReadAndRandomLabelsAreNot() {
        Random random = new Random(4);
        int n = 600;
        double[][] codes = new double[n][4];
        int[] labels = new int[n];
        int[] randomLabels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            randomLabels[i] = random.nextInt(3);
            for (int j = 0; j < 4; j++) {
                codes[i][j] = random.nextGaussian() * 0.5 + (j == labels[i] ? 3 : 0);
            }
        }
        double[][] train = java.util.Arrays.copyOfRange(codes, 0, 400);
        double[][] test = java.util.Arrays.copyOfRange(codes, 400, n);
        double readable = LinearProbe.accuracy(train, java.util.Arrays.copyOfRange(labels, 0, 400), test,
                java.util.Arrays.copyOfRange(labels, 400, n));
        double noise = LinearProbe.accuracy(train, java.util.Arrays.copyOfRange(randomLabels, 0, 400), test,
                java.util.Arrays.copyOfRange(randomLabels, 400, n));
        assertTrue(readable > 0.97, "clusters one per label: " + readable);
        assertTrue(noise < 0.5, "labels unrelated to the codes: " + noise);
    }
}
