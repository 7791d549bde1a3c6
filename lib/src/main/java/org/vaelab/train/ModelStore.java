package org.vaelab.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where trained models are kept. {@code root} is the user's own folder ({@code checkpoints/} and {@code classifiers/}),
 * where every run is written. {@code shipped} is an optional read-only folder of the same layout holding models trained
 * beforehand (a class image's, {@code VAELAB_MODELS}): a run the user's folder lacks is loaded from there, and a run
 * trained further goes on into the user's folder; nothing is ever written to it. {@code usedList}, where given, is a
 * file to which each model found or finished adds its folder (relative to the store, one per line): the list of what a
 * notebook needed, from which {@code ./lab image --models} gathers a report's models.
 */
public record ModelStore(Path root, Optional<Path> shipped, Optional<Path> usedList) {
    public ModelStore {
        root = root.toAbsolutePath().normalize();
        shipped = shipped.map(p -> p.toAbsolutePath().normalize());
    }

    /** The user's folder alone: nothing shipped, nothing listed. */
    public static ModelStore at(Path root) {
        return new ModelStore(root, Optional.empty(), Optional.empty());
    }

    /**
     * The store of the settings: {@code shipped} names the folder of models trained beforehand, or is empty or "none"
     * (train them yourself); {@code usedList} names the list file, or is empty.
     */
    public static ModelStore of(Path root, String shipped, String usedList) {
        boolean none = shipped == null || shipped.isBlank() || shipped.trim().equalsIgnoreCase("none");
        return new ModelStore(root, none ? Optional.empty() : Optional.of(Path.of(shipped.trim())),
                usedList == null || usedList.isBlank() ? Optional.empty() : Optional.of(Path.of(usedList.trim())));
    }

    /** The user's folder of {@code kind} ("checkpoints", "classifiers"). */
    public Path mine(String kind) {
        return root.resolve(kind);
    }

    /** The shipped folder of {@code kind}, where there is one. */
    public Optional<Path> shipped(String kind) {
        return shipped.map(dir -> dir.resolve(kind));
    }

    /**
     * Where {@code relative} ("classifiers/mnist-…") is complete by {@code complete}: the user's folder if it is there,
     * else the shipped folder if it is there, else the user's folder (where it is to be made).
     */
    public Path find(String relative, Predicate<Path> complete) {
        Path mine = root.resolve(relative);
        if (complete.test(mine)) {
            return mine;
        }
        return shipped.map(dir -> dir.resolve(relative)).filter(complete).orElse(mine);
    }

    /** Adds {@code folder} (in the user's or the shipped folder) to the list of models used, where there is a list. */
    public void used(Path folder) throws IOException {
        if (usedList.isEmpty()) {
            return;
        }
        Path absolute = folder.toAbsolutePath().normalize();
        Path relative = shipped.filter(absolute::startsWith).map(dir -> dir.relativize(absolute))
                .orElseGet(() -> absolute.startsWith(root) ? root.relativize(absolute) : absolute);
        Path list = usedList.get();
        if (list.getParent() != null) {
            Files.createDirectories(list.getParent());
        }
        // One short line per append: whole lines even when two kernels add to the same list.
        Files.writeString(list, relative.toString().replace('\\', '/') + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
