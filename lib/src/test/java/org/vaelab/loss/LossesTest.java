package org.vaelab.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each term of the ELBO against values worked out by hand (in double precision, in plain Java). */
@Tag("engines")
class LossesTest {
    @Test
    void bernoulliNllIsTheBinaryCrossEntropy() {
        float[] logits = {-2f, 0f, 3f, 0.5f};
        float[] x = {0f, 1f, 1f, 0.25f};
        double expected = 0;
        for (int j = 0; j < 4; j++) {
            double p = 1 / (1 + Math.exp(-logits[j]));
            expected -= x[j] * Math.log(p) + (1 - x[j]) * Math.log(1 - p);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nll = Losses.bernoulliNll(m.create(logits, new Shape(1, 4)), m.create(x, new Shape(1, 4)));
            assertEquals(new Shape(1), nll.getShape());
            assertEquals(expected, nll.getFloat(0), 1e-5);
        }
    }

    @Test
    void bernoulliNllStaysFiniteForLargeLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nll = Losses.bernoulliNll(m.create(new float[] {-60f, 60f, 60f}, new Shape(1, 3)),
                    m.create(new float[] {0f, 1f, 0f}, new Shape(1, 3)));
            // The first two are (almost) free, the last costs its logit: softplus(60) − 0 = 60.
            assertEquals(60.0, nll.getFloat(0), 1e-3);
        }
    }

    @Test
    void gaussianNllIsHalfTheSquaredErrorPlusTheNormaliser() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nll = Losses.gaussianNll(m.create(new float[] {0f, 1f}, new Shape(1, 2)), m.create(new float[] {1f, 3f}, new Shape(1, 2)));
            assertEquals(0.5 * (1 + 4) + Math.log(2 * Math.PI), nll.getFloat(0), 1e-5);
        }
    }

    @Test
    void theOptimalSigmaNllFitsEachImagesSigmaToItsOwnError() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Row 1: errors 1 and 3, so σ² = (1 + 9)/2 = 5 and −log N = (2/2)·log(2π·5) + 2/2.
            // Row 2: a perfect reconstruction, σ floored at e^−6: (2/2)·(−12 + log 2π) + 1.
            NDArray mean = m.create(new float[] {0f, 1f, 0.5f, 0.5f}, new Shape(2, 2));
            NDArray x = m.create(new float[] {1f, 4f, 0.5f, 0.5f}, new Shape(2, 2));
            float[] nll = Losses.gaussianNllOptimalSigma(mean, x).toFloatArray();
            assertEquals(Math.log(2 * Math.PI * 5) + 1, nll[0], 1e-5);
            assertEquals(-12 + Math.log(2 * Math.PI) + 1, nll[1], 1e-4);
            // It is the Gaussian NLL at that σ: ½‖x − μ‖²/σ² + D/2·log(2πσ²) with σ² = 5.
            assertEquals(0.5 * 10 / 5 + Math.log(2 * Math.PI * 5), nll[0], 1e-5);
        }
    }

    @Test
    void laplaceNllIsTheAbsoluteErrorOverTheScalePlusTheNormaliser() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray nll = Losses.laplaceNll(m.create(new float[] {0.2f, 0.9f, 0.5f}, new Shape(1, 3)),
                    m.create(new float[] {0f, 1f, 0.5f}, new Shape(1, 3)), 0.75f);
            // (0.2 + 0.1 + 0) / 0.75 + 3 log 1.5 = 0.4 + 1.216395…
            assertEquals(0.3 / 0.75 + 3 * Math.log(1.5), nll.getFloat(0), 1e-5);
            assertEquals(1.6163953, nll.getFloat(0), 1e-5);
        }
    }

    @Test
    void klHasItsClosedForm() {
        float[] mu = {0.5f, -1f};
        float[] logVar = {0f, (float) Math.log(0.25)};
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double var = Math.exp(logVar[i]);
            expected += 0.5 * (var + mu[i] * mu[i] - 1 - logVar[i]);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray kl = Losses.gaussianKl(m.create(mu, new Shape(1, 2)), m.create(logVar, new Shape(1, 2)));
            assertEquals(expected, kl.getFloat(0), 1e-5);
            NDArray zero = Losses.gaussianKl(m.zeros(new Shape(1, 5)), m.zeros(new Shape(1, 5)));
            assertEquals(0.0, zero.getFloat(0), 1e-7, "KL(N(0,I) ‖ N(0,I)) = 0");
        }
    }

    /** μ = 0.5, σ² = 1: ½ · 0.25 = 0.125; μ = −1, σ² = ¼: ½ (¼ + 1 − 1 − log ¼) = ⅛ + ½ log 4; the row's KL is their sum, to the bit. */
    @Test
    void eachDimensionsKlIsItsShareOfTheClosedForm() {
        float[] mu = {0.5f, -1f, 0.3f, 2f, -0.7f, 0f};
        float[] logVar = {0f, (float) Math.log(0.25), -1.3f, 0.4f, 0.1f, -3f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray perDimension = Losses.gaussianKlPerDimension(m.create(mu, new Shape(2, 3)), m.create(logVar, new Shape(2, 3)));
            assertEquals(new Shape(2, 3), perDimension.getShape());
            float[] got = perDimension.toFloatArray();
            assertEquals(0.125, got[0], 1e-6);
            assertEquals(0.125 + 0.5 * Math.log(4), got[1], 1e-6);
            float[] rows = Losses.gaussianKl(m.create(mu, new Shape(2, 3)), m.create(logVar, new Shape(2, 3))).toFloatArray();
            float[] summed = perDimension.sum(new int[] {1}).toFloatArray();
            assertEquals(rows[0], summed[0], 0, "the row's KL is the sum of its dimensions'");
            assertEquals(rows[1], summed[1], 0);
        }
    }

    @Test
    void klAgreesWithAMonteCarloEstimate() {
        // KL = E_q[log q(z) − log p(z)], estimated from 200,000 samples drawn in Java.
        double[] mu = {0.8, -0.3, 1.5};
        double[] logVar = {-1.0, 0.4, -0.2};
        int samples = 200_000;
        float[] z = new float[samples * 3];
        Random random = new Random(11);
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < 3; i++) {
                z[s * 3 + i] = (float) (mu[i] + Math.exp(0.5 * logVar[i]) * random.nextGaussian());
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zs = m.create(z, new Shape(samples, 3));
            NDArray muArray = m.create(new float[] {0.8f, -0.3f, 1.5f}, new Shape(1, 3));
            NDArray logVarArray = m.create(new float[] {-1.0f, 0.4f, -0.2f}, new Shape(1, 3));
            NDArray terms = Losses.logNormal(zs, muArray, logVarArray).sub(Losses.logStandardNormal(zs));
            double estimate = terms.mean().getFloat();
            double spread = Math.sqrt(terms.sub(estimate).square().mean().getFloat() / samples);
            double closed = Losses.gaussianKl(muArray, logVarArray).getFloat(0);
            assertTrue(Math.abs(estimate - closed) < 4 * spread,
                    "Monte Carlo " + estimate + " ± " + spread + " against closed form " + closed);
        }
    }

    @Test
    void logSumExpIsStable() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1f, 2f, 3f, 1000f, 1000f, 999f}, new Shape(2, 3));
            float[] lse = Losses.logSumExp(a, 1).toFloatArray();
            assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), lse[0], 1e-5);
            assertEquals(1000 + Math.log(2 + Math.exp(-1)), lse[1], 1e-3);
        }
    }
}
