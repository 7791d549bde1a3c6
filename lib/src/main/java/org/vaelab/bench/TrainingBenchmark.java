package org.vaelab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.io.AtomicFiles;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.Progress;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trained;
import org.vaelab.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Trains two VAEs with the notebooks' own training loop on this JVM's engine, batch 128, Adam 1e-3,
 * for 3 epochs each, and prints their speed beside the ceiling of the operator each one spends its
 * time in, measured in the same run:
 * <ul>
 *   <li>{@code mlp}: lab 02's 784-400-20 ReLU VAE on MNIST's 60,000 training images; its ceiling is
 *       the engine's dense layer (a 1024-wide fully connected layer on a batch of 1024 rows);</li>
 *   <li>{@code conv}: lab 06's street-digit view (32×32×3, two stride-2 convolutions, Gaussian
 *       likelihood) on CIFAR-10's first training batch (10,000 images); its ceiling is the engine's
 *       convolution at the decoder's largest layer (3×3, 64 → 32 channels on 16×16, batch 128).</li>
 * </ul>
 * For each: samples per second (the median epoch), the achieved GFLOP/s as a fraction of the
 * ceiling, the time of one step ({@code step_ms}), and resident memory after each epoch and at its peak; for the
 * MLP also what its matrix products and its Adam update alone take ({@link #mlpStepFloor}). The last line is one JSON object
 * for this engine; {@code ./lab bench} runs it once per engine and beside the Python peer.
 */
public final class TrainingBenchmark {
    /**
     * Forward and backward of the MLP VAE per sample: 2·(784·400 + 400·40 + 20·400 + 400·784) ≈ 1.09
     * MFLOP forward, about three times that with the backward pass.
     */
    static final double MLP_MFLOP_PER_SAMPLE = 3.28;
    /**
     * The conv VAE per sample, forward: encoder convolutions 16·16·32·3·16 + 8·8·64·32·16, dense
     * 4096·256 + 256·40; decoder 20·256 + 256·4096, convolutions 16·16·32·64·9 + 32·32·3·32·9
     * multiply-adds, 10.21 M in all = 20.4 MFLOP; three times that with the backward pass.
     */
    static final double CONV_MFLOP_PER_SAMPLE = 61.3;
    private static final int EPOCHS = Integer.getInteger("vaelab.bench.epochs", 3);
    private static final int BATCH = 128;
    /** The MLP VAE's parameters, as VaeBlock orders them: encoder 784 → 400, the Gaussian head 400 → 40, decoder 20 → 400 → 784. */
    private static final long[][] MLP_LAYERS = {{400, 784}, {40, 400}, {400, 20}, {784, 400}};

    private TrainingBenchmark() {
    }

    /** One model's figures. */
    record Figures(double samplesPerSecond, double ceilingGflops, double mflopPerSample, long peakRssMb, List<Long> rssMbPerEpoch,
                   String floor) {
        double fraction() {
            return samplesPerSecond * mflopPerSample / 1000 / ceilingGflops;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"samples_per_s\":%.0f,\"ceiling_gflops\":%.1f,\"fraction_of_ceiling\":%.3f,"
                    + "\"peak_rss_mb\":%d,\"rss_mb_per_epoch\":%s,\"step_ms\":%.3f%s}", samplesPerSecond, ceilingGflops, fraction(), peakRssMb, rssMbPerEpoch,
                    1000.0 * BATCH / samplesPerSecond, floor);
        }
    }

    public static void main(String[] args) throws Exception {
        // ./lab bench names each configuration it measures ("PyTorch, 1 thread" beside the notebooks' "PyTorch").
        String name = System.getProperty("vaelab.bench.name", Engine.getInstance().getEngineName());
        List<String> models = List.of(System.getProperty("vaelab.bench.models", "mlp,conv").split(","));
        List<String> entries = new ArrayList<>();
        if (models.contains("mlp")) {
            Figures mlp = measure(VaeConfig.mlp(400, 20).relu(), Data.mnist(Split.TRAIN), Data.mnist(Split.TEST).head(1000),
                    linearCeilingGflops(), MLP_MFLOP_PER_SAMPLE, mlpStepFloor());
            print(name, "MLP VAE 784-400-20", mlp);
            entries.add("\"mlp\":" + mlp.json());
        }
        if (models.contains("conv")) {
            ImageSet cifar = Data.cifar10(Split.TRAIN).head(10_000); // data_batch_1.bin
            Figures conv = measure(VaeConfig.conv(3, 32, 32, 256, 20).gaussian(), cifar, Data.cifar10(Split.TEST).head(500),
                    convCeilingGflops(), CONV_MFLOP_PER_SAMPLE, "");
            print(name, "conv VAE 32x32x3 (CIFAR-10 batch 1)", conv);
            entries.add("\"conv\":" + conv.json());
        }
        System.out.println("{\"" + name + "\":{" + String.join(",", entries) + "}}");
    }

    private static void print(String engine, String model, Figures f) {
        System.out.printf(Locale.ROOT, "%s, %s: %,.0f samples/s (median epoch) = %.1f GFLOP/s of the operator's %.1f GFLOP/s ceiling (%.0f%%); "
                        + "RSS after each epoch %s MB, peak %d MB%n", engine, model, f.samplesPerSecond(),
                f.samplesPerSecond() * f.mflopPerSample() / 1000, f.ceilingGflops(), 100 * f.fraction(), f.rssMbPerEpoch(), f.peakRssMb());
    }

    private static Figures measure(VaeConfig config, ImageSet train, ImageSet test, double ceiling, double mflop, String floor)
            throws Exception {
        List<Long> rss = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        Path checkpoints = Files.createTempDirectory("vaelab-bench");
        // The notebooks' own training loop, so the figure is the one a student sees.
        Trainer trainer = new Trainer(Lab.device(), checkpoints, (n, e, b) -> Progress.printing());
        try (Trained<Vae> run = trainer.fit(config, train, test, TrainSettings.adam(EPOCHS, 1), epoch -> rss.add(ProcessMemory.rssMb()))) {
            for (double rate : run.history().table().doubleColumn("samples_per_s").asDoubleArray()) {
                rates.add(rate);
            }
        } finally {
            AtomicFiles.deleteTree(checkpoints);
        }
        rates.sort(Double::compare);
        return new Figures(rates.get(rates.size() / 2), ceiling, mflop, ProcessMemory.peakRssMb(), rss, floor);
    }

    /** The engine's dense layer (the VAE's operator): x (1024×1024) times a 1024×1024 weight, plus bias; best of 5 rounds. */
    static double linearCeilingGflops() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray w = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray b = manager.zeros(new Shape(1024));
            return best(2.0 * 1024 * 1024 * 1024, () -> Linear.linear(x, w, b).singletonOrThrow().getFloat(0, 0));
        }
    }

    /** The engine's convolution at the conv VAE's largest layer: 3×3, 64 → 32 channels on 16×16, batch 128, padding 1. */
    static double convCeilingGflops() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(-1, 1, new Shape(128, 64, 16, 16));
            NDArray w = manager.randomUniform(-1, 1, new Shape(32, 64, 3, 3));
            NDArray b = manager.zeros(new Shape(32));
            double flops = 2.0 * 128 * 16 * 16 * 32 * 64 * 9;
            return best(flops, () -> {
                NDList out = Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1);
                return out.singletonOrThrow().getFloat(0, 0, 0, 0);
            });
        }
    }

    /**
     * What two parts of one MLP training step cost on their own, as JSON fields: {@code matrix_products_ms}, the
     * step's eleven matrix products (each layer's forward product with its bias; the backward pass's weight
     * gradients and input gradients, none for the input images) on random arrays of the step's shapes, and
     * {@code adam_ms}, one Adam update of every parameter (the engine's fused operator, as AdamUpdates calls it).
     * The best of 5 rounds of 100 steps. A training step cannot take less than their sum, whatever the training
     * loop does around them; python_peer.py measures the same two parts in PyTorch in Python. PyTorch only: MXNet
     * queues operators and waits when an array is closed, so the same calls there time something else.
     */
    static String mlpStepFloor() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return "";
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomUniform(0, 1, new Shape(BATCH, 784));
            List<NDArray> weights = new ArrayList<>();
            List<NDArray> biases = new ArrayList<>();
            List<NDArray> inputs = new ArrayList<>();
            List<NDArray> outputGradients = new ArrayList<>();
            for (long[] layer : MLP_LAYERS) {
                weights.add(manager.randomNormal(0, 0.05f, new Shape(layer), DataType.FLOAT32));
                biases.add(manager.zeros(new Shape(layer[0])));
                inputs.add(inputs.isEmpty() ? x : manager.randomUniform(0, 1, new Shape(BATCH, layer[1])));
                outputGradients.add(manager.randomUniform(0, 1, new Shape(BATCH, layer[0])));
            }
            double products = bestMillis(() -> {
                try (NDManager step = manager.newSubManager()) {
                    NDList out = new NDList();
                    for (int i = 0; i < MLP_LAYERS.length; i++) {
                        out.add(Linear.linear(inputs.get(i), weights.get(i), biases.get(i)).singletonOrThrow());
                        out.add(outputGradients.get(i).transpose().matMul(inputs.get(i)));   // ∂L/∂W
                        if (i > 0) {
                            out.add(outputGradients.get(i).matMul(weights.get(i)));         // ∂L/∂input
                        }
                    }
                    out.attach(step);
                    return out.get(out.size() - 1).getFloat(0, 0);
                }
            });
            List<NDArray> parameters = new ArrayList<>(weights);
            parameters.addAll(biases);
            List<NDList> adam = new ArrayList<>();
            for (NDArray p : parameters) {
                adam.add(new NDList(p, p.onesLike().mul(1e-3f), p.zerosLike(), p.zerosLike()));
            }
            double update = bestMillis(() -> {
                for (NDList state : adam) {
                    NDArray w = state.get(0);
                    w.getNDArrayInternal().adamUpdate(state, new NDList(w), 1e-3f, 1e-3f, 0f, 1f, -1f, 0.9f, 0.999f, 1e-8f, true, false);
                }
                return parameters.get(0).getFloat(0, 0);
            });
            return String.format(Locale.ROOT, ",\"matrix_products_ms\":%.3f,\"adam_ms\":%.3f", products, update);
        }
    }

    /** The fastest mean time of one call, in ms, over 5 rounds of 100 calls after 20 to warm up. */
    private static double bestMillis(DoubleSupplier call) {
        for (int i = 0; i < 20; i++) {
            call.getAsDouble();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                call.getAsDouble();
            }
            best = Math.min(best, (System.nanoTime() - started) / 1e6 / 100);
        }
        return best;
    }

    /** The best rate of 5 rounds of 10 calls, after a warm-up; reading one value waits for the engine. */
    private static double best(double flopsPerCall, DoubleSupplier call) {
        call.getAsDouble();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                call.getAsDouble();
            }
            best = Math.max(best, 10 * flopsPerCall / ((System.nanoTime() - started) / 1e9) / 1e9);
        }
        return best;
    }
}
