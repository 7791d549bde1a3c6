package org.vaelab.bench;

import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.data.Split;
import org.vaelab.eval.MultiViewTable;
import org.vaelab.judge.Classifier;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.multiview.DregImportanceWeighted;
import org.vaelab.model.multiview.ImportanceWeighted;
import org.vaelab.model.multiview.MultiViewConfig;
import org.vaelab.model.multiview.MultiViewObjective;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.model.multiview.Posterior;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trained;
import org.vaelab.train.Trainer;

import java.util.List;
import java.util.Locale;

/**
 * Lab 05's "what moved the numbers" table: lab 05's mixture of experts in full mode (60,000 pairs, 6 epochs,
 * Bernoulli views, the ELBO), then one change at a time, each trained with the notebooks' own trainer and
 * checkpoint cache, and judged as lab 05 judges (cross-coherence both ways on 10,000 test pairs, joint
 * coherence of prior samples and of the fitted mixture's, the linear probe), with its training time. Each row is
 * {@code name:posterior:objective:K:likelihood:pairs per image:epochs}, e.g.
 * {@code "MMVAE, DReG K = 4:mixture:dreg:4:bernoulli:1:6"}; without arguments, the rows of
 * docs/MEASUREMENTS.md. Prints one line per row.
 */
public final class WhatMoved {
    static final List<String> ROWS = List.of(
            "MMVAE (lab 05):mixture:elbo:1:bernoulli:1:6",
            "MMVAE, Laplace likelihood:mixture:elbo:1:laplace:1:6",
            "MMVAE, 2 pairs per image, 3 epochs:mixture:elbo:1:bernoulli:2:3",
            "MMVAE+ (4 private dimensions per view):private:elbo:1:bernoulli:1:6",
            "MMVAE, 12 epochs:mixture:elbo:1:bernoulli:1:12",
            "MMVAE, IWAE K = 4:mixture:iwae:4:bernoulli:1:6",
            "MMVAE, DReG K = 4:mixture:dreg:4:bernoulli:1:6",
            "MMVAE+, DReG K = 4:private:dreg:4:bernoulli:1:6",
            "MMVAE, Laplace and 12 epochs:mixture:elbo:1:laplace:1:12",
            "MMVAE+, Laplace (lab 05's MMVAE+):private:elbo:1:laplace:1:6",
            "MMVAE, Laplace and DReG K = 4:mixture:dreg:4:laplace:1:6",
            "MMVAE+, Laplace and DReG K = 4:private:dreg:4:laplace:1:6");

    private WhatMoved() {
    }

    /** A posterior by its name in a row: mixture, private, product or mixture-of-products. */
    static Posterior posterior(String name) {
        return switch (name) {
            case "mixture" -> Posterior.MIXTURE;
            case "private" -> Posterior.MIXTURE_WITH_PRIVATE_LATENTS;
            case "product" -> Posterior.PRODUCT;
            case "mixture-of-products" -> Posterior.MIXTURE_OF_PRODUCTS;
            default -> throw new IllegalArgumentException("unknown posterior '" + name + "'");
        };
    }

    public static void main(String[] args) throws Exception {
        ImageSet mnistTrain = Data.mnist(Split.TRAIN).head(60_000); // as lab 05 takes them (the same cache keys)
        ImageSet fashionTrain = Data.fashionMnist(Split.TRAIN).head(60_000);
        ImageSet mnistTest = Data.mnist(Split.TEST).head(10_000);
        ImageSet fashionTest = Data.fashionMnist(Split.TEST).head(10_000);
        PairedViews testPairs = PairedViews.byLabel(mnistTest, fashionTest, 1, Lab.seed());
        Trainer trainer = Lab.trainer();
        Classifier digitJudge = Classifier.trainOrLoad(trainer, mnistTrain, mnistTest, 5, Lab.seed());
        Classifier fashionJudge = Classifier.trainOrLoad(trainer, fashionTrain, fashionTest, 8, Lab.seed());
        PairedViews probePairs = PairedViews.byLabel(mnistTrain.head(10_000), fashionTrain.head(10_000), 1, Lab.seed());
        VaeConfig view = VaeConfig.mlp(400, 20).relu();
        for (String row : args.length > 0 ? List.of(args) : ROWS) {
            String[] p = row.split(":");
            if (p.length != 7) {
                throw new IllegalArgumentException("a row is name:posterior:objective:K:likelihood:pairs:epochs, got '" + row + "'");
            }
            Posterior posterior = posterior(p[1]);
            int k = Integer.parseInt(p[3]);
            MultiViewObjective objective = switch (p[2]) {
                case "elbo" -> MultiViewObjective.ELBO;
                case "iwae" -> new ImportanceWeighted(k);
                case "dreg" -> new DregImportanceWeighted(k);
                default -> throw new IllegalArgumentException("unknown objective '" + p[2] + "'");
            };
            VaeConfig v = switch (p[4]) {
                case "bernoulli" -> view;
                case "laplace" -> view.laplace();
                default -> throw new IllegalArgumentException("unknown likelihood '" + p[4] + "'");
            };
            PairedViews trainPairs = PairedViews.byLabel(mnistTrain, fashionTrain, Integer.parseInt(p[5]), Lab.seed());
            long started = System.nanoTime();
            Trained<MultiViewVae> run = trainer.fit(MultiViewConfig.of(v, v, posterior).withObjective(objective), trainPairs, testPairs,
                    TrainSettings.adam(Integer.parseInt(p[6]), Lab.seed()));
            double seconds = (System.nanoTime() - started) / 1e9;
            var table = MultiViewTable.coherence(List.of(p[0]), List.of(run.model()), probePairs, testPairs, digitJudge, fashionJudge, 5000,
                    Lab.seed());
            System.out.printf(Locale.ROOT, "%s | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f s (0 s: from the cache)%n", p[0],
                    table.doubleColumn(2).getDouble(0), table.doubleColumn(3).getDouble(0), table.doubleColumn(4).getDouble(0),
                    table.doubleColumn(5).getDouble(0), table.doubleColumn(6).getDouble(0), seconds);
        }
    }
}
