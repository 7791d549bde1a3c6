package org.vaelab.viz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vaelab.data.ImageSet;
import org.vaelab.data.PairedViews;
import org.vaelab.model.VaeConfig;
import org.vaelab.model.multiview.MultiViewVae;
import org.vaelab.sample.Noise;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Pictures of two-view models: cross-generation in both directions, and both views of prior samples. */
public final class MultiViewPictures {
    private MultiViewPictures() {
    }

    /** The first test pair of each class, one per column. */
    public static int[] onePairPerClass(PairedViews pairs) {
        int classes = pairs.first().classNames().size();
        int[] chosen = new int[classes];
        java.util.Arrays.fill(chosen, -1);
        for (int i = 0; i < pairs.size(); i++) {
            int k = pairs.label(i);
            if (chosen[k] < 0) {
                chosen[k] = i;
            }
        }
        return chosen;
    }

    /**
     * Top: view 1 originals, then each model's view 2 generated from them; below: view 2 originals,
     * then each model's view 1 generated from those.
     */
    public static BufferedImage crossGeneration(PairedViews pairs, int[] chosenPairs, List<MultiViewVae> models, List<String> names) {
        List<BufferedImage> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        ImageSet[] views = {pairs.first(), pairs.second()};
        try (NDManager manager = NDManager.newBaseManager(models.get(0).device())) {
            for (int from = 0; from < 2; from++) {
                int to = 1 - from;
                int[] indices = new int[chosenPairs.length];
                for (int i = 0; i < indices.length; i++) {
                    indices[i] = from == 0 ? pairs.firstIndex(chosenPairs[i]) : pairs.secondIndex(chosenPairs[i]);
                }
                rows.add(ImageGrid.of(views[from], indices, indices.length, 2));
                labels.add(views[from].name());
                NDArray x = views[from].toFloats(manager, indices);
                for (int m = 0; m < models.size(); m++) {
                    VaeConfig target = to == 0 ? models.get(m).config().first() : models.get(m).config().second();
                    float[] generated = models.get(m).crossGenerate(x, from, to).toFloatArray();
                    rows.add(ImageGrid.ofFloats(generated, indices.length, target.channels(), target.height(), target.width(),
                            indices.length, 2, 1));
                    labels.add("→ " + views[to].name() + ", " + names.get(m));
                }
            }
        }
        return ImageGrid.labelledRows(rows, labels);
    }

    /**
     * Joint reconstruction: each view's originals above what the model decodes from the joint
     * posterior mean of both views together.
     */
    public static BufferedImage jointReconstruction(PairedViews pairs, int[] chosenPairs, MultiViewVae vae) {
        int[] first = new int[chosenPairs.length];
        int[] second = new int[chosenPairs.length];
        for (int i = 0; i < chosenPairs.length; i++) {
            first[i] = pairs.firstIndex(chosenPairs[i]);
            second[i] = pairs.secondIndex(chosenPairs[i]);
        }
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            NDArray z = vae.encodeJoint(pairs.first().toFloats(manager, first), pairs.second().toFloats(manager, second));
            List<BufferedImage> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            ImageSet[] views = {pairs.first(), pairs.second()};
            VaeConfig[] configs = {vae.config().first(), vae.config().second()};
            int[][] indices = {first, second};
            for (int v = 0; v < 2; v++) {
                rows.add(ImageGrid.of(views[v], indices[v], chosenPairs.length, 2));
                labels.add(views[v].name());
                rows.add(ImageGrid.ofFloats(vae.decode(z, v).toFloatArray(), chosenPairs.length, configs[v].channels(),
                        configs[v].height(), configs[v].width(), chosenPairs.length, 2, 1));
                labels.add("joint reconstruction");
            }
            return ImageGrid.labelledRows(rows, labels);
        }
    }

    /** Both views decoded from the same {@code count} prior codes z ~ N(0, I): matching columns should agree. */
    public static BufferedImage priorSamples(MultiViewVae vae, int count, long seed, String firstName, String secondName) {
        Noise.seedEngine(seed);
        try (NDManager manager = NDManager.newBaseManager(vae.device())) {
            NDArray z = manager.randomNormal(new Shape(count, vae.config().latent()));
            List<BufferedImage> rows = new ArrayList<>();
            VaeConfig[] configs = {vae.config().first(), vae.config().second()};
            for (int v = 0; v < 2; v++) {
                float[] decoded = vae.decode(z, v).toFloatArray();
                rows.add(ImageGrid.ofFloats(decoded, count, configs[v].channels(), configs[v].height(), configs[v].width(), count, 2, 1));
            }
            return ImageGrid.labelledRows(rows, List.of(firstName, secondName));
        }
    }
}
