package org.vaelab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user's models and a class image's shipped ones: which folder a model is read from, and the list of models used. */
class ModelStoreTest {
    @TempDir
    Path tmp;

    @Test
    void noneOrNothingMeansEveryModelIsTrainedHere() {
        for (String setting : new String[] {null, "", "  ", "none", "NONE"}) {
            assertTrue(ModelStore.of(tmp, setting, null).shipped().isEmpty(), "VAELAB_MODELS=" + setting);
        }
        assertEquals(Optional.of(tmp.resolve("opt/models")), ModelStore.of(tmp, tmp.resolve("opt/models") + " ", "").shipped());
        assertTrue(ModelStore.of(tmp, null, "").usedList().isEmpty());
    }

    @Test
    void aModelIsReadFromTheUsersFolderFirstThenTheShippedOneAndMadeInTheUsers() throws IOException {
        ModelStore store = new ModelStore(tmp.resolve("mine"), Optional.of(tmp.resolve("shipped")), Optional.empty());
        Path mine = tmp.resolve("mine/classifiers/a");
        Path shipped = tmp.resolve("shipped/classifiers/a");
        assertEquals(mine, store.find("classifiers/a", Files::isDirectory), "in neither: made in the user's");
        Files.createDirectories(shipped);
        assertEquals(shipped, store.find("classifiers/a", Files::isDirectory), "shipped only");
        Files.createDirectories(mine);
        assertEquals(mine, store.find("classifiers/a", Files::isDirectory), "in both: the user's own");
        assertEquals(tmp.resolve("mine/classifiers/b"), ModelStore.at(tmp.resolve("mine")).find("classifiers/b", p -> true));
    }

    @Test
    void eachModelUsedIsListedRelativeToItsStoreOneLinePerUse() throws IOException {
        Path list = tmp.resolve("used/02.txt");
        ModelStore store = new ModelStore(tmp.resolve("mine"), Optional.of(tmp.resolve("shipped")), Optional.of(list));
        store.used(tmp.resolve("shipped/checkpoints/mlp-1"));
        store.used(tmp.resolve("mine/classifiers/mnist-2"));
        store.used(tmp.resolve("mine/checkpoints/../checkpoints/mlp-1"));
        assertEquals(List.of("checkpoints/mlp-1", "classifiers/mnist-2", "checkpoints/mlp-1"), Files.readAllLines(list));
        ModelStore.at(tmp.resolve("mine")).used(tmp.resolve("mine/checkpoints/x"));
        assertEquals(3, Files.readAllLines(list).size(), "no list, nothing written");
    }
}
