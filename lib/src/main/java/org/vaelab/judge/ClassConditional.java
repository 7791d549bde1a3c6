package org.vaelab.judge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vaelab.data.ImageSet;
import org.vaelab.model.Vae;
import org.vaelab.sample.GaussianMixtureSampler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * Class-conditional generation judged by numbers: fit one Gaussian per class to a model's
 * training codes μ(x), draw codes from each class's Gaussian with its covariance divided by
 * {@code shrink}, decode them, and report how often the classifier names the intended class and
 * how diverse the images are (beside the diversity of real test images of the class).
 */
public final class ClassConditional {
    private ClassConditional() {
    }

    /** The posterior means of a set's images, as Java rows. */
    public static double[][] codes(Vae vae, ImageSet set) {
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            int latent = vae.config().latent();
            double[][] codes = new double[set.size()][latent];
            int[] all = new int[set.size()];
            java.util.Arrays.setAll(all, i -> i);
            for (int start = 0; start < set.size(); start += 1000) {
                int[] chunk = java.util.Arrays.copyOfRange(all, start, Math.min(set.size(), start + 1000));
                float[] mu = vae.encode(set.toFloats(manager, chunk)).get(0).toFloatArray();
                for (int i = 0; i < chunk.length; i++) {
                    for (int j = 0; j < latent; j++) {
                        codes[start + i][j] = mu[i * latent + j];
                    }
                }
            }
            return codes;
        }
    }

    public static int[] labels(ImageSet set) {
        int[] labels = new int[set.size()];
        java.util.Arrays.setAll(labels, set::label);
        return labels;
    }

    /** One row per class and a mean row: agreement of the classifier, diversity of samples and of real images. */
    public static Table judge(List<String> modelNames, List<Vae> models, ImageSet train, ImageSet test, Classifier judge,
                              int samplesPerClass, double shrink, long seed) {
        Table table = Table.create("class-conditional samples, " + samplesPerClass + " per class, covariance / " + shrink,
                StringColumn.create("model"), StringColumn.create("class"), DoubleColumn.create("classifier agrees"),
                DoubleColumn.create("diversity of samples"), DoubleColumn.create("diversity of real images"));
        int classes = train.classNames().size();
        try (NDManager manager = NDManager.newBaseManager(judge.device())) {
            double[] realDiversity = new double[classes];
            int[][] testByClass = test.indicesByClass();
            for (int k = 0; k < classes; k++) {
                int[] chosen = java.util.Arrays.copyOf(testByClass[k], Math.min(samplesPerClass, testByClass[k].length));
                realDiversity[k] = GeneratedImages.meanPairwiseDistance(test.toFloats(manager, chosen));
            }
            for (int m = 0; m < models.size(); m++) {
                Vae vae = models.get(m);
                GaussianMixtureSampler mixture = GaussianMixtureSampler.perClass(codes(vae, train), labels(train), classes);
                double agreeSum = 0;
                double diversitySum = 0;
                for (int k = 0; k < classes; k++) {
                    NDArray images = vae.decode(GeneratedImages.codes(manager, mixture.sampleComponent(k, samplesPerClass, shrink, seed + k)));
                    double agree = GeneratedImages.agreement(judge, images, k);
                    double diversity = GeneratedImages.meanPairwiseDistance(images);
                    agreeSum += agree;
                    diversitySum += diversity;
                    add(table, modelNames.get(m), train.classNames().get(k), agree, diversity, realDiversity[k]);
                }
                double realMean = java.util.Arrays.stream(realDiversity).average().orElse(0);
                add(table, modelNames.get(m), "mean", agreeSum / classes, diversitySum / classes, realMean);
            }
        }
        return table;
    }

    private static void add(Table table, String model, String label, double agree, double diversity, double real) {
        table.stringColumn(0).append(model);
        table.stringColumn(1).append(label);
        table.doubleColumn(2).append(Math.round(agree * 1000) / 1000.0);
        table.doubleColumn(3).append(Math.round(diversity * 100) / 100.0);
        table.doubleColumn(4).append(Math.round(real * 100) / 100.0);
    }

    /** Only the mean rows, one per model: the comparison in one glance. */
    public static Table summary(Table judged) {
        return judged.where(judged.stringColumn("class").isEqualTo("mean"));
    }
}
