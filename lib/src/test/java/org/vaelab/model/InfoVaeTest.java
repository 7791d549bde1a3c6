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
import org.vaelab.loss.Losses;
import org.vaelab.train.History;
import org.vaelab.train.TrainSettings;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** InfoVAE on real MNIST: its terms by name, their weighting, and training that lowers the loss. */
@Tag("engines")
class InfoVaeTest {
    @TempDir
    Path tmp;

    @Test
    void totalWeighsKlAndMmdAsThePaper() throws IOException {
        ImageSet mnist = Data.mnist(Split.TEST).head(64);
        VaeConfig config = VaeConfig.mlp(100, 8).infoVae(0f, 10f, Losses.MmdKernel.IMQ, 1f);
        try (Vae vae = Vae.create(config, 1, Lab.device()); NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist.toFloats(m);
            NDList out = vae.block().forward(new ParameterStore(m, false), new NDList(x), false);
            LossTerms terms = vae.loss(VaeOutput.of(out), x);
            assertEquals(java.util.List.of("reconstruction", "kl", "mmd", "total"), java.util.List.copyOf(terms.byName().keySet()));
            float mmd = terms.term("mmd").getFloat();
            float[] expected = terms.reconstruction().add(terms.kl()).add(9f * mmd).toFloatArray();
            assertArrayEquals(expected, terms.total().toFloatArray(), 1e-3f, "(1−α)·KL + (α+λ−1)·MMD with α = 0, λ = 10");
        }
    }

    @Test
    void trainingLowersTheLoss() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN).head(4096);
        ImageSet test = Data.mnist(Split.TEST).head(500);
        VaeConfig config = VaeConfig.mlp(200, 8).relu().infoVae(0f, 100f, Losses.MmdKernel.RBF, 1f);
        try (Trained<Vae> run = Trainers.in(tmp).fit(config, train, test, TrainSettings.adam(2, 4))) {
            History history = run.history();
            assertTrue(history.last("train_loss") < history.table().doubleColumn("train_loss").get(0), history.table().print());
        }
    }

    /** α = 0, λ = 100: each epoch's mean loss is reconstruction + KL + 99 · MMD, the MMD counted once per image. */
    @Test
    void theHistoryKeepsTheMmdTermBesideTheElbosTermsAndAfterReloading() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN).head(1024);
        ImageSet test = Data.mnist(Split.TEST).head(200);
        VaeConfig config = VaeConfig.mlp(64, 4).relu().infoVae(0f, 100f, Losses.MmdKernel.RBF, 1f);
        for (boolean reloaded : new boolean[] {false, true}) {
            try (Trained<Vae> run = Trainers.in(tmp).fit(config, train, test, TrainSettings.adam(2, 5))) {
                assertEquals(reloaded, run.fromCache());
                History history = run.history();
                assertEquals(2, history.epochs());
                for (int row = 0; row < 2; row++) {
                    double mmd = history.table().doubleColumn("train_mmd").getDouble(row);
                    double expected = history.table().doubleColumn("train_reconstruction").get(row)
                            + history.table().doubleColumn("train_kl").get(row) + 99 * mmd;
                    assertTrue(mmd > 0, "MMD " + mmd);
                    assertEquals(expected, history.table().doubleColumn("train_loss").get(row), 1e-3 * Math.abs(expected),
                            history.table().print());
                }
                assertTrue(history.table().columnIndex("train_mmd") < history.table().columnIndex("test_loss"), "train terms come first");
            }
        }
    }

    @Test
    void weightsOutsideThePapersRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.mlp(10, 2).infoVae(0.5f, 0.2f, Losses.MmdKernel.RBF, 1f));
    }
}
