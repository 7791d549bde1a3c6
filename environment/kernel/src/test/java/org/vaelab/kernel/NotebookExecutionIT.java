package org.vaelab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.data.Datasets;
import org.vaelab.data.Idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real Jupyter executes the notebooks through the kernel, as ./lab report does, and exports HTML. */
class NotebookExecutionIT {
    @TempDir
    Path tmp;

    @Test
    void setupNotebookRunsAndItsReportShowsTheData() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path figures = tmp.resolve("figures");
        Path executed = tmp.resolve("executed");
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke"), 600, JupyterSandbox.python(),
                jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out", figures.toString(),
                "--executed", executed.toString(), jupyter.home.resolve("notebooks/00-setup.ipynb").toString());
        assertEquals(0, result.exitCode(), result.both());

        List<JsonObject> outputs = codeOutputs(executed.resolve("00-setup.ipynb"));
        String environment = text(outputs, "text/html");
        assertTrue(environment.contains("VAE Lab kernel " + JavaKernel.VERSION), environment);
        assertTrue(environment.contains("MXNet"), "the default engine is MXNet: " + environment);
        assertTrue(environment.contains(">smoke<"), "the mode reached the notebook: " + environment);
        assertTrue(text(outputs, "text/html").contains("mnist/train-images-idx3-ubyte.gz"), "the dataset table is shown");
        long images = outputs.stream().filter(o -> data(o).has("image/png")).count();
        assertTrue(images >= 3, "two sample grids and a chart as image/png, got " + images);

        // The notebook's last number, recomputed here from the same file.
        Path testImages = Path.of(jupyter.env.get("VAELAB_DATA")).resolve(Datasets.MNIST.get(2).relativePath());
        long ink = 0;
        for (byte[] image : Idx.readImages(testImages, 1000)) {
            for (byte pixel : image) {
                ink += pixel & 0xff;
            }
        }
        String expected = String.format("mean grey level of the first 1000 MNIST test images: %.2f of 255", ink / (1000 * 784.0));
        assertTrue(text(outputs, "text/plain").contains(expected), "expected '" + expected + "' in " + text(outputs, "text/plain"));

        String html = Files.readString(figures.resolve("00-setup.html"));
        assertTrue(html.contains("00 &#8212; Setup check"), "the report has the notebook's title");
        assertTrue(html.contains("data:image/png;base64,"), "the report embeds its images");
        assertTrue(html.contains("mathjax/MathJax.js?config=TeX-AMS_SVG"), "equations render with the bundled MathJax");
        assertTrue(Files.isRegularFile(figures.resolve("mathjax/MathJax.js")), "MathJax is copied beside the report");
        assertTrue(html.contains(expected), "the report shows the computed value");
    }

    @Test
    void theLabsRunInSmokeModeAndShowTheirResults() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path executed = tmp.resolve("executed");
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke"), 900, JupyterSandbox.python(),
                jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out", tmp.resolve("figures").toString(),
                "--executed", executed.toString(),
                jupyter.home.resolve("notebooks/01-model-and-loss.ipynb").toString(),
                jupyter.home.resolve("notebooks/02-kingma-welling-vae.ipynb").toString(),
                jupyter.home.resolve("notebooks/03-beta-vae-and-infovae.ipynb").toString(),
                jupyter.home.resolve("notebooks/04-centre-loss-and-mixture.ipynb").toString(),
                jupyter.home.resolve("notebooks/05-multiview-mnist-fashion.ipynb").toString());
        assertEquals(0, result.exitCode(), result.both());

        String lab01 = text(codeOutputs(executed.resolve("01-model-and-loss.ipynb")), "text/html");
        for (String check : List.of("ELBO ≤ log p(x)", "closed form", "sample variance", "softplus", "product-of-experts formula")) {
            assertTrue(lab01.contains(check), "lab 01 shows its check '" + check + "'");
        }
        List<JsonObject> lab02 = codeOutputs(executed.resolve("02-kingma-welling-vae.ipynb"));
        long images = lab02.stream().filter(o -> data(o).has("image/png")).count();
        assertEquals(5, images, "reconstructions, manifold, scatter, loss curves and samples as images");
        assertTrue(text(lab02, "text/html").contains("IWAE bound, k=5"), "the ELBO and IWAE table");
        assertTrue(text(lab02, "text/plain").contains("784-400-20 ReLU VAE: test loss"), "the recipe's test loss is printed");
        assertTrue(lab02.stream().noneMatch(o -> "error".equals(o.get("output_type").getAsString())), "no cell failed");

        String lab03 = text(codeOutputs(executed.resolve("03-beta-vae-and-infovae.ipynb")), "text/html");
        for (String model : List.of("β = 0.5", "β = 1 (VAE)", "β = 4", "β = 8", "InfoVAE α=0 λ=500")) {
            assertTrue(lab03.contains(model), "lab 03's table has " + model);
        }
        List<JsonObject> lab04 = codeOutputs(executed.resolve("04-centre-loss-and-mixture.ipynb"));
        assertTrue(text(lab04, "text/plain").contains("digit classifier:"), "lab 04 reports the judge's accuracy");
        String judged = text(lab04, "text/html");
        assertTrue(judged.contains("VAE + mixture") && judged.contains("centre loss + mixture") && judged.contains("classifier agrees"),
                "lab 04's judged table compares both models");
        List<JsonObject> lab05 = codeOutputs(executed.resolve("05-multiview-mnist-fashion.ipynb"));
        String coherence = text(lab05, "text/html");
        for (String column : List.of("MNIST → Fashion-MNIST", "Fashion-MNIST → MNIST", "joint coherence", "linear probe",
                "product (MVAE)", "mixture (MMVAE)", "mixture of products (MoPoE)")) {
            assertTrue(coherence.contains(column), "lab 05's table shows " + column);
        }
        assertEquals(4, lab05.stream().filter(o -> data(o).has("image/png")).count(),
                "cross-generation, two prior-sample pictures and the t-SNE scatter");
    }

    @Test
    void aFailingCellFailsTheRunAndIsNamed() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path notebook = tmp.resolve("broken.ipynb");
        Files.writeString(notebook, """
                {"cells": [
                  {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": ["# broken"]},
                  {"cell_type": "code", "id": "a2", "metadata": {}, "execution_count": null, "outputs": [], "source": ["int fine = 1;"]},
                  {"cell_type": "code", "id": "a3", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": ["throw new IllegalStateException(\\"the loss is NaN\\");"]},
                  {"cell_type": "code", "id": "a4", "metadata": {}, "execution_count": null, "outputs": [], "source": ["2 + 2"]}
                 ],
                 "metadata": {"kernelspec": {"name": "vaelab-java", "display_name": "Java (VAE Lab)", "language": "java"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """);
        JupyterSandbox.Result result = jupyter.run(Map.of(), 300, JupyterSandbox.python(),
                jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out", tmp.resolve("out").toString(),
                notebook.toString());
        assertEquals(1, result.exitCode(), result.both());
        assertTrue(result.stderr().contains("FAILED " + notebook + ", cell 3 of 4"), result.both());
        assertTrue(result.stderr().contains("the loss is NaN"), result.both());
        assertTrue(Files.readString(tmp.resolve("out/broken.html")).contains("IllegalStateException"),
                "the report of the failed run shows the error");
    }

    private static List<JsonObject> codeOutputs(Path notebook) throws Exception {
        List<JsonObject> outputs = new ArrayList<>();
        for (JsonElement cell : JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells")) {
            JsonArray cellOutputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (cellOutputs != null) {
                cellOutputs.forEach(o -> outputs.add(o.getAsJsonObject()));
            }
        }
        return outputs;
    }

    private static JsonObject data(JsonObject output) {
        return output.has("data") ? output.getAsJsonObject("data") : new JsonObject();
    }

    /** Every output's text of one MIME type, joined. */
    private static String text(List<JsonObject> outputs, String mime) {
        StringBuilder all = new StringBuilder();
        for (JsonObject output : outputs) {
            JsonElement value = data(output).get(mime);
            if (value == null) {
                continue;
            }
            if (value.isJsonArray()) {
                value.getAsJsonArray().forEach(line -> all.append(line.getAsString()));
            } else {
                all.append(value.getAsString());
            }
            all.append('\n');
        }
        return all.toString();
    }
}
