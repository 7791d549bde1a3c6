package org.vaelab.model;

import org.vaelab.Lab;
import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.train.TrainSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The centre-loss model on real MNIST: its terms, and codes that gather around their class's centre. */
@Tag("engines")
class CentreLossTest {
    @TempDir
    Path tmp;

    @Test
    void totalIsReconstructionPlusLambdaTimesTheDistanceToTheClassCentre() throws IOException {
        ImageSet mnist = Data.mnist(Split.TEST).head(32);
        VaeConfig config = VaeConfig.mlp(64, 6).withObjective(new CentreLoss(0.5f, 10));
        try (Vae vae = Vae.create(config, 1, Lab.device()); NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist.toFloats(m);
            int[] labels = new int[32];
            Arrays.setAll(labels, mnist::label);
            NDList out = vae.block().forward(new ParameterStore(m, false), new NDList(x, m.create(labels)), false);
            LossTerms terms = vae.loss(VaeOutput.of(out), x);
            float[] mu = out.get(1).toFloatArray();
            float[] centres = vae.block().getParameters().get("centres").getArray().toFloatArray();
            float[] centre = terms.term("centre").toFloatArray();
            for (int i = 0; i < 32; i++) {
                double expected = 0;
                for (int j = 0; j < 6; j++) {
                    double d = mu[i * 6 + j] - centres[labels[i] * 6 + j];
                    expected += d * d;
                }
                assertEquals(expected, centre[i], 1e-4, "image " + i);
            }
            assertArrayEquals(terms.reconstruction().add(terms.term("centre").mul(0.5f)).toFloatArray(),
                    terms.total().toFloatArray(), 1e-3f, "no KL term");
        }
    }

    @Test
    void trainingGathersEachClassAroundItsCentre() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN).head(6000);
        ImageSet test = Data.mnist(Split.TEST).head(1000);
        VaeConfig config = VaeConfig.mlp(256, 6).relu().withObjective(new CentreLoss(5f, 10));
        try (Trained<Vae> run = Trainers.in(tmp).fit(config, train, test, TrainSettings.adam(3, 2));
             NDManager m = NDManager.newBaseManager()) {
            assertTrue(run.history().last("train_loss") < run.history().table().doubleColumn("train_loss").get(0));
            float[] mu = run.model().encode(test.toFloats(m)).get(0).toFloatArray();
            float[] centres = run.model().block().getParameters().get("centres").getArray().toFloatArray();
            int nearestIsOwn = 0;
            for (int i = 0; i < test.size(); i++) {
                int best = -1;
                double bestDistance = Double.MAX_VALUE;
                for (int k = 0; k < 10; k++) {
                    double d = 0;
                    for (int j = 0; j < 6; j++) {
                        double diff = mu[i * 6 + j] - centres[k * 6 + j];
                        d += diff * diff;
                    }
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = k;
                    }
                }
                nearestIsOwn += best == test.label(i) ? 1 : 0;
            }
            // Chance is 100 of 1000; three short epochs reached 700 here.
            assertTrue(nearestIsOwn > 500, "test codes nearest their own class centre: " + nearestIsOwn + " of 1000");
        }
    }
}
