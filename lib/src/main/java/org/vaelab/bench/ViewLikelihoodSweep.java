package org.vaelab.bench;

import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.data.StreetDigits;
import org.vaelab.eval.LatentCodes;
import org.vaelab.eval.LinearProbe;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why lab 06's convolutional street view collapses, measured on one view at a time at a fixed number of Adam steps
 * (batch 128, learning rate 10⁻³, seed 42): the street view's likelihood (a Gaussian with σ = 1, MMVAE's Laplace with
 * b = 0.75, a Gaussian with σ = 0.1, i.e. β = σ² = 0.01, and a Gaussian with each image's σ fitted to its error) and
 * the MNIST view's network (the 784-400-20 MLP against the convolutional one). For each: the test KL, the active units
 * (Burda et al.'s Cov_x(E_q[z_d|x]) > 10⁻²) and a linear probe of the posterior means (5,000 training codes, 2,000 test
 * codes). Prints one line per run and a table.
 *
 * <pre>java -cp 'environment/workbook/target/kernel/*' -Dvaelab.sweep.steps=470 org.vaelab.bench.ViewLikelihoodSweep</pre>
 */
public final class ViewLikelihoodSweep {
    private ViewLikelihoodSweep() {
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.getInteger("vaelab.sweep.steps", 470);
        int trainSize = Integer.getInteger("vaelab.sweep.train", 12_000);
        List<String> only = List.of(System.getProperty("vaelab.sweep.only", "street,mnist").split(","));
        long seed = 42;
        Map<String, VaeConfig> street = new LinkedHashMap<>();
        VaeConfig conv = VaeConfig.conv(3, 32, 32, 256, 20);
        street.put("street, Gaussian σ = 1", conv.gaussian());
        street.put("street, Laplace b = 0.75", conv.laplace());
        street.put("street, Gaussian σ = 0.1 (β = 0.01)", conv.gaussian().withBeta(0.01f));
        street.put("street, Gaussian, σ fitted per image", conv.gaussianOptimalSigma());
        Map<String, VaeConfig> mnist = new LinkedHashMap<>();
        mnist.put("MNIST, MLP 784-400-20, Bernoulli", VaeConfig.mlp(400, 20).relu());
        mnist.put("MNIST, conv, Bernoulli", VaeConfig.conv(1, 28, 28, 256, 20));
        List<String> rows = new ArrayList<>();
        Path cache = Files.createTempDirectory("vaelab-sweep");
        try {
            Trainer trainer = new Trainer(Lab.device(), cache, (n, e, b) -> Progress.printing());
            if (only.contains("street")) {
                ImageSet train = StreetDigits.train(seed).head(trainSize);
                ImageSet test = StreetDigits.test(seed).head(2_000);
                street.forEach((name, config) -> rows.add(run(trainer, name, config, train, test, steps, seed)));
            }
            if (only.contains("mnist")) {
                ImageSet train = Data.mnist(Split.TRAIN).head(trainSize);
                ImageSet test = Data.mnist(Split.TEST).head(2_000);
                mnist.forEach((name, config) -> rows.add(run(trainer, name, config, train, test, steps, seed)));
            }
        } finally {
            AtomicFiles.deleteTree(cache);
        }
        System.out.println();
        System.out.println("| view and likelihood | steps | test KL (nats) | active units of 20 | linear probe | seconds |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private static String run(Trainer trainer, String name, VaeConfig config, ImageSet train, ImageSet test, int steps, long seed) {
        int perEpoch = (train.size() + 127) / 128;
        int epochs = Math.max(1, (int) Math.round(steps / (double) perEpoch));
        TrainSettings settings = TrainSettings.adam(epochs, seed).withBatchesPerEpoch(Math.min(perEpoch, steps));
        long started = System.nanoTime();
        try (Trained<Vae> run = trainer.fit(config, train, test, settings)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            double[][] testCodes = LatentCodes.means(run.model(), test);
            ImageSet probeTrain = train.head(Math.min(5_000, train.size()));
            double probe = LinearProbe.accuracy(LatentCodes.means(run.model(), probeTrain), LatentCodes.labels(probeTrain), testCodes,
                    LatentCodes.labels(test));
            String row = String.format(Locale.ROOT, "| %s | %d | %.2f | %d | %.3f | %.0f |", name,
                    epochs * Math.min(perEpoch, steps), run.history().last("test_kl"), LatentCodes.activeUnits(testCodes), probe, seconds);
            System.out.println(row);
            return row;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
