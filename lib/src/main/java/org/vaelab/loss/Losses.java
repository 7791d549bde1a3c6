package org.vaelab.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The terms of the ELBO, per image (summed over pixels and latent dimensions, one value per row).
 * Each method is one equation; all work on any DJL engine.
 */
public final class Losses {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private Losses() {
    }

    /**
     * Bernoulli negative log-likelihood from logits ℓ = logit π:
     * −log p(x|z) = Σ_j softplus(ℓ_j) − x_j ℓ_j, which equals the binary cross-entropy
     * −Σ_j x_j log π_j + (1−x_j) log(1−π_j) but stays finite for any ℓ (sigmoid-then-log does not at |ℓ| ≳ 17).
     * Valid for x in [0, 1], not only 0/1 (the "continuous Bernoulli" use of the pytorch example).
     */
    public static NDArray bernoulliNll(NDArray logits, NDArray x) {
        return Activation.softPlus(logits).sub(x.mul(logits)).sum(new int[] {1});
    }

    /**
     * Gaussian negative log-likelihood with unit variance (the MSE decoder):
     * −log N(x; μ, I) = ½ Σ_j (x_j − μ_j)² + ½ D log 2π.
     */
    public static NDArray gaussianNll(NDArray mean, NDArray x) {
        long d = x.getShape().get(1);
        return x.sub(mean).square().sum(new int[] {1}).mul(0.5).add(0.5 * d * LOG_2PI);
    }

    /**
     * KL(N(μ, diag σ²) ‖ N(0, I)) in closed form: −½ Σ_i (1 + log σ_i² − μ_i² − σ_i²).
     */
    public static NDArray gaussianKl(NDArray mu, NDArray logVar) {
        return logVar.add(1).sub(mu.square()).sub(logVar.exp()).sum(new int[] {1}).mul(-0.5);
    }

    /** log N(z; μ, diag exp(logVar)), summed over dimensions: −½ Σ_i ((z_i−μ_i)²/σ_i² + log σ_i² + log 2π). */
    public static NDArray logNormal(NDArray z, NDArray mu, NDArray logVar) {
        long d = z.getShape().get(z.getShape().dimension() - 1);
        int last = z.getShape().dimension() - 1;
        return z.sub(mu).square().div(logVar.exp()).add(logVar).sum(new int[] {last}).add(d * LOG_2PI).mul(-0.5);
    }

    /** log N(z; 0, I), summed over dimensions. */
    public static NDArray logStandardNormal(NDArray z) {
        long d = z.getShape().get(z.getShape().dimension() - 1);
        int last = z.getShape().dimension() - 1;
        return z.square().sum(new int[] {last}).add(d * LOG_2PI).mul(-0.5);
    }

    /** log Σ_k exp(a_k) along an axis, computed as m + log Σ exp(a − m) so that it never overflows. */
    public static NDArray logSumExp(NDArray a, int axis) {
        NDArray max = a.max(new int[] {axis}, true);
        return a.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }
}
