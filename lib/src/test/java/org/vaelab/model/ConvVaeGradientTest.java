package org.vaelab.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.data.StreetDigits;
import org.vaelab.sample.Noise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolutional VAE's loss and gradients on this processor, against finite differences: for each weight
 * tensor W with gradient G, the loss's slope along G/|G| is |G| when G is right. A convolution that goes wrong
 * in its backward pass on some processor (docs/ENGINES.md) gives a slope far from |G| for its layer, or a
 * non-finite G. The forward values are checked against plain Java in {@code ConvolutionCheckTest}.
 */
@Tag("engines")
class ConvVaeGradientTest {
    private static ImageSet mnist;
    private static ImageSet street;

    @BeforeAll
    static void load() throws Exception {
        mnist = Data.mnist(Split.TEST).head(16);
        street = StreetDigits.generate(16, 3);
    }

    @Test
    void everyLayersGradientOfTheMnistConvVaeMatchesFiniteDifferences() {
        checkEveryLayer(VaeConfig.conv(1, 28, 28, 64, 5), mnist);
    }

    @Test
    void everyLayersGradientOfTheStreetDigitConvVaeMatchesFiniteDifferences() {
        checkEveryLayer(VaeConfig.conv(3, 32, 32, 64, 5).gaussian(), street);
    }

    private static void checkEveryLayer(VaeConfig config, ImageSet images) {
        try (Vae vae = Vae.create(config, 11, Device.cpu()); NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = images.toFloats(m);
            Map<String, float[]> gradients = new LinkedHashMap<>();
            float loss;
            try (NDManager step = m.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = loss(vae, x, step);
                loss = total.getFloat();
                collector.backward(total);
                for (Pair<String, Parameter> p : vae.block().getParameters()) {
                    gradients.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
                }
            }
            assertTrue(Float.isFinite(loss), "loss " + loss);
            List<String> report = new ArrayList<>();
            int checked = 0;
            for (Pair<String, Parameter> p : vae.block().getParameters()) {
                float[] g = gradients.get(p.getKey());
                double norm = 0;
                for (float v : g) {
                    assertTrue(Float.isFinite(v), p.getKey() + " has a non-finite gradient on " + Engine.getInstance().getEngineName());
                    norm += (double) v * v;
                }
                norm = Math.sqrt(norm);
                if (norm < 1e-3) {
                    continue; // a bias that barely moves the loss: its slope drowns in float32 rounding
                }
                NDArray weights = p.getValue().getArray();
                float[] original = weights.toFloatArray();
                double size = 0;
                for (float v : original) {
                    size += (double) v * v;
                }
                // A step along G of length 1/|G| (the loss moves by about a nat) or 1 % of |W|, whichever is shorter:
                // long enough to rise far above the loss's float32 rounding, short enough that few ReLUs change sides.
                double length = Math.min(1 / norm, 0.01 * Math.sqrt(size));
                float[] plus = moved(original, g, length / norm);
                float[] minus = moved(original, g, -length / norm);
                double measured = lossWith(vae, x, m, weights, plus) - lossWith(vae, x, m, weights, minus);
                write(weights, original, m);
                double predicted = 0; // G · (W₊ − W₋), from the weights as float32 holds them
                for (int i = 0; i < g.length; i++) {
                    predicted += (double) g[i] * ((double) plus[i] - minus[i]);
                }
                report.add(String.format(Locale.ROOT, "%s: predicted %.4f, measured %.4f", p.getKey(), predicted, measured));
                // Within 20 %: a float32 loss of a ReLU network differs from its tangent by up to 10-15 % at these steps
                // (measured on both engines); a wrong backward pass gives NaN, a wrong sign or a wrong size.
                assertEquals(predicted, measured, 0.2 * Math.abs(predicted) + 2e-3, p.getKey() + " on " + Engine.getInstance().getEngineName()
                        + ": " + report);
                checked++;
            }
            assertTrue(checked >= 10, "the convolutions' weights are among those checked: " + report);
        }
    }

    /** The summed −ELBO of x with the engine's noise seeded the same way each time. */
    private static NDArray loss(Vae vae, NDArray x, NDManager manager) {
        return perImage(vae, x, manager).sum();
    }

    /** Each image's −ELBO, the engine's noise seeded the same way each time. */
    private static NDArray perImage(Vae vae, NDArray x, NDManager manager) {
        Noise.seedEngine(5);
        NDList out = vae.block().forward(new ParameterStore(manager, false), new NDList(x), true);
        return vae.loss(VaeOutput.of(out), x).total();
    }

    /** W + step · G. */
    private static float[] moved(float[] original, float[] direction, double step) {
        float[] moved = new float[original.length];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = (float) (original[i] + step * direction[i]);
        }
        return moved;
    }

    /** Replaces the weights' values (MXNet keeps convolution weights in oneDNN's layout, which only a copy operator writes). */
    private static void write(NDArray weights, float[] values, NDManager m) {
        try (NDManager scope = m.newSubManager()) {
            scope.create(values, weights.getShape()).copyTo(weights);
        }
    }

    private static double lossWith(Vae vae, NDArray x, NDManager m, NDArray weights, float[] values) {
        write(weights, values, m);
        try (NDManager scope = m.newSubManager()) {
            double sum = 0; // each image's loss, added in double: rounding about 10⁻⁴ rather than a float32 total's 10⁻³
            for (float image : perImage(vae, x, scope).toFloatArray()) {
                sum += image;
            }
            return sum;
        }
    }
}
