package org.vaelab;

import ai.djl.engine.Engine;
import org.vaelab.train.Progress;
import org.vaelab.train.Trainer;

import java.nio.file.Path;

/** The trainer of the tests: the engine's default device, caches in a test's own folder, epoch lines printed. */
public final class Trainers {
    private Trainers() {
    }

    public static Trainer in(Path cache) {
        return new Trainer(Engine.getInstance().defaultDevice(), cache, (name, epochs, batches) -> Progress.printing());
    }
}
