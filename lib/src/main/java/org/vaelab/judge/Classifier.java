package org.vaelab.judge;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.data.ImageSet;
import org.vaelab.io.AtomicFiles;
import org.vaelab.model.LossTerms;
import org.vaelab.model.Trainable;
import org.vaelab.sample.Noise;
import org.vaelab.train.Trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A small CNN that judges generated images: two 3×3 convolutions with max pooling, a dense layer,
 * ten logits. Trained once per dataset, size, epochs, seed and engine, then loaded from the trainer's cache.
 */
public final class Classifier implements AutoCloseable {
    private static final int CODE_VERSION = 1;
    private static final String PARAMS = "classifier";
    private static final int BATCH = 128;

    private final Model model;
    private final int channels;
    private final int height;
    private final int width;
    private final double testAccuracy;

    private Classifier(Model model, int channels, int height, int width, double testAccuracy) {
        this.model = model;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.testAccuracy = testAccuracy;
    }

    /**
     * Trains on {@code train} for {@code epochs} with Adam (10⁻³, batches of 128), or loads the result
     * cached under {@code classifiers/} of the trainer's {@link org.vaelab.train.ModelStore} (the user's, else the
     * shipped one), and measures accuracy on {@code test}.
     */
    public static Classifier trainOrLoad(Trainer trainer, ImageSet train, ImageSet test, int epochs, long seed) throws IOException {
        String key = String.join("-", train.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ""), Integer.toString(train.size()),
                Integer.toString(epochs), Long.toString(seed), Engine.getInstance().getEngineName().toLowerCase(Locale.ROOT),
                "v" + CODE_VERSION);
        // The user's cached classifier, else one shipped with the models trained beforehand, else one trained here.
        Path dir = trainer.models().find("classifiers/" + key, d -> Files.isRegularFile(d.resolve("accuracy.txt")));
        Model model = Model.newInstance(key, trainer.device());
        model.setBlock(network(train.channels(), train.height(), train.width(), train.classNames().size()));
        if (Files.isRegularFile(dir.resolve("accuracy.txt"))) {
            try {
                model.load(dir, PARAMS, Map.of("epoch", 0));
                double accuracy = Double.parseDouble(Files.readString(dir.resolve("accuracy.txt")).trim());
                trainer.models().used(dir);
                return new Classifier(model, train.channels(), train.height(), train.width(), accuracy);
            } catch (MalformedModelException | NumberFormatException e) {
                // A damaged cache entry: train again below.
            }
        }
        Noise.seedEngine(seed);
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, train.imageSize()));
        Classifier untrained = new Classifier(model, train.channels(), train.height(), train.width(), 0);
        trainer.train(untrained.new Training("classifier of " + train.name()), (epoch, manager) -> Batches.of(train, BATCH, seed, epoch, false, manager),
                epochs, (train.size() + BATCH - 1) / BATCH, BATCH, 1e-3f, seed);
        double accuracy = untrained.accuracy(test);
        Path mine = trainer.models().mine("classifiers").resolve(key);
        AtomicFiles.writeDirectory(mine, temporary -> {
            model.save(temporary, PARAMS);
            Files.writeString(temporary.resolve("accuracy.txt"), Double.toString(accuracy), StandardCharsets.UTF_8);
        });
        trainer.models().used(mine);
        return new Classifier(model, train.channels(), train.height(), train.width(), accuracy);
    }

    /** The classifier as the training loop sees it: softmax cross-entropy of its logits, per image. */
    private final class Training implements Trainable {
        private final String name;

        Training(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public NDManager manager() {
            return model.getNDManager();
        }

        @Override
        public Block trainedBlock() {
            return model.getBlock();
        }

        /** −log softmax(logits)_y, the cross-entropy of each image's label. */
        @Override
        public LossTerms forward(ParameterStore store, Batch batch, boolean training) {
            NDArray logits = model.getBlock().forward(store, new NDList(batch.x()), training).singletonOrThrow();
            NDArray logProbabilities = logits.logSoftmax(-1);
            return LossTerms.of(logProbabilities.get(new NDIndex().addAllDim(1).addPickDim(batch.labels())).neg());
        }

        @Override
        public void close() {
        }
    }

    static SequentialBlock network(int channels, int height, int width, int classes) {
        return new SequentialBlock()
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, channels, height, width)), "reshape"))
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** The class it predicts for each image (n, C·H·W floats in [0, 1]). */
    public int[] predict(NDArray images) {
        NDArray logits = model.getBlock().forward(new ParameterStore(images.getManager(), false), new NDList(images), false)
                .singletonOrThrow();
        return logits.argMax(1).toType(DataType.INT32, false).toIntArray();
    }

    /** Accuracy on a labelled set. */
    public double accuracy(ImageSet set) {
        int correct = 0;
        try (NDManager manager = NDManager.newBaseManager(device())) {
            for (Batch batch : Batches.of(set, 500, 0, 0, false, manager)) {
                try (batch) {
                    int[] predicted = predict(batch.x());
                    int[] labels = batch.labelValues();
                    for (int i = 0; i < predicted.length; i++) {
                        correct += predicted[i] == labels[i] ? 1 : 0;
                    }
                }
            }
        }
        return correct / (double) set.size();
    }

    /** The device the classifier runs on. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** The accuracy on the test set measured when it was trained. */
    public double testAccuracy() {
        return testAccuracy;
    }

    public int imageSize() {
        return channels * height * width;
    }

    @Override
    public void close() {
        model.close();
    }
}
