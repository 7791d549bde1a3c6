package org.vaelab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Progress;
import org.vaelab.train.Trained;
import org.vaelab.train.Trainer;
import org.vaelab.io.AtomicFiles;
import org.vaelab.model.Vae;

import java.nio.file.Files;
import java.nio.file.Path;
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
        // ./lab bench names each configuration it measures ("PyTorch, 1 thread" beside the notebooks' "PyTorch").
        String name = System.getProperty("vaelab.bench.name", Engine.getInstance().getEngineName());
        double ceiling = matmulCeilingGflops();
        ImageSet train = Data.mnist(Split.TRAIN);
        ImageSet test = Data.mnist(Split.TEST).head(1000); // evaluated after each epoch, outside the timing
        List<Long> rss = new ArrayList<>();
        Path checkpoints = Files.createTempDirectory("vaelab-bench");
        List<Double> rates = new ArrayList<>();
        // The notebooks' own training loop, so the figure is the one a student sees.
        Trainer trainer = new Trainer(Lab.device(), checkpoints, (n, e, b) -> Progress.printing());
        try (Trained<Vae> run = trainer.fit(VaeConfig.mlp(400, 20).relu(), train, test, TrainSettings.adam(EPOCHS, 1),
                epoch -> rss.add(ProcessMemory.rssMb()))) {
            for (double rate : run.history().table().doubleColumn("samples_per_s").asDoubleArray()) {
                rates.add(rate);
            }
        } finally {
            AtomicFiles.deleteTree(checkpoints);
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        double samplesPerSecond = sorted.get(sorted.size() / 2);
        double achieved = samplesPerSecond * MFLOP_PER_SAMPLE / 1000;
        System.out.printf(Locale.ROOT, "%s: %,.0f samples/s (median epoch) = %.1f GFLOP/s of a %.1f GFLOP/s matrix-product ceiling (%.0f%%); RSS after each epoch %s MB%n",
                name, samplesPerSecond, achieved, ceiling, 100 * achieved / ceiling, rss);
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
