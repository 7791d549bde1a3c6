package org.vaelab.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.judge.Classifier;
import org.vaelab.model.Vae;
import org.vaelab.train.ParameterUpdates;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Joining the encoder of one VAE to the decoder of another that never trained with it (lab 07),
 * and teaching the decoder the other's codes from a few pairs.
 */
public final class Swaps {
    private static final int BATCH = 64;

    private Swaps() {
    }

    /**
     * How often the class survives the swap: each image of {@code source} is encoded (posterior
     * mean) by {@code encoderOf}, decoded by {@code decoderOf}, and judged; the class map is 1-to-1
     * by index (digit k ↔ class k of the other dataset).
     */
    public static double classSurvival(Vae encoderOf, Vae decoderOf, ImageSet source, Classifier targetJudge) {
        int agree = 0;
        try (NDManager manager = NDManager.newBaseManager(Lab.device())) {
            for (int start = 0; start < source.size(); start += 500) {
                int[] indices = range(start, Math.min(source.size(), start + 500));
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = source.toFloats(batch, indices);
                    int[] judged = targetJudge.predict(decoderOf.decode(encoderOf.encode(x).get(0)));
                    for (int i = 0; i < indices.length; i++) {
                        agree += judged[i] == source.label(indices[i]) ? 1 : 0;
                    }
                }
            }
        }
        return agree / (double) source.size();
    }

    /**
     * A copy of {@code decoderOf} whose decoder has been fine-tuned, with Adam (1e-3) for
     * {@code steps} steps of up to 64 pairs, to decode the second view of {@code n} pairs (drawn at
     * random from the seed) from the codes {@code encoderOf} gives their first view:
     * minimise −log p(x₂ | z = μ_enc(x₁)). The encoder and the original decoder are left as they are.
     */
    public static Vae fineTuneDecoder(Vae encoderOf, Vae decoderOf, PairedViews pairs, int n, int steps, long seed) {
        if (n < 0 || n > pairs.size()) {
            throw new IllegalArgumentException("n must be between 0 and the " + pairs.size() + " pairs; got " + n);
        }
        Vae copy = copyOf(decoderOf);
        if (n == 0 || steps == 0) {
            return copy;
        }
        int[] chosen = Arrays.copyOf(PairedViews.shuffled(range(0, pairs.size()), new SplittableRandom(seed)), n);
        int[] firstIndices = Arrays.stream(chosen).map(pairs::firstIndex).toArray();
        int[] secondIndices = Arrays.stream(chosen).map(pairs::secondIndex).toArray();
        Block decoder = copy.block().decoder(); // a new VAE's parameters carry gradients already
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        ParameterUpdates updates = new ParameterUpdates(decoder, adam);
        SplittableRandom random = new SplittableRandom(seed + 1);
        try (NDManager manager = NDManager.newBaseManager(Lab.device())) {
            // Fixed inputs of the fine-tuning: cut from the encoder's graph. PyTorch switches gradients off
            // outside a collector only on the thread that started the engine; a notebook cell may run on
            // another, where these codes would carry a graph that the first backward pass frees.
            NDArray codes = encoderOf.encode(pairs.first().toFloats(manager, firstIndices)).get(0).stopGradient();
            NDArray targets = pairs.second().toFloats(manager, secondIndices);
            for (int step = 0; step < steps; step++) {
                try (NDManager batch = manager.newSubManager()) {
                    int[] picked = random.ints(Math.min(n, BATCH), 0, n).toArray();
                    NDArray index = batch.create(picked);
                    NDArray z = codes.get(new NDIndex("{}", index));
                    NDArray x = targets.get(new NDIndex("{}", index));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray decoded = copy.block().decode(new ParameterStore(batch, false), z, true);
                        collector.backward(copy.config().likelihood().negativeLogLikelihood(decoded, x).mean());
                    }
                    updates.step(batch);
                }
            }
        }
        return copy;
    }

    /** A new VAE of the same config holding a copy of every weight (copied on the engine, not through a file). */
    private static Vae copyOf(Vae vae) {
        Vae copy = Vae.create(vae.config(), 0);
        List<Parameter> from = vae.block().getParameters().values();
        List<Parameter> to = copy.block().getParameters().values();
        for (int i = 0; i < from.size(); i++) {
            from.get(i).getArray().copyTo(to.get(i).getArray());
        }
        return copy;
    }

    private static int[] range(int from, int to) {
        int[] values = new int[to - from];
        Arrays.setAll(values, i -> from + i);
        return values;
    }
}
