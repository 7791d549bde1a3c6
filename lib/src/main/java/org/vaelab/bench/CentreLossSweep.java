package org.vaelab.bench;

import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.eval.Separation;
import org.vaelab.judge.ClassConditional;
import org.vaelab.judge.Classifier;
import org.vaelab.model.CentreLoss;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trained;
import org.vaelab.train.Trainer;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lab 04's centre loss at several weights λ, beside lab 04's VAE: each model trained as lab 04 trains it (full
 * mode: 784-400-6 ReLU, 10 epochs over MNIST, seed 42), then the class separation of its test codes
 * ({@link Separation#ratio}) and lab 04's judgement of its class-conditional samples (one Gaussian per digit
 * fitted to the training codes, covariance / 1.5, 100 samples per digit; how often the digit classifier agrees).
 * Arguments: the weights λ (default 0.05 0.5 5 50 500). Prints one line per model.
 */
public final class CentreLossSweep {
    private CentreLossSweep() {
    }

    public static void main(String[] args) throws Exception {
        ImageSet train = Data.mnist(Split.TRAIN).head(60_000); // as lab 04 takes them (the same cache keys)
        ImageSet test = Data.mnist(Split.TEST).head(10_000);
        Trainer trainer = Lab.trainer();
        TrainSettings settings = TrainSettings.adam(10, Lab.seed());
        Classifier judge = Classifier.trainOrLoad(trainer, train, test, 5, Lab.seed());
        VaeConfig vanilla = VaeConfig.mlp(400, 6).relu();
        List<String> names = new ArrayList<>(List.of("VAE (KL, no centre loss)"));
        List<VaeConfig> configs = new ArrayList<>(List.of(vanilla));
        for (String weight : args.length > 0 ? args : new String[] {"0.05", "0.5", "5", "50", "500"}) {
            names.add("centre loss, λ = " + weight);
            configs.add(vanilla.withObjective(new CentreLoss(Float.parseFloat(weight), 10)));
        }
        int[] labels = ClassConditional.labels(test);
        for (int i = 0; i < configs.size(); i++) {
            long started = System.nanoTime();
            Trained<Vae> run = trainer.fit(configs.get(i), train, test, settings);
            double seconds = (System.nanoTime() - started) / 1e9;
            double separation = Separation.ratio(ClassConditional.codes(run.model(), test), labels, 10);
            Table judged = ClassConditional.summary(ClassConditional.judge(List.of(names.get(i)), List.of(run.model()), train, test, judge,
                    100, 1.5, Lab.seed()));
            System.out.printf(Locale.ROOT, "%s | separation %.3f | classifier agrees %.3f | diversity %.2f | test reconstruction %.2f | %.0f s%n",
                    names.get(i), separation, judged.doubleColumn("classifier agrees").getDouble(0),
                    judged.doubleColumn("diversity of samples").getDouble(0), run.history().last("test_reconstruction"), seconds);
        }
    }
}
