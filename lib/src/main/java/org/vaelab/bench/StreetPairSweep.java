package org.vaelab.bench;

import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.eval.MultiViewTable;
import org.vaelab.judge.Classifier;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.multiview.MultiViewConfig;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.model.multiview.Posterior;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trained;
import org.vaelab.train.Trainer;

import java.util.List;
import java.util.Locale;

/**
 * Lab 06's two-view models (MNIST and synthetic street digits) under one change at a time, judged as lab 06 judges
 * them: cross-coherence both ways and joint coherence on 2,000 test pairs, the linear probe of the joint codes. Each
 * row is {@code name:posterior:mnist network:street likelihood:λ_MNIST:λ_street:MNIST images:epochs}, e.g.
 * {@code "MMVAE, σ fitted:mixture:mlp:sigma:1:1:6000:2"}, and optionally {@code :batch} (128 without) (networks {@code mlp} or {@code conv}; likelihoods
 * {@code gaussian}, {@code laplace}, {@code sigma} for σ fitted per image, or {@code beta0.01} for a Gaussian with
 * σ² = 0.01 as β). Prints one line per row with its training seconds.
 */
public final class StreetPairSweep {
    private StreetPairSweep() {
    }

    public static void main(String[] args) throws Exception {
        ImageSet streetTrain = Data.streetDigits(Split.TRAIN);
        ImageSet streetTest = Data.streetDigits(Split.TEST).head(10_000);
        ImageSet mnistTest = Data.mnist(Split.TEST).head(2_000);
        PairedViews testPairs = PairedViews.byLabel(mnistTest, streetTest, 1, Lab.seed());
        Trainer trainer = Lab.trainer();
        Classifier digitJudge = Classifier.trainOrLoad(trainer, Data.mnist(Split.TRAIN).head(60_000), Data.mnist(Split.TEST).head(10_000), 5,
                Lab.seed());
        Classifier streetJudge = Classifier.trainOrLoad(trainer, streetTrain, streetTest, 1, Lab.seed());
        System.out.println("| row | test loss | MNIST → street | street → MNIST | joint (prior) | joint (fitted) | probe | seconds |");
        for (String row : args) {
            String[] p = row.split(":");
            if (p.length != 8 && p.length != 9) {
                throw new IllegalArgumentException("a row is name:posterior:mnist network:street likelihood:λ1:λ2:images:epochs[:batch], got '"
                        + row + "'");
            }
            int batch = p.length == 9 ? Integer.parseInt(p[8]) : 128;
            Posterior posterior = WhatMoved.posterior(p[1]);
            VaeConfig mnist = switch (p[2]) {
                case "mlp" -> VaeConfig.mlp(400, 20).relu();
                case "conv" -> VaeConfig.conv(1, 28, 28, 256, 20);
                default -> throw new IllegalArgumentException("unknown network '" + p[2] + "'");
            };
            VaeConfig conv = VaeConfig.conv(3, 32, 32, 256, 20);
            VaeConfig street = p[3].startsWith("beta") ? conv.gaussian().withBeta(Float.parseFloat(p[3].substring(4))) : switch (p[3]) {
                case "gaussian" -> conv.gaussian();
                case "laplace" -> conv.laplace();
                case "sigma" -> conv.gaussianOptimalSigma();
                default -> throw new IllegalArgumentException("unknown likelihood '" + p[3] + "'");
            };
            ImageSet mnistTrain = Data.mnist(Split.TRAIN).head(Integer.parseInt(p[6]));
            PairedViews trainPairs = PairedViews.byLabel(mnistTrain, streetTrain, 1, Lab.seed());
            long started = System.nanoTime();
            Trained<MultiViewVae> run = trainer.fit(new MultiViewConfig(mnist, street, posterior, Float.parseFloat(p[4]), Float.parseFloat(p[5])),
                    trainPairs, testPairs, TrainSettings.adam(Integer.parseInt(p[7]), Lab.seed()).withBatchSize(batch));
            double seconds = (System.nanoTime() - started) / 1e9;
            PairedViews probePairs = PairedViews.byLabel(mnistTrain.head(Math.min(5_000, mnistTrain.size())), streetTrain, 1, Lab.seed());
            var table = MultiViewTable.coherence(List.of(p[0]), List.of(run.model()), probePairs, testPairs, digitJudge, streetJudge, 2000,
                    Lab.seed());
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f |%n", p[0], table.doubleColumn(1).getDouble(0),
                    table.doubleColumn(2).getDouble(0), table.doubleColumn(3).getDouble(0), table.doubleColumn(4).getDouble(0),
                    table.doubleColumn(5).getDouble(0), table.doubleColumn(6).getDouble(0), seconds);
            run.close();
        }
    }
}
