package org.vaelab.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabRunsTest {
    private static final long STARTED = 1_796_000_000L; // the runs' start, in seconds

    @TempDir
    Path tmp;

    @Test
    void theLabsWhoseLastRunFailedAreNamedWithTheirCellTheirErrorAndWhatBecameOfTheirFigures() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.json"), """
                {"02-kingma-welling-vae": {"status": "ok", "mode": "full", "kernel": "vaelab-java", "started": %1$d, "seconds": 301.2},
                 "03-beta-vae-and-infovae": {"status": "failed", "mode": "full", "started": %1$d, "seconds": 40.0,
                   "where": "cell 20 of 40", "error": "java.lang.IllegalStateException: the loss is NaN at epoch 3"},
                 "06-multiview-mnist-svhn": {"status": "failed", "mode": "full", "started": %1$d, "seconds": 12.0,
                   "where": "cell 14 of 40", "error": "EvalException: \\"β\\" is not a view, 06 — street digits"},
                 "07-mixing-encoders-and-decoders": {"status": "failed", "mode": "smoke", "started": %1$d.5, "seconds": 2.0,
                   "where": "a cell (timed out or the kernel died)", "error": "DeadKernelError: Kernel died"}}
                """.formatted(STARTED));
        Path results = Files.createDirectories(tmp.resolve("results"));
        write(results.resolve("03.csv"), STARTED + 20); // saved by the failed run, before its cell 20 failed
        write(results.resolve("06.csv"), STARTED - 86_400); // the day before
        write(results.resolve("02.csv"), STARTED + 290);

        LabRuns record = LabRuns.read(runs);
        assertEquals(4, record.runs().size());
        assertEquals(List.of("03", "06", "07"), record.failedLabs(), "in the notebooks' order, the lab that passed left out");

        Table failures = record.failures(results);
        assertEquals(3, failures.rowCount(), failures.printAll());
        assertEquals(List.of("lab", "run", "cell", "error", "its figures"), failures.columnNames());
        assertTrue(failures.name().startsWith("labs whose last run failed"), failures.name());
        assertEquals("cell 14 of 40", failures.stringColumn("cell").get(1));
        assertEquals("EvalException: \"β\" is not a view, 06 — street digits", failures.stringColumn("error").get(1), "as recorded");
        assertTrue(failures.stringColumn("its figures").get(0).startsWith("saved by that run before it failed, "), failures.printAll());
        assertTrue(failures.stringColumn("its figures").get(1).startsWith("from an earlier run, saved "), failures.printAll());
        assertEquals("missing", failures.stringColumn("its figures").get(2));
        assertTrue(failures.stringColumn("run").get(2).endsWith(", smoke mode"), failures.printAll());
        assertTrue(failures.stringColumn("run").get(2).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d, smoke mode"), failures.printAll());
    }

    @Test
    void figuresSavedAfterTheFailedRunAreSaidToBeLater() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.json"), """
                {"04-centre-loss-and-mixture": {"status": "failed", "mode": "full", "started": %d, "seconds": 30.0,
                  "where": "cell 9 of 30", "error": "boom"}}
                """.formatted(STARTED));
        write(Files.createDirectories(tmp.resolve("results")).resolve("04.csv"), STARTED + 7_200); // a student's run in JupyterLab
        assertTrue(LabRuns.read(runs).failures(tmp.resolve("results")).stringColumn("its figures").get(0).endsWith(", after that run"));
    }

    @Test
    void noFailureGivesAnEmptyTableThatSaysSo() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.json"), """
                {"02-kingma-welling-vae": {"status": "ok", "mode": "full", "started": %d, "seconds": 301.2}}
                """.formatted(STARTED));
        Table failures = LabRuns.read(runs).failures(tmp.resolve("results"));
        assertEquals(0, failures.rowCount());
        assertEquals("labs whose last run failed: none of the 1 recorded", failures.name());
    }

    @Test
    void noRecordYetIsNoRunAndSaysWhereTheRecordGoes() throws IOException {
        LabRuns record = LabRuns.read(tmp.resolve("figures/runs.json"));
        assertTrue(record.runs().isEmpty() && record.failedLabs().isEmpty());
        Table failures = record.failures(tmp.resolve("results"));
        assertEquals(0, failures.rowCount());
        assertTrue(failures.name().contains("./lab report records them in " + tmp.resolve("figures/runs.json")), failures.name());
    }

    @Test
    void aDamagedRecordIsAnErrorNamingTheFile() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.json"), "{\"02-kingma-welling-vae\": {\"status\": \"ok\", ");
        IOException e = assertThrows(IOException.class, () -> LabRuns.read(runs));
        assertTrue(e.getMessage().startsWith(runs + " is not a record of runs"), e.getMessage());
        Files.writeString(runs, "[1, 2]");
        assertThrows(IOException.class, () -> LabRuns.read(runs));
    }

    @Test
    void entriesMissingFieldsAreReadWithoutThem() throws IOException {
        Path runs = Files.writeString(tmp.resolve("runs.json"), """
                {"broken": {"status": "failed"}, "05-multiview-mnist-fashion": "not a run"}
                """);
        LabRuns record = LabRuns.read(runs);
        assertEquals(List.of("broken"), record.failedLabs(), "a notebook without a number is named by its name");
        Table failures = record.failures(tmp.resolve("results"));
        assertEquals("?, ? mode", failures.stringColumn("run").get(0));
        assertEquals("missing", failures.stringColumn("its figures").get(0));
    }

    private static void write(Path file, long modifiedSeconds) throws IOException {
        Files.writeString(file, "lab,model,metric,value,mode,device\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedSeconds * 1000));
    }
}
