package org.vaelab.sample;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The mixture recovers clusters whose truth is known, and samples a shrunken component as asked. */
class GaussianMixtureSamplerTest {
    private static final double[][] MEANS = {{-4, 0}, {4, 1}, {0, 6}};
    private static final double[] SPREAD = {0.5, 1.0, 0.7};

    private static double[][] clusters(int perCluster, int[] labels) {
        Random random = new Random(5);
        double[][] data = new double[3 * perCluster][];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perCluster; i++) {
                int row = c * perCluster + i;
                data[row] = new double[] {MEANS[c][0] + SPREAD[c] * random.nextGaussian(), MEANS[c][1] + SPREAD[c] * random.nextGaussian()};
                if (labels != null) {
                    labels[row] = c;
                }
            }
        }
        return data;
    }

    @Test
    void emRecoversThreeKnownClusters() {
        GaussianMixtureSampler mixture = GaussianMixtureSampler.fit(clusters(600, null), 3, 11);
        List<GaussianMixtureSampler.Component> found = new ArrayList<>(mixture.components());
        for (double[] mean : MEANS) {
            GaussianMixtureSampler.Component nearest = found.stream()
                    .min(Comparator.comparingDouble(c -> distance(c.mean(), mean))).orElseThrow();
            assertEquals(0, distance(nearest.mean(), mean), 0.15, "a component at " + java.util.Arrays.toString(mean));
            assertEquals(1 / 3.0, nearest.weight(), 0.03);
            found.remove(nearest);
        }
    }

    @Test
    void perClassComponentsAndShrunkenSamplesHaveTheRightMoments() {
        int[] labels = new int[1800];
        GaussianMixtureSampler mixture = GaussianMixtureSampler.perClass(clusters(600, labels), labels, 3);
        assertEquals(SPREAD[1] * SPREAD[1], mixture.components().get(1).covariance()[0][0], 0.15);
        double[][] samples = mixture.sampleComponent(1, 20_000, 1.5, 3);
        double mean = 0;
        double square = 0;
        for (double[] z : samples) {
            mean += z[0];
            square += z[0] * z[0];
        }
        mean /= samples.length;
        double variance = square / samples.length - mean * mean;
        assertEquals(MEANS[1][0], mean, 0.1);
        assertEquals(mixture.components().get(1).covariance()[0][0] / 1.5, variance, 0.05, "covariance divided by 1.5");
        double[][] again = mixture.sampleComponent(1, 5, 1.5, 3);
        assertEquals(samples[0][0], again[0][0], 0, "the same seed gives the same codes");
    }

    @Test
    void aNonPositiveShrinkIsRefused() {
        int[] labels = new int[300];
        GaussianMixtureSampler mixture = GaussianMixtureSampler.perClass(clusters(100, labels), labels, 3);
        assertThrows(IllegalArgumentException.class, () -> mixture.sampleComponent(0, 1, 0, 1));
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
