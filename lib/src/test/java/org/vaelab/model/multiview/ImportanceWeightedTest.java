package org.vaelab.model.multiview;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.model.Likelihood;
import org.vaelab.model.LossTerms;
import org.vaelab.model.VaeConfig;
import org.vaelab.sample.Noise;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The K-sample objectives of the two-view VAE on real MNIST–Fashion-MNIST pairs: the bound, and DReG's gradients. */
@Tag("engines")
class ImportanceWeightedTest {
    private static final List<String> GROUPS = List.of("encoder1", "encoder2", "gaussian_head1", "gaussian_head2", "decoder1", "decoder2");
    private static PairedViews pairs;
    private static PairedViews testPairs;

    @BeforeAll
    static void load() throws IOException {
        pairs = PairedViews.byLabel(Data.mnist(Split.TRAIN).head(2000), Data.fashionMnist(Split.TRAIN).head(2000), 1, 7);
        testPairs = PairedViews.byLabel(Data.mnist(Split.TEST).head(400), Data.fashionMnist(Split.TEST).head(400), 1, 8);
    }

    private static MultiViewConfig config(Posterior posterior, int hidden, int latent, MultiViewObjective objective) {
        return MultiViewConfig.of(VaeConfig.mlp(hidden, latent).relu(), VaeConfig.mlp(hidden, latent).relu(), posterior)
                .withObjective(objective);
    }

    private static Views views(MultiViewVae vae, Batch batch) {
        return new Views(new NDArray[] {batch.x(0), batch.x(1)}, new Likelihood[] {Likelihood.BERNOULLI, Likelihood.BERNOULLI},
                new float[] {1f, 1f});
    }

    private static float[] lossOf(MultiViewVae vae, MultiViewObjective objective, Batch batch, long seed, NDManager m) {
        Noise.seedEngine(seed);
        return objective.loss(vae.block(), new ParameterStore(m, false), vae.config().posterior(), views(vae, batch), false)
                .total().toFloatArray();
    }

    @Test
    void atOneSampleTheMixturesBoundIsItsElboForTheSameNoise() {
        try (MultiViewVae vae = MultiViewVae.create(config(Posterior.MIXTURE, 128, 8, MultiViewObjective.ELBO), 1, Lab.device());
             NDManager m = NDManager.newBaseManager(); Batch batch = Batches.of(pairs, 16, 1, 0, false, m).iterator().next()) {
            float[] elbo = lossOf(vae, MultiViewObjective.ELBO, batch, 5, m);
            float[] iwae = lossOf(vae, new ImportanceWeighted(1), batch, 5, m);
            assertArrayEquals(elbo, iwae, 1e-3f, "−log (1/1) w = −log w: MMVAE's sampled ELBO, pair by pair");
            assertTrue(elbo[0] > 100, "a real loss in nats: " + elbo[0]);
        }
    }

