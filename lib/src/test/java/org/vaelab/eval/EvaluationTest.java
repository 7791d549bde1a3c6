package org.vaelab.eval;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.ElboEstimate;
import org.vaelab.train.TrainSettings;
import org.vaelab.viz.Pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A briefly trained 2-d VAE on real MNIST: bounds in the right order, pictures of the right size. */
class EvaluationTest {
    @TempDir
    Path tmp;

    @Test
    void iwaeIsTighterThanTheElboAndPicturesHaveTheirSizes() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN).head(6000);
        ImageSet test = Data.mnist(Split.TEST).head(300);
        try (Trained<Vae> run = Trainers.in(tmp).fit(VaeConfig.mlp(200, 2), train, test, TrainSettings.adam(2, 5))) {
            ElboEstimate elbo = Evaluation.elbo(run.model(), test, 1);
            double iwae1 = Evaluation.iwae(run.model(), test, 1, 1);
            double iwae50 = Evaluation.iwae(run.model(), test, 50, 1);
            assertEquals(elbo.loss(), iwae1, 0.05 * elbo.loss(), "IWAE with one sample is the ELBO");
            assertTrue(iwae50 < elbo.loss(), "IWAE k=50 " + iwae50 + " is tighter than −ELBO " + elbo.loss());
            assertEquals(elbo.loss(), elbo.reconstruction() + elbo.kl(), 1e-3);

            BufferedImage manifold = Pictures.manifold(run.model(), 20, 3);
            assertEquals(560, manifold.getWidth());
            assertEquals(560, manifold.getHeight());
            BufferedImage reconstructions = Pictures.reconstructions(test, Pictures.onePerClass(test), List.of(run.model()), List.of("z=2"));
            assertEquals(2 * (28 * 2 + 2), reconstructions.getHeight(), "two rows (originals, one model), each with a 1-pixel frame");
        }
    }
}
