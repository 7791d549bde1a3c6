package org.vaelab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;

import java.util.List;

/**
 * One optimiser step over every trainable parameter of a block, applied directly on the engine.
 *
 * <p>Why not {@code Trainer.step()}: on MXNet it goes through MXNet's key-value store, which
 * copies each gradient and weight and calls back from native code into Java once per parameter;
 * on the 784-400-20 VAE that was 8 push-pulls per batch. On PyTorch {@code Trainer.step()} does
 * what this class does.
 */
public final class ParameterUpdates {
    private final List<Parameter> parameters;
    private final Optimizer optimizer;

    public ParameterUpdates(Block block, Optimizer optimizer) {
        this.parameters = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        this.optimizer = optimizer;
    }

    /**
     * Applies the optimiser to each parameter with the gradient of the last backward pass. The
     * gradient handles are handed to {@code owner} (the batch's manager) rather than closed here:
     * DJL's MXNet arrays wait on close until they are written, and a gradient is written by the
     * backward pass, so closing it here would hold Java until that pass ends; the engine would then
     * run out of work while Java prepares the next batch.
     */
    public void step(NDManager owner) {
        for (Parameter parameter : parameters) {
            NDArray weight = parameter.getArray();
            NDArray gradient = weight.getGradient();
            gradient.attach(owner);
            optimizer.update(parameter.getId(), weight, gradient);
        }
    }
}
