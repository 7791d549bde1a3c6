package org.vaelab.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.vaelab.nn.Initialisation;
import org.vaelab.sample.Noise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A DJL model around one block, on a given device: seeded initialisation, saving and loading its weights. */
public abstract class BlockModel implements Trainable {
    private final Model model;
    private final String params;

    protected BlockModel(String name, Block block, String params, Device device) {
        this.model = Model.newInstance(name, device);
        this.params = params;
        model.setBlock(block);
    }

    /** Draws the weights from {@code seed} with PyTorch's default initialisation. */
    protected final void initialise(long seed, Shape... inputShapes) {
        Noise.seedEngine(seed);
        Initialisation.pyTorchDefaults(model.getBlock(), model.getNDManager(), inputShapes);
    }

    /** Loads {@code <params>-0000.params} from {@code dir} (naming the epoch: DJL would otherwise take the newest file). */
    protected final void loadWeights(Path dir) throws IOException {
        try {
            model.load(dir, params, Map.of("epoch", 0));
        } catch (MalformedModelException | IOException e) {
            close();
            throw new IOException("the weights in " + dir + " do not fit " + name() + ": " + e.getMessage(), e);
        }
        // DJL attaches gradients when it initialises a parameter, not when it loads one; a loaded model
        // is trained again when a stopped run resumes or a decoder is fine-tuned.
        for (Parameter parameter : model.getBlock().getParameters().values()) {
            if (parameter.requiresGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
    }

    /** The DJL model: its block and the manager its parameters live in. */
    public final Model model() {
        return model;
    }

    /** The device the model's parameters are on. */
    public final Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public final NDManager manager() {
        return model.getNDManager();
    }

    @Override
    public Block trainedBlock() {
        return model.getBlock();
    }

    /** Writes the weights to {@code dir} as {@code <params>-0000.params}. */
    @Override
    public final void save(Path dir) throws IOException {
        model.save(dir, params);
    }

    @Override
    public final void close() {
        model.close();
    }
}
