package org.vaelab.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the training loop needs of a model: the block whose parameters it updates, and a forward pass
 * that returns the loss terms of a batch by name (Pythae's {@code forward} returning a
 * {@code ModelOutput}). VAEs, multi-view VAEs, the judges' classifiers and a decoder being
 * fine-tuned all train through it.
 */
public interface Trainable extends AutoCloseable {
    /** A short name for progress lines, histories and checkpoint folders. */
    String name();

    /** The manager the model's parameters live in. */
    NDManager manager();

    /** The block whose trainable parameters the optimiser updates. */
    Block trainedBlock();

    /** The loss terms of a batch; {@code training} is true inside a gradient collector. */
    LossTerms forward(ParameterStore store, Batch batch, boolean training);

    /** Writes the weights to {@code dir} (for checkpoints). */
    default void save(Path dir) throws IOException {
        throw new UnsupportedOperationException(name() + " is not saved");
    }

    @Override
    void close();
}
