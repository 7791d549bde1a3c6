package org.vaelab.workbook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each lab 01–07 reads as a lesson: it opens with its goals and ends with takeaways and questions (before the teacher's
 * "For the report" cells). No notebook and no line of the README carries the workbook's development history: the
 * names of benchmark drivers, seed reports and targets a student has never heard of.
 */
class LessonsIT {
    private static final Path HOME = Path.of(System.getProperty("vaelab.home", "."));

    /** Phrases of the development history, each once found in a notebook's prose (docs/MEASUREMENTS.md keeps that history). */
    static final List<String> HISTORY = List.of("seed 002", "seed's claim", "org.vaelab.bench", "InfoVaeSweep", "WhatMoved",
            "StreetPairSweep", "CentreLossSweep", "ViewLikelihoodSweep", "hours of these 2 cores", "No row reaches 0.93", "at most 105 nats",
            "faster of DJL's two engines", "MultiVae's");

    private static List<Path> notebooks() throws Exception {
        try (Stream<Path> files = Files.list(HOME.resolve("notebooks"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
        }
    }

    private static List<String> markdown(Path notebook) throws Exception {
        JsonObject json = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<String> cells = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            if ("markdown".equals(cell.get("cell_type").getAsString())) {
                cells.add(ExecutedNotebooks.joined(cell.get("source")));
            }
        }
        return cells;
    }

    @Test
    void everyLabFrom01To07OpensWithGoalsAndEndsWithTakeawaysAndQuestions() throws Exception {
        int labs = 0;
        for (Path notebook : notebooks()) {
            String name = notebook.getFileName().toString();
            if (name.startsWith("00-") || name.startsWith("08-")) {
                continue;
            }
            labs++;
            List<String> cells = markdown(notebook);
            assertTrue(cells.get(0).startsWith("# ") && cells.get(0).contains("\nIn this lab you will\n- "), name + " opens with its goals");
            int takeaways = indexOf(cells, "## Takeaways\n");
            int questions = indexOf(cells, "## Questions\n");
            assertTrue(takeaways > 0 && questions >= takeaways, name + " has takeaways, then questions");
            String takeawayText = section(cells, takeaways, "## Takeaways\n");
            long points = takeawayText.lines().filter(l -> l.startsWith("- ")).count();
            assertTrue(points >= 3 && points <= 6, name + ": 3–5 takeaways, got " + points);
            long asked = section(cells, questions, "## Questions\n").lines().filter(l -> l.matches("\\d\\. .*")).count();
            assertTrue(asked >= 2 && asked <= 4, name + ": 2–3 questions, got " + asked);
            int report = indexOf(cells, "## For the report");
            assertTrue(report < 0 || report > questions, name + ": the takeaways come before the teacher's report cells");
        }
        assertEquals(7, labs, "labs 01 to 07");
    }

    @Test
    void noNotebookAndNoReadmeLineCarriesTheDevelopmentHistory() throws Exception {
        List<String> found = new ArrayList<>();
        List<Path> files = new ArrayList<>(notebooks());
        files.add(HOME.resolve("README.md"));
        for (Path file : files) {
            String text = file.toString().endsWith(".ipynb") ? String.join("\n", markdown(file)) : Files.readString(file);
            for (String phrase : HISTORY) {
                if (text.toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT))) {
                    found.add(file.getFileName() + ": '" + phrase + "'");
                }
            }
        }
        assertEquals(List.of(), found, "development history belongs in docs/MEASUREMENTS.md and the commit messages");
    }

    private static int indexOf(List<String> cells, String start) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).startsWith(start) || cells.get(i).contains("\n" + start)) {
                return i;
            }
        }
        return -1;
    }

    /** The text of a heading's section in its cell, up to the next heading of the same level. */
    private static String section(List<String> cells, int index, String heading) {
        String cell = cells.get(index);
        String text = cell.substring(cell.indexOf(heading) + heading.length());
        int next = text.indexOf("\n## ");
        return next < 0 ? text : text.substring(0, next);
    }
}
