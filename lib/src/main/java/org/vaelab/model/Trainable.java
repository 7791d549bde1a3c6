package org.vaelab.model;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import org.vaelab.data.Batch;

import java.io.IOException;
import java.nio.file.Path;

/** What the trainer needs of a model: its parameters, its inputs from a batch, its loss, and saving. */
public interface Trainable extends AutoCloseable {
    Model model();

    /** A short name for progress lines, histories and checkpoint folders. */
    String name();

    /** The block's inputs for a batch (images, both views, or images and labels). */
    NDList inputs(Batch batch);

    /** The loss terms of a batch from the block's output. */
    LossTerms loss(NDList output, Batch batch);

    void save(Path dir) throws IOException;

    @Override
    void close();
}
