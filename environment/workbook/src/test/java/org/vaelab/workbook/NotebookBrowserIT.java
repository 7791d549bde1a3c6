package org.vaelab.workbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.vaelab.kernel.JupyterSandbox;
import org.vaelab.report.LabResults;
import tech.tablesaw.api.Table;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A teacher's view, in Debian's headless Chromium: the index of the reports that ./lab report writes, its figures
 * and its links (screenshot: target/browser/index.png). A student's view, JupyterLab, is JupyterLabIT's.
 */
class NotebookBrowserIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    Path tmp;

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
}
