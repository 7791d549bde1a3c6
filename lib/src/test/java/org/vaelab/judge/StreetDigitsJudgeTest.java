package org.vaelab.judge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.Trainers;
import org.vaelab.data.ImageSet;
import org.vaelab.data.StreetDigits;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic street digits' labels are right: the judging CNN learns them from a short training. */
class StreetDigitsJudgeTest {
    @TempDir
    Path tmp;

    @Test
    void theJudgeTrainedOnGeneratedDigitsReadsDigitsOfAnotherSeed() throws IOException {
        ImageSet train = StreetDigits.generate(12_000, 11);
        ImageSet test = StreetDigits.generate(2_000, 12);
        try (Classifier classifier = Classifier.trainOrLoad(Trainers.in(tmp), train, test, 3, 5)) {
            double accuracy = classifier.testAccuracy();
            System.out.println("judge accuracy on synthetic street digits of another seed: " + accuracy);
            assertTrue(accuracy > 0.95, "three epochs on 12,000 synthetic street digits: test accuracy " + accuracy);
        }
    }
}
