package org.vaelab.model;

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
import org.vaelab.nn.Networks;

import java.util.List;

import static org.vaelab.nn.Constants.times;

/**
 * The two-view VAE as one block: (x1, x2) → for each subset of views the posterior uses, its
 * (μ, log σ², z, decoded view 1, decoded view 2), then the two experts (μ1, log σ1², μ2, log σ2²).
 * Subsets: PRODUCT {1,2}, {1}, {2}; MIXTURE {1}, {2}; MIXTURE_OF_PRODUCTS {1}, {2}, {1,2}.
 */
public final class MultiViewBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    static final int PER_SUBSET = 5;

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
            heads[v] = addChildBlock("gaussian_head" + (v + 1), Linear.builder().setUnits(2L * config.latent()).build());
            decoders[v] = addChildBlock("decoder" + (v + 1), Networks.decoder(views[v]));
        }
    }

    public MultiViewConfig config() {
        return config;
    }

    /** The subsets of views (0-based) whose joint posteriors the objective samples, in output order. */
    public List<int[]> subsets() {
        switch (config.posterior()) {
            case PRODUCT:
                return List.of(new int[] {0, 1}, new int[] {0}, new int[] {1});
            case MIXTURE:
                return List.of(new int[] {0}, new int[] {1});
            default:
                return List.of(new int[] {0}, new int[] {1}, new int[] {0, 1});
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList[] experts = {expert(store, 0, inputs.get(0), training), expert(store, 1, inputs.get(1), training)};
        NDList out = new NDList();
        for (int[] subset : subsets()) {
            NDList q = joint(experts, subset);
            NDArray mu = q.get(0);
            NDArray logVar = q.get(1);
            NDArray z = mu.add(times(logVar, 0.5).exp().mul(mu.getManager().randomNormal(mu.getShape())));
            out.add(mu);
            out.add(logVar);
            out.add(z);
            out.add(decode(store, 0, z, training));
            out.add(decode(store, 1, z, training));
        }
        out.addAll(experts[0]);
        out.addAll(experts[1]);
        return out;
    }

    /** q_v(z|x_v) as (μ, log σ²). */
    public NDList expert(ParameterStore store, int view, NDArray x, boolean training) {
        NDArray h = bodies[view].forward(store, new NDList(x), training).singletonOrThrow();
        return heads[view].forward(store, new NDList(h), training).singletonOrThrow().split(2, 1);
    }

    /**
     * The posterior of a subset of views: a single expert under MIXTURE; otherwise the product of the
     * subset's experts with the prior expert (for MIXTURE_OF_PRODUCTS too, which keeps each product proper).
     */
    public NDList joint(NDList[] experts, int[] subset) {
        if (config.posterior() == MultiViewConfig.Posterior.MIXTURE) {
            return experts[subset[0]];
        }
        NDList mus = new NDList();
        NDList logVars = new NDList();
        for (int v : subset) {
            mus.add(experts[v].get(0).expandDims(0));
            logVars.add(experts[v].get(1).expandDims(0));
        }
        NDArray stackedMus = mus.size() == 1 ? mus.get(0) : mus.get(0).concat(mus.get(1), 0);
        NDArray stackedLogVars = logVars.size() == 1 ? logVars.get(0) : logVars.get(0).concat(logVars.get(1), 0);
        return Experts.productOfExperts(stackedMus, stackedLogVars);
    }

    /** z → view v's raw decoder output. */
    public NDArray decode(ParameterStore store, int view, NDArray z, boolean training) {
        return decoders[view].forward(store, new NDList(z), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape latent = new Shape(n, config.latent());
        Shape[] shapes = new Shape[subsets().size() * PER_SUBSET + 4];
        for (int s = 0; s < subsets().size(); s++) {
            shapes[s * PER_SUBSET] = latent;
            shapes[s * PER_SUBSET + 1] = latent;
            shapes[s * PER_SUBSET + 2] = latent;
            shapes[s * PER_SUBSET + 3] = new Shape(n, config.first().inputSize());
            shapes[s * PER_SUBSET + 4] = new Shape(n, config.second().inputSize());
        }
        for (int i = shapes.length - 4; i < shapes.length; i++) {
            shapes[i] = latent;
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        for (int v = 0; v < 2; v++) {
            bodies[v].initialize(manager, dataType, inputShapes[v]);
            heads[v].initialize(manager, dataType, bodies[v].getOutputShapes(new Shape[] {inputShapes[v]})[0]);
            decoders[v].initialize(manager, dataType, new Shape(n, config.latent()));
        }
    }
}
