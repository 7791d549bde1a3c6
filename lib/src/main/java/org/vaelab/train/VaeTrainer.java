package org.vaelab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.vaelab.Lab;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.eval.ElboEstimate;
import org.vaelab.eval.Evaluation;
import org.vaelab.eval.Readback;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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

    /** Trains (or loads) with checkpoints under {@code <project>/.cache/checkpoints}. */
    public static Trained fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings) throws IOException {
        return fit(config, train, test, settings, Lab.home().resolve(".cache/checkpoints"));
    }

    public static Trained fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings, Path checkpointRoot)
            throws IOException {
        if (train.imageSize() != config.inputSize()) {
            throw new IllegalArgumentException(train.name() + " images have " + train.imageSize() + " values, the model "
                    + config.shortName() + " expects " + config.inputSize());
        }
        Checkpoints checkpoints = Checkpoints.forRun(checkpointRoot, config, settings, train);
        Optional<Checkpoints.Saved> saved = checkpoints.latest();
        String name = config.shortName();
        if (saved.isPresent() && saved.get().epoch() >= settings.epochs()) {
            Vae vae = Vae.load(config, saved.get().dir());
            return new Trained(vae, saved.get().history(name), true, saved.get().dir());
        }
        Vae vae;
        History history;
        int firstEpoch;
        if (saved.isPresent()) {
            // Resumes from the weights; Adam's moments start afresh.
            vae = Vae.load(config, saved.get().dir());
            history = saved.get().history(name);
            firstEpoch = saved.get().epoch() + 1;
        } else {
            vae = Vae.create(config, settings.seed());
            history = new History(name);
            firstEpoch = 1;
        }
        try {
            Path last = train(vae, history, firstEpoch, train, test, settings, checkpoints);
            return new Trained(vae, history, false, last);
        } catch (RuntimeException | IOException e) {
            vae.close();
            throw e;
        }
    }

    private static Path train(Vae vae, History history, int firstEpoch, ImageSet train, ImageSet test,
                              TrainSettings settings, Checkpoints checkpoints) throws IOException {
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()) // unused: the VAE computes its own loss
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                .optDevices(new Device[] {vae.device()});
        int fullEpoch = (train.size() + settings.batchSize() - 1) / settings.batchSize();
        int batchesPerEpoch = settings.batchesPerEpoch() > 0 ? Math.min(settings.batchesPerEpoch(), fullEpoch) : fullEpoch;
        TrainingProgress progress = new TrainingProgress(vae.config().shortName(), settings.epochs(), batchesPerEpoch);
        Path lastCheckpoint = checkpoints.latest().map(Checkpoints.Saved::dir).orElse(null);
        try (Trainer trainer = vae.model().newTrainer(config)) {
            for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
                long started = System.nanoTime();
                double[] sums = new double[3];
                int images = 0;
                int batchIndex = 0;
                for (Batch batch : Batches.of(train, settings.batchSize(), settings.seed(), epoch, settings.binarize(), trainer.getManager())) {
                    try (batch) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new TrainingStoppedException("training was interrupted in epoch " + epoch + "; "
                                    + kept(lastCheckpoint));
                        }
                        float[] batchSums = step(trainer, vae, batch);
                        if (!Float.isFinite(batchSums[0])) {
                            throw new TrainingStoppedException("the loss became " + batchSums[0] + " in epoch " + epoch
                                    + ", batch " + (batchIndex + 1) + " (try a smaller learning rate than "
                                    + settings.learningRate() + "); " + kept(lastCheckpoint));
                        }
                        for (int i = 0; i < 3; i++) {
                            sums[i] += batchSums[i];
                        }
                        images += batch.size();
                        batchIndex++;
                        double elapsed = (System.nanoTime() - started) / 1e9;
                        double rate = images / elapsed;
                        double left = ((settings.epochs() - epoch) * batchesPerEpoch + (batchesPerEpoch - batchIndex))
                                * settings.batchSize() / rate;
                        progress.batch(epoch, batchIndex, batchSums[0] / batch.size(), rate, left);
                    }
                    if (batchIndex >= batchesPerEpoch) {
                        break;
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                ElboEstimate testEstimate = Evaluation.elbo(vae, test, settings.seed());
                double[] trainMeans = {sums[0] / images, sums[1] / images, sums[2] / images};
                double[] testMeans = {testEstimate.loss(), testEstimate.reconstruction(), testEstimate.kl()};
                history.add(epoch, trainMeans, testMeans, seconds, images / seconds);
                lastCheckpoint = checkpoints.save(vae, history, epoch);
                progress.epoch(epoch, trainMeans[0], testMeans[0], testMeans[1], testMeans[2], seconds, images / seconds);
            }
        }
        return lastCheckpoint;
    }

    /** One Adam step on a batch; returns the batch's sums of total, reconstruction and KL. */
    private static float[] step(Trainer trainer, Vae vae, Batch batch) {
        NDArray x = batch.x();
        LossTerms terms;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList output = trainer.forward(new NDList(x));
            terms = vae.loss(output, x);
            collector.backward(terms.total().mean());
        }
        trainer.step();
        return Readback.sums(terms.total(), terms.reconstruction(), terms.kl());
    }

    private static String kept(Path checkpoint) {
        return checkpoint == null ? "no epoch had finished, so there is no checkpoint"
                : "the last good checkpoint is kept at " + checkpoint;
    }
}
