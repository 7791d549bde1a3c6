package org.vaelab.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Jupyter kernel spec ({@code kernel.json}) of "Java (VAE Lab)": the java that runs
 * this, the kernel folder this jar sits in, and the JVM options every lab needs. The setup script
 * hands the folder to {@code jupyter kernelspec install --user}; tests point JUPYTER_PATH at it.
 *
 * <pre>java -cp 'environment/workbook/target/kernel/*' org.vaelab.kernel.KernelSpec OUTPUT_DIR</pre>
 *
 * (the workbook's kernel folder: this kernel, the library and their dependencies; the kernel's own
 * folder, {@code environment/kernel/target/kernel}, holds the kernel alone).
 */
public final class KernelSpec {
    public static final String NAME = "vaelab-java";
    public static final String DISPLAY_NAME = "Java (VAE Lab)";

    private KernelSpec() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp '<kernel folder>/*' org.vaelab.kernel.KernelSpec <output folder>");
            System.exit(2);
        }
        Path written = write(Path.of(args[0]), kernelFolder(), Path.of(System.getProperty("java.home"), "bin", "java"),
                Path.of(System.getProperty("vaelab.home", ".")).toAbsolutePath().normalize());
        System.out.println(written);
    }

    /** The folder holding this kernel's jar and all its dependencies. */
    public static Path kernelFolder() throws URISyntaxException {
        return Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    /** Writes {@code kernel.json} atomically into {@code outputDir} for this process's environment; returns its path. */
    public static Path write(Path outputDir, Path kernelFolder, Path java, Path home) throws IOException {
        return write(outputDir, kernelFolder, java, home, System.getenv());
    }

    /** As above, for the settings in {@code settings} (VAELAB_ENGINE, VAELAB_HEAP, …). */
    static Path write(Path outputDir, Path kernelFolder, Path java, Path home, Map<String, String> settings) throws IOException {
        Files.createDirectories(outputDir);
        Path target = outputDir.resolve("kernel.json");
        Path temporary = Files.createTempFile(outputDir, "kernel", ".json.tmp");
        Files.writeString(temporary, json(kernelFolder, java, home, settings), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The kernel spec for the settings in {@code settings} (the environment of {@code ./lab setup}). */
    static String json(Path kernelFolder, Path java, Path home, Map<String, String> settings) {
        String heap = settings.getOrDefault("VAELAB_HEAP", "4g");
        // VAELAB_ONLINE=1 lets DJL fetch the GPU build of its natives once (they are not on Maven Central);
        // VAELAB_ENGINE picks the engine: PyTorch by default (measured faster on the labs' mix, and the one with
        // GPU natives for current CUDA), MXNet where asked (docs/ENGINES.md).
        boolean online = "1".equals(settings.get("VAELAB_ONLINE"));
        String engine = settings.getOrDefault("VAELAB_ENGINE", "PyTorch");
        int threads = threads(settings.getOrDefault("VAELAB_THREADS", String.valueOf(defaultThreads(Runtime.getRuntime().availableProcessors()))));
        List<String> argv = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx" + heap,
                "-Dai.djl.default_engine=" + engine,
                // A small fixed young generation is all touched within the first training epoch, so
                // resident memory stays flat afterwards instead of creeping up for several epochs.
                "-Xmn64m",
                "-Djava.awt.headless=true",
                // Natives come from the Maven jars; offline also skips DJL's start-up network probe.
                "-Dai.djl.offline=" + !online,
                // A fixed count, so that seeded runs repeat on any machine with 2 cores or more: two threads
                // repeat themselves bit for bit, but convolutions round differently on one and on two.
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // Library warnings go to the kernel's log (VAELAB_KERNEL_LOG), bound there at start-up (KernelLog).
                "-Dorg.slf4j.simpleLogger.cacheOutputStream=true",
                // Harmless on machines with CUDA libraries but no driver; it would show in every lab.
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-Dvaelab.home=" + home,
                "-cp", kernelFolder.resolve("*").toString(),
                Main.class.getName(),
                "{connection_file}"));
        Map<String, String> env = new LinkedHashMap<>();
        if (threads == 1 || !"PyTorch".equals(engine)) {
            // Spinning OpenMP threads collapse throughput on small, busy machines (MXNet: 279 samples/s at load 15).
            env.put("OMP_WAIT_POLICY", "PASSIVE");
        } else {
            // Several threads: a short spin before sleeping, or each small operator waits for a wake-up
            // (PyTorch, 2 threads: 13k samples/s with PASSIVE, 23-25k with this).
            env.put("GOMP_SPINCOUNT", "30000");
        }
        // The cap on the engines' instruction sets that this processor needs for correct convolutions, where it
        // needs one (./lab setup measures it: org.vaelab.EngineSettings); it must be set before the natives load.
        for (String variable : List.of("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "MKLDNN_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY")) {
            if (settings.get(variable) != null) {
                env.put(variable, settings.get(variable));
            }
        }
        env.put("VAELAB_HOME", home.toString());
        env.put("VAELAB_KERNEL_LOG", home.resolve(".cache/logs/kernel.log").toString());
        // Unpacked engine natives (hundreds of MB) stay in the project, not in the home folder, unless DJL_CACHE_DIR
        // names a folder for them (a class image's, unpacked once when it is built and shared by every user).
        String natives = settings.getOrDefault("DJL_CACHE_DIR", home.resolve(".cache/djl").toString());
        env.put("DJL_CACHE_DIR", natives);
        env.put("ENGINE_CACHE_DIR", natives);

        StringBuilder json = new StringBuilder("{\n  \"argv\": [");
        for (int i = 0; i < argv.size(); i++) {
            json.append(i == 0 ? "\n    " : ",\n    ").append(quote(argv.get(i)));
        }
        json.append("\n  ],\n  \"display_name\": ").append(quote(DISPLAY_NAME))
                .append(",\n  \"language\": \"java\",\n  \"interrupt_mode\": \"message\",\n  \"env\": {");
        int i = 0;
        for (Map.Entry<String, String> entry : env.entrySet()) {
            json.append(i++ == 0 ? "\n    " : ",\n    ").append(quote(entry.getKey())).append(": ").append(quote(entry.getValue()));
        }
        return json.append("\n  }\n}\n").toString();
    }

    /**
     * PyTorch's threads when {@code VAELAB_THREADS} is unset: 2, or 1 on a one-core machine. Two use
     * the course machines' both cores (MLP VAE: 15-18k samples/s on one thread, 19-25k on two).
     */
    static int defaultThreads(int processors) {
        return Math.max(1, Math.min(2, processors));
    }

    private static int threads(String value) {
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("VAELAB_THREADS is '" + value + "'; set it to the number of threads PyTorch may use "
                + "(default 2; 1 on a one-core machine)");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"': quoted.append("\\\""); break;
                case '\\': quoted.append("\\\\"); break;
                case '\n': quoted.append("\\n"); break;
                default:
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
            }
        }
        return quoted.append('"').toString();
    }
}
