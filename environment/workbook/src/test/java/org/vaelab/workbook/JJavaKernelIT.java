package org.vaelab.workbook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.kernel.JupyterSandbox;
import org.vaelab.kernel.KernelSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.workbook.ExecutedNotebooks.codeOutputs;
import static org.vaelab.workbook.ExecutedNotebooks.data;
import static org.vaelab.workbook.ExecutedNotebooks.text;

/**
 * The notebooks under JJava, the maintained successor of IJava, built from its source
 * ({@code ../shared/kernels/jjava}): they must show what they show under the workbook's own kernel, pictures
 * and tables included, with live progress and without a warning in their first cell.
 */
class JJavaKernelIT {
    static final String JJAVA = "jjava";
    static final List<String> LABS = List.of("01-model-and-loss", "02-kingma-welling-vae", "05-multiview-mnist-fashion",
            "07-mixing-encoders-and-decoders");
    /** What Object.toString() writes for a class without its own: a class name, '@', a hash in hex. */
    static final Pattern OBJECT_STRING = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\.[\\w$]+)*@[0-9a-f]{5,8}\\b");

    @TempDir
    Path tmp;

    @Test
    void theLabsShowAsManyPicturesAndTablesUnderJJavaAsUnderTheWorkbooksKernel() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        installJJava(jupyter);
        List<String> notebooks = LABS.stream().map(lab -> jupyter.home.resolve("notebooks/" + lab + ".ipynb").toString()).toList();
        Path ours = run(jupyter, KernelSpec.NAME, notebooks);
        Path theirs = run(jupyter, JJAVA, notebooks);

        StringBuilder counts = new StringBuilder("lab | images (VAE Lab kernel, JJava) | HTML tables (VAE Lab kernel, JJava)\n");
        for (String lab : LABS) {
            List<JsonObject> mine = codeOutputs(ours.resolve(lab + ".ipynb"));
            List<JsonObject> jjava = codeOutputs(theirs.resolve(lab + ".ipynb"));
            long images = count(mine, "image/png");
            long tables = count(mine, "text/html");
            counts.append(lab).append(" | ").append(images).append(", ").append(count(jjava, "image/png"))
                    .append(" | ").append(tables).append(", ").append(count(jjava, "text/html")).append('\n');
            assertEquals(images, count(jjava, "image/png"), lab + ": pictures under JJava as under the workbook's kernel");
            assertEquals(tables, count(jjava, "text/html"), lab + ": HTML tables under JJava as under the workbook's kernel");
            assertEquals(List.of(), objectStrings(jjava), lab + ": an object printed where its picture or table belongs");
            assertTrue(jjava.stream().noneMatch(o -> "error".equals(o.get("output_type").getAsString())), lab + ": no cell failed");
            assertEquals(List.of(), firstCellOutputs(theirs.resolve(lab + ".ipynb")), lab + ": the first cell says nothing under JJava");
            // The teacher's edition: every exercise's check passes under JJava, as under the workbook's kernel.
            List<String> checks = checks(mine);
            assertTrue(checks.size() >= 2, lab + " has its exercises: " + checks);
            assertTrue(checks.stream().allMatch(c -> c.endsWith(" passed")), lab + ", the workbook's kernel: " + checks);
            assertEquals(checks, checks(jjava), lab + ": the same checks pass under JJava");
        }
        System.out.print(counts);
        assertTrue(count(codeOutputs(theirs.resolve("02-kingma-welling-vae.ipynb")), "image/png") >= 6, counts.toString());
    }

    /** Each exercise check's verdict, "Exercise NN.N passed" (or failed, or not done yet), in order. */
    private static List<String> checks(List<JsonObject> outputs) {
        List<String> checks = new ArrayList<>();
        Matcher verdict = ExercisesIT.CHECK.matcher(text(outputs, "text/plain"));
        while (verdict.find()) {
            checks.add(verdict.group(0));
        }
        return checks;
    }

    /** A cell that shows a line and rewrites it, as training progress does, under JJava and not in a headless report run. */
    @Test
    void progressLinesUpdateInPlaceUnderJJava() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        installJJava(jupyter);
        Path notebook = tmp.resolve("progress.ipynb");
        Files.writeString(notebook, """
                {"cells": [
                  {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": null, "outputs": [], "source": ["%load vaelab.jsh"]},
                  {"cell_type": "code", "id": "c2", "metadata": {}, "execution_count": null, "outputs": [],
                   "source": ["String id = LiveOutput.show(\\"epoch 1 of 2\\");\\nLiveOutput.update(id, \\"epoch 2 of 2\\");\\nNotebookKernel.name()"]}
                 ],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        Path executed = tmp.resolve("progress-executed.ipynb");
        JupyterSandbox.Result result = jupyter.run(Map.of(), 300, JupyterSandbox.python(), "-c", """
                import sys, nbformat
                from nbclient import NotebookClient
                nb = nbformat.read(sys.argv[1], as_version=4)
                NotebookClient(nb, kernel_name=sys.argv[3], timeout=240, resources={"metadata": {"path": sys.argv[4]}}).execute()
                nbformat.write(nb, sys.argv[2])
                """, notebook.toString(), executed.toString(), JJAVA, jupyter.home.resolve("notebooks").toString());
        assertEquals(0, result.exitCode(), result.both());
        List<JsonObject> outputs = codeOutputs(executed);
        String plain = text(outputs, "text/plain");
        assertTrue(plain.contains("epoch 2 of 2"), "the line was rewritten: " + plain);
        assertTrue(!plain.contains("epoch 1 of 2"), "in place, not as a second line: " + plain);
        assertTrue(plain.contains("JJava"), "the workbook found JJava: " + plain);
    }

    /** The JJava kernel spec beside the sandbox's own, with the JVM options and environment of the workbook's kernel. */
    static void installJJava(JupyterSandbox jupyter) throws Exception {
        Path source = jupyter.home.resolve("../shared/kernels/jjava").normalize();
        assertTrue(Files.isRegularFile(source.resolve("jjava.jar")), "JJava's kernel is missing: " + source
                + " (../shared/kernels/jjava, built from JJava's source as its README says)");
        Path kernels = Path.of(jupyter.env.get("JUPYTER_PATH"), "kernels");
        JsonObject ours = JsonParser.parseString(Files.readString(kernels.resolve(KernelSpec.NAME).resolve("kernel.json"))).getAsJsonObject();
        JsonObject spec = JsonParser.parseString(Files.readString(source.resolve("kernel.json"))).getAsJsonObject();
        Path target = Files.createDirectories(kernels.resolve(JJAVA));
        for (String jar : List.of("jjava.jar", "jjava-launcher.jar")) {
            Files.copy(source.resolve(jar), target.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> options = new ArrayList<>();
        JsonArray argv = ours.getAsJsonArray("argv");
        for (JsonElement arg : argv) {
            String a = arg.getAsString();
            if (a.startsWith("-X") || a.startsWith("-D")) {
                options.add(a);
            }
        }
        spec.getAsJsonArray("argv").set(0, argv.get(0)); // the same java
        JsonObject env = ours.getAsJsonObject("env").deepCopy();
        env.addProperty("JJAVA_JVM_OPTS", String.join(" ", options));
        spec.add("env", env);
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        Files.writeString(target.resolve("kernel.json"), gson.toJson(spec));
    }

    private Path run(JupyterSandbox jupyter, String kernel, List<String> notebooks) throws Exception {
        Path executed = tmp.resolve("executed-" + kernel);
        List<String> command = new ArrayList<>(List.of(JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(),
                "--kernel", kernel, "--out", tmp.resolve("figures-" + kernel).toString(), "--executed", executed.toString()));
        command.addAll(notebooks);
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", tmp.resolve("results-" + kernel).toString()),
                1200, command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), kernel + ": " + result.both());
        return executed;
    }

    private static long count(List<JsonObject> outputs, String mime) {
        return outputs.stream().filter(o -> data(o).has(mime)).count();
    }

    /** Object strings in outputs that are text alone (an image's own plain-text alternative is left alone). */
    static List<String> objectStrings(List<JsonObject> outputs) {
        List<String> found = new ArrayList<>();
        for (JsonObject output : outputs) {
            if (data(output).has("image/png") || data(output).has("text/html")) {
                continue;
            }
            String plain = output.has("text") ? joined(output.get("text")) : text(List.of(output), "text/plain");
            Matcher m = OBJECT_STRING.matcher(plain);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    private static List<String> firstCellOutputs(Path notebook) throws Exception {
        JsonArray cells = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells");
        for (JsonElement cell : cells) {
            JsonObject c = cell.getAsJsonObject();
            if ("code".equals(c.get("cell_type").getAsString())) {
                List<String> said = new ArrayList<>();
                c.getAsJsonArray("outputs").forEach(o -> said.add(o.toString()));
                return said;
            }
        }
        return List.of();
    }

    private static String joined(JsonElement text) {
        if (!text.isJsonArray()) {
            return text.getAsString();
        }
        StringBuilder all = new StringBuilder();
        text.getAsJsonArray().forEach(line -> all.append(line.getAsString()));
        return all.toString();
    }
}
