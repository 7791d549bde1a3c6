package org.vaelab.train;

import ai.djl.Device;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.model.Trainable;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.multiview.MultiViewConfig;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.nn.AdamUpdates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Trains the workbook's models on one device, with Adam, epoch by epoch, through the one
 * {@link TrainingLoop}: each finished epoch is evaluated on the test set and checkpointed; a run whose
 * checkpoint of the last epoch exists is not trained again but loaded; a stopped run resumes from its
 * last checkpoint; a NaN or infinite loss, or an interrupt, stops training with the last good checkpoint kept. Models
 * trained beforehand (a class image's) are found through the {@link ModelStore}.
 */
public final class Trainer {
    private final Device device;
    private final ModelStore models;
    private final Progress.Factory progress;

    /**
     * @param device    where models are made and trained
     * @param cacheRoot the folder of checkpoints and cached classifiers
     * @param progress  how each run shows its progress
     */
    public Trainer(Device device, Path cacheRoot, Progress.Factory progress) {
        this(device, ModelStore.at(cacheRoot), progress);
    }

    /** As above, with models trained beforehand where {@code models} has a shipped folder. */
    public Trainer(Device device, ModelStore models, Progress.Factory progress) {
        this.device = device;
        this.models = models;
        this.progress = progress;
    }

    public Device device() {
        return device;
    }

    /** The user's folder of checkpoints ({@code checkpoints/}) and of other cached trainings. */
    public Path cacheRoot() {
        return models.root();
    }

    /** Where trained models are found and kept. */
    public ModelStore models() {
        return models;
    }

    /** Trains (or loads) a VAE on {@code train}, with the test −ELBO of {@code test} after each epoch. */
    public Trained<Vae> fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings) throws IOException {
        return fit(config, train, test, settings, epoch -> { });
    }

    /** As above, calling {@code afterEpoch} with the epoch's number once it is measured and saved (benchmarks read memory there). */
    public Trained<Vae> fit(VaeConfig config, ImageSet train, ImageSet test, TrainSettings settings, IntConsumer afterEpoch)
            throws IOException {
        if (train.imageSize() != config.inputSize()) {
            throw new IllegalArgumentException(train.name() + " images have " + train.imageSize() + " values, the model "
                    + config.shortName() + " expects " + config.inputSize());
        }
        RunFolder runOf = (root, s) -> Checkpoints.forRun(root, config.shortName(),
                config.key() + "|" + s.key() + "|" + train.name() + "|" + train.size());
        return fit(runOf, new Run<>(config.shortName(), dir -> Vae.load(config, dir, device), () -> Vae.create(config, settings.seed(), device),
                (epoch, manager) -> Batches.of(train, settings.batchSize(), settings.seed(), epoch, settings.binarize(), manager),
                train.size(), vae -> ElboEstimate.of(vae, test, settings.seed())), settings, afterEpoch);
    }

    /** Trains (or loads) a two-view VAE on paired views, with the test loss of {@code test} after each epoch. */
    public Trained<MultiViewVae> fit(MultiViewConfig config, PairedViews train, PairedViews test, TrainSettings settings)
            throws IOException {
        RunFolder runOf = (root, s) -> Checkpoints.forRun(root, config.shortName(), config.key() + "|" + s.key() + "|" + train.identity());
        return fit(runOf, new Run<>(config.shortName(), dir -> MultiViewVae.load(config, dir, device),
                () -> MultiViewVae.create(config, settings.seed(), device),
                (epoch, manager) -> Batches.of(train, settings.batchSize(), settings.seed(), epoch, settings.binarize(), manager),
                train.size(), vae -> ElboEstimate.of(vae, test, settings.seed())), settings, epoch -> { });
    }

    /**
     * Trains a model without checkpoints or test evaluation (the judges' classifiers, a decoder being
     * fine-tuned), with Adam at a fixed learning rate; each epoch's line gives the training loss.
     */
    public void train(Trainable model, TrainingLoop.EpochBatches batches, int epochs, int batchesPerEpoch, int batchSize,
                      float learningRate, long seed) throws IOException {
        AdamUpdates adam = new AdamUpdates(model.trainedBlock(), step -> learningRate);
        Progress shown = progress.start(model.name(), epochs, batchesPerEpoch);
        TrainingLoop.train(model, model.manager(), adam, batches, new TrainingLoop.Plan(1, epochs, batchesPerEpoch, batchSize,
                learningRate, seed, () -> null), shown, (epoch, totals) -> shown.epoch(epoch, epochs, String.format(Locale.ROOT,
                "%s: epoch %d/%d, train loss %.4f, %.1f s, %,.0f samples/s", model.name(), epoch, epochs,
                totals.means().get("total"), totals.seconds(), totals.images() / totals.seconds())));
    }

    /** How a run makes, loads, feeds and evaluates its model. */
    private record Run<M extends Trainable>(String name, Loader<M> loader, Creator<M> creator, TrainingLoop.EpochBatches batches,
                                            int trainSize, java.util.function.Function<M, ElboEstimate> test) {
    }

    private interface Loader<M> {
        M load(Path dir) throws IOException;
    }

    private interface Creator<M> {
        M create();
    }

    /** A run's checkpoints under a folder of checkpoints (the user's or the shipped one), for its settings. */
    private interface RunFolder {
        Checkpoints at(Path checkpointsRoot, TrainSettings settings);
    }

    /**
     * Loads the finished run, or resumes or starts it ({@link #resumable}), and trains the epochs that are missing
     * ({@link #trainFrom}), each ended by {@link #endOfEpoch}. The user's checkpoints are looked in first, then the
     * shipped ones; a run trained further is always saved in the user's.
     */
    private <M extends Trainable> Trained<M> fit(RunFolder runOf, Run<M> run, TrainSettings settings, IntConsumer afterEpoch)
            throws IOException {
        Checkpoints checkpoints = runOf.at(models.mine("checkpoints"), settings);
        Optional<Checkpoints.Saved> saved = resumable(runOf, models.mine("checkpoints"), settings);
        if (saved.isEmpty() && models.shipped("checkpoints").isPresent()) {
            saved = resumable(runOf, models.shipped("checkpoints").get(), settings);
        }
        if (saved.isPresent() && saved.get().epoch() >= settings.epochs()) {
            Trained<M> loaded = new Trained<>(run.loader().load(saved.get().dir()), saved.get().history(run.name()), true, saved.get().dir());
            models.used(saved.get().dir().getParent());
            return loaded;
        }
        M model = saved.isPresent() ? run.loader().load(saved.get().dir()) : run.creator().create();
        try {
            Trained<M> trained = trainFrom(model, saved, run, checkpoints, settings, afterEpoch);
            models.used(checkpoints.runDir());
            return trained;
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Where a run goes on from, in one folder of checkpoints: its own latest checkpoint; else, for a run at a fixed
     * learning rate, the end of the longest shorter run of the same settings (a notebook's "after one epoch" before its
     * longer run), whose first epochs are the same, bit for bit, since each epoch draws its own noise and the
     * optimiser's state is saved.
     */
    private static Optional<Checkpoints.Saved> resumable(RunFolder runOf, Path checkpointsRoot, TrainSettings settings) throws IOException {
        Optional<Checkpoints.Saved> saved = runOf.at(checkpointsRoot, settings).latest();
        for (int epochs = settings.epochs() - 1; saved.isEmpty() && !settings.cosineDecay() && epochs >= 1; epochs--) {
            int wanted = epochs;
            saved = runOf.at(checkpointsRoot, settings.withEpochs(epochs)).latest().filter(shorter -> shorter.epoch() == wanted);
        }
        return saved;
    }

    /** Batches per epoch: the whole training set, or the settings' cap where it is smaller. */
    static int batchesPerEpoch(int trainSize, TrainSettings settings) {
        int fullEpoch = (trainSize + settings.batchSize() - 1) / settings.batchSize();
        return settings.batchesPerEpoch() > 0 ? Math.min(settings.batchesPerEpoch(), fullEpoch) : fullEpoch;
    }

    /** Trains {@code model} from the epoch after {@code saved} (or from the first) to the settings' last. */
    private <M extends Trainable> Trained<M> trainFrom(M model, Optional<Checkpoints.Saved> saved, Run<M> run, Checkpoints checkpoints,
                                                       TrainSettings settings, IntConsumer afterEpoch) throws IOException {
        History history = saved.isPresent() ? saved.get().history(run.name()) : new History(run.name());
        int firstEpoch = saved.map(s -> s.epoch() + 1).orElse(1);
        int batchesPerEpoch = batchesPerEpoch(run.trainSize(), settings);
        long totalSteps = (long) settings.epochs() * batchesPerEpoch;
        AdamUpdates adam = new AdamUpdates(model.trainedBlock(), step -> settings.learningRateAt(step - 1, totalSteps));
        if (saved.isPresent()) {
            adam.load(saved.get().dir(), model.manager());
        }
        Progress shown = progress.start(run.name(), settings.epochs(), batchesPerEpoch);
        Path[] last = {saved.map(Checkpoints.Saved::dir).orElse(null)};
        TrainingLoop.train(model, model.manager(), adam, run.batches(), new TrainingLoop.Plan(firstEpoch, settings.epochs(),
                batchesPerEpoch, settings.batchSize(), settings.learningRate(), settings.seed(), () -> last[0]), shown, (epoch, totals) -> {
                    last[0] = endOfEpoch(model, run, history, checkpoints, adam, epoch, settings.epochs(), totals, shown);
                    afterEpoch.accept(epoch);
                });
        return new Trained<>(model, history, false, last[0]);
    }

    /**
     * An epoch's end: the test −ELBO, the history's row (every term of the training loss by name), the checkpoint
     * and the epoch's line. Returns the checkpoint's folder.
     */
    private static <M extends Trainable> Path endOfEpoch(M model, Run<M> run, History history, Checkpoints checkpoints, AdamUpdates adam,
                                                         int epoch, int epochs, EpochTotals totals, Progress shown) throws IOException {
        ElboEstimate test = run.test().apply(model);
        Map<String, Double> train = totals.means();
        double seconds = totals.seconds();
        double rate = totals.images() / seconds;
        history.add(epoch, train, test.terms(), seconds, rate);
        Path saved = checkpoints.save(model, history, adam, epoch);
        shown.epoch(epoch, epochs, String.format(Locale.ROOT,
                "%s: epoch %d/%d, train loss %.2f, test loss %.2f (reconstruction %.2f + KL %.2f), %.1f s, %,.0f samples/s",
                run.name(), epoch, epochs, train.get("total"), test.loss(), test.reconstruction(), test.kl(), seconds, rate));
        return saved;
    }
}
