package org.vaelab.workbook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.kernel.JupyterSandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teacher's index (environment/report_index.py) on a reports folder in each state a real one can be in:
 * a lab whose run failed, figures older than their report, figures from another mode, a damaged results file,
 * a lab that saves nothing. The notebooks are the project's; the runs and figures are written here.
 */
class ReportIndexIT {
    private static final String HEADER = "lab,model,metric,value,mode,device\n";

    @TempDir
    Path tmp;

    @Test
    void eachLabWithoutCurrentFiguresSaysWhyAndTheOthersShowTheirs() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path out = Files.createDirectories(tmp.resolve("figures"));
        Path results = Files.createDirectories(tmp.resolve("results"));
        long started = 1_796_000_000L; // the runs' start, in seconds
        for (String report : new String[] {"01-model-and-loss", "02-kingma-welling-vae", "03-beta-vae-and-infovae",
                "04-centre-loss-and-mixture", "05-multiview-mnist-fashion", "07-mixing-encoders-and-decoders"}) {
            Files.writeString(out.resolve(report + ".html"), "<h1>" + report + "</h1>");
        }
        Files.writeString(out.resolve("runs.json"), """
                {"01-model-and-loss": {"status": "ok", "mode": "full", "started": %1$d, "seconds": 6.8},
                 "02-kingma-welling-vae": {"status": "ok", "mode": "full", "started": %1$d, "seconds": 301.2},
                 "03-beta-vae-and-infovae": {"status": "failed", "mode": "full", "started": %1$d, "seconds": 12.0,
                   "where": "cell 14 of 40", "error": "java.lang.IllegalStateException: the loss is NaN at epoch 3"},
                 "04-centre-loss-and-mixture": {"status": "ok", "mode": "full", "started": %1$d, "seconds": 200.0},
                 "05-multiview-mnist-fashion": {"status": "ok", "mode": "smoke", "started": %1$d, "seconds": 40.0},
                 "07-mixing-encoders-and-decoders": {"status": "ok", "mode": "full", "started": %1$d, "seconds": 90.0}}
                """.formatted(started));
        // 02: saved during its run. 03: from a run before the one that failed. 04: saved before its report's run.
        // 05: full-mode figures beside a smoke report. 07: damaged.
        write(results.resolve("02.csv"), HEADER + "02,z = 2,−ELBO,154.99,full,cpu() PyTorch\n02,z = 2,KL,5.63,full,cpu() PyTorch\n"
                + "02,784-400-20 ReLU recipe,test loss,105.5123,full,cpu() PyTorch\n", started + 290);
        write(results.resolve("03.csv"), HEADER + "03,β = 4,−ELBO,122.19,full,cpu() PyTorch\n", started - 86_400);
        write(results.resolve("04.csv"), HEADER + "04,VAE + mixture,classifier agrees,0.894,full,cpu() PyTorch\n", started - 3_600);
        write(results.resolve("05.csv"), HEADER + "05,mixture (MMVAE),joint coherence,0.307,full,gpu(0) PyTorch\n", started + 30);
        write(results.resolve("07.csv"), "lab,model,value\n07,swap,0.1\n", started + 60);

        JupyterSandbox.Result run = jupyter.run(Map.of("VAELAB_RESULTS", results.toString()), 60, JupyterSandbox.python(),
                jupyter.home.resolve("environment/report_index.py").toString(), "--out", out.toString(),
                "--notebooks", jupyter.home.resolve("notebooks").toString());
        assertEquals(0, run.exitCode(), run.both());
        String page = Files.readString(out.resolve("index.html"));

        String lab02 = section(page, "02");
        assertTrue(lab02.contains("figures: full mode on cpu() PyTorch, saved "), lab02);
        assertTrue(lab02.contains("<td data-value=\"154.99\">154.99</td>") && lab02.contains("<td data-value=\"105.5123\">105.51</td>"),
                "figures as saved, shown to two decimals: " + lab02);
        assertFalse(lab02.contains("class=\"note\""), "lab 02's figures are current: " + lab02);

        String lab03 = section(page, "03");
        assertTrue(lab03.contains("failed at cell 14 of 40: java.lang.IllegalStateException: the loss is NaN at epoch 3"), lab03);
        assertTrue(lab03.contains("href=\"03-beta-vae-and-infovae.html\"") && lab03.contains("122.19"),
                "the failed run's report, and the earlier figures: " + lab03);
        assertTrue(lab03.contains("the figures below come from an earlier run, saved "), lab03);
        assertTrue(section(page, "04").contains("before its report's run of"), section(page, "04"));
        assertTrue(section(page, "05").contains("its figures are from full mode, its report from smoke mode"), section(page, "05"));
        assertTrue(section(page, "05").contains("full mode on gpu(0) PyTorch"), "the device that measured them: " + section(page, "05"));
        assertTrue(section(page, "07").contains("its figures cannot be read: ") && section(page, "07").contains("07.csv")
                && section(page, "07").contains("rerun its lab"), section(page, "07"));
        assertTrue(section(page, "01").contains("it trains no model: it writes down the generative model"),
                "lab 01's reason comes from its notebook: " + section(page, "01"));
        assertTrue(section(page, "06").contains("not run yet: <code>./lab report 06</code>"), section(page, "06"));
        assertFalse(page.contains("smoke mode</b>"), "no figure here is from smoke mode, so no warning");

        String leftOut = page.substring(page.indexOf("<ul class=\"left-out\">"), page.indexOf("</ul>"));
        for (String lab : new String[] {"00", "01", "03", "06", "07", "08"}) {
            assertTrue(leftOut.contains("href=\"#lab-" + lab + "\""), "lab " + lab + " is listed as without current figures: " + leftOut);
        }
        for (String lab : new String[] {"02", "04", "05"}) {
            assertFalse(leftOut.contains("href=\"#lab-" + lab + "\""), "lab " + lab + " shows figures, with a note where due: " + leftOut);
        }
    }

    @Test
    void aDamagedRecordOfRunsIsKeptAsideAndNamed() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path out = Files.createDirectories(tmp.resolve("figures"));
        Files.writeString(out.resolve("runs.json"), "{\"02-kingma-welling-vae\": {\"status\": \"ok\", ");
        Files.writeString(out.resolve("02-kingma-welling-vae.html"), "<h1>02</h1>");
        JupyterSandbox.Result run = jupyter.run(Map.of("VAELAB_RESULTS", tmp.resolve("results").toString()), 60, JupyterSandbox.python(),
                jupyter.home.resolve("environment/report_index.py").toString(), "--out", out.toString(),
                "--notebooks", jupyter.home.resolve("notebooks").toString());
        assertEquals(0, run.exitCode(), run.both());
        assertEquals("{\"02-kingma-welling-vae\": {\"status\": \"ok\", ", Files.readString(out.resolve("runs.json.damaged")), "kept as it was");
        assertTrue(run.stderr().contains(out.resolve("runs.json") + " cannot be read") && run.stderr().contains("runs.json.damaged"),
                run.both());
        assertTrue(section(Files.readString(out.resolve("index.html")), "02").contains("href=\"02-kingma-welling-vae.html\""),
                "the index is still written, from the reports");
    }

    private static void write(Path file, String text, long modifiedSeconds) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedSeconds * 1000));
    }

    private static String section(String page, String lab) {
        int start = page.indexOf("<section class=\"lab\" id=\"lab-" + lab + "\">");
        assertTrue(start >= 0, "the index has a section for lab " + lab);
        return page.substring(start, page.indexOf("</section>", start));
    }
}
