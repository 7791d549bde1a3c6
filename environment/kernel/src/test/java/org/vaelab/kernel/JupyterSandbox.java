package org.vaelab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Jupyter for the integration tests, kept out of the user's folders: its own HOME, data,
 * config and runtime folders, and the "Java (VAE Lab)" kernel spec written by {@link KernelSpec}
 * against the kernel folder a build assembled ({@code vaelab.kernel.dir}: the kernel alone here,
 * the kernel with the workbook library in environment/workbook, whose integration tests use this too).
 */
public final class JupyterSandbox {
    public final Path root;
    /** The project folder ({@code vaelab.home}). */
    public final Path home;
    public final Map<String, String> env = new HashMap<>(System.getenv());

    public JupyterSandbox(Path root) throws IOException {
        this(root, Map.of());
    }

    /** A sandbox whose kernel spec is written with {@code kernelSettings} added to the environment (e.g. VAELAB_ENGINE). */
    public JupyterSandbox(Path root, Map<String, String> kernelSettings) throws IOException {
        this.root = root;
        this.home = Path.of(System.getProperty("vaelab.home")).toAbsolutePath().normalize();
        Path kernelFolder = Path.of(System.getProperty("vaelab.kernel.dir"));
        Path jupyterPath = root.resolve("jupyter-path");
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.putAll(kernelSettings);
        KernelSpec.write(jupyterPath.resolve("kernels").resolve(KernelSpec.NAME), kernelFolder,
                Path.of(System.getProperty("java.home"), "bin", "java"), home, settings);
        env.put("JUPYTER_PATH", jupyterPath.toString());
        env.put("HOME", Files.createDirectories(root.resolve("home")).toString());
        env.put("JUPYTER_DATA_DIR", Files.createDirectories(root.resolve("data")).toString());
        env.put("JUPYTER_CONFIG_DIR", Files.createDirectories(root.resolve("config")).toString());
        env.put("JUPYTER_RUNTIME_DIR", Files.createDirectories(root.resolve("runtime")).toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.putIfAbsent("VAELAB_DATA", home.resolve("../shared/datasets").normalize().toString());
    }

    /** The Python that has Jupyter's execution libraries, as ./lab finds it. */
    public static String python() throws IOException, InterruptedException {
        // The project's .venv first (JupyterLab from pip, what ./lab setup installs), as environment/common.sh does.
        String venv = Path.of(System.getProperty("vaelab.home", "."), ".venv", "bin", "python").toString();
        for (String candidate : List.of(venv, "python3", "/usr/bin/python3")) {
            if (candidate.equals(venv) && !Files.isExecutable(Path.of(venv))) {
                continue;
            }
            Process probe = new ProcessBuilder(candidate, "-c", "import nbclient, nbconvert, jupyter_client")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Python with nbclient and nbconvert: run ./lab setup (it installs Jupyter)");
    }

    /** Runs a command in the sandbox; returns its exit code and output. */
    public Result run(Map<String, String> extraEnv, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        Path stdout = Files.createTempFile(root, "out", ".txt");
        Path stderr = Files.createTempFile(root, "err", ".txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; stderr:\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String both() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
