package org.vaelab.nn;

/**
 * The version of what training produces from a configuration on an engine: part of every checkpoint's
 * and every cached classifier's key, so that weights trained by older code are never reused. Bump it
 * whenever the networks, their initialisation, the losses or the training's random draws change.
 */
public final class CodeVersion {
    private CodeVersion() {
    }

    /**
     * The version for one engine: 6 on both since every encoder's log σ² is clipped (a contiguous copy, which rounds
     * later operations differently in the last bits) and the product of experts forms its mean from each expert's
     * share of the precision. Earlier: 5 when each epoch began to draw its noise from the run's seed and the epoch's
     * number; MXNet 4 for the {@link RowSums}, PyTorch 3 for {@link Constants}.
     */
    public static int of(String engine) {
        return 6;
    }
}
