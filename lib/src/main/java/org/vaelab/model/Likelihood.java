package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.vaelab.loss.Losses;

/** The decoder's distribution p_θ(x|z): what its output means and what it costs. */
public enum Likelihood {
    /** Pixels in [0, 1] as probabilities of ink; the decoder outputs logits. */
    BERNOULLI {
        @Override
        public NDArray negativeLogLikelihood(NDArray decoded, NDArray x) {
            return Losses.bernoulliNll(decoded, x);
        }

        @Override
        public NDArray mean(NDArray decoded) {
            return Activation.sigmoid(decoded);
        }
    },
    /**
     * Pixels as a Laplace distribution of scale 0.75 around the decoder's sigmoid (MMVAE's likelihood,
     * Shi et al. 2019): an absolute error, so blurry and sharp images cost alike per wrong pixel.
     */
    LAPLACE {
        @Override
        public NDArray negativeLogLikelihood(NDArray decoded, NDArray x) {
            return Losses.laplaceNll(Activation.sigmoid(decoded), x, LAPLACE_SCALE);
        }

        @Override
        public NDArray mean(NDArray decoded) {
            return Activation.sigmoid(decoded);
        }
    },
    /**
     * Pixels as a Gaussian around the decoder's output with each image's σ fitted to its error (σ-VAE's optimal σ):
     * the reconstruction is weighed by 1/σ², so the codes keep what the image needs where a unit σ lets them collapse.
     */
    GAUSSIAN_OPTIMAL_SIGMA {
        @Override
        public NDArray negativeLogLikelihood(NDArray decoded, NDArray x) {
            return Losses.gaussianNllOptimalSigma(decoded, x);
        }
    },
    /** Pixels as a unit-variance Gaussian around the decoder's output (the MSE decoder). */
    GAUSSIAN {
        @Override
        public NDArray negativeLogLikelihood(NDArray decoded, NDArray x) {
            return Losses.gaussianNll(decoded, x);
        }
    };

    /** The Laplace likelihood's scale b, MMVAE's. */
    public static final float LAPLACE_SCALE = 0.75f;

    /** −log p_θ(x|z) per image, from the decoder's raw output. */
    public abstract NDArray negativeLogLikelihood(NDArray decoded, NDArray x);

    /**
     * The image the decoder predicts, E[x|z], from its raw output: the output itself for the Gaussians, whose decoder
     * gives the mean; the likelihoods whose decoder gives logits (Bernoulli, Laplace) override it with the sigmoid.
     */
    public NDArray mean(NDArray decoded) {
        return decoded.duplicate();
    }
}
