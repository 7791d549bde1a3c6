package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.PairedViews;
import org.vaelab.judge.Classifier;
import org.vaelab.loss.Losses;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.sample.GaussianMixtureSampler;
import org.vaelab.train.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** Two-view models side by side: test loss, cross-coherence both ways, joint coherence (prior and fitted mixture), a linear probe of the latent. */
public final class MultiViewTable {
    /** The components of the Gaussian mixture fitted to the joint codes: one per label, as MultiVae's default. */
    public static final int MIXTURE_COMPONENTS = 10;
    /** The row of {@link #readThenDrawn}. */
    public static final String READ_THEN_DRAWN = "source read by its judge, then a real image of that label";
    /** The heading of the joint coherence of codes sampled from the fitted mixture. */
    public static final String JOINT_FROM_MIXTURE = "joint coherence (fitted mixture)";

    private MultiViewTable() {
    }

    /** The joint posterior means of the pairs, and their labels (rows for the probe and for t-SNE). */
    public static double[][] jointCodes(MultiViewVae vae, PairedViews pairs) {
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            return LatentCodes.rows(pairs.size(), vae.config().latent(), Batches.of(pairs, 1000, 0, 0, false, manager),
                    batch -> vae.encodeJoint(batch.x(0), batch.x(1)));
        }
    }

    /** The posterior means given view {@code view} of each pair alone (that view's expert, with the prior for the products). */
    public static double[][] viewCodes(MultiViewVae vae, PairedViews pairs, int view) {
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            return LatentCodes.rows(pairs.size(), vae.config().latent(), Batches.of(pairs, 1000, 0, 0, false, manager),
                    batch -> vae.encodeOne(batch.x(view), view));
        }
    }

    /**
     * Each latent dimension's KL(q(z_d|x_v) ‖ N(0, 1)), averaged over the pairs, of the posterior given view {@code view}
     * alone: how much of each image that view's encoder puts into each dimension of the code (their sum is its KL).
     */
    public static double[] viewKlPerDimension(MultiViewVae vae, PairedViews pairs, int view) {
        double[] sums = new double[vae.config().latent()];
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            for (Batch batch : Batches.of(pairs, 1000, 0, 0, false, manager)) {
                try (batch) {
                    NDList q = vae.posteriorOf(batch.x(view), view);
                    float[] perDimension = Losses.gaussianKlPerDimension(q.get(0), q.get(1)).sum(new int[] {0}).toFloatArray();
                    for (int d = 0; d < sums.length; d++) {
                        sums[d] += perDimension[d];
                    }
                }
            }
        }
        for (int d = 0; d < sums.length; d++) {
            sums[d] /= pairs.size();
        }
        return sums;
    }

    public static int[] labels(PairedViews pairs) {
        int[] labels = new int[pairs.size()];
        java.util.Arrays.setAll(labels, pairs::label);
        return labels;
    }

    /**
     * One row per model: the test loss, cross-coherence both ways, joint coherence of prior samples and of
     * samples from a {@value #MIXTURE_COMPONENTS}-component Gaussian mixture fitted to the joint codes of
     * {@code train} (ex-post density estimation, as MultiVae's {@code GaussianMixtureSampler}), and the
     * linear probe of those codes. {@code jointSamples} codes are decoded for each joint coherence.
     */
    public static Table coherence(List<String> names, List<MultiViewVae> models, PairedViews train, PairedViews test,
                                  Classifier firstJudge, Classifier secondJudge, int jointSamples, long seed) {
        String first = test.first().name();
        String second = test.second().name();
        Table table = Table.create("test pairs: " + test.size(), StringColumn.create("posterior"),
                DoubleColumn.create("test loss"), DoubleColumn.create(first + " → " + second),
                DoubleColumn.create(second + " → " + first), DoubleColumn.create("joint coherence"),
                DoubleColumn.create(JOINT_FROM_MIXTURE), DoubleColumn.create("linear probe"));
        for (int m = 0; m < models.size(); m++) {
            MultiViewVae vae = models.get(m);
            java.util.function.Function<NDArray, NDArray[]> decodeBoth = z -> new NDArray[] {vae.decode(z, 0), vae.decode(z, 1)};
            double[][] trainCodes = jointCodes(vae, train);
            table.stringColumn(0).append(names.get(m));
            table.doubleColumn(1).append(round(Evaluation.elbo(vae, test, seed).loss(), 100));
            table.doubleColumn(2).append(round(Coherence.cross(test, 0, x -> vae.crossGenerate(x, 0, 1), secondJudge), 1000));
            table.doubleColumn(3).append(round(Coherence.cross(test, 1, x -> vae.crossGenerate(x, 1, 0), firstJudge), 1000));
            table.doubleColumn(4).append(round(Coherence.joint(jointSamples, vae.config().latent(), seed, decodeBoth, firstJudge,
                    secondJudge), 1000));
            double[][] fitted = GaussianMixtureSampler.fit(trainCodes, MIXTURE_COMPONENTS, seed).sample(jointSamples, seed);
            table.doubleColumn(5).append(round(Coherence.joint(fitted, decodeBoth, firstJudge, secondJudge), 1000));
            table.doubleColumn(6).append(round(LinearProbe.accuracy(trainCodes, labels(train), jointCodes(vae, test), labels(test)), 1000));
        }
        return table;
    }

    /**
     * The coherence table with a last column, each model's training wall time in seconds (from its history, so a
     * model loaded from the cache shows the time it was trained in): the table of the published-schedule mode.
     */
    public static Table withTrainingSeconds(Table coherence, List<History> histories) {
        if (histories.size() != coherence.rowCount()) {
            throw new IllegalArgumentException(histories.size() + " training histories for " + coherence.rowCount() + " models");
        }
        DoubleColumn seconds = DoubleColumn.create("training (s)");
        for (History history : histories) {
            seconds.append(Math.round(history.totalSeconds()));
        }
        return coherence.addColumns(seconds);
    }

    /** The real test pairs scored as {@link #coherence} scores a model: what a model that generated perfectly would reach. */
    public static Table realPairs(PairedViews test, Classifier firstJudge, Classifier secondJudge) {
        String first = test.first().name();
        String second = test.second().name();
        double[] scores = Coherence.ofRealPairs(test, firstJudge, secondJudge);
        Table table = Table.create("real test pairs: " + test.size(), StringColumn.create("pairs"),
                DoubleColumn.create(first + " → " + second), DoubleColumn.create(second + " → " + first),
                DoubleColumn.create("joint coherence"));
        table.stringColumn(0).append("real test pairs");
        for (int column = 0; column < 3; column++) {
            table.doubleColumn(column + 1).append(round(scores[column], 1000));
        }
        return table;
    }

    /**
     * The cross-coherence of a model that read each source image as well as the source's judge does and then
     * returned a real image of the label it read ({@link Coherence#ofRecognisedPairs}): the bound on
     * cross-generation set by how well one view tells its label.
     */
    public static Table readThenDrawn(PairedViews test, Classifier firstJudge, Classifier secondJudge) {
        String first = test.first().name();
        String second = test.second().name();
        double[] scores = Coherence.ofRecognisedPairs(test, firstJudge, secondJudge);
        Table table = Table.create("test pairs: " + test.size(), StringColumn.create("pairs"),
                DoubleColumn.create(first + " → " + second), DoubleColumn.create(second + " → " + first));
        table.stringColumn(0).append(READ_THEN_DRAWN);
        table.doubleColumn(1).append(round(scores[0], 1000));
        table.doubleColumn(2).append(round(scores[1], 1000));
        return table;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }
}
