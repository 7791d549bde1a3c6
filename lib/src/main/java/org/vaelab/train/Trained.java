package org.vaelab.train;

import org.vaelab.model.Trainable;

import java.nio.file.Path;

/** What training gave: the model, its history, whether it came from the checkpoint cache, and where its last checkpoint is. */
public record Trained<M extends Trainable>(M model, History history, boolean fromCache, Path checkpoint) implements AutoCloseable {
    @Override
    public void close() {
        model.close();
    }
}
