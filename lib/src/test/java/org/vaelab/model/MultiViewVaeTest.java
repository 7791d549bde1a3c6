package org.vaelab.model;

import org.vaelab.Lab;
import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-view VAE on real MNIST–Fashion-MNIST pairs, for each way of joining the experts. */
@Tag("engines")
class MultiViewVaeTest {
    private static PairedViews pairs;

    @BeforeAll
    static void load() throws IOException {
        pairs = PairedViews.byLabel(Data.mnist(Split.TRAIN).head(3000), Data.fashionMnist(Split.TRAIN).head(3000), 1, 7);
    }

    private static MultiViewConfig config(Posterior posterior) {
        return MultiViewConfig.of(VaeConfig.mlp(256, 10).relu(), VaeConfig.mlp(256, 10).relu(), posterior);
    }

    @Test
    void eachPosteriorGivesFiniteLossTermsPerPair() {
        for (Posterior posterior : Posterior.all()) {
            try (MultiViewVae vae = MultiViewVae.create(config(posterior), 1, Lab.device()); NDManager m = NDManager.newBaseManager();
                 Batch batch = Batches.of(pairs, 32, 1, 0, false, m).iterator().next()) {
                NDList out = vae.block().forward(new ParameterStore(m, false), new NDList(batch.x(0), batch.x(1)), false);
                assertEquals(vae.config().posterior().subsets().size() * 5 + 4, out.size(), posterior.tag());
                LossTerms terms = vae.loss(out, batch.x(0), batch.x(1));
                assertEquals(new Shape(32), terms.total().getShape());
                for (float value : terms.total().toFloatArray()) {
                    assertTrue(Float.isFinite(value) && value > 0, posterior + ": loss " + value);
                }
                assertEquals(new Shape(32, 784), vae.crossGenerate(batch.x(1), 1, 0).getShape(), "Fashion → MNIST");
            }
        }
    }

    @Test
    void theProductPosteriorIsTheProductOfItsExperts() {
        try (MultiViewVae vae = MultiViewVae.create(config(Posterior.PRODUCT), 2, Lab.device()); NDManager m = NDManager.newBaseManager();
             Batch batch = Batches.of(pairs, 16, 1, 0, false, m).iterator().next()) {
            NDList out = vae.block().forward(new ParameterStore(m, false), new NDList(batch.x(0), batch.x(1)), false);
            int experts = vae.config().posterior().subsets().size() * 5;
            NDArray mus = out.get(experts).expandDims(0).concat(out.get(experts + 2).expandDims(0), 0);
            NDArray logVars = out.get(experts + 1).expandDims(0).concat(out.get(experts + 3).expandDims(0), 0);
            NDList joint = Experts.productOfExperts(mus, logVars);
            assertArrayEquals(joint.get(0).toFloatArray(), out.get(0).toFloatArray(), 1e-5f, "joint mean of subset {1, 2}");
            assertArrayEquals(joint.get(1).toFloatArray(), out.get(1).toFloatArray(), 1e-5f, "joint log-variance");
        }
    }

    @Test
    void trainingStepsLowerTheLossForEachPosterior() {
        for (Posterior posterior : Posterior.all()) {
            try (MultiViewVae vae = MultiViewVae.create(config(posterior), 3, Lab.device());
                 Trainer trainer = vae.model().newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                         .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                         .optDevices(new Device[] {vae.model().getNDManager().getDevice()}))) {
                List<Float> losses = new ArrayList<>();
                for (Batch batch : Batches.of(pairs, 100, 3, 1, false, trainer.getManager())) {
                    try (batch) {
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(batch.x(0), batch.x(1)));
                            NDArray loss = vae.loss(out, batch.x(0), batch.x(1)).total().mean();
                            collector.backward(loss);
                            losses.add(loss.getFloat());
                        }
                        trainer.step();
                    }
                }
                double first = losses.subList(0, 5).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
                double last = losses.subList(losses.size() - 5, losses.size()).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
                assertTrue(last < 0.8 * first, posterior + ": mean loss of the first 5 steps " + first + ", of the last 5 " + last);
            }
        }
    }
}
