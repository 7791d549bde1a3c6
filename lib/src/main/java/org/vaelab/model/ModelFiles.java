package org.vaelab.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Loading saved weights into a model whose block is already built, with an error that says which. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Loads {@code <params>-0000.params} from {@code dir}; the epoch is named, or DJL would take the newest file. */
    static void load(Model model, Path dir, String params, String name) throws IOException {
        try {
            model.load(dir, params, Map.of("epoch", 0));
        } catch (MalformedModelException e) {
            throw new IOException("the weights in " + dir + " do not fit " + name + ": " + e.getMessage(), e);
        }
    }
}
