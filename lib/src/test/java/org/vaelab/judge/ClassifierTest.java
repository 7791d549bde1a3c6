package org.vaelab.judge;

import org.vaelab.model.multiview.*;
import org.vaelab.train.Trained;
import org.vaelab.Trainers;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The judging CNN on real MNIST (smoke-sized: the full-mode accuracies are reported by lab 04). */
class ClassifierTest {
    @TempDir
    Path tmp;

    @Test
    void aShortTrainingJudgesDigitsAndIsCached() throws IOException {
        ImageSet train = Data.mnist(Split.TRAIN).head(6000);
        ImageSet test = Data.mnist(Split.TEST).head(1000);
        double accuracy;
        try (Classifier classifier = Classifier.trainOrLoad(Trainers.in(tmp), train, test, 1, 3)) {
            accuracy = classifier.testAccuracy();
            assertTrue(accuracy > 0.9, "one epoch on 6,000 digits: test accuracy " + accuracy);
            assertEquals(accuracy, classifier.accuracy(test), 1e-9);
            try (NDManager m = NDManager.newBaseManager()) {
                int[] sevens = test.indicesByClass()[7];
                NDArray images = test.toFloats(m, java.util.Arrays.copyOf(sevens, 50));
                assertTrue(GeneratedImages.agreement(classifier, images, 7) > 0.9, "real sevens are judged sevens");
            }
        }
        try (Classifier again = Classifier.trainOrLoad(Trainers.in(tmp), train, test, 1, 3)) {
            assertEquals(accuracy, again.testAccuracy(), 0, "loaded from the cache");
            assertEquals(accuracy, again.accuracy(test), 1e-9, "with the same weights");
        }
        org.vaelab.train.Trainer student = new org.vaelab.train.Trainer(ai.djl.engine.Engine.getInstance().defaultDevice(),
                new org.vaelab.train.ModelStore(tmp.resolve("student"), java.util.Optional.of(tmp), java.util.Optional.empty()),
                (name, epochs, batches) -> org.vaelab.train.Progress.printing());
        try (Classifier shipped = Classifier.trainOrLoad(student, train, test, 1, 3)) {
            assertEquals(accuracy, shipped.accuracy(test), 1e-9, "a class image's classifier, loaded from its shipped folder");
            assertFalse(java.nio.file.Files.exists(tmp.resolve("student/classifiers")), "and not trained again");
        }
    }

    @Test
    void diversityIsZeroForCopiesAndTheDistanceForTwoImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray same = m.ones(new Shape(5, 4)).mul(0.5f);
            assertEquals(0, GeneratedImages.meanPairwiseDistance(same), 1e-3);
            NDArray two = m.create(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, new Shape(2, 4));
            assertEquals(2, GeneratedImages.meanPairwiseDistance(two), 1e-4);
        }
    }
}
