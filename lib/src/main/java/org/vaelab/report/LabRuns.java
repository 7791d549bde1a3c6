package org.vaelab.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each notebook's last run by {@code ./lab report}, as {@code environment/run_notebooks.py} records it in
 * {@code runs.json} beside the reports: ran to the end, or failed, at which cell and with what error. A failed lab's
 * figures are missing, or come from an earlier run; the report (notebook 08) names such labs beside its table.
 */
public final class LabRuns {
    private static final Pattern LAB = Pattern.compile("^(\\d\\d)-.+");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * One notebook's last run.
     *
     * @param notebook its name without {@code .ipynb} ("06-multiview-mnist-svhn")
     * @param lab      its number ("06"), or its name where it has none
     * @param status   "ok" or "failed"
     * @param started  when it started, in seconds since the epoch (NaN where not recorded)
     * @param where    the failing cell ("cell 14 of 40"), empty for a run that passed
     * @param error    the error's last line, empty for a run that passed
     */
    public record Run(String notebook, String lab, String status, String mode, double started, double seconds, String where,
            String error) {
        public boolean failed() {
            return "failed".equals(status);
        }
    }

    private final Path file;
    private final boolean recorded;
    private final List<Run> runs;

    private LabRuns(Path file, boolean recorded, List<Run> runs) {
        this.file = file;
        this.recorded = recorded;
        this.runs = runs;
    }

    /**
     * The runs recorded in {@code runsJson} ({@code figures/runs.json}); none where the file is not there yet.
     *
     * @throws IOException naming the file, when it is there but is not a record of runs
     */
    public static LabRuns read(Path runsJson) throws IOException {
        if (!Files.isRegularFile(runsJson)) {
            return new LabRuns(runsJson, false, List.of());
        }
        JsonObject record;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(runsJson, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw new JsonParseException("not an object of runs");
            }
            record = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(runsJson + " is not a record of runs (" + e.getMessage() + "); the next ./lab report "
                    + "keeps it aside as runs.json.damaged and starts a new one", e);
        }
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : record.entrySet()) {
            if (!entry.getValue().isJsonObject()) {
                continue;
            }
            JsonObject run = entry.getValue().getAsJsonObject();
            Matcher lab = LAB.matcher(entry.getKey());
            runs.add(new Run(entry.getKey(), lab.matches() ? lab.group(1) : entry.getKey(), text(run, "status", "?"),
                    text(run, "mode", "?"), number(run, "started"), number(run, "seconds"), text(run, "where", ""),
                    text(run, "error", "")));
        }
        runs.sort((a, b) -> a.notebook().compareTo(b.notebook()));
        return new LabRuns(runsJson, true, List.copyOf(runs));
    }

    /** Every notebook's last run, in the notebooks' order. */
    public List<Run> runs() {
        return runs;
    }

    /** The runs that failed. */
    public List<Run> failed() {
        return runs.stream().filter(Run::failed).toList();
    }

    /** The labs ("06") whose last run failed. */
    public List<String> failedLabs() {
        return failed().stream().map(Run::lab).toList();
    }

    /**
     * The labs whose last run failed: when, at which cell, with what error, and what became of their figures in
     * {@code resultsDir} (missing, from an earlier run, or saved by that run before it failed). No rows where none failed.
     */
    public Table failures(Path resultsDir) throws IOException {
        List<Run> failed = failed();
        String caption = !recorded ? "no runs recorded yet: ./lab report records them in " + file
                : failed.isEmpty() ? "labs whose last run failed: none of the " + runs.size() + " recorded"
                : "labs whose last run failed: each report shows the error in place";
        Table table = Table.create(caption, StringColumn.create("lab"), StringColumn.create("run"), StringColumn.create("cell"),
                StringColumn.create("error"), StringColumn.create("its figures"));
        for (Run run : failed) {
            table.stringColumn("lab").append(run.lab());
            table.stringColumn("run").append(when(run.started()) + ", " + run.mode() + " mode");
            table.stringColumn("cell").append(run.where());
            table.stringColumn("error").append(run.error());
            table.stringColumn("its figures").append(figures(resultsDir.resolve(run.lab() + ".csv"), run));
        }
        return table;
    }

    private static String figures(Path results, Run run) throws IOException {
        if (!Files.isRegularFile(results)) {
            return "missing";
        }
        double saved = Files.getLastModifiedTime(results).toMillis() / 1000.0;
        if (Double.isNaN(run.started()) || saved < run.started()) {
            return "from an earlier run, saved " + when(saved);
        }
        if (!Double.isNaN(run.seconds()) && saved > run.started() + run.seconds() + 60) {
            return "saved " + when(saved) + ", after that run";
        }
        return "saved by that run before it failed, " + when(saved);
    }

    private static String when(double seconds) {
        return Double.isNaN(seconds) ? "?" : WHEN.format(Instant.ofEpochMilli((long) (seconds * 1000)).atZone(ZoneId.systemDefault()));
    }

    private static String text(JsonObject run, String key, String fallback) {
        JsonElement value = run.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : fallback;
    }

    private static double number(JsonObject run, String key) {
        JsonElement value = run.get(key);
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber() ? value.getAsDouble() : Double.NaN;
    }
}
