package org.vaelab.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains the 784-400-20 ReLU MLP VAE on MNIST (batch 128, Adam 1e-3) for 3 epochs on this JVM's
 * engine and prints: samples per second (the median epoch), the engine's own dense matrix-product
 * ceiling measured in the same run, the VAE's achieved GFLOP/s (3.28 MFLOP per sample for forward
 * and backward) as a fraction of it, and resident memory after each epoch and at its peak. The last
 * line is one JSON object for this engine; {@code ./lab bench} runs it once per engine.
 */
public final class TrainingBenchmark {
    static final double MFLOP_PER_SAMPLE = 3.28;
    private static final int EPOCHS = Integer.getInteger("vaelab.bench.epochs", 3);

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Engine engine = Engine.getInstance();
        String name = engine.getEngineName();
        double ceiling = matmulCeilingGflops();
        ImageSet train = Data.mnist(Split.TRAIN);
        VaeConfig config = VaeConfig.mlp(400, 20).relu();
        List<Double> rates = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        try (Vae vae = Vae.create(config, 1)) {
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optDevices(new Device[] {vae.device()});
            try (Trainer trainer = vae.model().newTrainer(trainingConfig)) {
                for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                    long started = System.nanoTime();
                    float last = 0;
                    for (Batch batch : Batches.of(train, 128, 1, epoch, false, trainer.getManager())) {
                        try (batch) {
                            NDArray x = batch.x();
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray loss = vae.loss(trainer.forward(new NDList(x)), x).total().mean();
                                collector.backward(loss);
                                last = loss.getFloat();
                            }
                            trainer.step();
                        }
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    rates.add(train.size() / seconds);
                    rss.add(ProcessMemory.rssMb());
                    System.out.printf(Locale.ROOT, "%s epoch %d: %.1f s, %,.0f samples/s, last batch loss %.1f, RSS %d MB (JVM heap %d MB)%n",
                            name, epoch, seconds, train.size() / seconds, last, rss.get(rss.size() - 1),
                            Runtime.getRuntime().totalMemory() >> 20);
                }
            }
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        double samplesPerSecond = sorted.get(sorted.size() / 2);
        double achieved = samplesPerSecond * MFLOP_PER_SAMPLE / 1000;
        System.out.printf(Locale.ROOT, "%s: %,.0f samples/s = %.1f GFLOP/s of a %.1f GFLOP/s matrix-product ceiling (%.0f%%)%n",
                name, samplesPerSecond, achieved, ceiling, 100 * achieved / ceiling);
        System.out.printf(Locale.ROOT, "{\"%s\":{\"samples_per_s\":%.0f,\"ceiling_gflops\":%.1f,\"fraction_of_ceiling\":%.3f,"
                        + "\"peak_rss_mb\":%d,\"rss_mb_per_epoch\":%s}}%n",
                name, samplesPerSecond, ceiling, achieved / ceiling, ProcessMemory.peakRssMb(), rss);
    }

    /** The engine's float32 matrix-product rate on 1024×1024 operands, the best of 5 timed rounds. */
    static double matmulCeilingGflops() {
        int n = 1024;
        int repeats = 10;
        double best = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).getFloat(0, 0); // warm-up, and MXNet's lazy start
            for (int round = 0; round < 5; round++) {
                long started = System.nanoTime();
                NDArray c = a;
                for (int i = 0; i < repeats; i++) {
                    c = a.matMul(b);
                }
                c.getFloat(0, 0); // waits for the engine
                double seconds = (System.nanoTime() - started) / 1e9;
                best = Math.max(best, repeats * 2.0 * n * n * n / seconds / 1e9);
            }
        }
        return best;
    }
}
