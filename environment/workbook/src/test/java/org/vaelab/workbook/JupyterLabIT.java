package org.vaelab.workbook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vaelab.kernel.JupyterSandbox;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a student does in JupyterLab 4 (the project's .venv, as ./lab open serves it), in Debian's headless Chromium:
 * pick the kernel in JupyterLab's dialog, Run All on labs 00 and 02 in smoke mode, watch a training cell's progress
 * line, interrupt a long training cell, restart and run again, complete a name with Tab, do an exercise of the
 * student edition, and save and reload. Screenshots: target/browser/jupyterlab-*.png.
 */
class JupyterLabIT {
    private static final String CURRENT = JupyterLabPage.CURRENT;

    @TempDir
    Path tmp;

    private Process server;
    private JupyterLabPage page;
    private String base;
    private String token;

    @AfterEach
    void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void aStudentRunsTheLabsInJupyterLab() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path python = jupyter.home.resolve(".venv/bin/python");
        assertTrue(Files.isExecutable(python), "./lab setup installs JupyterLab into " + python);

        // A copy laid out like the project, so that ../lib resolves; lab 00 without its kernel, so that JupyterLab asks.
        Path site = Files.createDirectories(tmp.resolve("site/notebooks"));
        for (String file : List.of("00-setup.ipynb", "02-kingma-welling-vae.ipynb", "vaelab.jsh")) {
            Files.copy(jupyter.home.resolve("notebooks/" + file), site.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        String lab00 = Files.readString(site.resolve("00-setup.ipynb"));
        com.google.gson.JsonObject nb = com.google.gson.JsonParser.parseString(lab00).getAsJsonObject();
        nb.getAsJsonObject("metadata").remove("kernelspec");
        nb.getAsJsonObject("metadata").remove("language_info");
        Files.writeString(site.resolve("00-setup.ipynb"), nb.toString());
        Files.createSymbolicLink(tmp.resolve("site/lib"), jupyter.home.resolve("lib"));
        JupyterSandbox.Result edition = jupyter.run(Map.of(), 120, python.toString(), jupyter.home.resolve("environment/editions.py").toString(),
                "student", tmp.resolve("site/student").toString());
        assertEquals(0, edition.exitCode(), edition.both());

        startServer(jupyter, python);
        page = new JupyterLabPage(base, token, tmp);

        // ---- lab 00: JupyterLab asks for a kernel; the student picks ours and runs everything ----
        page.open("notebooks/00-setup.ipynb");
        WebElement dialog = new WebDriverWait(page.browser, Duration.ofSeconds(60)).until(d -> page.visible(".jp-Dialog select"));
        new Select(dialog).selectByVisibleText("Java (VAE Lab)");
        page.browser.findElement(By.cssSelector(".jp-Dialog-button.jp-mod-accept")).click();
        page.waitForKernel();
        page.menu("Run", "runmenu:run-all");
        page.waitUntilAllRan(300);
        page.shot("jupyterlab-00-setup");
        page.assertOutputsArePictures("lab 00", 3, 1);
        assertTrue(page.text().contains("1000 of 1000 test images read"), "lab 00's progress line, rewritten to its end");
        assertTrue(page.text().contains("VAE Lab kernel " + org.vaelab.kernel.JavaKernel.VERSION), "the environment table names the kernel");
        assertTrue(page.text().contains("mean grey level of the first 1000 MNIST test images"), "the last cell's value is shown");
        assertEquals(720L, page.js.executeScript("const imgs = " + CURRENT + ".querySelectorAll('.jp-OutputArea-output img');"
                + "return imgs[imgs.length - 1].naturalWidth;"), "the class-balance chart arrives whole, as a 720-pixel PNG");

        // ---- save, reload: the outputs are kept ----
        int images = page.count("img");
        new Actions(page.browser).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
        new WebDriverWait(page.browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(page.js.executeScript(
                "return !" + CURRENT + ".querySelector('.jp-mod-dirty') && !document.querySelector('.lm-TabBar-tab.jp-mod-dirty');")));
        page.browser.navigate().refresh();
        new WebDriverWait(page.browser, Duration.ofSeconds(60)).until(d -> page.count("img") == images);
        assertTrue(Files.readString(site.resolve("00-setup.ipynb")).contains("image/png"), "the saved notebook holds its pictures");

        // ---- restart the kernel and run again ----
        page.waitForKernel();
        page.menu("Run", "runmenu:restart-and-run-all");
        new WebDriverWait(page.browser, Duration.ofSeconds(30)).until(d -> page.visible(".jp-Dialog-button.jp-mod-accept")).click();
        new WebDriverWait(page.browser, Duration.ofSeconds(60)).until(d -> page.prompts().stream().anyMatch(p -> p.equals("[*]:")));
        page.waitUntilAllRan(300);
        page.assertOutputsArePictures("lab 00 after a restart", 3, 1);

        // ---- lab 02: Run All (and a record of each running cell's first output, for the progress line below) ----
        page.open("notebooks/02-kingma-welling-vae.ipynb");
        page.waitForKernel();
        page.js.executeScript("""
                window.vaelabProgress = [];
                const ids = new WeakMap(); let next = 0;
                new MutationObserver(() => {
                  for (const cell of %s.querySelectorAll('.jp-CodeCell')) {
                    const prompt = cell.querySelector('.jp-InputPrompt');
                    if (!prompt || prompt.innerText.trim() !== '[*]:') continue;
                    const first = cell.querySelector('.jp-OutputArea-output');
                    if (!first) continue;
                    if (!ids.has(first)) ids.set(first, next++);
                    window.vaelabProgress.push({output: ids.get(first), text: first.innerText,
                      outputs: cell.querySelectorAll('.jp-OutputArea-output').length});
                  }
                }).observe(%s, {subtree: true, childList: true, characterData: true});""".formatted(CURRENT, CURRENT));
        page.menu("Run", "runmenu:run-all");
        page.waitUntilAllRan(600);
        page.shot("jupyterlab-02-kingma-welling-vae");
        page.assertOutputsArePictures("lab 02", 6, 2);
        // ---- interrupt a long training cell: it stops within 2 s, the kernel lives, the next cell runs ----
        page.appendCellAndRun("Lab.trainer().fit(VaeConfig.mlp(400, 20).relu(), Data.mnist(Split.TRAIN), Data.mnist(Split.TEST), "
                + "TrainSettings.adam(50, 7))");
        new WebDriverWait(page.browser, Duration.ofSeconds(120)).until(d -> page.lastCellText().contains("epoch"));
        Thread.sleep(3000);
        // While it trains, its one progress line is rewritten in place: one output element, several texts.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seen = (List<Map<String, Object>>) page.js.executeScript("return window.vaelabProgress;");
        Map<Object, java.util.Set<Object>> textsByOutput = seen.stream().filter(r -> String.valueOf(r.get("text")).contains("epoch 1/50"))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.get("output"),
                        java.util.stream.Collectors.mapping(r -> r.get("text"), java.util.stream.Collectors.toSet())));
        assertEquals(1, textsByOutput.size(), "the progress of the training cell is one output element: " + textsByOutput);
        assertTrue(textsByOutput.values().iterator().next().size() >= 2, "its line changed while the cell ran: " + textsByOutput);
        assertTrue(seen.stream().filter(r -> String.valueOf(r.get("text")).contains("epoch 1/50")).allMatch(r -> ((Number) r.get("outputs")).intValue() == 1),
                "the line was rewritten, not appended");
        long pressed = System.nanoTime();
        page.menu("Kernel", "kernelmenu:interrupt");
        new WebDriverWait(page.browser, Duration.ofSeconds(30)).until(d -> page.prompts().get(page.prompts().size() - 1).matches("\\[\\d+\\]:"));
        double stopped = (System.nanoTime() - pressed) / 1e9;
        System.out.printf("the training cell stopped %.2f s after Kernel > Interrupt%n", stopped);
        assertTrue(stopped <= 2.0, "stopped within 2 s of the interrupt: " + stopped + " s");
        assertTrue(page.lastCellText().contains("interrupted"), "the cell says it was interrupted: " + page.lastCellText());
        page.shot("jupyterlab-interrupted");
        page.appendCellAndRun("1 + 1");
        new WebDriverWait(page.browser, Duration.ofSeconds(30)).until(d -> page.prompts().get(page.prompts().size() - 1).matches("\\[\\d+\\]:"));
        assertEquals("2", page.lastCellText().strip(), "the kernel lives on and runs the next cell");

        // ---- Tab completion ----
        page.appendCell("Data.");
        new Actions(page.browser).sendKeys(Keys.TAB).perform();
        WebElement completer = new WebDriverWait(page.browser, Duration.ofSeconds(30)).until(d -> page.visible(".jp-Completer"));
        assertTrue(completer.getText().contains("mnist"), "Tab after Data. offers mnist: " + completer.getText());
        page.shot("jupyterlab-completion");
        new Actions(page.browser).sendKeys(Keys.ESCAPE).perform();

        // ---- an exercise of the student edition: not done yet, then typed in, passed ----
        page.open("student/01-model-and-loss.ipynb");
        page.waitForKernel();
        page.menu("Run", "runmenu:run-all");
        page.waitUntilAllRan(300);
        assertTrue(page.text().contains("Exercise 01.1 not done yet"), "the check says not done yet");
        WebElement stub = (WebElement) page.js.executeScript("""
                for (const cell of %s.querySelectorAll('.jp-CodeCell')) {
                  if (!cell.innerText.includes('// Exercise 01.1')) continue;
                  for (const line of cell.querySelectorAll('.cm-line')) if (line.innerText.includes('throw new Exercise.NotDone();')) return line;
                }
                return null;""".formatted(CURRENT));
        stub.click();
        new Actions(page.browser).sendKeys(Keys.END).keyDown(Keys.SHIFT).sendKeys(Keys.HOME).keyUp(Keys.SHIFT)
                .sendKeys("return mu.square().add(logVar.exp()).sub(logVar).sub(1).sum(new int[] {1}).mul(0.5);")
                .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT)      // run the exercise cell, select its check
                .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT)      // run the check
                .perform();
        new WebDriverWait(page.browser, Duration.ofSeconds(60)).until(d -> page.text().contains("Exercise 01.1 passed"));
        page.shot("jupyterlab-exercise");
    }

    // ---- the server ----

    private void startServer(JupyterSandbox jupyter, Path python) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        token = UUID.randomUUID().toString().replace("-", "");
        base = "http://127.0.0.1:" + port;
        JupyterLabPage.writeSettings(tmp.resolve("lab-settings"));
        List<String> command = new ArrayList<>(List.of(python.toString(), "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                "--port=" + port, "--port-retries=0", "--ServerApp.token=" + token, "--LabApp.user_settings_dir=" + tmp.resolve("lab-settings"),
                "--LabApp.workspaces_dir=" + Files.createDirectories(tmp.resolve("workspaces")), "--notebook-dir=" + tmp.resolve("site")));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-root");
        }
        Path log = tmp.resolve("jupyterlab.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(jupyter.env);
        builder.environment().put("VAELAB_MODE", "smoke");
        builder.environment().put("VAELAB_RESULTS", tmp.resolve("results").toString());
        server = builder.start();
        JupyterLabPage.waitForServer(base, token, server, log, 60);
    }
}
