package org.vaelab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.vaelab.Lab;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.eval.ElboEstimate;
import org.vaelab.eval.Evaluation;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Vae;
import org.vaelab.model.MultiViewConfig;
import org.vaelab.model.MultiViewVae;
import org.vaelab.model.Trainable;
import org.vaelab.model.VaeConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Trains a VAE with Adam, epoch by epoch: each batch's arrays live in their own manager and are
 * freed after the step, a NaN or infinite loss stops training with the last good checkpoint kept,
 * an interrupt stops it between batches, and each finished epoch is checkpointed. A run whose
 * checkpoint of the last epoch exists is not trained again: its weights and history are loaded.
 */
public final class VaeTrainer {
    private VaeTrainer() {
    }

    /** What training gave: the model, its history, and whether it came from the checkpoint cache. */
    public record Trained(Vae vae, History history, boolean fromCache, Path checkpoint) implements AutoCloseable {
        @Override
        public void close() {
            vae.close();
        }
    }

    /** What training a two-view VAE gave. */
    public record PairedTrained(MultiViewVae vae, History history, boolean fromCache, Path checkpoint) implements AutoCloseable {
        @Override
        public void close() {
            vae.close();
        }
    }

    /** Trains (or loads) with checkpoints under {@code <project>/.cache/checkpoints}. */
    public static Trained fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings) throws IOException {
        return fit(config, train, test, settings, Lab.home().resolve(".cache/checkpoints"));
    }

    public static Trained fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings, Path checkpointRoot)
            throws IOException {
        return fit(config, train, test, settings, checkpointRoot, epoch -> { });
    }

    /** As above, calling {@code afterEpoch} with the epoch's number once it is measured and saved (benchmarks read memory there). */
    public static Trained fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings, Path checkpointRoot,
                              IntConsumer afterEpoch) throws IOException {
        if (train.imageSize() != config.inputSize()) {
            throw new IllegalArgumentException(train.name() + " images have " + train.imageSize() + " values, the model "
                    + config.shortName() + " expects " + config.inputSize());
        }
        Checkpoints checkpoints = Checkpoints.forRun(checkpointRoot, config.shortName(),
                config + "|" + settings + "|" + train.name() + "|" + train.size());
        Run<Vae> run = run(checkpoints, config.shortName(), settings, dir -> Vae.load(config, dir), () -> Vae.create(config, settings.seed()),
                (epoch, parent) -> Batches.of(train, settings.batchSize(), settings.seed(), epoch, settings.binarize(), parent),
                train.size(), vae -> Evaluation.elbo(vae, test, settings.seed()), afterEpoch);
        return new Trained(run.model(), run.history(), run.fromCache(), run.checkpoint());
    }

    /** Trains (or loads) a two-view VAE on paired views, with checkpoints under {@code <project>/.cache/checkpoints}. */
    public static PairedTrained fit(MultiViewConfig config, PairedViews train, PairedViews test, TrainSettings settings) throws IOException {
        return fit(config, train, test, settings, Lab.home().resolve(".cache/checkpoints"));
    }

    public static PairedTrained fit(MultiViewConfig config, PairedViews train, PairedViews test, TrainSettings settings,
                                    Path checkpointRoot) throws IOException {
        Checkpoints checkpoints = Checkpoints.forRun(checkpointRoot, config.shortName(),
                config + "|" + settings + "|" + train.identity());
        Run<MultiViewVae> run = run(checkpoints, config.shortName(), settings, dir -> MultiViewVae.load(config, dir),
                () -> MultiViewVae.create(config, settings.seed()),
                (epoch, parent) -> Batches.of(train, settings.batchSize(), settings.seed(), epoch, settings.binarize(), parent),
                train.size(), vae -> Evaluation.elbo(vae, test, settings.seed()), epoch -> { });
        return new PairedTrained(run.model(), run.history(), run.fromCache(), run.checkpoint());
    }

    private interface Loader<M> {
        M load(Path dir) throws IOException;
    }

    private interface EpochBatches {
        Batches of(int epoch, NDManager parent);
    }

    private record Run<M>(M model, History history, boolean fromCache, Path checkpoint) {
    }

    /** Loads the finished run, or resumes or starts it, and trains the epochs that are missing. */
    private static <M extends Trainable> Run<M> run(Checkpoints checkpoints, String name, TrainSettings settings, Loader<M> loader,
                                                   Supplier<M> creator, EpochBatches batches, int trainSize,
                                                   Function<M, ElboEstimate> testEstimate, IntConsumer afterEpoch) throws IOException {
        Optional<Checkpoints.Saved> saved = checkpoints.latest();
        if (saved.isPresent() && saved.get().epoch() >= settings.epochs()) {
            return new Run<>(loader.load(saved.get().dir()), saved.get().history(name), true, saved.get().dir());
        }
        M model;
        History history;
        int firstEpoch;
        if (saved.isPresent()) {
            // Resumes from the weights; Adam's moments start afresh.
            model = loader.load(saved.get().dir());
            history = saved.get().history(name);
            firstEpoch = saved.get().epoch() + 1;
        } else {
            model = creator.get();
            history = new History(name);
            firstEpoch = 1;
        }
        try {
            Path last = train(model, history, firstEpoch, batches, trainSize, testEstimate, settings, checkpoints, afterEpoch);
            return new Run<>(model, history, false, last);
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    private static <M extends Trainable> Path train(M model, History history, int firstEpoch, EpochBatches batches, int trainSize,
                                                   Function<M, ElboEstimate> testEstimate, TrainSettings settings,
                                                   Checkpoints checkpoints, IntConsumer afterEpoch) throws IOException {
        int fullEpoch = (trainSize + settings.batchSize() - 1) / settings.batchSize();
        int batchesPerEpoch = settings.batchesPerEpoch() > 0 ? Math.min(settings.batchesPerEpoch(), fullEpoch) : fullEpoch;
        // Adam counts its updates from 1 in each optimiser; a resumed run's schedule goes on where it stopped.
        long stepsBefore = (long) (firstEpoch - 1) * batchesPerEpoch;
        long totalSteps = (long) settings.epochs() * batchesPerEpoch;
        Tracker learningRate = update -> settings.learningRateAt(stepsBefore + update - 1, totalSteps);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(learningRate).build();
        TrainingProgress progress = new TrainingProgress(model.name(), settings.epochs(), batchesPerEpoch);
        Path lastCheckpoint = checkpoints.latest().map(Checkpoints.Saved::dir).orElse(null);
        // No DJL Trainer: the model computes its own loss and ParameterUpdates applies Adam, and on MXNet
        // a Trainer would also set up a key-value store that nothing uses.
        try (NDManager manager = model.model().getNDManager().newSubManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            ParameterUpdates updates = new ParameterUpdates(model.model().getBlock(), adam);
            for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
                long started = System.nanoTime();
                EpochSums sums = new EpochSums(epoch, settings, batchesPerEpoch, started, progress, lastCheckpoint);
                runEpoch(store, updates, model, batches.of(epoch, manager), epoch, batchesPerEpoch, sums);
                int images = sums.images;
                double seconds = (System.nanoTime() - started) / 1e9;
                ElboEstimate test = testEstimate.apply(model);
                double[] trainMeans = {sums.values[0] / images, sums.values[1] / images, sums.values[2] / images};
                double[] testMeans = {test.loss(), test.reconstruction(), test.kl()};
                history.add(epoch, trainMeans, testMeans, seconds, images / seconds);
                lastCheckpoint = checkpoints.save(model, history, epoch);
                progress.epoch(epoch, trainMeans[0], testMeans[0], testMeans[1], testMeans[2], seconds, images / seconds);
                afterEpoch.accept(epoch);
            }
        }
        return lastCheckpoint;
    }

    /**
     * One epoch. Each batch's loss is read back only after the next batch's step has been launched:
     * reading waits for the engine, and MXNet, which runs asynchronously, computes one step while
     * Java prepares the next (PyTorch on the CPU computes as it is called, so there it changes nothing).
     * For the same reason the next batch is made while the engine still has this step's work queued:
     * copying a batch into MXNet waits for the operators already queued before it.
     */
    private static void runEpoch(ParameterStore store, ParameterUpdates updates, Trainable model, Batches epochBatches, int epoch, int batchesPerEpoch, EpochSums sums) {
        Iterator<Batch> batches = epochBatches.iterator();
        Batch next = batchesPerEpoch > 0 && batches.hasNext() ? batches.next() : null;
        Batch pending = null;
        NDArray pendingSums = null;
        try {
            for (int launched = 1; next != null; launched++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new TrainingStoppedException("training was interrupted in epoch " + epoch + "; " + kept(sums.lastCheckpoint));
                }
                Batch batch = next;
                next = null;
                NDArray batchSums;
                try {
                    batchSums = step(store, updates, model, batch);
                } catch (RuntimeException e) {
                    batch.close();
                    throw e;
                }
                Batch previous = pending;
                NDArray previousSums = pendingSums;
                pending = batch;
                pendingSums = batchSums;
                if (launched < batchesPerEpoch && batches.hasNext()) {
                    next = batches.next();
                }
                if (previous != null) {
                    try {
                        sums.add(previousSums.toFloatArray(), previous.size());
                    } finally {
                        previous.close();
                    }
                }
            }
            if (pending != null) {
                sums.add(pendingSums.toFloatArray(), pending.size());
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

    /** One Adam step on a batch; returns, not yet read, the batch's sums of total, reconstruction and KL. */
    private static NDArray step(ParameterStore store, ParameterUpdates updates, Trainable model, Batch batch) {
        LossTerms terms;
        try (GradientCollector collector = model.model().getNDManager().getEngine().newGradientCollector()) {
            NDList output = model.model().getBlock().forward(store, model.inputs(batch), true);
            terms = model.loss(output, batch);
            collector.backward(terms.total().mean());
        }
        updates.step(batch.manager());
        return NDArrays.stack(new NDList(terms.total().sum(), terms.reconstruction().sum(), terms.kl().sum()));
    }

    /** An epoch's running sums of the loss terms, checked batch by batch for a loss that is no longer finite. */
    private static final class EpochSums {
        final double[] values = new double[3];
        int images;
        private int batches;
        private final int epoch;
        private final TrainSettings settings;
        private final int batchesPerEpoch;
        private final long started;
        private final TrainingProgress progress;
        private final Path lastCheckpoint;

        EpochSums(int epoch, TrainSettings settings, int batchesPerEpoch, long started, TrainingProgress progress, Path lastCheckpoint) {
            this.epoch = epoch;
            this.settings = settings;
            this.batchesPerEpoch = batchesPerEpoch;
            this.started = started;
            this.progress = progress;
            this.lastCheckpoint = lastCheckpoint;
        }

        void add(float[] batchSums, int batchSize) {
            batches++;
            if (!Float.isFinite(batchSums[0])) {
                throw new TrainingStoppedException("the loss became " + batchSums[0] + " in epoch " + epoch + ", batch " + batches
                        + " (try a smaller learning rate than " + settings.learningRate() + "); " + kept(lastCheckpoint));
            }
            for (int i = 0; i < 3; i++) {
                values[i] += batchSums[i];
            }
            images += batchSize;
            double rate = images / ((System.nanoTime() - started) / 1e9);
            double left = ((settings.epochs() - epoch) * batchesPerEpoch + (batchesPerEpoch - batches)) * settings.batchSize() / rate;
            progress.batch(epoch, batches, batchSums[0] / batchSize, rate, left);
        }
    }

    private static String kept(Path checkpoint) {
        return checkpoint == null ? "no epoch had finished, so there is no checkpoint"
                : "the last good checkpoint is kept at " + checkpoint;
    }
}
