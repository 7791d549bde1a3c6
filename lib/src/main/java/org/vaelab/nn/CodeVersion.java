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
     * The version for one engine: 5 on both since each epoch draws its noise from the run's seed and the
     * epoch's number (before, an evaluation between epochs reset the generator, and epochs 2, 3, …
     * replayed one sequence of ε). Earlier: MXNet 4 for the {@link RowSums}, PyTorch 3 for {@link Constants}.
     */
    public static int of(String engine) {
        return 5;
    }
}
