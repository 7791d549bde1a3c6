package org.vaelab.workbook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.kernel.JupyterSandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.workbook.ExecutedNotebooks.codeOutputs;
import static org.vaelab.workbook.ExecutedNotebooks.text;

/**
 * The teacher's index (environment/report_index.py) on a reports folder in each state a real one can be in:
 * a lab whose run failed, figures older than their report, figures from another mode, a damaged results file,
 * a lab that saves nothing. The notebooks are the project's; the runs and figures are written here. And a real
 * run of run_notebooks.py in which one lab fails: the later ones still run, and the index, lab 08 and the exit
 * name the failure.
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

        String failed = page.substring(page.indexOf("<div class=\"note failed\">"), page.indexOf("</div>"));
        assertTrue(failed.contains("1 lab failed in their last run") && failed.contains("href=\"#lab-03\"")
                && failed.contains("failed at cell 14 of 40: java.lang.IllegalStateException: the loss is NaN at epoch 3"),
                "the index opens with the lab that failed, its cell and its error: " + failed);
        int list = page.indexOf("<ul class=\"left-out\">");
        String leftOut = page.substring(list, page.indexOf("</ul>", list));
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

    @Test
    void aFailedLabLeavesTheLaterLabsRunAndIsNamedInTheIndexInLab08AndInTheExit() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path labs = Files.createDirectories(tmp.resolve("notebooks"));
        // The reports and the labs' figures in one folder, as lab 08 finds runs.json beside results.csv.
        Path out = Files.createDirectories(tmp.resolve("figures"));
        Path executed = tmp.resolve("executed");
        Path failing = notebook(labs.resolve("03-made-to-fail.ipynb"), "int fine = 1;",
                "throw new RuntimeException(\"made to fail\");", "fine + 1");
        Path passing = notebook(labs.resolve("04-runs-after.ipynb"), "String after = \"ran after the failure\";", "after");
        Path report = jupyter.home.resolve("notebooks/08-lab-report.ipynb");
        long dayBefore = System.currentTimeMillis() / 1000 - 86_400;
        write(out.resolve("03.csv"), HEADER + "03,β = 4,−ELBO,122.19,smoke,cpu() PyTorch\n", dayBefore); // an earlier run's figure

        JupyterSandbox.Result run = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", out.toString()), 600,
                JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out", out.toString(),
                "--executed", executed.toString(), failing.toString(), passing.toString(), report.toString());

        assertEquals(1, run.exitCode(), "a failed notebook fails the run, once every notebook has run: " + run.both());
        assertTrue(run.stderr().contains("FAILED " + failing + ", cell 3 of 4"), run.both());
        String last = run.stderr().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("1 notebook failed: 03-made-to-fail (cell 3 of 4: ") && last.contains("made to fail"),
                "the last line names the failed notebook, its cell and its error: " + run.both());
        assertTrue(run.stdout().contains("ok     " + passing) && run.stdout().contains("ok     " + report),
                "the notebooks after the failed one ran: " + run.both());

        JsonObject runs = JsonParser.parseString(Files.readString(out.resolve("runs.json"))).getAsJsonObject();
        assertEquals("failed", runs.getAsJsonObject("03-made-to-fail").get("status").getAsString(), runs.toString());
        assertEquals("cell 3 of 4", runs.getAsJsonObject("03-made-to-fail").get("where").getAsString(), runs.toString());
        assertEquals("ok", runs.getAsJsonObject("04-runs-after").get("status").getAsString(), runs.toString());
        assertEquals("ok", runs.getAsJsonObject("08-lab-report").get("status").getAsString(), runs.toString());
        assertTrue(Files.readString(out.resolve("03-made-to-fail.html")).contains("made to fail"), "the failed run's report shows the error");
        assertTrue(Files.readString(out.resolve("04-runs-after.html")).contains("ran after the failure"), "the next lab's report");
        assertTrue(Files.isRegularFile(out.resolve("results.csv")), "lab 08 wrote the table of every figure");

        String page = Files.readString(out.resolve("index.html"));
        String failed = page.substring(page.indexOf("<div class=\"note failed\" id=\"failed\">"));
        failed = failed.substring(0, failed.indexOf("</div>"));
        assertTrue(failed.contains("1 lab failed in this run") && failed.contains("href=\"#lab-03\"")
                && failed.contains("failed at cell 3 of 4: ") && failed.contains("made to fail"), failed);
        assertFalse(failed.contains("#lab-04") || failed.contains("#lab-08"), "only the lab that failed: " + failed);
        assertTrue(section(page, "03").contains("the figures below come from an earlier run"), section(page, "03"));
        assertTrue(section(page, "08").contains("href=\"08-lab-report.html\"") && section(page, "08").contains(" · ok, smoke mode"),
                section(page, "08"));

        // Lab 08 names the failed lab, its cell, its error, and that its figure is from an earlier run.
        List<JsonObject> lab08 = codeOutputs(executed.resolve("08-lab-report.ipynb"));
        assertTrue(text(lab08, "text/plain").contains("; failed in their last run: [03]"), text(lab08, "text/plain"));
        String table = text(lab08, "text/html");
        String failures = table.substring(table.indexOf("<caption>labs whose last run failed"));
        failures = failures.substring(0, failures.indexOf("</table>"));
        assertTrue(failures.contains("<td style=\"text-align: left;\">03</td>") && failures.contains("cell 3 of 4")
                && failures.contains("made to fail") && failures.contains("from an earlier run, saved "), failures);
    }

    /** A notebook of the VAE Lab kernel with one code cell per source, under a title. */
    private static Path notebook(Path file, String... sources) throws Exception {
        JsonArray cells = new JsonArray();
        cells.add(cell("markdown", "# " + file.getFileName()));
        for (String source : sources) {
            cells.add(cell("code", source));
        }
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", "vaelab-java");
        kernelspec.addProperty("display_name", "Java (VAE Lab)");
        kernelspec.addProperty("language", "java");
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec);
        JsonObject notebook = new JsonObject();
        notebook.add("cells", cells);
        notebook.add("metadata", metadata);
        notebook.addProperty("nbformat", 4);
        notebook.addProperty("nbformat_minor", 5);
        return Files.writeString(file, notebook.toString());
    }

    private static JsonObject cell(String type, String source) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", type);
        cell.addProperty("id", "c" + Integer.toHexString(source.hashCode()));
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", source);
        if (type.equals("code")) {
            cell.add("execution_count", null);
            cell.add("outputs", new JsonArray());
        }
        return cell;
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