    @Test
    void theBoundTightensAsKGrowsOnATrainedModel() {
        try (MultiViewVae vae = MultiViewVae.create(config(Posterior.MIXTURE, 128, 8, MultiViewObjective.ELBO), 2, Lab.device());
             Trainer trainer = trainer(vae, 1e-3f)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                for (Batch batch : Batches.of(pairs, 100, 2, epoch, true, trainer.getManager())) {
                    try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                        collector.backward(vae.forward(new ParameterStore(trainer.getManager(), false), batch, true).total().mean());
                    }
                    trainer.step();
                }
            }
            Map<Integer, Double> loss = new LinkedHashMap<>();
            try (NDManager m = NDManager.newBaseManager()) {
                for (int k : new int[] {1, 5, 25}) {
                    double sum = 0;
                    int n = 0;
                    for (Batch batch : Batches.of(testPairs, 100, 9, 0, false, m)) {
                        try (batch) {
                            for (float value : lossOf(vae, new ImportanceWeighted(k), batch, 11 + n, m)) {
                                sum += value;
                            }
                            n += batch.size();
                        }
                    }
                    loss.put(k, sum / n);
                }
            }
            System.out.println("−bound per pair of 400 test pairs, K = 1, 5, 25: " + loss);
            assertTrue(loss.get(1) > loss.get(5) && loss.get(5) > loss.get(25), "−bound per pair for K = 1, 5, 25: " + loss);
            assertTrue(loss.get(1) - loss.get(25) > 1, "by more than a nat: " + loss);
        }
    }

    @ParameterizedTest
    @MethodSource("mixtures")
    void dregGivesTheDecodersExactlyTheIwaeGradient(Posterior posterior) {
        Map<String, float[]> iwae = gradients(new ImportanceWeighted(6), posterior, 3, 17);
        Map<String, float[]> dreg = gradients(new DregImportanceWeighted(6), posterior, 3, 17);
        int compared = 0;
        for (String name : iwae.keySet()) {
            if (name.startsWith("decoder")) {
                float[] expected = iwae.get(name);
                float scale = 0;
                for (float g : expected) {
                    scale = Math.max(scale, Math.abs(g));
                }
                assertArrayEquals(expected, dreg.get(name), 1e-4f * Math.max(1f, scale), name);
                compared++;
            }
        }
        assertEquals(2, compared, "both decoders: " + iwae.keySet());
        assertTrue(differs(iwae, dreg, "encoder"), "the encoders' gradients are DReG's own, not IWAE's");
    }

    /** MMVAE's mixture, and MMVAE+'s with its private latents (sampled and weighed with the shared one). */
    static List<Posterior> mixtures() {
        return List.of(Posterior.MIXTURE, Posterior.MIXTURE_WITH_PRIVATE_LATENTS);
    }

    /**
     * The encoders' gradient of DReG is an unbiased estimate of IWAE's (Tucker et al.): averaged over 150 draws of
     * the noise, the two agree in direction, on the product posterior (each subset's bound a plain IWAE bound).
     */
    @Test
    void dregsEncoderGradientAgreesWithIwaesOnAverage() {
        float[] iwae = new float[0];
        float[] dreg = new float[0];
        for (int draw = 0; draw < 150; draw++) {
            iwae = add(iwae, gradients(new ImportanceWeighted(4), Posterior.PRODUCT, 4, 100 + draw).get("encoder1"));
            dreg = add(dreg, gradients(new DregImportanceWeighted(4), Posterior.PRODUCT, 4, 100 + draw).get("encoder1"));
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < iwae.length; i++) {
            dot += iwae[i] * dreg[i];
            a += iwae[i] * iwae[i];
            b += dreg[i] * dreg[i];
        }
        double cosine = dot / Math.sqrt(a * b);
        System.out.printf("encoder 1's mean gradient over 150 draws: cosine(IWAE, DReG) %.4f, lengths %.4f and %.4f%n", cosine, Math.sqrt(a), Math.sqrt(b));
        assertTrue(cosine > 0.9, "cosine of the mean gradients of encoder 1: " + cosine);
        assertTrue(Math.abs(Math.sqrt(b / a) - 1) < 0.2, "their lengths: " + Math.sqrt(a) + " and " + Math.sqrt(b));
    }

    @Test
    void kMustBeAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new ImportanceWeighted(0));
        assertThrows(IllegalArgumentException.class, () -> new DregImportanceWeighted(0));
        MultiViewConfig dreg = config(Posterior.MIXTURE, 16, 4, new DregImportanceWeighted(30));
        assertTrue(dreg.shortName().startsWith("mv-mixture-dreg30-"), dreg.shortName());
        assertTrue(dreg.key().endsWith(",objective=dreg(k=30))"), dreg.key());
        assertEquals(config(Posterior.MIXTURE, 16, 4, MultiViewObjective.ELBO).key(),
                MultiViewConfig.of(VaeConfig.mlp(16, 4).relu(), VaeConfig.mlp(16, 4).relu(), Posterior.MIXTURE).key(),
                "the ELBO keeps the cache keys of the models trained before K-sample objectives");
    }

    /** Each parameter group's gradient (summed over its arrays, flattened) after one backward pass of a fresh small model. */
    private static Map<String, float[]> gradients(MultiViewObjective objective, Posterior posterior, int pairsInBatch, long noiseSeed) {
        Map<String, float[]> byGroup = new LinkedHashMap<>();
        try (MultiViewVae vae = MultiViewVae.create(config(posterior, 32, 4, objective), 7, Lab.device());
             Trainer trainer = trainer(vae, 0f);
             Batch batch = Batches.of(pairs, pairsInBatch, 3, 0, false, trainer.getManager()).iterator().next()) {
            Noise.seedEngine(noiseSeed);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(objective.loss(vae.block(), new ParameterStore(trainer.getManager(), false), posterior,
                        views(vae, batch), true).total().sum());
            }
            for (var entry : vae.block().getParameters()) {
                Parameter parameter = entry.getValue();
                String group = GROUPS.stream().filter(entry.getKey()::contains).findFirst()
                        .orElseThrow(() -> new AssertionError("a parameter of no known part: " + entry.getKey()));
                byGroup.merge(group, parameter.getArray().getGradient().toFloatArray(), ImportanceWeightedTest::concat);
            }
        }
        return byGroup;
    }

    private static Trainer trainer(MultiViewVae vae, float rate) {
        return vae.model().newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(Math.max(rate, 1e-9f))).build())
                .optDevices(new Device[] {vae.model().getNDManager().getDevice()}));
    }

    private static boolean differs(Map<String, float[]> a, Map<String, float[]> b, String prefix) {
        for (String name : a.keySet()) {
            if (name.startsWith(prefix)) {
                float[] x = a.get(name);
                float[] y = b.get(name);
                for (int i = 0; i < x.length; i++) {
                    if (Math.abs(x[i] - y[i]) > 1e-3f * (1 + Math.abs(x[i]))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] add(float[] sum, float[] more) {
        if (sum.length == 0) {
            return more.clone();
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += more[i];
        }
        return sum;
    }
}
