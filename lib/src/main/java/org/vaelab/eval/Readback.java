package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Reads several sums back from the engine in one transfer (each transfer waits for the engine). */
public final class Readback {
    private Readback() {
    }

    public static float[] sums(NDArray... arrays) {
        NDList sums = new NDList();
        for (NDArray array : arrays) {
            sums.add(array.sum().reshape(1));
        }
        return NDArrays.concat(sums).toFloatArray();
    }
}
