package org.vaelab.model;

import org.vaelab.Lab;
import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VAE on real MNIST images: shapes, loss terms, gradients, saving, seeds. Runs on each engine. */
@Tag("engines")
class VaeTest {
    private static ImageSet mnist;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        mnist = Data.mnist(Split.TEST).head(64);
    }

    @Test
    void runsOnTheEngineTheBuildSelected() {
        String selected = System.getProperty("ai.djl.default_engine", "MXNet");
        assertEquals(selected, ai.djl.engine.Engine.getInstance().getEngineName());
    }

    @Test
    void forwardGivesLossTermsPerImage() {
        for (VaeConfig config : new VaeConfig[] {VaeConfig.mlp(400, 20), VaeConfig.conv(1, 28, 28, 256, 8).gaussian()}) {
            try (Vae vae = Vae.create(config, 1, Lab.device()); NDManager m = NDManager.newBaseManager()) {
                NDArray x = mnist.toFloats(m);
                NDList out = vae.block().forward(new ai.djl.training.ParameterStore(m, false), new NDList(x), false);
                assertEquals(new Shape(64, 784), out.get(0).getShape(), config.shortName());
                assertEquals(new Shape(64, config.latent()), out.get(1).getShape());
                LossTerms terms = vae.loss(VaeOutput.of(out), x);
                assertEquals(new Shape(64), terms.total().getShape());
                float[] total = terms.total().toFloatArray();
                float[] sum = terms.reconstruction().add(terms.kl()).toFloatArray();
                assertArrayEquals(sum, total, 1e-3f, "total = reconstruction + KL when β = 1");
                for (float kl : terms.kl().toFloatArray()) {
                    assertTrue(kl >= 0, "KL is never negative: " + kl);
                }
            }
        }
    }

    @Test
    void everyGradientIsFinite() {
        try (Vae vae = Vae.create(VaeConfig.mlp(400, 20).relu(), 1, Lab.device());
             Trainer trainer = vae.model().newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
            NDArray x = mnist.toFloats(trainer.getManager());
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(vae.loss(VaeOutput.of(trainer.forward(new NDList(x))), x).total().mean());
            }
            int checked = 0;
            for (Pair<String, Parameter> parameter : vae.block().getParameters()) {
                NDArray gradient = parameter.getValue().getArray().getGradient();
                float[] values = gradient.toFloatArray();
                double norm = 0;
                for (float v : values) {
                    assertTrue(Float.isFinite(v), parameter.getKey() + " has a non-finite gradient");
                    norm += v * v;
                }
                assertTrue(norm > 0, parameter.getKey() + " gets no gradient");
                checked++;
            }
            assertEquals(8, checked, "weights and biases of the encoder layer, the Gaussian head and two decoder layers");
        }
    }

    @Test
    void savedWeightsGiveIdenticalOutputs() throws IOException {
        VaeConfig config = VaeConfig.mlp(64, 4);
        try (Vae vae = Vae.create(config, 3, Lab.device()); NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist.toFloats(m);
            float[] before = vae.reconstruct(x).toFloatArray();
            vae.save(tmp);
            try (Vae loaded = Vae.load(config, tmp, Lab.device())) {
                assertArrayEquals(before, loaded.reconstruct(x).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        try (Vae a = Vae.create(VaeConfig.mlp(32, 2), 5, Lab.device()); Vae b = Vae.create(VaeConfig.mlp(32, 2), 5, Lab.device());
             Vae c = Vae.create(VaeConfig.mlp(32, 2), 6, Lab.device()); NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist.toFloats(m);
            float[] first = a.encode(x).get(0).toFloatArray();
            assertArrayEquals(first, b.encode(x).get(0).toFloatArray(), 0f);
            assertTrue(!java.util.Arrays.equals(first, c.encode(x).get(0).toFloatArray()), "another seed, other weights");
        }
    }
}
