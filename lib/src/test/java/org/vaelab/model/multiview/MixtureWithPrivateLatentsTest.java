package org.vaelab.model.multiview;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
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
import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Likelihood;
import org.vaelab.model.VaeConfig;
import org.vaelab.sample.Noise;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MMVAE+ on real MNIST–Fashion-MNIST pairs: its private latents, its cross-generation, its training. */
@Tag("engines")
class MixtureWithPrivateLatentsTest {
    private static final int LATENT = 10;
    private static final int PRIVATE = 4;
    private static PairedViews pairs;

    @BeforeAll
    static void load() throws IOException {
        pairs = PairedViews.byLabel(Data.mnist(Split.TRAIN).head(3000), Data.fashionMnist(Split.TRAIN).head(3000), 1, 7);
    }

    private static MultiViewConfig config() {
        return MultiViewConfig.of(VaeConfig.mlp(128, LATENT).relu(), VaeConfig.mlp(128, LATENT).relu(), new MixtureWithPrivateLatents(PRIVATE));
    }

    @Test
    void eachViewsEncoderGivesASharedAndAPrivateCode() {
        try (MultiViewVae vae = MultiViewVae.create(config(), 1, Lab.device()); NDManager m = NDManager.newBaseManager();
             Batch batch = Batches.of(pairs, 8, 1, 0, false, m).iterator().next()) {
            var experts = vae.block().experts(new ParameterStore(m, false), 0, batch.x(0), false);
            assertEquals(4, experts.size());
            assertEquals(new Shape(8, LATENT), experts.get(0).getShape());
            assertEquals(new Shape(8, PRIVATE), experts.get(2).getShape());
            assertEquals(new Shape(8, LATENT), vae.encodeOne(batch.x(0), 0).getShape(), "codes are the shared part");
            assertEquals(new Shape(8, 784), vae.crossGenerate(batch.x(0), 0, 1).getShape());
        }
    }

    /** Rewriting the rows of view 1's head that make its private code changes nothing view 2 is generated from. */
    @Test
    void crossGenerationIgnoresThePrivateLatents() {
        try (MultiViewVae vae = MultiViewVae.create(config(), 2, Lab.device()); NDManager m = NDManager.newBaseManager();
             Batch batch = Batches.of(pairs, 16, 2, 0, false, m).iterator().next()) {
            float[] before = vae.crossGenerate(batch.x(0), 0, 1).toFloatArray();
            float[] privateBefore = vae.block().experts(new ParameterStore(m, false), 0, batch.x(0), false).get(2).toFloatArray();
            Parameter head = headWeight(vae, "gaussian_head1");
            NDArray weight = head.getArray();
            String rows = (2 * LATENT) + ":" + (2 * LATENT + 2 * PRIVATE);
            weight.set(new NDIndex(rows + ", :"), weight.get(new NDIndex(rows + ", :")).mul(-3).add(0.5f));
            float[] privateAfter = vae.block().experts(new ParameterStore(m, false), 0, batch.x(0), false).get(2).toFloatArray();
            assertFalse(java.util.Arrays.equals(privateBefore, privateAfter), "the private code did change");
            assertArrayEquals(before, vae.crossGenerate(batch.x(0), 0, 1).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void trainingStepsOnRealPairsLowerTheLoss() {
        try (MultiViewVae vae = MultiViewVae.create(config(), 3, Lab.device());
             Trainer trainer = vae.model().newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                     .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                     .optDevices(new Device[] {vae.model().getNDManager().getDevice()}))) {
            List<Float> losses = new ArrayList<>();
            for (Batch batch : Batches.of(pairs, 100, 3, 1, false, trainer.getManager())) {
                try (batch; GradientCollector collector = trainer.newGradientCollector()) {
                    LossTerms terms = vae.forward(new ParameterStore(trainer.getManager(), false), batch, true);
                    assertEquals(new Shape(100), terms.total().getShape());
                    NDArray loss = terms.total().mean();
                    collector.backward(loss);
                    losses.add(loss.getFloat());
                }
                trainer.step();
            }
            assertTrue(losses.stream().allMatch(Float::isFinite), losses.toString());
            double first = losses.subList(0, 5).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            double last = losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            assertTrue(last < 0.8 * first, "mean loss of the first 5 steps " + first + ", of the last 5 " + last);
        }
    }

    @Test
    void atOneSampleItsImportanceWeightedBoundIsItsElboForTheSameNoise() {
        try (MultiViewVae vae = MultiViewVae.create(config(), 3, Lab.device()); NDManager m = NDManager.newBaseManager();
             Batch batch = Batches.of(pairs, 16, 1, 0, false, m).iterator().next()) {
            Views views = new Views(new NDArray[] {batch.x(0), batch.x(1)},
                    new Likelihood[] {Likelihood.BERNOULLI, Likelihood.BERNOULLI}, new float[] {1f, 1f});
            float[][] losses = new float[3][];
            MultiViewObjective[] objectives = {MultiViewObjective.ELBO, new ImportanceWeighted(1), new DregImportanceWeighted(1)};
            for (int i = 0; i < objectives.length; i++) {
                Noise.seedEngine(5);
                losses[i] = objectives[i].loss(vae.block(), new ParameterStore(m, false), vae.config().posterior(), views, false)
                        .total().toFloatArray();
            }
            // The same z, w and auxiliary w̃ drawn in the same order: −log (1/1) w is the sampled ELBO, pair by pair.
            assertArrayEquals(losses[0], losses[1], 1e-3f, "IWAE at K = 1");
            assertArrayEquals(losses[0], losses[2], 1e-3f, "DReG's value at K = 1");
            assertTrue(losses[0][0] > 100, "a real loss in nats: " + losses[0][0]);
            String name = config().withObjective(new DregImportanceWeighted(4)).shortName();
            assertTrue(name.startsWith("mv-mixture-private" + PRIVATE + "-dreg4-"), name);
        }
        assertThrows(IllegalArgumentException.class, () -> new MixtureWithPrivateLatents(0));
    }

    private static Parameter headWeight(MultiViewVae vae, String head) {
        for (var entry : vae.block().getParameters()) {
            if (entry.getKey().contains(head) && entry.getKey().endsWith("weight")) {
                return entry.getValue();
            }
        }
        throw new AssertionError("no weight of " + head);
    }
}
