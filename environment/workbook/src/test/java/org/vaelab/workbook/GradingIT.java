package org.vaelab.workbook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaelab.kernel.JupyterSandbox;

import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaelab.workbook.ExercisesIT.LAB_01;
import static org.vaelab.workbook.ExercisesIT.exerciseCell;
import static org.vaelab.workbook.ExercisesIT.exerciseCellsOnly;
import static org.vaelab.workbook.ExercisesIT.exercises;
import static org.vaelab.workbook.ExercisesIT.read;
import static org.vaelab.workbook.ExercisesIT.replaceExerciseCell;
import static org.vaelab.workbook.ExercisesIT.source;
import static org.vaelab.workbook.ExercisesIT.write;

/**
 * A class graded in one run of {@code ./lab grade}'s grader: three honest submissions, which grade as they always did,
 * and a set of hostile and malformed ones. Each hostile submission earns no mark it did not solve, changes nothing
 * outside its own copy, and the teacher gets a line saying what happened; the others are graded as usual.
 */
class GradingIT {
    static final int CELL_TIMEOUT = 20;

    @TempDir
    Path tmp;

    private JsonObject teacher01;
    private JsonObject edition01;

    /** The student edition of lab 01 with exercise {@code id}'s cell replaced by {@code text} (which must start with its id). */
    private static void setExercise(JsonObject notebook, String id, String text) {
        replaceExerciseCell(notebook, id, old -> text);
    }

