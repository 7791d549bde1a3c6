package org.vaelab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The weights of the MLP VAE (Kingma and Welling's, {@link VaeConfig#mlp}) as ten plain arrays, named as
 * pytorch/examples' {@code vae/main.py} names its layers: fc1 (pixels → hidden), fc21 and fc22 (hidden → latent: μ and
 * log σ²), fc3 (latent → hidden), fc4 (hidden → pixels). Each weight is (out, in) and a layer computes x Wᵀ + b, as
 * DJL's and PyTorch's Linear do. Lab 02 writes the VAE out by hand on these arrays; {@link Vae#loss(VaeWeights,
 * NDArray, NDArray)} runs the library's layers on the same arrays, so that the two can be compared.
 */
public record VaeWeights(NDArray fc1Weight, NDArray fc1Bias, NDArray fc21Weight, NDArray fc21Bias, NDArray fc22Weight, NDArray fc22Bias,
                         NDArray fc3Weight, NDArray fc3Bias, NDArray fc4Weight, NDArray fc4Bias) {
    /** The arrays' names, in the order of {@link #all()}. */
    public static final List<String> NAMES = List.of("fc1.weight", "fc1.bias", "fc21.weight", "fc21.bias", "fc22.weight", "fc22.bias",
            "fc3.weight", "fc3.bias", "fc4.weight", "fc4.bias");

    /** A copy of an MLP VAE's weights, in its manager, each array ready to collect its gradient. */
    public static VaeWeights of(Vae vae) {
        List<NDArray> p = parameters(vae.block()).stream().map(Parameter::getArray).toList();
        int latent = vae.config().latent();
        NDArray headWeight = p.get(2);
        NDArray headBias = p.get(3);
        VaeWeights weights = new VaeWeights(p.get(0).duplicate(), p.get(1).duplicate(),
                headWeight.get("0:" + latent).duplicate(), headBias.get("0:" + latent).duplicate(),
                headWeight.get(latent + ":").duplicate(), headBias.get(latent + ":").duplicate(),
                p.get(4).duplicate(), p.get(5).duplicate(), p.get(6).duplicate(), p.get(7).duplicate());
        weights.all().forEach(a -> a.setRequiresGradient(true));
        return weights;
    }

    /** The ten arrays, in the order of {@link #NAMES}. */
    public List<NDArray> all() {
        return List.of(fc1Weight, fc1Bias, fc21Weight, fc21Bias, fc22Weight, fc22Bias, fc3Weight, fc3Bias, fc4Weight, fc4Bias);
    }

    /** These weights written into an MLP VAE of the same shape, which then computes what they compute. */
    public void copyInto(Vae vae) {
        List<Parameter> p = parameters(vae.block());
        List<NDArray> mine = libraryOrder(this);
        for (int i = 0; i < p.size(); i++) {
            NDArray target = p.get(i).getArray();
            if (!target.getShape().equals(mine.get(i).getShape())) {
                throw new IllegalArgumentException("these weights do not fit " + vae + ": its " + p.get(i).getName() + " is " + target.getShape()
                        + ", the weights give " + mine.get(i).getShape());
            }
            target.set(mine.get(i).toType(target.getDataType(), false).toByteBuffer());
        }
    }

    /** A parameter store that hands the block these arrays in place of its own parameters' (μ's and log σ²'s rows joined). */
    ParameterStore store(VaeBlock block, NDManager manager) {
        List<Parameter> p = parameters(block);
        List<NDArray> mine = libraryOrder(this);
        Map<Parameter, NDArray> given = new IdentityHashMap<>();
        for (int i = 0; i < p.size(); i++) {
            given.put(p.get(i), mine.get(i));
        }
        return new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                NDArray value = given.get(parameter);
                if (value == null) {
                    throw new IllegalStateException("no weight given for the parameter " + parameter.getName());
                }
                return value;
            }
        };
    }

    @Override
    public String toString() {
        List<NDArray> all = all();
        return "VAE weights: " + java.util.stream.IntStream.range(0, NAMES.size()).mapToObj(i -> NAMES.get(i) + " " + all.get(i).getShape())
                .collect(Collectors.joining(", "));
    }

    /** The block's eight parameters in its order: encoder, Gaussian head (μ's rows, then log σ²'s), decoder's two layers. */
    private static List<Parameter> parameters(VaeBlock block) {
        if (block.config().network() != VaeConfig.Network.MLP || block.config().objective().classCentres() > 0) {
            throw new IllegalArgumentException("VaeWeights holds the MLP VAE's ten arrays; this block is " + block.config().shortName());
        }
        return block.getParameters().values();
    }

    private static List<NDArray> libraryOrder(VaeWeights w) {
        return List.of(w.fc1Weight, w.fc1Bias, NDArrays.concat(new NDList(w.fc21Weight, w.fc22Weight)), NDArrays.concat(new NDList(w.fc21Bias, w.fc22Bias)),
                w.fc3Weight, w.fc3Bias, w.fc4Weight, w.fc4Bias);
    }
}
