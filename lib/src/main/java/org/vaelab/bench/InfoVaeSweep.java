package org.vaelab.bench;

import org.vaelab.Data;
import org.vaelab.Lab;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.eval.ModelTable;
import org.vaelab.loss.Losses;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;
import org.vaelab.train.TrainSettings;
import org.vaelab.train.Trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Lab 03's InfoVAE at several weights λ of the MMD, with both kernels (inverse multiquadric and Gaussian, bandwidth 1),
 * beside the β = 1 VAE: each trained as lab 03 trains it (full mode: 784-400-10 ReLU, 10 epochs over MNIST, seed 42),
 * then lab 03's table: −ELBO, distortion, rate and the IWAE bound (k = 100) on the 10,000 test images. Arguments:
 * the weights λ (default 10 100 500 2000), each with both kernels at α = 0; or rows {@code α:λ:kernel}, e.g.
 * {@code 1:100:IMQ} (the MMD-VAE, α = 1). Prints the table.
 */
public final class InfoVaeSweep {
    private InfoVaeSweep() {
    }

    public static void main(String[] args) throws Exception {
        ImageSet train = Data.mnist(Split.TRAIN).head(60_000); // as lab 03 takes them (the same cache keys)
        ImageSet test = Data.mnist(Split.TEST).head(10_000);
        Trainer trainer = Lab.trainer();
        TrainSettings settings = TrainSettings.adam(10, Lab.seed());
        VaeConfig base = VaeConfig.mlp(400, 10).relu();
        List<String> names = new ArrayList<>(List.of("β = 1 (VAE)"));
        List<VaeConfig> configs = new ArrayList<>(List.of(base));
        if (args.length > 0 && args[0].contains(":")) {
            for (String row : args) {
                String[] p = row.split(":");
                names.add("InfoVAE α=" + p[0] + " λ=" + p[1] + " " + p[2]);
                configs.add(base.infoVae(Float.parseFloat(p[0]), Float.parseFloat(p[1]), Losses.MmdKernel.valueOf(p[2]), 1f));
            }
        } else {
            for (Losses.MmdKernel kernel : Losses.MmdKernel.values()) {
                for (String weight : args.length > 0 ? args : new String[] {"10", "100", "500", "2000"}) {
                    names.add("InfoVAE α=0 λ=" + weight + " " + kernel);
                    configs.add(base.infoVae(0f, Float.parseFloat(weight), kernel, 1f));
                }
            }
        }
        List<Vae> models = new ArrayList<>();
        for (VaeConfig config : configs) {
            models.add(trainer.fit(config, train, test, settings).model());
        }
        System.out.println(ModelTable.elboAndIwae(names, models, test, 100, Lab.seed()).printAll());
    }
}
