package org.vaelab.loss;

import ai.djl.ndarray.NDArray;

import static org.vaelab.nn.Constants.times;

/** Sampling from the diagonal Gaussian q_φ(z|x) = N(μ, diag σ²) in a way gradients can pass through. */
public final class Gaussian {
    private Gaussian() {
    }

    /**
     * The reparameterisation z = μ + σ ⊙ ε with ε ~ N(0, I) and σ = exp(½ log σ²): z is a sample of
     * N(μ, diag σ²), and a deterministic, differentiable function of μ and log σ² given ε, so the
     * gradient of a loss at z reaches the encoder. ε is drawn from the engine's generator (see
     * {@link org.vaelab.sample.Noise}), one value per element of μ.
     */
    public static NDArray reparameterize(NDArray mu, NDArray logVar) {
        return reparameterize(mu, logVar, mu.getManager().randomNormal(mu.getShape()));
    }

    /**
     * The bounds of an encoder's log σ²: σ from e⁻¹⁵ ≈ 3·10⁻⁷ to e¹⁵ ≈ 3·10⁶, far beyond what a trained encoder
     * gives, and far inside float32's range for every term that reads it (σ⁻² of the product of experts, σ²
     * of the KL). The linear head's log σ² is otherwise unbounded: one bad step could send it to ±100, where
     * exp overflows (at 88.7) or underflows and the loss becomes NaN.
     */
    public static final float MAX_LOG_VARIANCE = 30f;

    /**
     * log σ² clipped to [−{@value #MAX_LOG_VARIANCE}, {@value #MAX_LOG_VARIANCE}]: the encoder's own value
     * (and gradient) inside, the bound outside.
     */
    public static NDArray boundedLogVariance(NDArray logVar) {
        return logVar.clip(-MAX_LOG_VARIANCE, MAX_LOG_VARIANCE);
    }

    /** z = μ + exp(½ log σ²) ⊙ ε for a given ε (broadcast over leading dimensions). */
    public static NDArray reparameterize(NDArray mu, NDArray logVar, NDArray epsilon) {
        return mu.add(times(logVar, 0.5).exp().mul(epsilon));
    }
}