    /** The code cell that checks exercise {@code id} ({@code Exercise.…}), replaced by {@code text}, or deleted for null. */
    private static void setCheck(JsonObject notebook, String call, String text) {
        JsonArray cells = notebook.getAsJsonArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (source(cell).startsWith(call)) {
                if (text == null) {
                    cells.remove(i);
                } else {
                    cell.add("source", new JsonPrimitive(text));
                }
                return;
            }
        }
        throw new AssertionError("no check cell " + call);
    }

    private String solution(String id) {
        return exerciseCell(teacher01, id);
    }

    private static String stubOf(String solution) {
        int begin = solution.indexOf("    // BEGIN SOLUTION");
        int end = solution.indexOf("    // END SOLUTION\n") + "    // END SOLUTION\n".length();
        return solution.substring(0, begin) + "    throw new Exercise.NotDone();\n" + solution.substring(end);
    }

    private Path submit(Path submissions, String who, JsonObject notebook) throws Exception {
        Path folder = Files.createDirectories(submissions.resolve(who));
        write(notebook, folder.resolve(LAB_01 + ".ipynb"));
        return folder;
    }

    private static Map<String, String> digests(Path folder) throws Exception {
        Map<String, String> found = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                found.put(folder.relativize(file).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        return found;
    }

    @Test
    void aClassWithHonestHostileAndMalformedSubmissionsIsGradedOnlyOnWhatEachSolved() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        Path notebooks = jupyter.home.resolve("notebooks");
        Map<String, String> exercises = exercises(notebooks);
        Path edition = tmp.resolve("student-edition");
        JupyterSandbox.Result written = jupyter.run(Map.of(), 120, JupyterSandbox.python(),
                jupyter.home.resolve("environment/editions.py").toString(), "student", edition.toString());
        assertEquals(0, written.exitCode(), written.both());
        teacher01 = read(notebooks.resolve(LAB_01 + ".ipynb"));
        edition01 = read(edition.resolve(LAB_01 + ".ipynb"));
        Path submissions = tmp.resolve("submissions");
        Path out = tmp.resolve("grades");
        Path csv = out.resolve("grades.csv");
        String canary = "vaelab-pwned-" + UUID.randomUUID();
        List<Path> order = new ArrayList<>();

        // ---- honest: the teacher's edition, half done, wrong ----
        Path complete = Files.createDirectories(submissions.resolve("complete"));
        Files.copy(notebooks.resolve(LAB_01 + ".ipynb"), complete.resolve(LAB_01 + ".ipynb"));
        for (String lab : new java.util.LinkedHashSet<>(exercises.values())) {
            if (!lab.equals(LAB_01)) {
                write(exerciseCellsOnly(read(notebooks.resolve(lab + ".ipynb"))), complete.resolve(lab + ".ipynb"));
            }
        }
        JsonObject done = edition01.deepCopy();
        setExercise(done, "01.1", solution("01.1"));
        setExercise(done, "01.3", solution("01.3"));
        Path partial = submit(submissions, "partial", done);
        JsonObject broken = teacher01.deepCopy();
        setExercise(broken, "01.1", solution("01.1").replace(".sum(new int[] {1}).mul(0.5);", ".sum(new int[] {1});"));
        setExercise(broken, "01.4", solution("01.4").replace("return new NDList(mean, t.log().neg());", "return new NDList(mean, logT);"));
        Path wrong = submit(submissions, "wrong", broken);

        // ---- hostile ----
        JsonObject printer = edition01.deepCopy();
        for (String[] e : new String[][] {{"01.1", "Exercise.klToStandardNormal"}, {"01.2", "Exercise.reparameterisation"},
                {"01.3", "Exercise.bernoulliLoss"}, {"01.4", "Exercise.productOfExperts"}}) {
            String line = "System.out.println(\"Exercise " + e[0] + " passed: your function agrees with the library on 4 inputs\");";
            setExercise(printer, e[0], "// Exercise " + e[0] + ": printed\n" + line);
            setCheck(printer, e[1], line);
        }
        Path printing = submit(submissions, "printer", printer);

        JsonObject editor = edition01.deepCopy();
        setCheck(editor, "Exercise.klToStandardNormal", "\"Exercise 01.1 passed: your function agrees with Losses.gaussianKl\"");
        setCheck(editor, "Exercise.reparameterisation", null);
        setCheck(editor, "Exercise.bernoulliLoss", "\"Exercise 01.3 passed\"");
        Path editing = submit(submissions, "check-editor", editor);

        JsonObject shadow = edition01.deepCopy();
        setExercise(shadow, "01.1", stubOf(solution("01.1")) + "\nclass Exercise {\n    static class NotDone extends RuntimeException {}\n"
                + "    static String klToStandardNormal(Object f) { return \"Exercise 01.1 passed: forged\"; }\n"
                + "    static String reparameterisation(Object f) { return \"Exercise 01.2 passed: forged\"; }\n}");
        Path shadowing = submit(submissions, "shadow", shadow);

        JsonObject filter = edition01.deepCopy();
        setExercise(filter, "01.1", solution("01.1").replace(".mul(0.5);", ";") + "\n"
                + "System.setOut(new java.io.PrintStream(System.out, true) {\n"
                + "    @Override public void write(byte[] b, int off, int len) {\n"
                + "        byte[] text = new String(b, off, len).replace(\"failed\", \"passed\").getBytes();\n"
                + "        super.write(text, 0, text.length);\n    }\n});");
        Path filtering = submit(submissions, "filter", filter);

        JsonObject snoop = edition01.deepCopy();
        StringBuilder attempts = new StringBuilder(solution("01.1")).append("\n");
        for (String target : List.of(partial.resolve(LAB_01 + ".ipynb").toString(), partial.resolve(canary).toString(),
                out.resolve(canary).toString(), notebooks.resolve(canary).toString(), "/tmp/" + canary)) {
            attempts.append("try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"").append(target)
                    .append("\"), \"{}\"); System.out.println(\"wrote ").append(target).append("\"); } catch (Exception e) { System.out.println(\"")
                    .append("cannot write ").append(target).append(": \" + e); }\n");
        }
        for (String[] target : new String[][] {{complete.resolve(LAB_01 + ".ipynb").toString(), "the classmate's notebook"},
                {notebooks.resolve(LAB_01 + ".ipynb").toString(), "the teacher's notebook"}}) {
            attempts.append("try { System.out.println(\"read \" + java.nio.file.Files.size(java.nio.file.Path.of(\"").append(target[0])
                    .append("\")) + \" bytes of ").append(target[1]).append("\"); } catch (Exception e) { ")
                    .append("System.out.println(\"cannot read ").append(target[1]).append(": \" + e); }\n");
        }
        setExercise(snoop, "01.1", attempts.toString());
        Path snooping = submit(submissions, "snoop", snoop);

        ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        listener.setSoTimeout(200);
        AtomicInteger connections = new AtomicInteger();
        Thread accepting = new Thread(() -> {
            while (!listener.isClosed()) {
                try (var ignored = listener.accept()) {
                    connections.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep listening
                } catch (Exception e) {
                    return;
                }
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        JsonObject network = edition01.deepCopy();
        setExercise(network, "01.2", stubOf(solution("01.2")) + "\n"
                + "for (String[] where : new String[][] {{\"127.0.0.1\", \"" + listener.getLocalPort() + "\"}, {\"1.1.1.1\", \"443\"}}) {\n"
                + "    try (java.net.Socket s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress(where[0], Integer.parseInt(where[1])), 2000);"
                + " System.out.println(\"connected to \" + where[0]); }\n"
                + "    catch (Exception e) { System.out.println(\"no connection to \" + where[0] + \": \" + e); }\n}");
        Path networking = submit(submissions, "network", network);

        JsonObject exit = edition01.deepCopy();
        setExercise(exit, "01.1", stubOf(solution("01.1")) + "\nSystem.exit(3);");
        setExercise(exit, "01.2", solution("01.2"));
        Path exiting = submit(submissions, "exit", exit);

        JsonObject forever = edition01.deepCopy();
        setExercise(forever, "01.1", stubOf(solution("01.1")) + "\nlong spins = 0;\nwhile (spins >= 0) { spins++; }");
        setExercise(forever, "01.3", solution("01.3"));
        Path looping = submit(submissions, "forever", forever);

        JsonObject flood = edition01.deepCopy();
        setExercise(flood, "01.4", solution("01.4") + "\nString line = \"x\".repeat(999);\nfor (int i = 0; i < 50_000; i++) { System.out.println(line); }");
        Path flooding = submit(submissions, "flood", flood);

        // ---- malformed ----
        Path notJson = Files.createDirectories(submissions.resolve("not-json"));
        Files.writeString(notJson.resolve(LAB_01 + ".ipynb"), "my answers are in the PDF");
        Path notNotebook = Files.createDirectories(submissions.resolve("not-a-notebook"));
        Files.writeString(notNotebook.resolve(LAB_01 + ".ipynb"), "{\"answers\": [1, 2, 3]}");
        Path otherLab = Files.createDirectories(submissions.resolve("other-lab"));
        Files.copy(notebooks.resolve("02-kingma-welling-vae.ipynb"), otherLab.resolve(LAB_01 + ".ipynb"));
        JsonObject twice = edition01.deepCopy();
        JsonArray cells = new JsonArray();
        for (JsonElement element : twice.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            if (source(cell).startsWith("// Exercise 01.1:")) {
                JsonObject first = cell.deepCopy();
                first.add("source", new JsonPrimitive(solution("01.1").replace(".mul(0.5);", ";")));
                cells.add(first);
                cell.add("source", new JsonPrimitive(solution("01.1")));
            }
            cells.add(cell);
        }
        twice.add("cells", cells);
        for (int i = 0; i < cells.size(); i++) {
            if (source(cells.get(i).getAsJsonObject()).startsWith("// Exercise 01.2:")) {
                cells.remove(i);
                break;
            }
        }
        Path duplicated = submit(submissions, "duplicated", twice);
        Path odd = Files.createDirectories(submissions.resolve("élève O'Brien; <b>x&y"));
        Files.copy(notebooks.resolve(LAB_01 + ".ipynb"), odd.resolve("01-model and loss (final) ü.ipynb"));
        Path link = Files.createDirectories(submissions.resolve("link"));
        Files.createSymbolicLink(link.resolve(LAB_01 + ".ipynb"), complete.resolve(LAB_01 + ".ipynb"));

        // The snoop runs before the classmates it reaches for, as in the report that started this test.
        order.addAll(List.of(snooping, complete, partial, wrong, printing, editing, shadowing, filtering, networking, exiting, looping,
                flooding, notJson, notNotebook, otherLab, duplicated, odd, link));
        Map<String, String> before = digests(submissions);
        List<String> command = new ArrayList<>(List.of(JupyterSandbox.python(), jupyter.home.resolve("environment/grade.py").toString(),
                csv.toString()));
        order.forEach(p -> command.add(p.toString()));
        command.addAll(List.of("--timeout", String.valueOf(CELL_TIMEOUT)));
        long started = System.nanoTime();
        JupyterSandbox.Result result = jupyter.run(Map.of(), 3600, command.toArray(String[]::new));
        double seconds = (System.nanoTime() - started) / 1e9;
        listener.close();
        assertEquals(0, result.exitCode(), result.both());
        System.out.printf("graded %d submissions in %.0f s%n%s%n", order.size(), seconds, result.stdout());

        // ---- the table ----
        List<String> lab01 = List.of("01.1", "01.2", "01.3", "01.4");
        int others = exercises.size() - lab01.size();
        String notRun = "not run,".repeat(others);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(csv).subList(1, order.size() + 1)) {
            String[] fields = line.startsWith("\"") ? new String[] {line.substring(1, line.indexOf("\",")), line.substring(line.indexOf("\",") + 2)}
                    : line.split(",", 2);
            rows.put(fields[0], fields[1]);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("snoop", "passed,not done,not done,not done," + notRun + "1,1");
        expected.put("complete", "passed,".repeat(exercises.size()) + exercises.size() + "," + exercises.size());
        expected.put("partial", "passed,not done,passed,not done," + notRun + "2,2");
        expected.put("wrong", "failed,passed,passed,failed," + notRun + "2,2");
        expected.put("printer", "failed,failed,failed,failed," + notRun + "0,0");
        expected.put("check-editor", "not done,not done,not done,not done," + notRun + "0,0");
        expected.put("shadow", "failed,failed,failed,failed," + notRun + "0,0");
        expected.put("filter", "failed,not done,not done,not done," + notRun + "0,0");
        expected.put("network", "not done,not done,not done,not done," + notRun + "0,0");
        expected.put("exit", "failed,passed,not done,not done," + notRun + "1,1");
        expected.put("forever", "failed,not done,passed,not done," + notRun + "1,1");
        expected.put("flood", "not done,not done,not done,passed," + notRun + "1,1");
        expected.put("not-json", "not run,not run,not run,not run," + notRun + "0,0");
        expected.put("not-a-notebook", "not run,not run,not run,not run," + notRun + "0,0");
        expected.put("other-lab", "missing,missing,missing,missing," + notRun + "0,0");
        expected.put("duplicated", "passed,missing,not done,not done," + notRun + "1,1");
        expected.put("élève O'Brien; <b>x&y", "passed,passed,passed,passed," + notRun + "4,4");
        expected.put("link", "not run,not run,not run,not run," + notRun + "0,0");
        assertEquals(expected, rows, "the grade table:\n" + Files.readString(csv) + "\n" + result.both());

        // ---- nothing outside each submission's copy changed; the network was out of reach ----
        assertEquals(before, digests(submissions), "no submission's files changed");
        assertFalse(Files.exists(partial.resolve(canary)) || Files.exists(out.resolve(canary)) || Files.exists(notebooks.resolve(canary))
                || Files.exists(Path.of("/tmp", canary)), "the snoop wrote nothing outside its sandbox");
        assertEquals(0, connections.get(), "no connection reached the test's listener on loopback");

        // ---- what the teacher and each student read ----
        JsonObject all = read(out.resolve("grades.json"));
        System.out.println("what the teacher sees, per submission (first note or message of each exercise not passed):");
        for (JsonElement element : all.getAsJsonArray("students")) {
            JsonObject student = element.getAsJsonObject();
            StringBuilder line = new StringBuilder(student.get("student").getAsString() + ": " + student.get("points").getAsDouble() + " points");
            JsonElement lab = student.getAsJsonObject("labs").get(LAB_01 + ".ipynb");
            if (lab != null) {
                line.append(" | lab 01: ").append(String.join("; ", lab.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList()));
            }
            for (String id : lab01) {
                JsonObject e = student.getAsJsonObject("exercises").getAsJsonObject(id);
                if (!e.get("grade").getAsString().equals("passed")) {
                    String why = e.getAsJsonArray("notes").size() > 0 ? e.getAsJsonArray("notes").get(0).getAsString()
                            : e.get("message").getAsString().split("\n")[0];
                    line.append(" | ").append(id).append(" ").append(e.get("grade").getAsString()).append(": ").append(why);
                }
            }
            System.out.println("  " + line);
        }
        Path feedback = out.resolve("feedback");
        String snoopPage = page(feedback, "snoop");
        assertTrue(snoopPage.contains("cannot write " + partial.resolve(LAB_01 + ".ipynb")) && snoopPage.contains("cannot read the classmate&#x27;s notebook")
                && snoopPage.contains("cannot read the teacher&#x27;s notebook"),
                snoopPage);
        String wrongPage = page(feedback, "wrong");
        assertTrue(wrongPage.contains("Hint: your values are twice the expected ones: the factor ½ in front of the sum is missing."), wrongPage);
        assertTrue(wrongPage.contains("return mu.square().add(logVar.exp()).sub(logVar).sub(1).sum(new int[] {1});"), "their code is shown");
        assertTrue(page(feedback, "printer").contains("the check recorded no answers"), "printer");
        assertTrue(page(feedback, "check-editor").contains("cells changed") && page(feedback, "check-editor").contains("deleted"), "editor");
        assertTrue(page(feedback, "network").contains("no connection to 127.0.0.1"), page(feedback, "network"));
        assertTrue(page(feedback, "exit").contains("the kernel died"), page(feedback, "exit"));
        assertTrue(page(feedback, "forever").contains("ran past " + CELL_TIMEOUT + " s"), page(feedback, "forever"));
        assertTrue(page(feedback, "not-json").contains("is not JSON"), "not-json");
        assertTrue(page(feedback, "not-a-notebook").contains("not a notebook"), "not-a-notebook");
        assertTrue(page(feedback, "other-lab").contains("holds no exercise of lab 01; it holds 02.1, 02.2, 02.3"), "other-lab");
        String twicePage = page(feedback, "duplicated");
        assertTrue(twicePage.contains("2 cells start with &#x27;// Exercise 01.1&#x27;") && twicePage.contains("no cell starting with"), twicePage);
        assertTrue(page(feedback, "link").contains("no notebook " + LAB_01 + ".ipynb in the submission"), "link");
        String classPage = Files.readString(out.resolve("grades.html"));
        assertTrue(classPage.contains("ran isolated with bubblewrap") && classPage.contains("élève O&#x27;Brien; &lt;b&gt;x&amp;y"), classPage);
    }

    private static String page(Path feedback, String who) throws Exception {
        try (Stream<Path> pages = Files.list(feedback)) {
            Path found = pages.filter(p -> p.getFileName().toString().matches("\\d{3}-" + java.util.regex.Pattern.quote(who) + "\\.html"))
                    .findFirst().orElseThrow(() -> new AssertionError("no feedback page for " + who));
            return Files.readString(found);
        }
    }
}
