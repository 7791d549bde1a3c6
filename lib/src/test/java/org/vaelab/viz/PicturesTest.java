package org.vaelab.viz;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.eval.Swaps;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lab 07's picture of a fine-tuning curve: the source row, then one row per number of pairs, under its title. */
class PicturesTest {
    @Test
    void aFineTuningPictureHasTheSourceRowAndOneRowPerNumberOfPairs() throws IOException {
        ImageSet test = Data.mnist(Split.TEST).head(100);
        int[] shown = Pictures.onePerClass(test);
        double[][] codes = new double[shown.length][5];
        try (Vae a = Vae.create(VaeConfig.mlp(32, 5), 1, Device.cpu()); Vae b = Vae.create(VaeConfig.mlp(32, 5), 2, Device.cpu())) {
            Swaps.Curve curve = new Swaps.Curve(new int[] {0, 10}, new double[] {0.1, 0.2}, List.of(a, b));
            BufferedImage picture = Pictures.fineTuned(test, shown, codes, curve, "MNIST encoder → MNIST decoder");
            int row = ImageGrid.of(test, shown, shown.length, 2).getHeight();
            assertEquals(24 + 3 * row, picture.getHeight(), "a title band, the source row and a row for N = 0 and N = 10");
            assertTrue(picture.getWidth() >= ImageGrid.of(test, shown, shown.length, 2).getWidth());
        }
    }
}
