package org.vaelab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Adam (Kingma and Ba) over every trainable parameter of a block, applied directly on the engine,
 * with its state in the open so that a checkpoint can keep it:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   w ← w − η_t · √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)
 * </pre>
 * with β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸ and η_t from a schedule of the step t (1, 2, …). Each update is
 * the engine's own fused Adam operator, called with exactly the arguments of DJL's {@code Adam}, so
 * the numbers are DJL's to the bit.
 *
 * <p>Why not DJL's {@code Trainer.step()} and {@code Adam}: on MXNet the trainer goes through MXNet's
 * key-value store, which copies each gradient and weight and calls back from native code into Java
 * once per parameter (8 push-pulls a batch on the 784-400-20 VAE); and DJL's {@code Adam} keeps its
 * moments private, so a run resumed from a checkpoint would start them afresh and train differently
 * from the run that was not stopped.
 */
public final class AdamUpdates {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final String STATE = "adam.ndlist";
    private static final String STEPS = "adam-steps.txt";

    private final List<Parameter> parameters;
    private final LongFunction<Float> learningRate;
    private final NDArray[] means;
    private final NDArray[] variances;
    private long steps;

    /** @param learningRate η_t for the step t = 1, 2, … */
    public AdamUpdates(Block block, LongFunction<Float> learningRate) {
        this.parameters = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        this.learningRate = learningRate;
        this.means = new NDArray[parameters.size()];
        this.variances = new NDArray[parameters.size()];
    }

    /** The steps taken so far (restored by {@link #load}). */
    public long steps() {
        return steps;
    }

    /**
     * One step for each parameter with the gradient of the last backward pass. The gradient handles
     * are handed to {@code owner} (the batch's manager) rather than closed here: DJL's MXNet arrays
     * wait on close until they are written, and a gradient is written by the backward pass, so closing
     * it here would hold Java until that pass ends, and the engine would run out of work while Java
     * prepares the next batch.
     */
    public void step(NDManager owner) {
        long t = ++steps;
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float rate = learningRate.apply(t);
        float biasCorrected = (float) (rate * Math.sqrt(coef2) / coef1);
        if (!Float.isFinite(biasCorrected)) {
            throw new IllegalStateException("the learning rate at step " + t + " is " + rate + "; give a finite, positive rate");
        }
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray gradient = weight.getGradient();
            gradient.attach(owner);
            if (means[i] == null) {
                means[i] = weight.zerosLike();
                variances[i] = weight.zerosLike();
            }
            weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, means[i], variances[i]), new NDList(weight),
                    rate, biasCorrected, 0f, 1f, -1f, BETA1, BETA2, EPSILON, true, false);
        }
    }

    /** Writes the moments and the step count into {@code dir} (beside a checkpoint's weights). */
    public void save(Path dir) throws IOException {
        if (steps == 0) {
            return;
        }
        NDList state = new NDList();
        for (int i = 0; i < parameters.size(); i++) {
            state.add(means[i]);
            state.add(variances[i]);
        }
        Files.write(dir.resolve(STATE), state.encode());
        Files.writeString(dir.resolve(STEPS), Long.toString(steps));
    }

    /**
     * Restores what {@link #save} wrote to {@code dir}, into {@code manager}; returns false (and starts
     * afresh) when {@code dir} holds no optimiser state.
     */
    public boolean load(Path dir, NDManager manager) throws IOException {
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state) || !Files.isRegularFile(dir.resolve(STEPS))) {
            return false;
        }
        NDList arrays = NDList.decode(manager, Files.readAllBytes(state));
        if (arrays.size() != 2 * parameters.size()) {
            throw new IOException(state + " holds " + arrays.size() / 2 + " parameters' moments, the model has "
                    + parameters.size() + "; delete " + dir.getParent() + " to train this run from the start");
        }
        List<NDArray> restored = new ArrayList<>(arrays);
        for (int i = 0; i < parameters.size(); i++) {
            means[i] = restored.get(2 * i);
            variances[i] = restored.get(2 * i + 1);
        }
        steps = Long.parseLong(Files.readString(dir.resolve(STEPS)).trim());
        return true;
    }
}
