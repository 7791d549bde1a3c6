package org.vaelab.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes that are all or nothing: a file or folder is written beside its target under a temporary
 * name and renamed into place only once complete, so a crash, an interrupt or a full disk never
 * leaves a half-written file where a good one was (or where a reader would take it for a good one).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What fills the temporary path; it may throw, and then nothing replaces the target. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    /**
     * Writes a file: {@code writer} creates the temporary file it is given (in the target's folder,
     * with the ordinary permissions of a new file), which then replaces {@code target}.
     */
    public static Path writeFile(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve("." + target.getFileName() + ".writing-" + UUID.randomUUID());
        try {
            writer.write(temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    /** Writes a text file (UTF-8). */
    public static Path writeString(Path target, CharSequence text) throws IOException {
        return writeFile(target, temporary -> Files.writeString(temporary, text));
    }

    /**
     * Writes a folder: {@code writer} fills a new temporary folder beside {@code target}; a folder
     * already at {@code target} is then removed and the new one renamed into its place.
     */
    public static Path writeDirectory(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempDirectory(parent, "writing-");
        try {
            writer.write(temporary);
            deleteTree(target);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(temporary);
        }
        return target;
    }

    /** Removes a file or a folder with everything in it; nothing happens when it is not there. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
