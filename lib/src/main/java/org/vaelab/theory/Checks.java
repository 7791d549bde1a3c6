package org.vaelab.theory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vaelab.loss.Gaussian;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;
import org.vaelab.sample.Noise;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lab 01's numerical checks of the equations, on small tensors with the same library functions the
 * models train with. Each returns a table of what the formula says beside what was measured.
 */
public final class Checks {
    private Checks() {
    }

    /** The closed-form Gaussian KL beside a Monte-Carlo estimate E_q[log q(z) − log p(z)] with its standard error. */
    public static Table klClosedFormVsMonteCarlo(float[] mu, float[] logVar, int samples, long seed) {
        Noise.seedEngine(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            int d = mu.length;
            NDArray mus = m.create(mu, new Shape(1, d));
            NDArray logVars = m.create(logVar, new Shape(1, d));
            NDArray z = Gaussian.reparameterize(mus, logVars, m.randomNormal(new Shape(samples, d)));
            NDArray terms = Losses.logNormal(z, mus, logVars).sub(Losses.logStandardNormal(z));
            double estimate = terms.mean().getFloat();
            double stderr = Math.sqrt(terms.sub(estimate).square().mean().getFloat() / samples);
            double closed = Losses.gaussianKl(mus, logVars).getFloat(0);
            return table("KL(q ‖ p), " + samples + " samples",
                    new String[] {"closed form", "Monte Carlo", "Monte Carlo standard error", "difference in standard errors"},
                    new double[] {closed, estimate, stderr, (estimate - closed) / stderr});
        }
    }

    /** z = μ + σ ⊙ ε: the sample mean and variance of z beside μ and σ², per dimension. */
    public static Table reparameterisation(float[] mu, float[] logVar, int samples, long seed) {
        Noise.seedEngine(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            int d = mu.length;
            NDArray z = Gaussian.reparameterize(m.create(mu, new Shape(1, d)), m.create(logVar, new Shape(1, d)),
                    m.randomNormal(new Shape(samples, d)));
            float[] mean = z.mean(new int[] {0}).toFloatArray();
            float[] variance = z.sub(z.mean(new int[] {0})).square().mean(new int[] {0}).toFloatArray();
            Table table = Table.create("z = μ + σ ⊙ ε, " + samples + " samples",
                    StringColumn.create("dimension"), DoubleColumn.create("μ"), DoubleColumn.create("sample mean"),
                    DoubleColumn.create("σ²"), DoubleColumn.create("sample variance"));
            for (int i = 0; i < d; i++) {
                table.stringColumn("dimension").append("z" + (i + 1));
                table.doubleColumn("μ").append(mu[i]);
                table.doubleColumn("sample mean").append(mean[i]);
                table.doubleColumn("σ²").append(Math.exp(logVar[i]));
                table.doubleColumn("sample variance").append(variance[i]);
            }
            return table;
        }
    }

