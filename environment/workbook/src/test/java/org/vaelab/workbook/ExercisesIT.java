package org.vaelab.workbook;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.kernel.JupyterSandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.workbook.ExecutedNotebooks.codeOutputs;
import static org.vaelab.workbook.ExecutedNotebooks.text;

/**
 * The course lab's exercises as a class meets them: the student edition runs with every check saying "not done
 * yet" and no cell failing (grading a class is GradingIT's).
 */
class ExercisesIT {
    /** The labs whose notebooks this test runs whole, as a student edition. */
    static final List<String> LABS = List.of("01-model-and-loss", "02-kingma-welling-vae", "03-beta-vae-and-infovae",
            "04-centre-loss-and-mixture", "05-multiview-mnist-fashion", "06-multiview-mnist-svhn", "07-mixing-encoders-and-decoders");
    static final String LAB_01 = LABS.get(0);
    static final Pattern EXERCISE_CELL = Pattern.compile("^// Exercise (\\d\\d\\.\\d+):");

    static final Pattern CHECK = Pattern.compile("^Exercise (\\d\\d\\.\\d+) (passed|failed|not done yet)", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void theStudentEditionRunsInSmokeModeWithEveryCheckNotDoneYet() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Map<String, String> exercises = exercises(jupyter.home.resolve("notebooks"));
        Path edition = tmp.resolve("student-edition");
        JupyterSandbox.Result written = jupyter.run(Map.of(), 120, JupyterSandbox.python(),
                jupyter.home.resolve("environment/editions.py").toString(), "student", edition.toString());
        assertEquals(0, written.exitCode(), written.both());
        assertTrue(written.stdout().contains("student edition: " + exercises.size() + " exercise(s)"), written.both());
        for (String lab : LABS) {
            String notebook = Files.readString(edition.resolve(lab + ".ipynb"));
            assertTrue(!notebook.contains("BEGIN SOLUTION") && notebook.contains("throw new Exercise.NotDone();"), lab + " holds no solution");
        }

        Path executed = tmp.resolve("executed");
        List<String> command = new ArrayList<>(List.of(JupyterSandbox.python(), jupyter.home.resolve("environment/run_notebooks.py").toString(),
                "--out", tmp.resolve("figures").toString(), "--executed", executed.toString()));
        LABS.forEach(lab -> command.add(edition.resolve(lab + ".ipynb").toString()));
        // run_notebooks.py stops at the first failing cell: exit 0 means no cell of the seven failed.
        JupyterSandbox.Result result = jupyter.run(Map.of("VAELAB_MODE", "smoke", "VAELAB_RESULTS", tmp.resolve("results").toString()), 1800,
                command.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.both());
        for (String lab : LABS) {
            Map<String, String> checks = checkLines(executed.resolve(lab + ".ipynb"));
            Map<String, String> expected = new LinkedHashMap<>();
            exercises.forEach((id, of) -> {
                if (of.equals(lab)) {
                    expected.put(id, "not done yet");
                }
            });
            assertTrue(expected.size() >= 2, lab + " has at least two exercises");
            assertEquals(expected, checks, lab + ": every check says not done yet");
        }
    }

    /**
     * No code cell after a notebook's first imports anything: JShell recompiles the earlier cells an import could
     * affect, and a variable recompiled that way silently loses its value (lab 02's trainer came back null once).
     */
    @Test
    void noCellAfterTheFirstImportsAnything() throws Exception {
        Path notebooks = new JupyterSandbox(tmp).home.resolve("notebooks");
        List<String> imports = new ArrayList<>();
        try (var files = Files.list(notebooks)) {
            for (Path notebook : files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList()) {
                boolean first = true;
                for (JsonElement cell : read(notebook).getAsJsonArray("cells")) {
                    JsonObject c = cell.getAsJsonObject();
                    if (!c.get("cell_type").getAsString().equals("code")) {
                        continue;
                    }
                    if (!first) {
                        for (String line : source(c).split("\n")) {
                            if (line.strip().startsWith("import ")) {
                                imports.add(notebook.getFileName() + ": " + line.strip());
                            }
                        }
                    }
                    first = false;
                }
            }
        }
        assertEquals(List.of(), imports, "imports belong in vaelab.jsh");
    }

    /** {exercise id: its notebook's name}, in the order of the notebooks and their cells: the teacher's solution cells. */
    static Map<String, String> exercises(Path notebooks) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        try (var files = Files.list(notebooks)) {
            for (Path notebook : files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList()) {
                String lab = notebook.getFileName().toString().replace(".ipynb", "");
                for (JsonElement cell : read(notebook).getAsJsonArray("cells")) {
                    Matcher m = EXERCISE_CELL.matcher(source(cell.getAsJsonObject()));
                    if (m.find()) {
                        found.put(m.group(1), lab);
                    }
                }
            }
        }
        return found;
    }

    /** {exercise id: what its check line says} from an executed notebook. */
    static Map<String, String> checkLines(Path notebook) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = CHECK.matcher(text(codeOutputs(notebook), "text/plain"));
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }

    static JsonObject read(Path notebook) throws Exception {
        return JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
    }

    static void write(JsonObject notebook, Path to) throws Exception {
        Files.writeString(to, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(notebook));
    }

    static String source(JsonObject cell) {
        return ExecutedNotebooks.joined(cell.get("source"));
    }

    /** The notebook's first code cell (%load vaelab.jsh) and its exercise and check cells, nothing else. */
    static JsonObject exerciseCellsOnly(JsonObject notebook) {
        JsonObject copy = notebook.deepCopy();
        JsonArray kept = new JsonArray();
        boolean first = true;
        for (JsonElement element : notebook.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            String source = source(cell);
            if ("code".equals(cell.get("cell_type").getAsString())
                    && (first || source.startsWith("// Exercise ") || source.startsWith("Exercise."))) {
                kept.add(cell.deepCopy());
                first = false;
            }
        }
        copy.add("cells", kept);
        return copy;
    }

    static String exerciseCell(JsonObject notebook, String id) {
        for (JsonElement element : notebook.getAsJsonArray("cells")) {
            String source = source(element.getAsJsonObject());
            if (source.startsWith("// Exercise " + id + ":")) {
                return source;
            }
        }
        throw new AssertionError("no cell of exercise " + id);
    }

    static void replaceExerciseCell(JsonObject notebook, String id, UnaryOperator<String> change) {
        for (JsonElement element : notebook.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            String source = source(cell);
            if (source.startsWith("// Exercise " + id + ":")) {
                String changed = change.apply(source);
                assertTrue(!changed.equals(source), "exercise " + id + " changed");
                cell.add("source", new JsonPrimitive(changed));
                return;
            }
        }
        throw new AssertionError("no cell of exercise " + id);
    }
}
