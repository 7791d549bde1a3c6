package org.vaelab.workbook;

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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JupyterLab 4 in Debian's headless Chromium, as the browser tests drive it: open a notebook, use the menus, wait for
 * the kernel and for Run All to end, read the outputs, add and run cells, take screenshots (target/browser/NAME.png).
 */
final class JupyterLabPage implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** The notebook in front, in JavaScript. */
    static final String CURRENT = "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')";

    final ChromeDriver browser;
    final JavascriptExecutor js;
    private final String base;
    private final String token;

    /** A browser (its profile in {@code tmp}) on the JupyterLab at {@code base} ("http://127.0.0.1:8888") with {@code token}. */
    JupyterLabPage(String base, String token, Path tmp) throws IOException {
        this.base = base;
        this.token = token;
        this.browser = startBrowser(tmp);
        this.js = browser;
    }

    @Override
    public void close() {
        browser.quit();
    }

    /**
     * JupyterLab's user settings for a test, in {@code dir}: every cell in the page (no windowing, so that the test
     * sees them all) and no news pop-up.
     */
    static void writeSettings(Path dir) throws IOException {
        Path settings = Files.createDirectories(dir.resolve("@jupyterlab/notebook-extension"));
        Files.writeString(settings.resolve("tracker.jupyterlab-settings"), "{\"windowingMode\": \"none\"}");
        Path news = Files.createDirectories(dir.resolve("@jupyterlab/apputils-extension"));
        Files.writeString(news.resolve("notification.jupyterlab-settings"), "{\"fetchNews\": \"false\"}");
    }

    /** Waits until the JupyterLab at {@code base} answers, failing with {@code log} if {@code server} ends first. */
    static void waitForServer(String base, String token, Process server, Path log, int seconds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "JupyterLab exited:\n" + Files.readString(log));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/status?token=" + token))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("JupyterLab did not answer in " + seconds + " s:\n" + Files.readString(log));
    }

    void open(String path) {
        browser.get(base + "/lab/workspaces/w" + UUID.randomUUID().toString().substring(0, 8) + "/tree/" + path + "?token=" + token);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "const p = " + CURRENT + "; return !!p && p.querySelectorAll('.jp-Cell').length > 0;")));
    }

    WebElement visible(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }

    /** Waits until the notebook names our kernel in its toolbar (cells run before it has started wait for it). */
    void waitForKernel() {
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "const k = " + CURRENT + ".querySelector('.jp-KernelName'); return !!k && k.innerText.trim() === 'Java (VAE Lab)';")));
    }

    void menu(String title, String command) {
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
    List<String> prompts() {
        return (List<String>) js.executeScript("const n = " + CURRENT + "; return n ? [...n.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                + ".map(p => p.innerText.trim()) : [];");
    }

    void waitUntilAllRan(int seconds) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            List<String> prompts = prompts();
            return !prompts.isEmpty() && prompts.stream().allMatch(p -> p.matches("\\[\\d+\\]:"));
        });
    }

    String text() {
        return (String) js.executeScript("const p = " + CURRENT + "; return p ? p.querySelector('.jp-Notebook').innerText : '';");
    }

    int count(String outputSelector) {
        return ((Long) js.executeScript("const p = " + CURRENT + "; return p ? p.querySelectorAll('.jp-OutputArea-output " + outputSelector
                + "').length : -1;")).intValue();
    }

    String lastCellText() {
        return (String) js.executeScript("const cells = " + CURRENT + ".querySelectorAll('.jp-CodeCell');"
                + "return [...cells[cells.length - 1].querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n');");
    }

    /** Pictures and HTML tables on the page, no error or standard-error output, and no object printed by its class name. */
    void assertOutputsArePictures(String what, int images, int tables) {
        assertTrue(count("img") >= images, what + ": at least " + images + " pictures, got " + count("img"));
        assertTrue(count("table") >= tables, what + ": at least " + tables + " HTML tables, got " + count("table"));
        assertEquals(0, count("[data-mime-type=\"application/vnd.jupyter.stderr\"]"), what + ": no standard-error or error output");
        assertFalse(text().matches("(?s).*\\b(XYChart|BufferedImage|Table)@[0-9a-f]+.*"), what + ": no object shown as Class@hash");
    }

    /** A new code cell after the last, holding {@code source}, in edit mode. */
    void appendCell(String source) {
        js.executeScript("const cells = " + CURRENT + ".querySelectorAll('.jp-Cell'); cells[cells.length - 1].scrollIntoView();");
        List<WebElement> cells = browser.findElements(By.cssSelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell"));
        cells.get(cells.size() - 1).findElement(By.cssSelector(".jp-InputPrompt, .jp-Cell-inputCollapser")).click();
        new Actions(browser).sendKeys(Keys.ESCAPE).sendKeys("b").sendKeys(Keys.ENTER).sendKeys(source).perform();
    }

    void appendCellAndRun(String source) {
        appendCell(source);
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    }

    void shot(String name) throws IOException {
        Path shot = Path.of("target/browser/" + name + ".png");
        Files.createDirectories(shot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    private static ChromeDriver startBrowser(Path tmp) throws IOException {
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
