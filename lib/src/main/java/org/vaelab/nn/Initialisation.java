package org.vaelab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;

/**
 * PyTorch's defaults for Linear and Conv layers, weights and biases U(±1/√fan_in), under which the
 * published recipes were tuned (DJL's default weights have 6 times that variance).
 */
public final class Initialisation {
    private Initialisation() {
    }

    /** Initialises {@code block}'s parameters for the given input shapes with PyTorch's defaults. */
    public static void pyTorchDefaults(Block block, NDManager manager, Shape... inputShapes) {
        block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f),
                Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, inputShapes);
        long fanIn = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            if (parameter.getValue().getType() == Parameter.Type.WEIGHT) {
                fanIn = array.getShape().size() / array.getShape().get(0);
            } else if (parameter.getValue().getType() == Parameter.Type.BIAS && fanIn > 0) {
                // A bias follows its layer's weight in the parameter list; it takes that weight's fan-in.
                float bound = (float) (1 / Math.sqrt(fanIn));
                try (NDArray values = array.getManager().randomUniform(-bound, bound, array.getShape())) {
                    array.set(values.toFloatArray());
                }
            }
        }
    }
}
