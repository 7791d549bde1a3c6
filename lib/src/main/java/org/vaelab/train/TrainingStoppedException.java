package org.vaelab.train;

/**
 * Training stopped before its last epoch: the loss became NaN or infinite, or the cell was
 * interrupted. The message says where the last good checkpoint is kept.
 */
public final class TrainingStoppedException extends RuntimeException {
    public TrainingStoppedException(String message) {
        super(message);
    }
}
