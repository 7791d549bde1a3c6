package org.vaelab.workbook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vaelab.kernel.JupyterSandbox;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CURRENT = "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')";

    @TempDir
    Path tmp;

    private Process server;
    private ChromeDriver browser;
    private JavascriptExecutor js;
    private String base;
    private String token;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
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
        browser = startBrowser();
        js = browser;

        // ---- lab 00: JupyterLab asks for a kernel; the student picks ours and runs everything ----
        open("notebooks/00-setup.ipynb");
        WebElement dialog = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> visible(".jp-Dialog select"));
        new Select(dialog).selectByVisibleText("Java (VAE Lab)");
        browser.findElement(By.cssSelector(".jp-Dialog-button.jp-mod-accept")).click();
        waitForKernel();
        menu("Run", "runmenu:run-all");
        waitUntilAllRan(300);
        shot("jupyterlab-00-setup");
        assertOutputsArePictures("lab 00", 3, 1);
        assertTrue(text().contains("1000 of 1000 test images read"), "lab 00's progress line, rewritten to its end");
        assertTrue(text().contains("VAE Lab kernel " + org.vaelab.kernel.JavaKernel.VERSION), "the environment table names the kernel");
        assertTrue(text().contains("mean grey level of the first 1000 MNIST test images"), "the last cell's value is shown");
        assertEquals(720L, js.executeScript("const imgs = " + CURRENT + ".querySelectorAll('.jp-OutputArea-output img');"
                + "return imgs[imgs.length - 1].naturalWidth;"), "the class-balance chart arrives whole, as a 720-pixel PNG");

        // ---- save, reload: the outputs are kept ----
        int images = count("img");
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("s").keyUp(Keys.CONTROL).perform();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "return !" + CURRENT + ".querySelector('.jp-mod-dirty') && !document.querySelector('.lm-TabBar-tab.jp-mod-dirty');")));
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> count("img") == images);
        assertTrue(Files.readString(site.resolve("00-setup.ipynb")).contains("image/png"), "the saved notebook holds its pictures");

        // ---- restart the kernel and run again ----
        waitForKernel();
        menu("Run", "runmenu:restart-and-run-all");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> visible(".jp-Dialog-button.jp-mod-accept")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> prompts().stream().anyMatch(p -> p.equals("[*]:")));
        waitUntilAllRan(300);
        assertOutputsArePictures("lab 00 after a restart", 3, 1);

        // ---- lab 02: Run All (and a record of each running cell's first output, for the progress line below) ----
        open("notebooks/02-kingma-welling-vae.ipynb");
        waitForKernel();
        js.executeScript("""
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
        menu("Run", "runmenu:run-all");
        waitUntilAllRan(600);
        shot("jupyterlab-02-kingma-welling-vae");
        assertOutputsArePictures("lab 02", 6, 2);
        // ---- interrupt a long training cell: it stops within 2 s, the kernel lives, the next cell runs ----
        appendCellAndRun("Lab.trainer().fit(VaeConfig.mlp(400, 20).relu(), Data.mnist(Split.TRAIN), Data.mnist(Split.TEST), "
                + "TrainSettings.adam(50, 7))");
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> lastCellText().contains("epoch"));
        Thread.sleep(3000);
        // While it trains, its one progress line is rewritten in place: one output element, several texts.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seen = (List<Map<String, Object>>) js.executeScript("return window.vaelabProgress;");
        Map<Object, java.util.Set<Object>> textsByOutput = seen.stream().filter(r -> String.valueOf(r.get("text")).contains("epoch 1/50"))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.get("output"),
                        java.util.stream.Collectors.mapping(r -> r.get("text"), java.util.stream.Collectors.toSet())));
        assertEquals(1, textsByOutput.size(), "the progress of the training cell is one output element: " + textsByOutput);
        assertTrue(textsByOutput.values().iterator().next().size() >= 2, "its line changed while the cell ran: " + textsByOutput);
        assertTrue(seen.stream().filter(r -> String.valueOf(r.get("text")).contains("epoch 1/50")).allMatch(r -> ((Number) r.get("outputs")).intValue() == 1),
                "the line was rewritten, not appended");
        long pressed = System.nanoTime();
        menu("Kernel", "kernelmenu:interrupt");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> prompts().get(prompts().size() - 1).matches("\\[\\d+\\]:"));
        double stopped = (System.nanoTime() - pressed) / 1e9;
        System.out.printf("the training cell stopped %.2f s after Kernel > Interrupt%n", stopped);
        assertTrue(stopped <= 2.0, "stopped within 2 s of the interrupt: " + stopped + " s");
        assertTrue(lastCellText().contains("interrupted"), "the cell says it was interrupted: " + lastCellText());
        shot("jupyterlab-interrupted");
        appendCellAndRun("1 + 1");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> prompts().get(prompts().size() - 1).matches("\\[\\d+\\]:"));
        assertEquals("2", lastCellText().strip(), "the kernel lives on and runs the next cell");

        // ---- Tab completion ----
        appendCell("Data.");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement completer = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> visible(".jp-Completer"));
        assertTrue(completer.getText().contains("mnist"), "Tab after Data. offers mnist: " + completer.getText());
        shot("jupyterlab-completion");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();

        // ---- an exercise of the student edition: not done yet, then typed in, passed ----
        open("student/01-model-and-loss.ipynb");
        waitForKernel();
        menu("Run", "runmenu:run-all");
        waitUntilAllRan(300);
        assertTrue(text().contains("Exercise 01.1 not done yet"), "the check says not done yet");
        WebElement stub = (WebElement) js.executeScript("""
                for (const cell of %s.querySelectorAll('.jp-CodeCell')) {
                  if (!cell.innerText.includes('// Exercise 01.1')) continue;
                  for (const line of cell.querySelectorAll('.cm-line')) if (line.innerText.includes('throw new Exercise.NotDone();')) return line;
                }
                return null;""".formatted(CURRENT));
        stub.click();
        new Actions(browser).sendKeys(Keys.END).keyDown(Keys.SHIFT).sendKeys(Keys.HOME).keyUp(Keys.SHIFT)
                .sendKeys("return mu.square().add(logVar.exp()).sub(logVar).sub(1).sum(new int[] {1}).mul(0.5);")
                .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT)      // run the exercise cell, select its check
                .keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT)      // run the check
                .perform();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> text().contains("Exercise 01.1 passed"));
        shot("jupyterlab-exercise");
    }

    // ---- the page ----

    private void open(String path) {
        browser.get(base + "/lab/workspaces/w" + UUID.randomUUID().toString().substring(0, 8) + "/tree/" + path + "?token=" + token);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "const p = " + CURRENT + "; return !!p && p.querySelectorAll('.jp-Cell').length > 0;")));
    }

    private WebElement visible(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }

    /** Waits until the notebook names our kernel in its toolbar (cells run before it has started wait for it). */
    private void waitForKernel() {
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "const k = " + CURRENT + ".querySelector('.jp-KernelName'); return !!k && k.innerText.trim() === 'Java (VAE Lab)';")));
    }

    private void menu(String title, String command) {
        for (WebElement item : browser.findElements(By.cssSelector(".lm-MenuBar-item"))) {
            if (item.getText().strip().equals(title)) {
                item.click();
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(d -> visible(".lm-Menu-item[data-command='" + command + "']")).click();
                return;
            }
        }
        throw new AssertionError("no menu " + title);
    }

    @SuppressWarnings("unchecked")
    private List<String> prompts() {
        return (List<String>) js.executeScript("const n = " + CURRENT + "; return n ? [...n.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                + ".map(p => p.innerText.trim()) : [];");
    }

    private void waitUntilAllRan(int seconds) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            List<String> prompts = prompts();
            return !prompts.isEmpty() && prompts.stream().allMatch(p -> p.matches("\\[\\d+\\]:"));
        });
    }

    private String text() {
        return (String) js.executeScript("const p = " + CURRENT + "; return p ? p.querySelector('.jp-Notebook').innerText : '';");
    }

    private int count(String outputSelector) {
        return ((Long) js.executeScript("const p = " + CURRENT + "; return p ? p.querySelectorAll('.jp-OutputArea-output " + outputSelector
                + "').length : -1;")).intValue();
    }

    private String lastCellText() {
        return (String) js.executeScript("const cells = " + CURRENT + ".querySelectorAll('.jp-CodeCell');"
                + "return [...cells[cells.length - 1].querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n');");
    }

    /** Pictures and HTML tables on the page, no error or standard-error output, and no object printed by its class name. */
    private void assertOutputsArePictures(String what, int images, int tables) {
        assertTrue(count("img") >= images, what + ": at least " + images + " pictures, got " + count("img"));
        assertTrue(count("table") >= tables, what + ": at least " + tables + " HTML tables, got " + count("table"));
        assertEquals(0, count("[data-mime-type=\"application/vnd.jupyter.stderr\"]"), what + ": no standard-error or error output");
        assertFalse(text().matches("(?s).*\\b(XYChart|BufferedImage|Table)@[0-9a-f]+.*"), what + ": no object shown as Class@hash");
    }

    /** A new code cell after the last, holding {@code source}, in edit mode. */
    private void appendCell(String source) {
        js.executeScript("const cells = " + CURRENT + ".querySelectorAll('.jp-Cell'); cells[cells.length - 1].scrollIntoView();");
        List<WebElement> cells = browser.findElements(By.cssSelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell"));
        cells.get(cells.size() - 1).findElement(By.cssSelector(".jp-InputPrompt, .jp-Cell-inputCollapser")).click();
        new Actions(browser).sendKeys(Keys.ESCAPE).sendKeys("b").sendKeys(Keys.ENTER).sendKeys(source).perform();
    }

    private void appendCellAndRun(String source) {
        appendCell(source);
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    }

    private void shot(String name) throws IOException {
        Path shot = Path.of("target/browser/" + name + ".png");
        Files.createDirectories(shot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- the server and the browser ----

    private void startServer(JupyterSandbox jupyter, Path python) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        token = UUID.randomUUID().toString().replace("-", "");
        base = "http://127.0.0.1:" + port;
        // Every cell in the page (no windowing, so that the test sees them all) and no news pop-up.
        Path settings = Files.createDirectories(tmp.resolve("lab-settings/@jupyterlab/notebook-extension"));
        Files.writeString(settings.resolve("tracker.jupyterlab-settings"), "{\"windowingMode\": \"none\"}");
        Path news = Files.createDirectories(tmp.resolve("lab-settings/@jupyterlab/apputils-extension"));
        Files.writeString(news.resolve("notification.jupyterlab-settings"), "{\"fetchNews\": \"false\"}");
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
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "JupyterLab exited:\n" + Files.readString(log));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/status?token=" + token)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("JupyterLab did not answer in 60 s:\n" + Files.readString(log));
    }

    private ChromeDriver startBrowser() throws IOException {
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
