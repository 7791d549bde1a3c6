package org.vaelab.viz;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A report shows one summary line per model: headless, a run prints its last epoch's line and no other. */
class LiveProgressTest {
    @Test
    void withNoLiveNotebookOnlyTheLastEpochsLineIsPrinted() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LiveProgress progress = new LiveProgress("mlp", 3, 10);
            progress.batch(1, 5, 200.0, 1000.0, 30.0);
            progress.epoch(1, 3, "mlp: epoch 1/3");
            progress.epoch(2, 3, "mlp: epoch 2/3");
            progress.epoch(3, 3, "mlp: epoch 3/3");
        } finally {
            System.setOut(out);
        }
        assertEquals("mlp: epoch 3/3" + System.lineSeparator(),
                printed.toString(StandardCharsets.UTF_8));
    }
}
