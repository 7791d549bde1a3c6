package org.vaelab;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.vaelab.report.LabResults;
import org.vaelab.train.ModelStore;
import org.vaelab.train.Trainer;
import org.vaelab.viz.LiveProgress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What every notebook asks first: which mode it runs in, from which seed, where the project and
 * its datasets are, and which engine and device do the work; and the trainer and results that follow
 * from these settings. The library below reads none of them: each setting is handed to it from here.
 * Each setting comes from a system
 * property, else an environment variable, else a default, so a teacher's headless run and a
 * student's JupyterLab read the same names.
 */
public final class Lab {
    /**
     * Smoke: a few batches and small subsets, for CI (seconds per notebook). Full: the course scale of
     * the reports, each notebook sized to finish within 8 minutes on a 2-core laptop CPU and the
     * whole report within 40. Paper: the long schedules, meant for a GPU: for the two-view labs the
     * published one (30 epochs over 20 pairs per image), for the single-view labs 100 epochs.
     */
    public enum Mode { SMOKE, FULL, PAPER }

    /** What each mode costs, as the notebooks state it under their title. */
    static String budget(Mode mode) {
        return switch (mode) {
            case SMOKE -> "smoke mode: a few batches per model, to check that every cell runs (about a minute per notebook); "
                    + "the figures mean nothing yet";
            case FULL -> "full mode, the course scale: every notebook is sized to finish within 8 minutes on 2 CPU cores, "
                    + "the whole report within 40 (a GPU makes it faster); VAELAB_MODE=paper runs the long, published schedules";
            case PAPER -> "paper mode: the long schedules, for a GPU: the two-view labs train as Shi et al. (2019) did, "
                    + "30 epochs over 20 pairs per image, the single-view labs 100 epochs; on 2 CPU cores a notebook takes hours";
        };
    }

    private Lab() {
    }

