package org.vaelab.train;

import ai.djl.ndarray.NDArray;
import org.vaelab.data.Batch;

import java.util.Iterator;
import java.util.function.Function;

/**
 * Runs one epoch's steps so that the engine never waits for Java. Each batch's loss is read back only
 * after the next batch's step has been launched: reading waits for the engine, and MXNet, which runs
 * asynchronously, computes one step while Java prepares the next (PyTorch on the CPU computes as it is
 * called, so there it changes nothing). For the same reason the next batch is made while the engine
 * still has this step's work queued: copying a batch into MXNet waits for the operators queued before it.
 */
final class Pipeline {
    private Pipeline() {
    }

    /**
     * Steps through at most {@code limit} batches of {@code batches}; {@code step} launches a batch's
     * step and returns its loss sums, not yet read, which then go to {@code totals}.
     */
    static void run(Iterable<Batch> batches, int limit, Function<Batch, NDArray> step, EpochTotals totals) {
        Iterator<Batch> source = batches.iterator();
        Batch next = limit > 0 && source.hasNext() ? source.next() : null;
        Batch pending = null;
        NDArray pendingSums = null;
        try {
            for (int launched = 1; next != null; launched++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw totals.interrupted();
                }
                Batch batch = next;
                next = null;
                NDArray batchSums;
                try {
                    batchSums = step.apply(batch);
                } catch (RuntimeException e) {
                    batch.close();
                    throw e;
                }
                Batch previous = pending;
                NDArray previousSums = pendingSums;
                pending = batch;
                pendingSums = batchSums;
                if (launched < limit && source.hasNext()) {
                    next = source.next();
                }
                if (previous != null) {
                    try {
                        totals.add(previousSums.toFloatArray(), previous.size());
                    } finally {
                        previous.close();
                    }
                }
            }
            if (pending != null) {
                totals.add(pendingSums.toFloatArray(), pending.size());
            }
        } finally {
            if (pending != null) {
                pending.close();
            }
            if (next != null) {
                next.close();
            }
        }
    }
}
