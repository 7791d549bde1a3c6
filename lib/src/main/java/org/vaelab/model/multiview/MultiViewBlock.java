package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vaelab.loss.Gaussian;
import org.vaelab.model.Networks;
import org.vaelab.model.VaeConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The two-view VAE as one block: (x1, x2) → each view's expert q_v(z|x_v), then for each subset of
 * views the posterior samples, its joint (μ, log σ²), a sample z by the reparameterisation, and both
 * views decoded from z ({@link MultiViewOutput}).
 */
public final class MultiViewBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final MultiViewConfig config;
    private final Block[] bodies = new Block[2];
    private final Block[] heads = new Block[2];
    private final Block[] decoders = new Block[2];

    public MultiViewBlock(MultiViewConfig config) {
        super(VERSION);
        this.config = config;
        // Named here, not on initialisation: a block that was loaded instead is saved again on resume.
        this.inputNames = List.of("first_view", "second_view");
        VaeConfig[] views = {config.first(), config.second()};
        for (int v = 0; v < 2; v++) {
            bodies[v] = addChildBlock("encoder" + (v + 1), Networks.encoderBody(views[v]));
            heads[v] = addChildBlock("gaussian_head" + (v + 1),
                    Linear.builder().setUnits(2L * (config.latent() + config.posterior().privateLatent())).build());
            decoders[v] = addChildBlock("decoder" + (v + 1), Networks.decoder(views[v]));
        }
    }

    public MultiViewConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList[] experts = {expert(store, 0, inputs.get(0), training), expert(store, 1, inputs.get(1), training)};
        List<MultiViewOutput.SubsetSample> samples = new ArrayList<>();
        for (int[] subset : config.posterior().subsets()) {
            NDList q = config.posterior().joint(experts, subset);
            NDArray mu = q.get(0);
            NDArray logVar = q.get(1);
            NDArray z = Gaussian.reparameterize(mu, logVar);
            samples.add(new MultiViewOutput.SubsetSample(mu, logVar, z, decode(store, 0, z, training), decode(store, 1, z, training)));
        }
        return new MultiViewOutput(samples, experts).toList();
    }

    /** q_v(z|x_v) as (μ, log σ²), the shared latent. */
    public NDList expert(ParameterStore store, int view, NDArray x, boolean training) {
        NDList all = experts(store, view, x, training);
        return new NDList(all.get(0), all.get(1));
    }

    /**
     * The shared expert q_v(z|x_v) and, for a posterior with private latents, the private one q_v(w_v|x_v):
     * (μ_z, log σ_z², μ_w, log σ_w²), or (μ_z, log σ_z²) without.
     */
    public NDList experts(ParameterStore store, int view, NDArray x, boolean training) {
        NDArray h = bodies[view].forward(store, new NDList(x), training).singletonOrThrow();
        NDArray out = heads[view].forward(store, new NDList(h), training).singletonOrThrow();
        int shared = config.latent();
        int own = config.posterior().privateLatent();
        NDList parts = own == 0 ? out.split(2, 1) : out.split(new long[] {shared, 2L * shared, 2L * shared + own}, 1);
        for (int i = 1; i < parts.size(); i += 2) {
            parts.set(i, Gaussian.boundedLogVariance(parts.get(i)));
        }
        return parts;
    }

    /** z → view v's raw decoder output; with private latents, z is the shared code followed by view v's private one. */
    public NDArray decode(ParameterStore store, int view, NDArray z, boolean training) {
        return decoders[view].forward(store, new NDList(z), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return MultiViewOutput.shapes(inputShapes[0].get(0), config.latent(), config.first().inputSize(), config.second().inputSize(),
                config.posterior().subsets().size());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        for (int v = 0; v < 2; v++) {
            bodies[v].initialize(manager, dataType, inputShapes[v]);
            heads[v].initialize(manager, dataType, bodies[v].getOutputShapes(new Shape[] {inputShapes[v]})[0]);
            decoders[v].initialize(manager, dataType, new Shape(n, config.latent() + config.posterior().privateLatent()));
        }
    }
}
