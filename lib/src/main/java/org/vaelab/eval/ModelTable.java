package org.vaelab.eval;

import org.vaelab.data.ImageSet;
import org.vaelab.model.Vae;
import org.vaelab.train.ElboEstimate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** Several trained VAEs measured on one test set: the ELBO and its terms, and the IWAE bound. */
public final class ModelTable {
    private ModelTable() {
    }

    public static Table elboAndIwae(List<String> names, List<Vae> models, ImageSet test, int iwaeSamples, long seed) {
        Table table = Table.create("test set: " + test.size() + " " + test.name() + " images, nats per image",
                StringColumn.create("model"), IntColumn.create("latent"), DoubleColumn.create("−ELBO"),
                DoubleColumn.create("reconstruction"), DoubleColumn.create("KL"),
                DoubleColumn.create("IWAE bound, k=" + iwaeSamples));
        for (int i = 0; i < models.size(); i++) {
            Vae vae = models.get(i);
            ElboEstimate elbo = Evaluation.elbo(vae, test, seed);
            table.stringColumn(0).append(names.get(i));
            table.intColumn(1).append(vae.config().latent());
            table.doubleColumn(2).append(round(elbo.loss()));
            table.doubleColumn(3).append(round(elbo.reconstruction()));
            table.doubleColumn(4).append(round(elbo.kl()));
            table.doubleColumn(5).append(round(Evaluation.iwae(vae, test, iwaeSamples, seed)));
        }
        return table;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
