package org.vaelab.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.vaelab.data.Batch;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.judge.Classifier;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Trainable;
import org.vaelab.model.Vae;
import org.vaelab.train.Trainer;
import org.vaelab.train.TrainingLoop;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
        return agreement(source, targetJudge, encoderOf.device(),
                (batch, indices) -> decoderOf.decode(encoderOf.encode(source.toFloats(batch, indices)).get(0)));
    }

    /**
     * How often {@code judge} names each image's own class in what {@code generate} makes from a batch of the images'
     * indices (500 at a time, each batch's arrays in a manager of its own).
     */
    private static double agreement(ImageSet source, Classifier judge, ai.djl.Device device,
                                    java.util.function.BiFunction<NDManager, int[], NDArray> generate) {
        int agree = 0;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            for (int start = 0; start < source.size(); start += 500) {
                int[] indices = range(start, Math.min(source.size(), start + 500));
                try (NDManager batch = manager.newSubManager()) {
                    int[] judged = judge.predict(generate.apply(batch, indices));
                    for (int i = 0; i < indices.length; i++) {
                        agree += judged[i] == source.label(indices[i]) ? 1 : 0;
                    }
                }
            }
        }
        return agree / (double) source.size();
    }

    /** The first {@code n} pairs of the order the seed shuffles them into: the pairs that fine-tuning and the linear map use. */
    private static int[] chosenPairs(PairedViews pairs, int n, long seed) {
        if (n < 0 || n > pairs.size()) {
            throw new IllegalArgumentException("n must be between 0 and the " + pairs.size() + " pairs; got " + n);
        }
        return Arrays.copyOf(PairedViews.shuffled(range(0, pairs.size()), new SplittableRandom(seed)), n);
    }

    /**
     * A copy of {@code decoderOf} whose decoder has been fine-tuned by {@code trainer}, with Adam (10⁻³)
     * for {@code steps} steps of up to 64 pairs, to decode the second view of {@code n} pairs (drawn at
     * random from the seed) from the codes {@code encoderOf} gives their first view:
     * minimise −log p(x₂ | z = μ_enc(x₁)). The encoder and the original decoder are left as they are.
     */
    public static Vae fineTuneDecoder(Trainer trainer, Vae encoderOf, Vae decoderOf, PairedViews pairs, int n, int steps, long seed)
            throws IOException {
        int[] chosen = chosenPairs(pairs, n, seed);
        Vae copy = copyOf(decoderOf);
        if (n == 0 || steps == 0) {
            return copy;
        }
        int[] firstIndices = Arrays.stream(chosen).map(pairs::firstIndex).toArray();
        int[] secondIndices = Arrays.stream(chosen).map(pairs::secondIndex).toArray();
        SplittableRandom random = new SplittableRandom(seed + 1);
        try (NDManager manager = NDManager.newBaseManager(copy.device())) {
            // Fixed inputs of the fine-tuning: cut from the encoder's graph. PyTorch switches gradients off
            // outside a collector only on the thread that started the engine; a notebook cell may run on
            // another, where these codes would carry a graph that the first backward pass frees.
            NDArray codes = encoderOf.encode(pairs.first().toFloats(manager, firstIndices)).get(0).stopGradient();
            NDArray targets = pairs.second().toFloats(manager, secondIndices);
            TrainingLoop.EpochBatches batches = (epoch, parent) -> () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Batch next() {
                    NDManager batch = parent.newSubManager();
                    int[] picked = random.ints(Math.min(n, BATCH), 0, n).toArray();
                    NDArray index = batch.create(picked);
                    NDArray z = codes.get(new NDIndex("{}", index));
                    NDArray x = targets.get(new NDIndex("{}", index));
                    return Batch.of(batch, new NDList(z, x), new int[picked.length], picked);
                }
            };
            trainer.train(new DecoderTuning(copy), batches, 1, steps, BATCH, 1e-3f, seed);
        }
        return copy;
    }

    /**
     * Class survival after fine-tuning, as a curve over the number of pairs: for each N of
     * {@code pairCounts}, {@code decoderOf}'s decoder fine-tuned on N pairs ({@link #fineTuneDecoder}),
     * then {@link #classSurvival} of {@code test} from {@code encoderOf} through it, judged by {@code judge}.
     */
    public static Curve survivalCurve(Trainer trainer, Vae encoderOf, Vae decoderOf, PairedViews pairs, int[] pairCounts, int steps,
                                      long seed, ImageSet test, Classifier judge) throws IOException {
        double[] survival = new double[pairCounts.length];
        List<Vae> decoders = new ArrayList<>();
        for (int i = 0; i < pairCounts.length; i++) {
            Vae tuned = fineTuneDecoder(trainer, encoderOf, decoderOf, pairs, pairCounts[i], steps, seed);
            survival[i] = classSurvival(encoderOf, tuned, test, judge);
            decoders.add(tuned);
        }
        return new Curve(pairCounts.clone(), survival, decoders);
    }

    /**
     * Class survival through a linear map between the latent spaces instead of a fine-tuned decoder: for each N of
     * {@code pairCounts}, N pairs drawn as {@link #fineTuneDecoder} draws them, the map W fitted by least squares
     * ({@link LatentMap#fit}, ridge {@code ridge}) from the codes {@code encoderOf} gives their first view to those
     * {@code decoderOf} gives their second, then each image of {@code test} encoded, mapped, decoded by
     * {@code decoderOf} as it was trained, and judged. N = 0 maps nothing: the plain swap.
     */
    public static Curve linearMapCurve(Vae encoderOf, Vae decoderOf, PairedViews pairs, int[] pairCounts, double ridge, long seed,
                                       ImageSet test, Classifier judge) {
        double[] survival = new double[pairCounts.length];
        double[][] testCodes = LatentCodes.means(encoderOf, test);
        for (int c = 0; c < pairCounts.length; c++) {
            int[] chosen = chosenPairs(pairs, pairCounts[c], seed);
            double[][] mapped = testCodes;
            if (chosen.length > 0) {
                double[][] from = LatentCodes.means(encoderOf, pairs.first().subset(Arrays.stream(chosen).map(pairs::firstIndex).toArray()));
                double[][] to = LatentCodes.means(decoderOf, pairs.second().subset(Arrays.stream(chosen).map(pairs::secondIndex).toArray()));
                mapped = LatentMap.apply(LatentMap.fit(from, to, ridge), testCodes);
            }
            double[][] codes = mapped;
            survival[c] = agreement(test, judge, encoderOf.device(), (batch, indices) -> decoderOf.decode(rows(batch, codes, indices)));
        }
        return new Curve(pairCounts.clone(), survival, List.of());
    }

    /** The rows {@code indices} of {@code codes} as a float32 array (indices, latent) in {@code manager}. */
    private static NDArray rows(NDManager manager, double[][] codes, int[] indices) {
        int d = codes[0].length;
        float[] flat = new float[indices.length * d];
        for (int i = 0; i < indices.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) codes[indices[i]][j];
            }
        }
        return manager.create(flat, new ai.djl.ndarray.types.Shape(indices.length, d));
    }

    /**
     * Several swaps in one table: a row per swap and number of pairs ("swap", "pairs N", "class survives"),
     * survival rounded to three decimals.
     */
    public static Table table(String title, List<String> swaps, List<Curve> curves) {
        Table table = Table.create(title, StringColumn.create("swap"), IntColumn.create("pairs N"), DoubleColumn.create("class survives"));
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            for (int i = 0; i < curve.pairCounts().length; i++) {
                table.stringColumn(0).append(swaps.get(c));
                table.intColumn(1).append(curve.pairCounts()[i]);
                table.doubleColumn(2).append(rounded(curve.survival()[i]));
            }
        }
        return table;
    }

    private static double rounded(double survival) {
        return Math.round(1000 * survival) / 1000.0;
    }

    /** Class survival per number of fine-tuning pairs, and the fine-tuned decoders (as VAEs) in the same order. */
    public record Curve(int[] pairCounts, double[] survival, List<Vae> decoders) {
        /** The curve as a table: "pairs N" and the survival, rounded to three decimals. */
        public Table table(String title, String survivalColumn) {
            Table table = Table.create(title, IntColumn.create("pairs N"), DoubleColumn.create(survivalColumn));
            for (int i = 0; i < pairCounts.length; i++) {
                table.intColumn(0).append(pairCounts[i]);
                table.doubleColumn(1).append(rounded(survival[i]));
            }
            return table;
        }
    }

    /** A VAE's decoder alone, trained to minimise −log p(x₂ | z) on batches of (codes z, images x₂). */
    private record DecoderTuning(Vae vae) implements Trainable {
        @Override
        public String name() {
            return "decoder of " + vae.name() + ", fine-tuned";
        }

        @Override
        public NDManager manager() {
            return vae.manager();
        }

        @Override
        public Block trainedBlock() {
            return vae.block().decoder();
        }

        @Override
        public LossTerms forward(ParameterStore store, Batch batch, boolean training) {
            NDArray decoded = vae.block().decode(store, batch.x(0), training);
            return LossTerms.of(vae.config().likelihood().negativeLogLikelihood(decoded, batch.x(1)));
        }

        @Override
        public void close() {
        }
    }

    /** A new VAE of the same config holding a copy of every weight (copied on the engine, not through a file). */
    private static Vae copyOf(Vae vae) {
        Vae copy = Vae.create(vae.config(), 0, vae.device());
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
