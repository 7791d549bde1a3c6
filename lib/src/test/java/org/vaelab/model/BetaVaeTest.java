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
import org.vaelab.train.ElboEstimate;
import org.vaelab.eval.Evaluation;
import org.vaelab.train.TrainSettings;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The β-VAE on real MNIST: the KL weighted by β in training, the plain ELBO in evaluation, a lower rate for a larger β. */
@Tag("engines")
class BetaVaeTest {
    @TempDir
    Path tmp;

    @Test
    void betaWeighsTheKlTermOfTheTrainingLoss() throws IOException {
        ImageSet mnist = Data.mnist(Split.TEST).head(64);
        try (Vae vae = Vae.create(VaeConfig.mlp(100, 5).withBeta(4f), 1, Lab.device()); NDManager m = NDManager.newBaseManager()) {
            NDArray x = mnist.toFloats(m);
            LossTerms terms = vae.loss(VaeOutput.of(vae.block().forward(new ParameterStore(m, false), new NDList(x), false)), x);
            assertEquals(new ai.djl.ndarray.types.Shape(64), terms.total().getShape());
            assertArrayEquals(terms.reconstruction().add(terms.kl().mul(4)).toFloatArray(), terms.total().toFloatArray(), 1e-3f);
        }
    }

    @Test
    void trainingLowersTheLossAndALargerBetaLowersTheRate() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN).head(4096);
        ImageSet test = Data.mnist(Split.TEST).head(500);
        TrainSettings settings = TrainSettings.adam(2, 6);
        try (Trained<Vae> beta1 = Trainers.in(tmp).fit(VaeConfig.mlp(200, 10).relu(), train, test, settings);
             Trained<Vae> beta8 = Trainers.in(tmp).fit(VaeConfig.mlp(200, 10).relu().withBeta(8f), train, test, settings)) {
            assertTrue(beta8.history().last("train_loss") < beta8.history().table().doubleColumn("train_loss").get(0));
            ElboEstimate plain = Evaluation.elbo(beta1.model(), test, 1);
            ElboEstimate heavy = Evaluation.elbo(beta8.model(), test, 1);
            assertTrue(heavy.kl() < plain.kl(), "rate with β = 8: " + heavy.kl() + ", with β = 1: " + plain.kl());
            assertTrue(heavy.reconstruction() > plain.reconstruction(), "and a larger distortion");
            assertEquals(heavy.loss(), heavy.reconstruction() + heavy.kl(), 1e-3, "evaluation reports the plain ELBO");
        }
    }
}
