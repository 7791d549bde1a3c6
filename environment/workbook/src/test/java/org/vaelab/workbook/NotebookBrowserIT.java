package org.vaelab.workbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vaelab.kernel.JavaKernel;
import org.vaelab.kernel.JupyterSandbox;
import org.vaelab.report.LabResults;
import tech.tablesaw.api.Table;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's view, in Debian's headless Chromium. A student's: the classic Notebook server on loopback,
 * notebook 00 run from the Cell menu, its outputs on the page (screenshot: target/browser/00-setup.png).
 * A teacher's: the index of the reports that ./lab report writes, its figures and its links
 * (screenshot: target/browser/index.png).
 */
class NotebookBrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    Path tmp;

    @Test
    void runAllInTheNotebookShowsTablesImagesAndText() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        // The server saves as it runs: give it a copy, laid out like the project so ../lib resolves.
        Path site = Files.createDirectories(tmp.resolve("site/notebooks"));
        Files.copy(jupyter.home.resolve("notebooks/00-setup.ipynb"), site.resolve("00-setup.ipynb"), StandardCopyOption.REPLACE_EXISTING);
        // Every notebook's first cell loads the shared imports beside it.
        Files.copy(jupyter.home.resolve("notebooks/vaelab.jsh"), site.resolve("vaelab.jsh"), StandardCopyOption.REPLACE_EXISTING);
        Files.createSymbolicLink(tmp.resolve("site/lib"), jupyter.home.resolve("lib"));

        int port = freePort();
        String token = UUID.randomUUID().toString().replace("-", "");
        List<String> command = new ArrayList<>(List.of(JupyterSandbox.python(), "-m", "notebook", "--no-browser",
                "--ip=127.0.0.1", "--port=" + port, "--port-retries=0", "--NotebookApp.token=" + token,
                "--notebook-dir=" + tmp.resolve("site")));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-root");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("notebook-server.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(jupyter.env);
        builder.environment().put("VAELAB_MODE", "smoke");
        Process server = builder.start();
        ChromeDriver browser = null;
        try {
            String base = "http://127.0.0.1:" + port;
            waitForServer(base + "/api/status?token=" + token, server, tmp.resolve("notebook-server.log"));
            browser = startBrowser();
            browser.get(base + "/notebooks/notebooks/00-setup.ipynb?token=" + token);
            JavascriptExecutor js = browser;
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                    "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())")));

            browser.findElement(By.id("celllink")).click();
            browser.findElement(By.cssSelector("#run_all_cells > a")).click();
            new WebDriverWait(browser, Duration.ofSeconds(300)).until(d -> Boolean.TRUE.equals(js.executeScript(
                    "return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')"
                            + ".every(c => typeof c.input_prompt_number === 'number') && !Jupyter.notebook.kernel_busy")));

            Path shot = Path.of("target/browser/00-setup.png");
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

            List<WebElement> errors = browser.findElements(By.cssSelector(".output_error"));
            assertEquals(0, errors.size(), "no cell failed: " + (errors.isEmpty() ? "" : errors.get(0).getText()));
            String page = browser.findElement(By.id("notebook-container")).getText();
            assertTrue(page.contains("VAE Lab kernel " + JavaKernel.VERSION), "the environment table is shown");
            assertTrue(page.contains("mean grey level of the first 1000 MNIST test images"), "the last cell's value is shown");
            assertTrue(page.contains("1000 of 1000 test images read"), "the progress line was updated in place");
            List<WebElement> images = browser.findElements(By.cssSelector(".output_png img"));
            assertTrue(images.size() >= 3, "two sample grids and a chart, got " + images.size() + " images");
            long chartWidth = (Long) js.executeScript(
                    "const imgs = document.querySelectorAll('.output_png img'); return imgs[imgs.length - 1].naturalWidth;");
            assertEquals(720, chartWidth, "the class-balance chart arrives whole, as a 720-pixel PNG");
        } finally {
            if (browser != null) {
                browser.quit();
            }
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * Labs 00–02 run in smoke mode as ./lab report runs them; the index shows lab 02's saved figures cell for
     * cell, says where they came from, says why every other lab has none, and every link on it resolves.
     */
    @Test
    void theReportIndexShowsEachLabsFiguresAndEveryLinkResolves() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path figures = tmp.resolve("figures");
        Path results = tmp.resolve("results");
        List<String> command = new ArrayList<>(List.of(JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(),
                "--out", figures.toString()));
        for (String lab : List.of("00-setup", "01-model-and-loss", "02-kingma-welling-vae")) {
            command.add(jupyter.home.resolve("notebooks/" + lab + ".ipynb").toString());
        }
        JupyterSandbox.Result run = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", results.toString()), 600,
                command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.both());
        assertTrue(run.stdout().contains("the index of the reports: " + figures.resolve("index.html")), run.stdout());

        ChromeDriver browser = startBrowser();
        try {
            browser.get(figures.resolve("index.html").toUri().toString());
            JavascriptExecutor js = browser;
            assertEquals("VAE Lab — reports", browser.getTitle());
            Path shot = Path.of("target/browser/index.png");
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

            // Lab 02's figures, cell for cell: what the page shows is what the lab saved.
            Table saved = LabResults.collect(results);
            assertTrue(saved.rowCount() >= 20, "lab 02 saved its table: " + saved.rowCount() + " figures");
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = (Map<String, Object>) js.executeScript("""
                    const cells = {};
                    for (const table of document.querySelectorAll('#lab-02 table.figures')) {
                      const metrics = [...table.querySelectorAll('thead th')].slice(1).map(th => th.textContent);
                      for (const row of table.querySelectorAll('tbody tr')) {
                        const model = row.querySelector('th').textContent;
                        row.querySelectorAll('td').forEach((td, i) => {
                          if (td.dataset.value !== undefined) cells[model + ' | ' + metrics[i]] = td.dataset.value;
                        });
                      }
                    }
                    return cells;""");
            assertEquals(saved.rowCount(), shown.size(), "every saved figure is on the page once: " + shown.keySet());
            for (int i = 0; i < saved.rowCount(); i++) {
                String key = saved.stringColumn("model").get(i) + " | " + saved.stringColumn("metric").get(i);
                assertTrue(shown.containsKey(key), "the page shows " + key);
                assertEquals(saved.doubleColumn("value").get(i), Double.parseDouble((String) shown.get(key)), 0.0, key);
            }
            String provenance = browser.findElement(By.cssSelector("#lab-02 .provenance")).getText();
            assertTrue(provenance.startsWith("figures: smoke mode on " + saved.stringColumn("device").get(0) + ", saved "), provenance);
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("Some figures below come from smoke mode"),
                    "smoke figures are called what they are");

            // Every other lab says why it has no figures here.
            String leftOut = browser.findElement(By.cssSelector("ul.left-out")).getText();
            assertTrue(leftOut.contains("00 — Setup check: it trains no model"), leftOut);
            assertTrue(leftOut.contains("01 — The generative model, the inference family and the loss: it trains no model"), leftOut);
            for (String lab : List.of("03", "04", "05", "06", "07", "08")) {
                assertTrue(leftOut.contains("not run yet: ./lab report " + lab + " runs it"), "lab " + lab + ": " + leftOut);
            }
            assertTrue(!leftOut.contains("02 —"), "lab 02 has its figures: " + leftOut);

            // Every link resolves: an anchor to a section of the page, a report to the page of that lab.
            @SuppressWarnings("unchecked")
            List<Map<String, String>> links = (List<Map<String, String>>) js.executeScript(
                    "return [...document.querySelectorAll('a[href]')].map(a => ({href: a.getAttribute('href'), url: a.href,"
                            + " lab: a.closest('section') ? a.closest('section').querySelector('h2').textContent : ''}));");
            List<String> reports = new ArrayList<>();
            for (Map<String, String> link : links) {
                String href = link.get("href");
                if (href.startsWith("#")) {
                    assertEquals(1L, js.executeScript("return document.querySelectorAll(arguments[0]).length;", href), "the anchor " + href);
                } else {
                    reports.add(href);
                }
            }
            assertEquals(List.of("00-setup.html", "01-model-and-loss.html", "02-kingma-welling-vae.html"), reports);
            for (Map<String, String> link : links) {
                if (!link.get("href").startsWith("#")) {
                    browser.get(link.get("url"));
                    String heading = (String) js.executeScript("const h = document.querySelector('h1'); return h ? h.firstChild.textContent : '';");
                    assertEquals(link.get("lab"), heading, link.get("href") + " opens the report of its lab");
                }
            }
        } finally {
            browser.quit();
        }
    }

    private ChromeDriver startBrowser() throws IOException {
        // Selenium warns that it has no DevTools bindings for this Chromium; WebDriver itself is all we use.
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,4200",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void waitForServer(String statusUrl, Process server, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the notebook server exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(statusUrl)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the notebook server did not answer in 60 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
