package org.vaelab.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.vaelab.nn.RowSums;

import static org.vaelab.nn.Constants.atLeast;
import static org.vaelab.nn.Constants.dividedBy;
import static org.vaelab.nn.Constants.power;
import static org.vaelab.nn.Constants.times;

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
        return RowSums.of(Activation.softPlus(logits).sub(x.mul(logits)));
    }

    /**
     * Gaussian negative log-likelihood with unit variance (the MSE decoder):
     * −log N(x; μ, I) = ½ Σ_j (x_j − μ_j)² + ½ D log 2π.
     */
    public static NDArray gaussianNll(NDArray mean, NDArray x) {
        long d = x.getShape().get(1);
        return times(RowSums.of(x.sub(mean).square()), 0.5).add(0.5 * d * LOG_2PI);
    }

    /** The smallest σ of {@link #gaussianNllOptimalSigma}: log σ ≥ −6, as σ-VAE's reference code clips it. */
    public static final double MIN_LOG_SIGMA = -6;

    /**
     * Gaussian negative log-likelihood with each image's own σ set to its maximum-likelihood value, σ_i² = ‖x_i − μ_i‖² / D
     * (the "optimal σ" of σ-VAE, Rybkin et al. 2021; per image here, so that an image's loss depends on it alone):
     * −log N(x; μ, σ_i² I) = D/2 · log(2π σ_i²) + D/2, with σ_i at least e^{−6}.
     * Its gradient in μ is (μ − x)/σ_i²: the reconstruction weighs 1/σ_i² times as much as under σ = 1, and since
     * a β-VAE's β plays the part of σ², a σ fitted to the reconstruction's error keeps the KL from swamping it.
     */
    public static NDArray gaussianNllOptimalSigma(NDArray mean, NDArray x) {
        long d = x.getShape().get(1);
        NDArray variance = atLeast(times(RowSums.of(x.sub(mean).square()), 1.0 / d), Math.exp(2 * MIN_LOG_SIGMA));
        return times(variance.log(), 0.5 * d).add(0.5 * d * (LOG_2PI + 1));
    }

    /**
     * Laplace negative log-likelihood with a fixed scale b:
     * −log Laplace(x; μ, b) = Σ_j |x_j − μ_j| / b + D log 2b.
     * Its gradient in μ is ±1/b whatever the error's size, so a few badly drawn pixels do not dominate the
     * loss as they do under the squared error; MMVAE (Shi et al., 2019) uses it with b = 0.75.
     */
    public static NDArray laplaceNll(NDArray location, NDArray x, float scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the Laplace scale must be positive, got " + scale);
        }
        long d = x.getShape().get(1);
        return times(RowSums.of(x.sub(location).abs()), 1.0 / scale).add(d * Math.log(2.0 * scale));
    }

    /**
     * KL(N(μ, diag σ²) ‖ N(0, I)) in closed form: −½ Σ_i (1 + log σ_i² − μ_i² − σ_i²), the sum over the dimensions of
     * {@link #gaussianKlPerDimension}.
     */
    public static NDArray gaussianKl(NDArray mu, NDArray logVar) {
        return gaussianKlPerDimension(mu, logVar).sum(new int[] {1});
    }

    /**
     * Each dimension's KL(N(μ_i, σ_i²) ‖ N(0, 1)) = −½ (1 + log σ_i² − μ_i² − σ_i²), shape (n, d): where a code keeps its
     * nats. (Scaling by −½, a power of two, is exact, so summing these gives {@link #gaussianKl} to the last bit.)
     */
    public static NDArray gaussianKlPerDimension(NDArray mu, NDArray logVar) {
        return times(logVar.add(1).sub(mu.square()).sub(logVar.exp()), -0.5);
    }

    /** The centre loss of lab 04: ‖μ − c_y‖² = Σ_i (μ_i − c_{y,i})², the squared distance of each code to its class's centre. */
    public static NDArray centreLoss(NDArray mu, NDArray classCentres) {
        return mu.sub(classCentres).square().sum(new int[] {1});
    }

    /**
     * Burda et al.'s importance-weighted bound from the log-weights log w_i = log p_θ(x|z_i) + log p(z_i) − log q_φ(z_i|x)
     * of k samples z_i ~ q_φ(z|x) per example, shape (n, k): log (1/k) Σ_i w_i ≤ log p(x), one value per example.
     * At k = 1 it is the ELBO's one-sample estimate; it rises towards log p(x) as k grows.
     */
    public static NDArray iwaeBound(NDArray logWeights) {
        long k = logWeights.getShape().get(1);
        return logSumExp(logWeights, 1).sub(Math.log(k));
    }

    /** log N(z; μ, diag exp(logVar)), summed over dimensions: −½ Σ_i ((z_i−μ_i)²/σ_i² + log σ_i² + log 2π). */
    public static NDArray logNormal(NDArray z, NDArray mu, NDArray logVar) {
        long d = z.getShape().get(z.getShape().dimension() - 1);
        int last = z.getShape().dimension() - 1;
        return times(z.sub(mu).square().div(logVar.exp()).add(logVar).sum(new int[] {last}).add(d * LOG_2PI), -0.5);
    }

    /** log N(z; 0, I), summed over dimensions. */
    public static NDArray logStandardNormal(NDArray z) {
        long d = z.getShape().get(z.getShape().dimension() - 1);
        int last = z.getShape().dimension() - 1;
        return times(z.square().sum(new int[] {last}).add(d * LOG_2PI), -0.5);
    }

    /** The kernels of InfoVAE's MMD. */
    public enum MmdKernel {
        /** k(a, b) = exp(−‖a−b‖² / C) */
        RBF,
        /** k(a, b) = Σ_s C_s / (C_s + ‖a−b‖²), over scales s ∈ {0.1, 0.2, 0.5, 1, 2, 5, 10} (the WAE paper's sum) */
        IMQ
    }

    private static final float[] IMQ_SCALES = {0.1f, 0.2f, 0.5f, 1f, 2f, 5f, 10f};

    /**
     * The unbiased estimate of MMD² between samples x (n, d) of q(z) and y (m, d) of p(z):
     * (1/n(n−1)) Σ_{i≠j} k(x_i, x_j) + (1/m(m−1)) Σ_{i≠j} k(y_i, y_j) − (2/nm) Σ_{i,j} k(x_i, y_j),
     * with C = 2·d·bandwidth² (the prior's expected squared distance when bandwidth = 1). A scalar.
     */
    public static NDArray mmd(NDArray x, NDArray y, MmdKernel kernel, float bandwidth) {
        long n = x.getShape().get(0);
        long m = y.getShape().get(0);
        long d = x.getShape().get(1);
        float c = 2f * d * bandwidth * bandwidth;
        NDArray kxx = kernel(squaredDistances(x, x), kernel, c);
        NDArray kyy = kernel(squaredDistances(y, y), kernel, c);
        NDArray kxy = kernel(squaredDistances(x, y), kernel, c);
        // Subtracting the diagonals leaves the i ≠ j sums; k(a, a) is the same constant for every a.
        float diagonal = kernel == MmdKernel.RBF ? 1f : IMQ_SCALES.length;
        NDArray xx = dividedBy(kxx.sum().sub(n * diagonal), (float) (n * (n - 1)));
        NDArray yy = dividedBy(kyy.sum().sub(m * diagonal), (float) (m * (m - 1)));
        return xx.add(yy).sub(times(kxy.sum(), 2f / (n * m)));
    }

    /** ‖a_i − b_j‖² for every pair of rows, as ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j. */
    static NDArray squaredDistances(NDArray a, NDArray b) {
        NDArray aa = a.square().sum(new int[] {1}, true);
        NDArray bb = b.square().sum(new int[] {1}, true).transpose();
        return atLeast(aa.add(bb).sub(times(a.matMul(b.transpose()), 2)), 0f);
    }

    private static NDArray kernel(NDArray squared, MmdKernel kernel, float c) {
        if (kernel == MmdKernel.RBF) {
            return dividedBy(squared, -c).exp();
        }
        NDArray sum = null;
        for (float scale : IMQ_SCALES) {
            float cs = c * scale;
            NDArray term = times(power(squared.add(cs), -1f), cs);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /** log Σ_k exp(a_k) along an axis, computed as m + log Σ exp(a − m) so that it never overflows. */
    public static NDArray logSumExp(NDArray a, int axis) {
        NDArray max = a.max(new int[] {axis}, true);
        return a.sub(max).exp().sum(new int[] {axis}).log().add(max.squeeze(axis));
    }
}
