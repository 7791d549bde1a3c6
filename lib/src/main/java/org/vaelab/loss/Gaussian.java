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

    /** z = μ + exp(½ log σ²) ⊙ ε for a given ε (broadcast over leading dimensions). */
    public static NDArray reparameterize(NDArray mu, NDArray logVar, NDArray epsilon) {
        return mu.add(times(logVar, 0.5).exp().mul(epsilon));
    }
}
