package org.vaelab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.vaelab.data.Batch;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Trainable;
import org.vaelab.nn.AdamUpdates;
import org.vaelab.sample.Noise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one training loop of the workbook, for VAEs, two-view VAEs, the judges' classifiers and a decoder
 * being fine-tuned; it reads like pytorch/examples' {@code train()}. Each epoch first seeds the engine's
 * generator from the run's seed and the epoch ({@link Noise#forEpoch}). What happens after each epoch
 * (a test evaluation, a checkpoint, a progress line) is passed in. {@link Pipeline} keeps the engine fed.
 */
public final class TrainingLoop {
    private TrainingLoop() {
    }

    /** A source of each epoch's batches, made in the manager given. */
    @FunctionalInterface
    public interface EpochBatches {
        Iterable<Batch> of(int epoch, NDManager manager);
    }

    /** What follows each epoch, given its training means per term. */
    @FunctionalInterface
    public interface AfterEpoch {
        void accept(int epoch, EpochTotals train) throws IOException;
    }

    /** The epochs to run and how: the batch size only sizes the progress estimate. */
    public record Plan(int firstEpoch, int epochs, int batchesPerEpoch, int batchSize, float learningRate, long seed,
                       Supplier<Path> lastCheckpoint) {
    }

    /** Trains {@code model} for the epochs of {@code plan}, one Adam step per batch. */
    public static void train(Trainable model, NDManager parent, AdamUpdates adam, EpochBatches data, Plan plan, Progress progress,
                             AfterEpoch afterEpoch) throws IOException {
        try (NDManager manager = parent.newSubManager()) {
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = plan.firstEpoch(); epoch <= plan.epochs(); epoch++) {
                // The epoch's noise (every ε, every prior sample) follows from (seed, epoch) alone: an evaluation
                // between epochs cannot replay it, and a run resumed here draws what the whole run drew.
                Noise.seedEngine(Noise.forEpoch(plan.seed(), epoch));
                EpochTotals totals = new EpochTotals(epoch, plan.epochs(), plan.batchesPerEpoch(), plan.batchSize(), plan.learningRate(),
                        progress, plan.lastCheckpoint().get(), model.name(), () -> nonFiniteWeights(model));
                Pipeline.run(data.of(epoch, manager), plan.batchesPerEpoch(), batch -> step(model, adam, store, batch, totals), totals);
                totals.finish();
                afterEpoch.accept(epoch, totals);
            }
        }
    }

    /** One step on a batch: the forward pass and its loss, the backward pass, Adam. Returns the loss sums, not yet read. */
    static NDArray step(Trainable model, AdamUpdates adam, ParameterStore store, Batch batch, EpochTotals totals) {
        LossTerms terms;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            terms = model.forward(store, batch, true);
            collector.backward(terms.total().mean());
        }
        adam.step(batch.manager());
        return sums(terms, totals);
    }

    /**
     * Which of the model's weights are no longer finite, by name ("3 of 16 weights are no longer finite: …"): after a
     * step whose gradients were not finite, Adam writes NaN into exactly the layers they reached, which tells a fault
     * in one layer's backward pass (one weight) from a loss that overflowed (every weight).
     */
    static String nonFiniteWeights(Trainable model) {
        List<String> bad = new ArrayList<>();
        int all = 0;
        for (Pair<String, Parameter> parameter : model.trainedBlock().getParameters()) {
            if (!parameter.getValue().isInitialized()) {
                continue;
            }
            all++;
            NDArray array = parameter.getValue().getArray();
            // x − x is NaN exactly where x is NaN or ±∞ (MXNet has no isInfinite).
            if (array.sub(array).isNaN().any().getBoolean()) {
                bad.add(parameter.getKey());
            }
        }
        if (bad.isEmpty()) {
            return "every weight is still finite";
        }
        int shown = Math.min(bad.size(), 6);
        return bad.size() + " of " + all + " weights are no longer finite: " + String.join(", ", bad.subList(0, shown))
                + (shown < bad.size() ? " and " + (bad.size() - shown) + " more" : "");
    }

    /**
     * The sums over the batch of the total and of each term, stacked for one read-back. A term of the whole batch
     * (one value, as InfoVAE's MMD) counts once for each example, as the batch mean of the total counts it.
     */
    private static NDArray sums(LossTerms terms, EpochTotals totals) {
        List<String> names = new ArrayList<>(List.of("total"));
        NDList sums = new NDList(terms.total().sum());
        for (Map.Entry<String, NDArray> term : terms.terms().entrySet()) {
            NDArray value = term.getValue();
            if (value.getShape().equals(terms.total().getShape())) {
                names.add(term.getKey());
                sums.add(value.sum());
            } else if (value.size() == 1) {
                names.add(term.getKey());
                sums.add(value.reshape(new Shape()).mul(terms.total().size()));
            }
        }
        totals.names(names);
        return NDArrays.stack(sums);
    }
}