    /** {@code VAELAB_MODE=smoke|full|paper} (default full). */
    public static Mode mode() {
        String value = setting("vaelab.mode", "VAELAB_MODE", "full");
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VAELAB_MODE is '" + value + "'; set it to smoke, full or paper");
        }
    }

    public static boolean smoke() {
        return mode() == Mode.SMOKE;
    }

    /** Picks the smoke or the full value of a size (epochs, batches, samples); paper mode takes the full one. */
    public static int bySize(int smoke, int full) {
        return smoke() ? smoke : full;
    }

    /** Picks the smoke, full or paper value of a size. */
    public static int bySize(int smoke, int full, int paper) {
        return switch (mode()) {
            case SMOKE -> smoke;
            case FULL -> full;
            case PAPER -> paper;
        };
    }

    /**
     * The line each notebook prints under its title: the mode, the budget it implies, and where the
     * work runs. {@code plan} says what this notebook trains in this mode.
     */
    public static String modeSummary(String plan) {
        String note = engineNote();
        return budget(mode()) + ".\nThis notebook, in this mode: " + plan + "; on " + device() + " with "
                + engine().getEngineName() + ", seed " + seed() + "." + (note.isEmpty() ? "" : "\n" + note + ".");
    }

    /** {@code VAELAB_SEED} (default 42): the seed every random choice of a notebook derives from. */
    public static long seed() {
        String value = setting("vaelab.seed", "VAELAB_SEED", "42");
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("VAELAB_SEED is '" + value + "'; set it to a whole number");
        }
    }

    /** The project folder: {@code vaelab.home}, {@code VAELAB_HOME}, or the nearest folder above holding {@code lab}. */
    public static Path home() {
        String configured = setting("vaelab.home", "VAELAB_HOME", null);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("lab")) && Files.isDirectory(dir.resolve("notebooks"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot tell where VAE Lab is installed from " + Path.of("").toAbsolutePath()
                + "; set VAELAB_HOME to the project folder");
    }

    /**
     * Where each lab saves its figures for the report: {@code vaelab.results}, {@code VAELAB_RESULTS},
     * or {@code <home>/.cache/results}. Tests point it elsewhere so as not to touch the project's.
     */
    public static Path resultsDir() {
        String configured = setting("vaelab.results", "VAELAB_RESULTS", null);
        return configured != null ? Path.of(configured).toAbsolutePath().normalize() : home().resolve(".cache/results");
    }

    /** The report's CSV: {@code <home>/figures/results.csv}, or {@code results.csv} in {@code VAELAB_RESULTS} when that is set. */
    public static Path resultsCsv() {
        String configured = setting("vaelab.results", "VAELAB_RESULTS", null);
        return configured != null ? resultsDir().resolve("results.csv") : home().resolve("figures/results.csv");
    }

    /** Where datasets are read and cached: {@code vaelab.data}, {@code VAELAB_DATA}, or {@code <home>/data}. */
    public static Path dataDir() {
        String configured = setting("vaelab.data", "VAELAB_DATA", null);
        return configured != null ? Path.of(configured).toAbsolutePath().normalize() : home().resolve("data");
    }

    /** The engine the notebooks use unless told otherwise: the faster on the labs' mix of models (docs/ENGINES.md). */
    public static final String DEFAULT_ENGINE = "PyTorch";
    private static EngineChoice engineChoice;

    /**
     * The DJL engine in use: {@code -Dai.djl.default_engine} where the kernel sets it (this project's
     * kernel does, from {@code VAELAB_ENGINE}); else {@code VAELAB_ENGINE}, else {@link #DEFAULT_ENGINE},
     * so that IJava and JJava, which set nothing, run on the same engine as this project's kernel.
     */
    public static Engine engine() {
        chooseEngine();
        return Engine.getInstance();
    }

    /**
     * Names the engine for DJL before its first use: the one the JVM or DJL's own variable names, else
     * VAELAB_ENGINE, else the default; where that one has no natives for this machine, the other
     * ({@link EngineChoice}, whose note the notebooks print).
     */
    static synchronized void chooseEngine() {
        String asked = System.getProperty("ai.djl.default_engine", System.getenv("DJL_DEFAULT_ENGINE"));
        if (asked == null) {
            asked = setting("vaelab.engine", "VAELAB_ENGINE", DEFAULT_ENGINE);
        }
        String platform = EngineChoice.platform();
        engineChoice = EngineChoice.choose(asked, EngineChoice.withNatives(Lab.class.getClassLoader(), platform), platform);
        System.setProperty("ai.djl.default_engine", engineChoice.engine());
    }

    /** Why the notebooks run on another engine than the one asked for (its natives are not built for this machine); empty when not. */
    public static String engineNote() {
        chooseEngine();
        return engineChoice.note();
    }

    /**
     * The device the engine trains on: its first GPU when it sees one, else the CPU; {@code VAELAB_DEVICE=cpu}
     * (or {@code gpu}, {@code gpu1}, …) overrides the choice. On a Mac with Apple Silicon, {@code VAELAB_DEVICE=mps}
     * trains on PyTorch's Metal device (offered, not chosen by itself: the course machines cannot run it).
     */
    public static Device device() {
        String wanted = setting("vaelab.device", "VAELAB_DEVICE", "auto").trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) {
            return engine().defaultDevice();
        }
        if (wanted.equals("cpu")) {
            return Device.cpu();
        }
        if (wanted.equals("mps")) {
            if (!"osx-aarch64".equals(EngineChoice.platform()) || !"PyTorch".equals(engine().getEngineName())) {
                throw new IllegalStateException("VAELAB_DEVICE is 'mps', PyTorch's Metal device, which runs on a Mac with Apple "
                        + "Silicon only; this is " + EngineChoice.platform() + " with " + engine().getEngineName()
                        + ": unset VAELAB_DEVICE to train on the CPU");
            }
            return Device.of("mps", 0);
        }
        if (wanted.matches("gpu\\d*")) {
            int index = wanted.length() == 3 ? 0 : Integer.parseInt(wanted.substring(3));
            int gpus = engine().getGpuCount();
            if (index >= gpus) {
                throw new IllegalStateException("VAELAB_DEVICE is '" + wanted + "' but the " + engine().getEngineName()
                        + " engine sees " + gpus + " GPU(s); unset it to train on the CPU (GPU natives need a set-up "
                        + "with network once: see the README)");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("VAELAB_DEVICE is '" + wanted + "'; set it to auto, cpu, gpu, gpuN or (Apple Silicon) mps");
    }

    /** {@code VAELAB_OFFLINE=1}: never try the network; a missing dataset file is an error at once. */
    public static boolean offline() {
        String value = setting("vaelab.offline", "VAELAB_OFFLINE", "false").trim().toLowerCase(Locale.ROOT);
        return value.equals("1") || value.equals("true") || value.equals("yes");
    }

    /**
     * {@code VAELAB_TRUST_UNVERIFIED=SVHN} (a comma-separated list of dataset names): use files of
     * these datasets that are present even though their checksum is not the published one. For
     * stand-in files written by tests or converted by hand, never for downloads; a warning says so.
     */
    public static boolean trustsUnverified(String dataset) {
        for (String name : setting("vaelab.trust.unverified", "VAELAB_TRUST_UNVERIFIED", "").split(",")) {
            if (name.trim().equalsIgnoreCase(dataset)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The trainer of the notebooks: models on {@link #device()}, checkpoints and cached classifiers under
     * {@code <home>/.cache}, progress shown live in the notebook. {@code VAELAB_MODELS} names a read-only folder of
     * models trained beforehand (a class image sets it), looked in when {@code .cache} lacks a run; {@code none} (or
     * unset) trains every model here. {@code VAELAB_MODELS_USED} names a file that lists each model found or trained
     * ({@code ./lab report} sets it).
     */
    public static Trainer trainer() {
        return new Trainer(device(), ModelStore.of(home().resolve(".cache"), setting("vaelab.models", "VAELAB_MODELS", null),
                setting("vaelab.models.used", "VAELAB_MODELS_USED", null)), LiveProgress::new);
    }

    /** The figures of lab {@code lab} ("02", "05", …) for the report, tagged with this mode and device. */
    public static LabResults results(String lab) {
        return LabResults.of(lab, mode().name().toLowerCase(Locale.ROOT), device() + " " + engine().getEngineName(), resultsDir());
    }

    static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
