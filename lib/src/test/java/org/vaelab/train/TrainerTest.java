package org.vaelab.train;

import org.vaelab.model.multiview.*;
import org.vaelab.Trainers;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;
import org.vaelab.model.Vae;
import org.vaelab.model.VaeConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training on real MNIST: the loss falls, runs repeat exactly, checkpoints are reused, failures stop cleanly. */
@Tag("engines")
class TrainerTest {
    private static ImageSet train;
    private static ImageSet test;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        train = Data.mnist(Split.TRAIN).head(4096);
        test = Data.mnist(Split.TEST).head(1000);
    }

    @Test
    void aShortRunLowersTheLoss() throws IOException {
        TrainSettings settings = TrainSettings.adam(2, 7);
        try (Trained<Vae> run = Trainers.in(tmp).fit(VaeConfig.mlp(400, 20).relu(), train, test, settings)) {
            History history = run.history();
            assertEquals(2, history.epochs());
            double first = history.table().doubleColumn("train_loss").get(0);
            double second = history.last("train_loss");
            assertTrue(second < first, "train loss " + first + " then " + second);
            assertTrue(history.last("test_loss") < 250, "test loss after 64 steps: " + history.last("test_loss"));
            assertTrue(history.last("test_kl") > 0);
        }
    }

    @Test
    void theSameConfigurationIsTrainedOnceAndThenLoaded() throws IOException {
        TrainSettings settings = TrainSettings.adam(1, 3).withBatchesPerEpoch(8);
        VaeConfig config = VaeConfig.mlp(64, 5);
        double[] firstLosses;
        try (Trained<Vae> first = Trainers.in(tmp).fit(config, train, test, settings)) {
            assertFalse(first.fromCache());
            assertTrue(Files.isRegularFile(first.checkpoint().resolve("vae-0000.params")));
            firstLosses = first.history().table().doubleColumn("test_loss").asDoubleArray();
        }
        try (Trained<Vae> again = Trainers.in(tmp).fit(config, train, test, settings)) {
            assertTrue(again.fromCache(), "the second run finds the first one's weights");
            assertArrayEquals(firstLosses, again.history().table().doubleColumn("test_loss").asDoubleArray(), 0);
        }
    }

    /** Bit for bit, on MXNet and on PyTorch with the notebooks' two threads (the PyTorch run of these tests uses two). */
    @Test
    void theSameSeedGivesTheSameNumbers() throws IOException {
        TrainSettings settings = TrainSettings.adam(1, 11).withBatchesPerEpoch(10);
        for (VaeConfig config : List.of(VaeConfig.mlp(64, 5), VaeConfig.conv(1, 28, 28, 32, 5))) {
            try (Trained<Vae> a = Trainers.in(tmp.resolve("a")).fit(config, train, test, settings);
                 Trained<Vae> b = Trainers.in(tmp.resolve("b")).fit(config, train, test, settings)) {
                assertFalse(b.fromCache());
                assertEquals(a.history().last("train_loss"), b.history().last("train_loss"), 0, config.shortName());
                assertEquals(a.history().last("test_loss"), b.history().last("test_loss"), 0, config.shortName());
            }
        }
    }

    /** A notebook's "after one epoch" run is the first epoch of its longer run, which goes on from it instead of training it again. */
    @Test
    void aLongerRunGoesOnFromAShorterOneAndEndsAsIfTrainedInOneGo() throws IOException {
        TrainSettings two = TrainSettings.adam(2, 13).withBatchesPerEpoch(6);
        VaeConfig config = VaeConfig.mlp(64, 5);
        double[] whole;
        try (Trained<Vae> inOneGo = Trainers.in(tmp.resolve("whole")).fit(config, train, test, two)) {
            whole = inOneGo.history().table().doubleColumn("test_loss").asDoubleArray();
        }
        try (Trained<Vae> first = Trainers.in(tmp.resolve("steps")).fit(config, train, test, two.withEpochs(1));
             Trained<Vae> longer = Trainers.in(tmp.resolve("steps")).fit(config, train, test, two)) {
            assertEquals(1, first.history().epochs());
            assertFalse(longer.fromCache());
            double[] losses = longer.history().table().doubleColumn("test_loss").asDoubleArray();
            assertArrayEquals(whole, losses, 0, "epoch 1 taken over, epoch 2 trained, both as in one run");
            assertEquals(first.history().table().doubleColumn("seconds").get(0), longer.history().table().doubleColumn("seconds").get(0), 0,
                    "the first epoch was not trained again");
        }
        try (Trained<Vae> decayed = Trainers.in(tmp.resolve("steps")).fit(config, train, test, two.withCosineDecay())) {
            assertEquals(2, decayed.history().epochs());
            assertTrue(decayed.history().table().doubleColumn("test_loss").get(0) != whole[0],
                    "a decayed run takes other steps from the start, so it is trained whole, not taken over");
        }
    }

    /** A class image's models: loaded from the shipped folder, trained further into the student's own, the shipped one untouched. */
    @Test
    void modelsTrainedBeforehandAreLoadedFromTheShippedFolderWhichIsNeverWrittenTo() throws IOException {
        TrainSettings one = TrainSettings.adam(1, 17).withBatchesPerEpoch(6);
        VaeConfig config = VaeConfig.mlp(64, 5);
        double teachersLoss;
        Path teachersRun;
        try (Trained<Vae> teachers = Trainers.in(tmp.resolve("teacher")).fit(config, train, test, one)) {
            teachersLoss = teachers.history().last("test_loss");
            teachersRun = teachers.checkpoint().getParent();
        }
        Map<Path, Long> shippedBefore = snapshot(tmp.resolve("teacher"));
        Path used = tmp.resolve("lists/used.txt");
        Trainer student = new Trainer(ai.djl.engine.Engine.getInstance().defaultDevice(),
                new ModelStore(tmp.resolve("student"), Optional.of(tmp.resolve("teacher")), Optional.of(used)), (n, e, b) -> Progress.printing());
        try (Trained<Vae> loaded = student.fit(config, train, test, one)) {
            assertTrue(loaded.fromCache(), "found in the shipped folder");
            assertTrue(loaded.checkpoint().startsWith(tmp.resolve("teacher")), loaded.checkpoint().toString());
            assertEquals(teachersLoss, loaded.history().last("test_loss"), 0);
        }
        Path studentsRun;
        try (Trained<Vae> longer = student.fit(config, train, test, one.withEpochs(2))) {
            assertFalse(longer.fromCache());
            assertEquals(teachersLoss, longer.history().table().doubleColumn("test_loss").get(0), 0, "epoch 1 taken over from the shipped run");
            assertTrue(longer.checkpoint().startsWith(tmp.resolve("student/checkpoints")), "saved in the student's folder: " + longer.checkpoint());
            studentsRun = longer.checkpoint().getParent();
        }
        assertEquals(shippedBefore, snapshot(tmp.resolve("teacher")), "nothing in the shipped folder changed");
        assertEquals(List.of("checkpoints/" + teachersRun.getFileName(), "checkpoints/" + studentsRun.getFileName()), Files.readAllLines(used),
                "the list of models used, relative to their store");
        try (Trained<Vae> own = Trainers.in(tmp.resolve("nothing-shipped")).fit(config, train, test, one)) {
            assertFalse(own.fromCache(), "without a shipped folder the same run is trained");
        }
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<Path, Long> snapshot(Path dir) throws IOException {
        Map<Path, Long> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                files.put(dir.relativize(file), Files.isDirectory(file) ? -1 : Files.size(file) * 1_000_003 + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return files;
    }

    @Test
    void pairedViewsTrainWithTheSameLoopAndCache() throws IOException {
        org.vaelab.data.PairedViews trainPairs = org.vaelab.data.PairedViews.byLabel(train.head(2048),
                Data.fashionMnist(Split.TRAIN).head(2048), 1, 3);
        org.vaelab.data.PairedViews testPairs = org.vaelab.data.PairedViews.byLabel(test.head(300),
                Data.fashionMnist(Split.TEST).head(300), 1, 3);
        MultiViewConfig config = MultiViewConfig.of(VaeConfig.mlp(128, 8).relu(),
                VaeConfig.mlp(128, 8).relu(), Posterior.PRODUCT);
        TrainSettings settings = TrainSettings.adam(2, 5);
        double lastTest;
        try (Trained<MultiViewVae> run = Trainers.in(tmp).fit(config, trainPairs, testPairs, settings)) {
            assertFalse(run.fromCache());
            assertTrue(run.history().last("train_loss") < run.history().table().doubleColumn("train_loss").get(0),
                    run.history().table().print());
            lastTest = run.history().last("test_loss");
        }
        try (Trained<MultiViewVae> again = Trainers.in(tmp).fit(config, trainPairs, testPairs, settings)) {
            assertTrue(again.fromCache());
            assertEquals(lastTest, again.history().last("test_loss"), 0);
        }
    }

    @Test
    void cosineDecayChangesTheStepsAndStillLowersTheLoss() throws IOException {
        TrainSettings fixed = TrainSettings.adam(2, 7).withBatchesPerEpoch(12).withLearningRate(3e-3f);
        VaeConfig config = VaeConfig.mlp(64, 5);
        try (Trained<Vae> constant = Trainers.in(tmp).fit(config, train, test, fixed);
             Trained<Vae> decayed = Trainers.in(tmp).fit(config, train, test, fixed.withCosineDecay())) {
            assertFalse(decayed.fromCache(), "a decayed run is a run of its own, not the fixed-rate one from the cache");
            double[] losses = decayed.history().table().doubleColumn("train_loss").asDoubleArray();
            assertTrue(losses[1] < losses[0], "train loss " + losses[0] + " then " + losses[1]);
            // Epoch 1 starts at the same rate, so it differs only a little; epoch 2 runs at lower rates.
            assertTrue(Math.abs(constant.history().last("train_loss") - decayed.history().last("train_loss")) > 1e-3,
                    constant.history().last("train_loss") + " and " + decayed.history().last("train_loss"));
        }
    }

    @Test
    void aStoppedRunResumesFromItsLastCheckpoint() throws IOException {
        TrainSettings settings = TrainSettings.adam(2, 5).withBatchesPerEpoch(6);
        VaeConfig config = VaeConfig.mlp(64, 5);
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> Trainers.in(tmp).fit(config, train, test, settings, epoch -> {
                    throw new IllegalStateException("stopped after epoch " + epoch);
                }));
        assertEquals("stopped after epoch 1", stop.getMessage());
        double[] firstEpoch;
        try (Trained<Vae> resumed = Trainers.in(tmp).fit(config, train, test, settings)) {
            assertFalse(resumed.fromCache());
            assertTrue(resumed.checkpoint().endsWith("epoch-0002"), resumed.checkpoint().toString());
            assertEquals(2, resumed.history().epochs(), "the resumed run keeps epoch 1's history and adds epoch 2");
            firstEpoch = resumed.history().table().doubleColumn("test_loss").asDoubleArray();
            assertTrue(firstEpoch[1] < firstEpoch[0], "the loaded weights train on: test loss " + firstEpoch[0] + " then " + firstEpoch[1]);
        }
        try (Trained<Vae> loaded = Trainers.in(tmp).fit(config, train, test, settings)) {
            assertTrue(loaded.fromCache(), "the resumed run's checkpoint is complete");
            assertArrayEquals(firstEpoch, loaded.history().table().doubleColumn("test_loss").asDoubleArray(), 0);
        }
    }

    /** The trainer makes each batch one step ahead and keeps gradients until their batch closes; none may outlive its epoch. */
    @Test
    void everyEpochFreesTheArraysItMade() throws IOException {
        List<Integer> liveArrays = new ArrayList<>();
        try (NDManager probe = NDManager.newBaseManager()) {
            NDManager everything = probe.getParentManager(); // the engine's root manager: every live array in this JVM
            TrainSettings settings = TrainSettings.adam(3, 9).withBatchesPerEpoch(5);
            Trainers.in(tmp).fit(VaeConfig.mlp(64, 5), train, test, settings,
                    epoch -> liveArrays.add(everything.getManagedArrays().size())).close();
        }
        assertEquals(3, liveArrays.size());
        assertEquals(liveArrays.get(0), liveArrays.get(2), "live arrays after epochs 1, 2, 3: " + liveArrays);
    }

    @Test
    void aDivergingLossStopsTrainingWithAClearMessage() {
        TrainSettings reckless = new TrainSettings(1, 128, 1e30f, 1, false, 0, false);
        TrainingStoppedException error = assertThrows(TrainingStoppedException.class,
                () -> Trainers.in(tmp).fit(VaeConfig.mlp(64, 5), train, test, reckless));
        assertTrue(error.getMessage().contains("the loss of mlp-784-64-5-tanh-bernoulli became"), error.getMessage());
        assertTrue(error.getMessage().contains("weights are no longer finite: 01encoder"), "names the weights: " + error.getMessage());
        assertTrue(error.getMessage().contains("a smaller learning rate than 1.0E30"), error.getMessage());
        assertTrue(error.getMessage().contains("no epoch had finished"), error.getMessage());
    }

    @Test
    void anInterruptStopsTrainingBetweenBatches() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                Trainers.in(tmp).fit(VaeConfig.mlp(64, 5), train, test, TrainSettings.adam(3, 1)).close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        worker.join(60_000);
        assertTrue(thrown.get() instanceof TrainingStoppedException, "got " + thrown.get());
        assertTrue(thrown.get().getMessage().contains("interrupted in epoch 1"), thrown.get().getMessage());
    }
}
