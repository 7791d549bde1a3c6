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
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.vaelab.Lab;
import org.vaelab.data.Batch;
import org.vaelab.data.Batches;
import org.vaelab.train.ParameterUpdates;
import org.vaelab.data.ImageSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A small CNN that judges generated images: two 3×3 convolutions with max pooling, a dense layer,
 * ten logits. Trained once per dataset, mode and seed, then loaded from {@code .cache/classifiers}.
 */
public final class Classifier implements AutoCloseable {
    private static final int CODE_VERSION = 1;
    private static final String PARAMS = "classifier";

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

    /** Trains on {@code train} for {@code epochs} (or loads the cached result) and measures accuracy on {@code test}. */
    public static Classifier trainOrLoad(ImageSet train, ImageSet test, int epochs, long seed) throws IOException {
        return trainOrLoad(train, test, epochs, seed, Lab.home().resolve(".cache/classifiers"));
    }

    public static Classifier trainOrLoad(ImageSet train, ImageSet test, int epochs, long seed, Path cacheRoot) throws IOException {
        String key = String.join("-", train.name().toLowerCase().replaceAll("[^a-z0-9]+", ""), Integer.toString(train.size()),
                Integer.toString(epochs), Long.toString(seed), Engine.getInstance().getEngineName().toLowerCase(), "v" + CODE_VERSION);
        Path dir = cacheRoot.resolve(key);
        Model model = Model.newInstance(key, Lab.device());
        model.setBlock(network(train.channels(), train.height(), train.width(), train.classNames().size()));
        if (Files.isRegularFile(dir.resolve("accuracy.txt"))) {
            try {
                model.load(dir, PARAMS, Map.of("epoch", 0));
                double accuracy = Double.parseDouble(Files.readString(dir.resolve("accuracy.txt")).trim());
                return new Classifier(model, train.channels(), train.height(), train.width(), accuracy);
            } catch (MalformedModelException | NumberFormatException e) {
                // A damaged cache entry: train again below.
            }
        }
        Engine.getInstance().setRandomSeed((int) seed);
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, train.imageSize()));
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam)
                .optDevices(new Device[] {Lab.device()});
        try (Trainer trainer = model.newTrainer(config)) {
            ParameterUpdates updates = new ParameterUpdates(model.getBlock(), adam);
            for (int epoch = 1; epoch <= epochs; epoch++) {
                for (Batch batch : Batches.of(train, 128, seed, epoch, false, trainer.getManager())) {
                    try (batch) {
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(batch.x())).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(batch.labels()), new NDList(logits));
                            collector.backward(loss);
                        }
                        updates.step(batch.manager());
                    }
                }
            }
        }
        Classifier classifier = new Classifier(model, train.channels(), train.height(), train.width(), 0);
        double accuracy = classifier.accuracy(test);
        Files.createDirectories(cacheRoot);
        Path temporary = Files.createTempDirectory(cacheRoot, "writing-");
        model.save(temporary, PARAMS);
        Files.writeString(temporary.resolve("accuracy.txt"), Double.toString(accuracy), StandardCharsets.UTF_8);
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
        return new Classifier(model, train.channels(), train.height(), train.width(), accuracy);
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
        try (NDManager manager = NDManager.newBaseManager(Lab.device())) {
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
