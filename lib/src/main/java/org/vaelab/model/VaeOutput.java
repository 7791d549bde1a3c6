package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * One forward pass of a {@link VaeBlock}, by name: the decoder's raw output for the sampled z (the
 * parameters of p_θ(x|z)), the encoder's μ and log σ² of q_φ(z|x), the sample z, and, for models
 * with class centres and a batch with labels, the centre c_y of each image's class (else null).
 * DJL's blocks return positional lists; this record is the one place that reads and writes them.
 */
public record VaeOutput(NDArray decoded, NDArray mu, NDArray logVar, NDArray z, NDArray classCentres) {
    public static VaeOutput of(NDList outputs) {
        return new VaeOutput(outputs.get(0), outputs.get(1), outputs.get(2), outputs.get(3),
                outputs.size() > 4 ? outputs.get(4) : null);
    }

    public NDList toList() {
        NDList list = new NDList(decoded, mu, logVar, z);
        if (classCentres != null) {
            list.add(classCentres);
        }
        return list;
    }
}
