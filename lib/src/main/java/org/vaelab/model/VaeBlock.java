package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.vaelab.loss.Gaussian;

import java.util.List;

/**
 * The VAE as one block: x → (decoded, μ, log σ², z). Each line of {@link #forwardInternal} is one
 * equation of the model:
 * <pre>
 *   (μ, log σ²) = enc_φ(x)              q_φ(z|x) = N(μ, diag σ²)
 *   z = μ + σ ⊙ ε,  ε ~ N(0, I)          the reparameterisation
 *   decoded = dec_θ(z)                   the parameters of p_θ(x|z)
 * </pre>
 */
public final class VaeBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final VaeConfig config;
    private final Block encoderBody;
    private final Block encoderHead;
    private final Block decoder;
    private final Parameter centres;

    public VaeBlock(VaeConfig config) {
        super(VERSION);
        this.config = config;
        // Named here, not on initialisation: a block that was loaded instead is saved again on resume.
        this.inputNames = List.of("images");
        this.encoderBody = addChildBlock("encoder", Networks.encoderBody(config));
        // One layer gives both μ and log σ² (split in two): half the operator calls of two heads.
        this.encoderHead = addChildBlock("gaussian_head", Linear.builder().setUnits(2L * config.latent()).build());
        this.decoder = addChildBlock("decoder", Networks.decoder(config));
        if (config.objective().classCentres() > 0) {
            // One learned centre per class in the latent space.
            this.centres = addParameter(Parameter.builder().setName("centres").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(config.objective().classCentres(), config.latent())).build());
        } else {
            this.centres = null;
        }
    }

    public VaeConfig config() {
        return config;
    }

    /** The decoder alone, z → raw output: its parameters are what a decoder fine-tuning updates. */
    public Block decoder() {
        return decoder;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList gaussian = encode(store, inputs.get(0), training);
        NDArray mu = gaussian.get(0);
        NDArray logVar = gaussian.get(1);
        NDArray z = Gaussian.reparameterize(mu, logVar);
        NDArray decoded = decode(store, z, training);
        NDArray classCentres = null;
        if (centres != null && inputs.size() > 1) {
            // The centre of each image's class, c_y, gathered by label.
            classCentres = store.getValue(centres, mu.getDevice(), training).get(new NDIndex("{}", inputs.get(1)));
        }
        return new VaeOutput(decoded, mu, logVar, z, classCentres).toList();
    }

    /**
     * The forward pass of x alone with the noise given, z = μ + σ ⊙ ε: the same lines as the training pass (which
     * draws ε), for a check that feeds two models the same noise (lab 02's VAE written out against this one).
     */
    public VaeOutput forward(ParameterStore store, NDArray x, NDArray epsilon, boolean training) {
        NDList gaussian = encode(store, x, training);
        NDArray z = Gaussian.reparameterize(gaussian.get(0), gaussian.get(1), epsilon);
        return new VaeOutput(decode(store, z, training), gaussian.get(0), gaussian.get(1), z, null);
    }

    /** x → (μ, log σ²) of q_φ(z|x). */
    public NDList encode(ParameterStore store, NDArray x, boolean training) {
        NDArray h = encoderBody.forward(store, new NDList(x), training).singletonOrThrow();
        NDList muAndLogVar = encoderHead.forward(store, new NDList(h), training).singletonOrThrow().split(2, 1);
        return new NDList(muAndLogVar.get(0), Gaussian.boundedLogVariance(muAndLogVar.get(1)));
    }

    /** z → the decoder's raw output (logits for Bernoulli, means for Gaussian). */
    public NDArray decode(ParameterStore store, NDArray z, boolean training) {
        return decoder.forward(store, new NDList(z), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape latent = new Shape(n, config.latent());
        if (centres != null && inputShapes.length > 1) {
            return new Shape[] {new Shape(n, config.inputSize()), latent, latent, latent, latent};
        }
        return new Shape[] {new Shape(n, config.inputSize()), latent, latent, latent};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        encoderBody.initialize(manager, dataType, inputShapes[0]);
        Shape hidden = encoderBody.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        encoderHead.initialize(manager, dataType, hidden);
        decoder.initialize(manager, dataType, new Shape(n, config.latent()));
    }
}