    /**
     * A model whose evidence is known: p(z) = N(0, 1), p(x|z) = N(z, 1), so p(x) = N(0, 2) and the
     * true posterior is N(x/2, 1/2). The ELBO of several q(z|x) = N(m, s²), each estimated with samples,
     * beside log p(x): it equals log p(x) at the true posterior and falls short by KL(q ‖ p(z|x)) elsewhere.
     */
    public static Table elboBelowEvidence(float x, int samples, long seed) {
        Noise.seedEngine(seed);
        double logEvidence = -0.5 * (x * x / 2.0 + Math.log(2 * Math.PI * 2));
        double[][] posteriors = {{x / 2.0, 0.5}, {x / 2.0, 1.0}, {0.0, 0.5}, {x, 0.1}};
        String[] names = {"q = true posterior N(x/2, 1/2)", "q = N(x/2, 1)", "q = N(0, 1/2)", "q = N(x, 0.1)"};
        Table table = Table.create("ELBO ≤ log p(x) at x = " + x, StringColumn.create("q(z|x)"),
                DoubleColumn.create("ELBO (Monte Carlo)"), DoubleColumn.create("log p(x)"),
                DoubleColumn.create("gap"), DoubleColumn.create("KL(q ‖ p(z|x))"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.full(new Shape(samples, 1), x);
            for (int i = 0; i < posteriors.length; i++) {
                double mean = posteriors[i][0];
                double var = posteriors[i][1];
                NDArray mu = m.full(new Shape(1, 1), (float) mean);
                NDArray logVar = m.full(new Shape(1, 1), (float) Math.log(var));
                NDArray z = Gaussian.reparameterize(mu, logVar, m.randomNormal(new Shape(samples, 1)));
                double reconstruction = Losses.gaussianNll(z, xs).mean().getFloat();
                double kl = Losses.gaussianKl(mu, logVar).getFloat(0);
                double elbo = -reconstruction - kl;
                double klToPosterior = 0.5 * (var / 0.5 + (mean - x / 2.0) * (mean - x / 2.0) / 0.5 - 1 + Math.log(0.5 / var));
                table.stringColumn("q(z|x)").append(names[i]);
                table.doubleColumn("ELBO (Monte Carlo)").append(elbo);
                table.doubleColumn("log p(x)").append(logEvidence);
                table.doubleColumn("gap").append(logEvidence - elbo);
                table.doubleColumn("KL(q ‖ p(z|x))").append(klToPosterior);
            }
        }
        return table;
    }

    /**
     * The product-of-experts formula beside the normalised product of the Gaussian densities, computed
     * on a fine grid of one latent dimension: mean and variance of each.
     */
    public static Table productOfExpertsVsDensities(float mu1, float var1, float mu2, float var2) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mus = m.create(new float[] {mu1, mu2}, new Shape(2, 1, 1));
            NDArray logVars = m.create(new float[] {(float) Math.log(var1), (float) Math.log(var2)}, new Shape(2, 1, 1));
            NDList joint = Experts.productOfExperts(mus, logVars);
            double formulaMean = joint.get(0).getFloat(0, 0);
            double formulaVar = Math.exp(joint.get(1).getFloat(0, 0));
            // Numerically: p(z) q1(z) q2(z) on [−10, 10], normalised by the trapezoid rule.
            int points = 200_001;
            double step = 20.0 / (points - 1);
            double mass = 0;
            double first = 0;
            double second = 0;
            for (int i = 0; i < points; i++) {
                double z = -10 + i * step;
                double density = normal(z, 0, 1) * normal(z, mu1, var1) * normal(z, mu2, var2);
                double w = (i == 0 || i == points - 1) ? 0.5 : 1;
                mass += w * density;
                first += w * density * z;
                second += w * density * z * z;
            }
            double numericMean = first / mass;
            double numericVar = second / mass - numericMean * numericMean;
            Table table = Table.create("product of N(0,1), N(" + mu1 + ", " + var1 + ") and N(" + mu2 + ", " + var2 + ")",
                    StringColumn.create("moment"), DoubleColumn.create("product-of-experts formula"),
                    DoubleColumn.create("normalised product of densities"));
            table.stringColumn("moment").append("mean").append("variance");
            table.doubleColumn("product-of-experts formula").append(formulaMean).append(formulaVar);
            table.doubleColumn("normalised product of densities").append(numericMean).append(numericVar);
            return table;
        }
    }

    /**
     * The Bernoulli loss of one pixel, −[x log π + (1−x) log(1−π)] with π = sigmoid(ℓ), computed the
     * naive way (sigmoid, then log, in float32) and the stable way (softplus(ℓ) − xℓ), for growing |ℓ|.
     */
    public static Table bernoulliLossStability(float x, float[] logits) {
        Table table = Table.create("Bernoulli loss of a pixel x = " + x, DoubleColumn.create("logit ℓ"),
                DoubleColumn.create("sigmoid, then log"), DoubleColumn.create("softplus(ℓ) − xℓ"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = m.create(logits, new Shape(logits.length, 1));
            NDArray xs = m.full(new Shape(logits.length, 1), x);
            NDArray p = ai.djl.nn.Activation.sigmoid(l);
            float[] naive = p.log().mul(xs).add(p.neg().add(1).log().mul(xs.neg().add(1))).neg().toFloatArray();
            float[] stable = Losses.bernoulliNll(l, xs).toFloatArray();
            for (int i = 0; i < logits.length; i++) {
                table.doubleColumn(0).append(logits[i]);
                table.doubleColumn(1).append(naive[i]);
                table.doubleColumn(2).append(stable[i]);
            }
        }
        return table;
    }

    private static double normal(double z, double mean, double var) {
        return Math.exp(-(z - mean) * (z - mean) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    private static Table table(String name, String[] quantities, double[] values) {
        return Table.create(name, StringColumn.create("quantity", quantities), DoubleColumn.create("value", values));
    }
}
