package org.vaelab.model;

import ai.djl.ndarray.NDArray;

/**
 * What a VAE minimises, given the reconstruction term of its forward pass. Each objective is a class
 * of its own whose {@link #loss} is its equation (lab 01's last table): {@link Elbo} (the VAE, and the
 * β-VAE), {@link InfoVae}, {@link CentreLoss}. A new objective is one more class and its test.
 */
public interface Objective {
    /**
     * The loss terms of a batch.
     *
     * @param out            the forward pass
     * @param reconstruction −log p_θ(x|z) per image, already computed from {@code out.decoded()}
     */
    LossTerms loss(VaeOutput out, NDArray reconstruction);

    /** A short tag for model names and folders ("" for the plain ELBO). */
    String tag();

    /** Everything that determines what the objective computes, for cache keys. */
    String key();

    /** How many learned class centres the model needs in its latent space (0: none). */
    default int classCentres() {
        return 0;
    }

    /** True when the loss needs the images' labels. */
    default boolean needsLabels() {
        return classCentres() > 0;
    }
}
