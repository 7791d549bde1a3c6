package org.vaelab.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainSettingsTest {
    @Test
    void aFixedRateStaysTheSame() {
        TrainSettings fixed = TrainSettings.adam(10, 1);
        assertEquals(1e-3f, fixed.learningRateAt(0, 4690));
        assertEquals(1e-3f, fixed.learningRateAt(4689, 4690));
    }

    @Test
    void cosineDecayFallsFromTheSetRateToZero() {
        TrainSettings decayed = TrainSettings.adam(10, 1).withLearningRate(3e-3f).withCosineDecay();
        assertEquals(3e-3f, decayed.learningRateAt(0, 1000), 1e-9);
        assertEquals(1.5e-3f, decayed.learningRateAt(500, 1000), 1e-9);
        assertEquals(3e-3 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), decayed.learningRateAt(250, 1000), 1e-9);
        assertEquals(0f, decayed.learningRateAt(1000, 1000), 1e-9);
        float previous = Float.MAX_VALUE;
        for (int step = 0; step <= 1000; step += 10) {
            float rate = decayed.learningRateAt(step, 1000);
            assertTrue(rate <= previous, "step " + step + ": " + rate + " after " + previous);
            previous = rate;
        }
    }

    @Test
    void theCacheKeyNamesEveryFieldSoThatRunsThatDifferAreNotConfused() {
        assertEquals("train(epochs=10,batchSize=128,learningRate=0.001,seed=42,binarize=false,batchesPerEpoch=0,cosineDecay=false)",
                TrainSettings.adam(10, 42).key());
        assertFalse(TrainSettings.adam(10, 42).key().equals(TrainSettings.adam(10, 42).withCosineDecay().key()));
        assertFalse(TrainSettings.adam(10, 42).key().equals(TrainSettings.adam(10, 43).key()));
    }

    @Test
    void impossibleSettingsAreRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TrainSettings.adam(10, 1).withBatchSize(0));
        assertTrue(error.getMessage().contains("batchSize=0"), error.getMessage());
    }
}
