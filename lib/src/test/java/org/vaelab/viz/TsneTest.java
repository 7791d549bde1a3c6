package org.vaelab.viz;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsneTest {
    @Test
    void separatedClustersStaySeparatedInTwoDimensions() {
        Random random = new Random(9);
        int n = 200;
        double[][] codes = new double[n][10];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < n / 2 ? 0 : 1;
            for (int j = 0; j < 10; j++) {
                codes[i][j] = random.nextGaussian() + (labels[i] == 1 && j < 3 ? 8 : 0);
            }
        }
        double[][] embedding = Tsne.embed(codes, 500, 1);
        assertEquals(n, embedding.length);
        assertEquals(2, embedding[0].length);
        int agree = 0;
        for (int i = 0; i < n; i++) {
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                double d = Math.hypot(embedding[i][0] - embedding[j][0], embedding[i][1] - embedding[j][1]);
                if (j != i && d < best) {
                    best = d;
                    nearest = j;
                }
            }
            agree += labels[nearest] == labels[i] ? 1 : 0;
        }
        assertTrue(agree > 0.95 * n, "nearest neighbour in the embedding has the same cluster: " + agree + " of " + n);
    }
}
