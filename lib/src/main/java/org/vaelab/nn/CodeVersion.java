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
     * The version for one engine. MXNet: 4 since the loss is summed over pixels with {@link RowSums}
     * (the mixture of experts trains a little differently). PyTorch: 3 since constants are made by the
     * engine ({@link Constants}); its row sums did not change in version 4.
     */
    public static int of(String engine) {
        return "PyTorch".equals(engine) ? 3 : 4;
    }
}
