package org.vaelab.train;

import ai.djl.engine.Engine;
import org.vaelab.io.AtomicFiles;
import org.vaelab.model.Trainable;
import org.vaelab.nn.AdamUpdates;
import org.vaelab.nn.CodeVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of one training run, in a folder named by everything that determines the run
 * (model config, training settings and seed, dataset and its size, engine, the model code's
 * version): re-running a notebook with the same configuration finds the trained weights instead of training again. Each epoch is
 * written to a temporary folder and renamed into place, so a crash or an interrupt never leaves a
 * half-written checkpoint where a good one was; only the newest is kept. A checkpoint holds the
 * weights, the history and the optimiser's state, so a resumed run goes on as the uninterrupted one.
 */
public final class Checkpoints {
    private final Path runDir;

    private Checkpoints(Path runDir) {
        this.runDir = runDir;
    }

    /**
     * @param name     the model's short name (the folder's readable part)
     * @param identity everything that determines the run; the engine and the model code's version are added here
     */
    public static Checkpoints forRun(Path root, String name, String identity) {
        String engine = Engine.getInstance().getEngineName();
        String full = identity + "|" + engine + "|v" + CodeVersion.of(engine);
        return new Checkpoints(root.resolve(name + "-" + sha256(full).substring(0, 12)));
    }

    public Path runDir() {
        return runDir;
    }

    /** The newest complete checkpoint: its epoch and folder. */
    public Optional<Saved> latest() throws IOException {
        if (!Files.isDirectory(runDir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(runDir)) {
            return entries.filter(p -> p.getFileName().toString().matches("epoch-\\d{4}"))
                    .filter(p -> Files.isRegularFile(p.resolve("history.csv")))
                    .max(Path::compareTo)
                    .map(p -> new Saved(Integer.parseInt(p.getFileName().toString().substring(6)), p));
        }
    }

    /** Saves weights, history and optimiser state after {@code epoch}, atomically, and drops older checkpoints. */
    public Path save(Trainable model, History history, AdamUpdates adam, int epoch) throws IOException {
        Path target = runDir.resolve(String.format("epoch-%04d", epoch));
        AtomicFiles.writeDirectory(target, dir -> {
            model.save(dir);
            adam.save(dir);
            history.write(dir.resolve("history.csv"));
        });
        try (Stream<Path> entries = Files.list(runDir)) {
            for (Path old : (Iterable<Path>) entries.filter(p -> !p.equals(target))::iterator) {
                AtomicFiles.deleteTree(old);
            }
        }
        return target;
    }

    public record Saved(int epoch, Path dir) {
        public History history(String name) throws IOException {
            return History.read(dir.resolve("history.csv"), name);
        }
    }


    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
