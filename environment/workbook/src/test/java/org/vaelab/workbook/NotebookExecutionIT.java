package org.vaelab.workbook;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.data.Datasets;
import org.vaelab.data.Idx;
import org.vaelab.kernel.JavaKernel;
import org.vaelab.kernel.JupyterSandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vaelab.workbook.ExecutedNotebooks.codeOutputs;
import static org.vaelab.workbook.ExecutedNotebooks.stderrOutputs;
import static org.vaelab.workbook.ExecutedNotebooks.data;
import static org.vaelab.workbook.ExecutedNotebooks.text;
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
        assertEquals(List.of(), stderrOutputs(executed), "no cell of lab 00 writes to standard error");
        String environment = text(outputs, "text/html");
        assertTrue(environment.contains("VAE Lab kernel " + JavaKernel.VERSION), environment);
        assertTrue(environment.contains("PyTorch"), "the default engine is PyTorch: " + environment);
        assertTrue(environment.contains(">smoke mode: a few batches"), "the mode reached the notebook: " + environment);
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
        // nbconvert writes the dash as a character or as an entity, depending on its version.
        assertTrue(html.contains("00 — Setup check") || html.contains("00 &#8212; Setup check"), "the report has the notebook's title");
        assertTrue(html.contains("data:image/png;base64,"), "the report embeds its images");
        assertTrue(html.contains("mathjax/MathJax.js?config=TeX-AMS_SVG"), "equations render with the bundled MathJax");
        assertTrue(Files.isRegularFile(figures.resolve("mathjax/MathJax.js")), "MathJax is copied beside the report");
        assertTrue(!html.contains("file://"), "the report refers to no file of this machine, so it can be handed out");
        assertTrue(html.contains(expected), "the report shows the computed value");
    }

    @Test
    void theLabsRunInSmokeModeAndShowTheirResults() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path executed = tmp.resolve("executed");
        Path results = tmp.resolve("results"); // this run's figures, not the working copy's
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", results.toString()), 1200,
                JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out",
                tmp.resolve("figures").toString(), "--executed", executed.toString(),
                jupyter.home.resolve("notebooks/01-model-and-loss.ipynb").toString(),
                jupyter.home.resolve("notebooks/02-kingma-welling-vae.ipynb").toString(),
                jupyter.home.resolve("notebooks/03-beta-vae-and-infovae.ipynb").toString(),
                jupyter.home.resolve("notebooks/04-centre-loss-and-mixture.ipynb").toString(),
                jupyter.home.resolve("notebooks/05-multiview-mnist-fashion.ipynb").toString(),
                jupyter.home.resolve("notebooks/08-lab-report.ipynb").toString());
        assertEquals(0, result.exitCode(), result.both());

        assertEquals(List.of(), stderrOutputs(executed), "no cell of these labs writes to standard error (library warnings go to the kernel's log)");
        String lab01 = text(codeOutputs(executed.resolve("01-model-and-loss.ipynb")), "text/html");
        for (String check : List.of("ELBO ≤ log p(x)", "closed form", "sample variance", "softplus", "product-of-experts formula")) {
            assertTrue(lab01.contains(check), "lab 01 shows its check '" + check + "'");
        }
        List<JsonObject> lab02 = codeOutputs(executed.resolve("02-kingma-welling-vae.ipynb"));
        long images = lab02.stream().filter(o -> data(o).has("image/png")).count();
        assertEquals(9, images, "the written-out VAE's step losses and reconstructions, then the four latent sizes' test losses, reconstructions, manifold, scatter, loss curves, "
                + "the two runs' test losses and samples as images");
        String lab02Text = text(lab02, "text/plain");
        assertTrue(lab02Text.contains("Exercise 02.1 passed"), "the VAE written out agrees with the library's, gradients included");
        java.util.regex.Matcher agreement = java.util.regex.Pattern.compile(
                "256 test images, the same noise: −ELBO ([0-9.]+) nats written out, ([0-9.]+) by the library; relative difference ([0-9.e+-]+)")
                .matcher(lab02Text);
        assertTrue(agreement.find(), "lab 02 compares the VAE written out with the library's: " + lab02Text);
        assertTrue(Double.parseDouble(agreement.group(3)) <= 1e-5 && Double.parseDouble(agreement.group(1)) > 100, agreement.group());
        assertTrue(java.util.regex.Pattern.compile("one epoch, 32 steps in [0-9.]+ s: −ELBO [0-9.]+ nats per image on the first batch").matcher(lab02Text).find(),
                "the written-out VAE trains for one epoch (32 batches of the smoke mode's 4,096 images)");
        assertTrue(text(lab02, "text/html").contains("IWAE bound, k=5"), "the ELBO and IWAE table");
        assertTrue(text(lab02, "text/plain").contains("784-400-20 ReLU VAE, the recipe: test loss"), "the recipe's test loss is printed");
        assertTrue(text(lab02, "text/plain").contains("784-400-20 ReLU VAE, cosine decay from 3e-3: test loss"),
                "the decayed run's test loss is printed");
        assertTrue(lab02.stream().noneMatch(o -> "error".equals(o.get("output_type").getAsString())), "no cell failed");

        String lab03 = text(codeOutputs(executed.resolve("03-beta-vae-and-infovae.ipynb")), "text/html");
        for (String model : List.of("β = 0.5", "β = 1 (VAE)", "β = 4", "β = 8", "MMD-VAE (InfoVAE α=1) λ=100")) {
            assertTrue(lab03.contains(model), "lab 03's table has " + model);
        }
        List<JsonObject> lab04 = codeOutputs(executed.resolve("04-centre-loss-and-mixture.ipynb"));
        assertTrue(text(lab04, "text/plain").contains("digit classifier:"), "lab 04 reports the judge's accuracy");
        String judged = text(lab04, "text/html");
        assertTrue(judged.contains("VAE + mixture") && judged.contains("centre loss + mixture") && judged.contains("classifier agrees"),
                "lab 04's judged table compares both models");
        List<JsonObject> lab05 = codeOutputs(executed.resolve("05-multiview-mnist-fashion.ipynb"));
        String coherence = text(lab05, "text/html");
        for (String column : List.of("MNIST → Fashion-MNIST", "Fashion-MNIST → MNIST", "joint coherence", "joint coherence (fitted mixture)",
                "linear probe", "product (MVAE)", "mixture (MMVAE)", "mixture of products (MoPoE)", "mixture, private latents (MMVAE+)",
                "mixture (MMVAE), Laplace views")) {
            assertTrue(coherence.contains(column), "lab 05's table shows " + column);
        }
        assertTrue(coherence.contains("real test pairs") && coherence.contains("source read by its judge, then a real image of that label"),
                "lab 05 scores the real pairs, and the read-then-draw bound, beside the models");
        assertEquals(5, lab05.stream().filter(o -> data(o).has("image/png")).count(),
                "the loss panels, cross-generation, two prior-sample pictures and the t-SNE scatter");

        // Lab 08 gathers what labs 02-05 saved (06 and 07 run in the test below) and writes figures/results.csv.
        String report = text(codeOutputs(executed.resolve("08-lab-report.ipynb")), "text/plain");
        assertTrue(report.contains("not run yet (or without their data): [06, 07]"), report);
        List<String> csv = Files.readAllLines(results.resolve("results.csv"));
        assertEquals("lab,model,metric,value,mode", csv.get(0));
        for (String row : List.of("02,z = 2,\"IWAE bound, k=5\"", "02,784-400-20 ReLU recipe,samples per second",
                "02,\"784-400-20 ReLU, cosine decay from 3e-3\",test loss", "05,mixture (MMVAE),linear probe",
                "05,real test pairs,joint coherence", "05,mixture (MMVAE),joint coherence (fitted mixture)")) {
            assertTrue(csv.stream().anyMatch(line -> line.startsWith(row)), "results.csv has a row " + row + ": " + csv);
        }
        assertTrue(csv.stream().skip(1).allMatch(line -> line.endsWith(",smoke")), "every row says its mode");
    }

    /**
     * Labs 06 and 07 where SVHN is not here, as on every machine that cannot fetch it: on the synthetic
     * street digits, named as such everywhere, and lab 07 on real CIFAR-10 as well.
     */
    @Test
    void theStreetDigitAndCifarLabsRunOnSyntheticDigitsAndRealCifar10() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path executed = Files.createDirectories(Path.of("target/notebooks").toAbsolutePath()); // kept, to look at after the build
        Path results = tmp.resolve("results");
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", results.toString()), 1200,
                JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out", executed.toString(),
                "--executed", executed.toString(), jupyter.home.resolve("notebooks/06-multiview-mnist-svhn.ipynb").toString(),
                jupyter.home.resolve("notebooks/07-mixing-encoders-and-decoders.ipynb").toString());
        assertEquals(0, result.exitCode(), result.both());

        String synthetic = "synthetic street digits (not SVHN)";
        assertEquals(List.of(), stderrOutputs(executed), "no cell of labs 06 and 07 writes to standard error");
        List<JsonObject> lab06 = codeOutputs(executed.resolve("06-multiview-mnist-svhn.ipynb"));
        String plain = text(lab06, "text/plain");
        assertTrue(plain.contains(synthetic + ": 73257 train images, 1000 of its test images used"), "the set is named: " + plain);
        assertTrue(plain.contains("mv-product-mlp-784-400-20-relu-bernoulli+conv-3072-256-20-relu-gaussian")
                && plain.contains("mv-product-mlp-784-400-20-relu-bernoulli+conv-3072-256-20-relu-gaussian_optimal_sigma"),
                "lab 05's MNIST view, a convolutional street view, first with σ = 1, then with σ fitted, latent 20: " + plain);
        assertTrue(plain.contains("σ = 1: the street encoder alone keeps") && plain.contains("σ fitted: the street encoder alone keeps"),
                "the collapse, then its fix, measured: " + plain);
        assertTrue(plain.contains("smoke mode: a few batches"), "the notebook states its mode: " + plain);
        String tables = text(lab06, "text/html");
        for (String column : List.of("MNIST → " + synthetic, synthetic + " → MNIST", "joint coherence", "joint coherence (fitted mixture)",
                "linear probe", "product (MVAE)", "mixture (MMVAE)", "mixture of products (MoPoE)", "mixture, private latents (MMVAE+)",
                "Shi et al. 2019", "real test pairs", "source read by its judge, then a real image of that label")) {
            assertTrue(tables.contains(column), "lab 06's tables show " + column);
        }
        // pairs shown, σ = 1 (spread, reconstructions), after epoch 1 (3 pictures), after the last epoch (spread and 3),
        // t-SNE, the four models' loss panels and cross-generation
        assertEquals(13, lab06.stream().filter(o -> data(o).has("image/png")).count(), "lab 06's pictures");

        List<JsonObject> lab07 = codeOutputs(executed.resolve("07-mixing-encoders-and-decoders.ipynb"));
        String said = text(lab07, "text/plain");
        assertTrue(said.contains("the class survives the swap MNIST → Fashion-MNIST in"), "lab 07 measures the swap");
        assertTrue(said.contains(synthetic + ": 73257 train and 1000 test images; its judge"), said);
        assertTrue(said.contains("CIFAR-10 judge: ") && said.contains("bits per dimension") && said.contains("a linear probe of its codes"),
                "the CIFAR-10 judge and VAE: " + said);
        String swaps = text(lab07, "text/html");
        for (String row : List.of("pairs N", "class survival with " + synthetic, "MNIST enc → " + synthetic + " dec",
                synthetic + " enc → MNIST dec", "class survival with CIFAR-10", "MNIST enc → CIFAR-10 dec", "CIFAR-10 enc → MNIST dec")) {
            assertTrue(swaps.contains(row), "lab 07's tables show " + row);
        }
        // The two VAEs' loss panels; Fashion: swap, fine-tuned decoders, curve; street digits: decoders; the two
        // convolutional VAEs' loss panels; CIFAR-10: reconstructions, prior samples, fine-tuned decoders, the two-view
        // model's cross-generation, the curve.
        assertEquals(11, lab07.stream().filter(o -> data(o).has("image/png")).count(), "lab 07's pictures");
        List<String> csv = new ArrayList<>(Files.readAllLines(results.resolve("06.csv")));
        csv.addAll(Files.readAllLines(results.resolve("07.csv")));
        for (String row : List.of("07,lab 05 MMVAE (aligned),MNIST → Fashion-MNIST", "07,MMVAE on MNIST–CIFAR-10 pairs,MNIST → CIFAR-10",
                "07,CIFAR-10 conv VAE,bits per dimension", "07,CIFAR-10 judge,test accuracy", "06,mixture (MMVAE),linear probe")) {
            assertTrue(csv.stream().anyMatch(line -> line.startsWith(row)), "results.csv has a row " + row + ": " + csv);
        }
    }

    /** The selectable engine: training, the multi-view models and the judges on a cell's thread, on MXNet. */
    @Test
    void theLabsRunOnTheMxnetEngine() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp, Map.of("VAELAB_ENGINE", "MXNet"));
        Path executed = tmp.resolve("executed-mxnet");
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", tmp.resolve("results-mxnet").toString()),
                900, JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(), "--out",
                tmp.resolve("figures-mxnet").toString(), "--executed", executed.toString(),
                jupyter.home.resolve("notebooks/02-kingma-welling-vae.ipynb").toString(),
                jupyter.home.resolve("notebooks/05-multiview-mnist-fashion.ipynb").toString());
        assertEquals(0, result.exitCode(), result.both());
        List<JsonObject> lab02 = codeOutputs(executed.resolve("02-kingma-welling-vae.ipynb"));
        assertTrue(text(lab02, "text/plain").contains("with MXNet"), "lab 02 says it trains with MXNet: " + text(lab02, "text/plain"));
        List<JsonObject> lab05 = codeOutputs(executed.resolve("05-multiview-mnist-fashion.ipynb"));
        assertTrue(text(lab05, "text/html").contains("joint coherence"), "lab 05's coherence table on MXNet");
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
        String index = Files.readString(tmp.resolve("out/index.html"));
        assertTrue(index.contains("failed at cell 3 of 4: ") && index.contains("the loss is NaN") && index.contains("href=\"broken.html\""),
                "the index of the reports says where the run failed, and links its report: " + index);
        assertTrue(result.stderr().contains("the index of the reports: " + tmp.resolve("out/index.html")), result.both());
    }
}
