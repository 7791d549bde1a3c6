package org.vaelab.workbook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class image (environment/container, docs/CLASSROOM.md) as a class uses it: {@code ./lab image} builds it with
 * podman (or docker); labs 00 and 02 run headless inside it in smoke mode, without network; {@code ./lab image --models}
 * adds the models that run trained; and in JupyterLab served from that image, without network, into an empty home (a
 * new JupyterHub volume), the kernel "Java (VAE Lab)" runs labs 00 and 02, and lab 02's training cell loads its models
 * instead of training them. Timings print as "container: …" lines; screenshots go to target/browser/container-*.png.
 */
class ContainerIT {
    private static final String PLAIN = "localhost/vaelab-it:plain";
    private static final String WITH_MODELS = "localhost/vaelab-it:models";

    @TempDir
    Path tmp;

    private Process served;
    private JupyterLabPage page;

    @AfterEach
    void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (served != null) {
            served.destroy();   // ./lab image --run removes its container as it ends
            if (!served.waitFor(60, TimeUnit.SECONDS)) {
                served.destroyForcibly();
            }
        }
    }

    @Test
    void aClassRunsTheWorkbookFromTheImageWithoutNetwork() throws Exception {
        long started = System.nanoTime();
        String built = lab(900, "build the image", "image", "--tag", PLAIN);
        System.out.printf("container: the image built in %.0f s (%s)%n", seconds(started), lastLine(built, "built "));

        // ---- labs 00 and 02 headless in the image, smoke mode, no network; lab 02's models are listed ----
        Path trainingHome = Files.createDirectories(tmp.resolve("training-home"));
        started = System.nanoTime();
        String report = lab(900, "run labs 00 and 02 in the image", "image", "--run", "--tag", PLAIN, "--home", trainingHome.toString(),
                "--", "vaelab-report", "--smoke", "00", "02");
        System.out.printf("container: labs 00 and 02 in smoke mode, headless, %.0f s in all%n", seconds(started));
        for (String lab : List.of("00-setup", "02-kingma-welling-vae")) {
            assertTrue(report.matches("(?s).*ok +/home/jovyan/vaelab/notebooks/" + lab + "\\.ipynb in [0-9.]+ s, kernel peak [0-9,]+ MB.*"),
                    lab + " ran in the image, its kernel's peak memory measured:\n" + report);
        }
        report.lines().filter(line -> line.startsWith("ok ")).forEach(line -> System.out.println("container: " + line));
        Path listed = trainingHome.resolve("vaelab/.cache/models-used/smoke/02-kingma-welling-vae.txt");
        assertTrue(Files.readAllLines(listed).stream().anyMatch(line -> line.startsWith("checkpoints/mlp-784-400-")),
                "lab 02's models are listed for the image: " + Files.readAllLines(listed));

        // ---- the image with those models ----
        started = System.nanoTime();
        built = lab(900, "build the image with the models", "image", "--models", "--mode", "smoke", "--models-from",
                trainingHome.resolve("vaelab/.cache").toString(), "--tag", WITH_MODELS);
        System.out.printf("container: the models layer added in %.0f s (%s; %s)%n", seconds(started), lastLine(built, "models of the "),
                lastLine(built, "built "));

        // ---- JupyterLab from the image with the models, into an empty home, no network ----
        Path home = Files.createDirectories(tmp.resolve("home"));
        JupyterLabPage.writeSettings(home.resolve(".jupyter/lab/user-settings"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        String base = "http://127.0.0.1:" + port;
        Path log = tmp.resolve("served.log");
        started = System.nanoTime();
        ProcessBuilder serve = new ProcessBuilder(labCommand("image", "--run", "--tag", WITH_MODELS, "--home", home.toString(),
                "--port", String.valueOf(port), "--token", token)).redirectErrorStream(true).redirectOutput(log.toFile());
        serve.environment().put("VAELAB_MODE", "smoke");
        served = serve.start();
        JupyterLabPage.waitForServer(base, token, served, log, 180);
        double serverUp = seconds(started);
        page = new JupyterLabPage(base, token, tmp);
        page.open("notebooks/00-setup.ipynb");
        page.waitForKernel();
        System.out.printf("container: cold start %.1f s to JupyterLab answering, %.1f s to the kernel running%n", serverUp, seconds(started));
        assertTrue(Files.isRegularFile(home.resolve("vaelab/notebooks/02-kingma-welling-vae.ipynb")), "the workbook was put into the empty home");
        assertTrue(Files.isRegularFile(home.resolve("vaelab/student/01-model-and-loss.ipynb")), "with the student edition");

        System.out.printf("container: lab 00 in smoke mode in JupyterLab, %.1f s%n", runAll("lab 00 in the image", "container-00-setup", 300, 3, 1));
        assertTrue(page.text().contains("1000 of 1000 test images read"), "lab 00 reads the image's MNIST");

        page.open("notebooks/02-kingma-welling-vae.ipynb");
        page.waitForKernel();
        System.out.printf("container: lab 02 in smoke mode in JupyterLab, models loaded, %.1f s%n",
                runAll("lab 02 in the image", "container-02-kingma-welling-vae", 600, 6, 2));
        String trainingCell = (String) page.js.executeScript("""
                for (const cell of %s.querySelectorAll('.jp-CodeCell')) {
                  if (cell.querySelector('.jp-InputArea').innerText.includes('runs.add(trainer.fit(')) {
                    return [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join(' ');
                  }
                }
                return null;""".formatted(JupyterLabPage.CURRENT));
        assertTrue(trainingCell != null && !trainingCell.contains("epoch"), "lab 02's training cell shows no epoch of training: " + trainingCell);
        page.appendCellAndRun("runs.stream().allMatch(Trained::fromCache) + \" \" + java.net.NetworkInterface.networkInterfaces()"
                + ".map(java.net.NetworkInterface::getName).sorted().toList()");
        new WebDriverWait(page.browser, Duration.ofSeconds(60)).until(d -> page.prompts().get(page.prompts().size() - 1).matches("\\[\\d+\\]:"));
        assertEquals("true [lo]", page.lastCellText().strip(),
                "every model of lab 02's training cell was loaded from the image, and the container has loopback only");
        assertTrue(Files.exists(home.resolve("vaelab/.cache/logs/kernel.log")), "the kernel's log in the user's workbook folder");
        // The container's processes, seen from here (a rootful engine shares the process table): JupyterLab's and the kernels' peaks.
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String command = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    if (command.contains("/opt/venv/bin/jupyter-lab") || command.contains("/home/jovyan/vaelab") && command.contains("org.vaelab.kernel.Main")) {
                        String peak = Files.readAllLines(p.resolve("status")).stream().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("?");
                        System.out.printf("container: %s peak %s%n", command.contains("jupyter-lab") ? "JupyterLab's server" : "a kernel", peak.substring(6).strip());
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            });
        }
    }

    /** Run All on the notebook in front; a screenshot, its pictures and tables checked; returns the seconds it took. */
    private double runAll(String what, String shot, int seconds, int images, int tables) throws IOException {
        long started = System.nanoTime();
        page.menu("Run", "runmenu:run-all");
        page.waitUntilAllRan(seconds);
        double took = seconds(started);
        page.shot(shot);
        page.assertOutputsArePictures(what, images, tables);
        return took;
    }

    /** The last line of {@code output} that starts with {@code start}. */
    private static String lastLine(String output, String start) {
        return output.lines().filter(line -> line.startsWith(start)).reduce((a, b) -> b).orElse("no line '" + start + "…'");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static List<String> labCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("vaelab.home"), "lab").toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code ./lab ARGS} to its end; returns its output, failing with it if it fails or runs past {@code seconds}. */
    private String lab(int seconds, String what, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "lab", ".log");
        Process process = new ProcessBuilder(labCommand(args)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(out);
        assertTrue(ended && process.exitValue() == 0, what + (ended ? " failed (exit " + process.exitValue() + ")" : " ran past " + seconds
                + " s") + ":\n" + (output.length() > 20_000 ? output.substring(output.length() - 20_000) : output));
        return output;
    }
}
