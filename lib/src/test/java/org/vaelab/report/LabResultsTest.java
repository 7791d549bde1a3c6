package org.vaelab.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabResultsTest {
    @TempDir
    Path home;

    @BeforeEach
    void useATemporaryHome() {
        System.setProperty("vaelab.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("vaelab.home");
    }

    @Test
    void labsSaveTheirFiguresAndTheReportGathersThemIntoOneTableAndCsv() throws IOException {
        Table table = Table.create("t", StringColumn.create("model", List.of("z = 2", "β = 4, IMQ")),
                DoubleColumn.create("−ELBO", new double[] {155.87, 121.16}), StringColumn.create("note", List.of("a", "b")));
        LabResults.of("03", "full", "cpu() MXNet", home.resolve(".cache/results")).addTable(table).add("β = 4, IMQ", "IWAE", 111.07).save();
        LabResults.of("02", "full", "cpu() MXNet", home.resolve(".cache/results")).add("recipe", "test loss", 105.61).save();
        LabResults.of("02", "full", "cpu() MXNet", home.resolve(".cache/results")).add("recipe", "test loss", 105.21).save(); // a rerun replaces the lab's figures

        Table collected = LabResults.collect(home.resolve(".cache/results"));
        assertEquals(4, collected.rowCount(), collected.print());
        assertEquals("02", collected.stringColumn("lab").get(0), "labs in order");
        assertEquals(105.21, collected.doubleColumn("value").get(0));

        Table wide = LabResults.byModel(collected);
        assertEquals(3, wide.rowCount(), wide.print());
        int beta = wide.stringColumn("model").indexOf("β = 4, IMQ");
        assertEquals(121.16, wide.doubleColumn("−ELBO").get(beta));
        assertEquals(111.07, wide.doubleColumn("IWAE").get(beta));
        assertTrue(wide.doubleColumn("IWAE").isMissing(wide.stringColumn("model").indexOf("z = 2")), "no IWAE figure for z = 2");

        Path csv = LabResults.writeCsv(collected, home.resolve("figures/results.csv"));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("lab,model,metric,value,mode", lines.get(0));
        assertEquals("03,\"β = 4, IMQ\",IWAE,111.07", lines.get(4).substring(0, lines.get(4).lastIndexOf(',')), "a comma in a name is quoted");
        assertEquals(List.of("03", "β = 4, IMQ", "IWAE", "111.07"), LabResults.split(lines.get(4)).subList(0, 4));
        Path ordinary = Files.writeString(home.resolve("figures/ordinary.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(csv),
                "the report is as readable as any file written here (not owner-only like a temporary file)");
        try (var left = Files.list(csv.getParent())) {
            assertEquals(List.of("ordinary.txt", "results.csv"), left.map(p -> p.getFileName().toString()).sorted().toList(), "no part file is left");
        }
    }

    @Test
    void aDamagedResultsFileIsNamed() throws IOException {
        Files.createDirectories(home.resolve(".cache/results"));
        Files.writeString(home.resolve(".cache/results/05.csv"), "not,a,results,file\n");
        IOException error = assertThrows(IOException.class, () -> LabResults.collect(home.resolve(".cache/results")));
        assertTrue(error.getMessage().contains("05.csv") && error.getMessage().contains("rerun its lab"), error.getMessage());
    }

    @Test
    void aFigureThatIsNotFiniteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabResults.of("02", "full", "cpu() MXNet", home.resolve(".cache/results")).add("m", "loss", Double.NaN));
    }

    @Test
    void theSameFigureOfAModelIsRefusedTheSecondTime() {
        LabResults results = LabResults.of("05", "full", "cpu() PyTorch", home.resolve(".cache/results")).add("MVAE", "training time (s)", 78.6);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> results.add("MVAE", "training time (s)", 79));
        assertTrue(error.getMessage().contains("'training time (s)' of MVAE (78.6)"), error.getMessage());
        results.add("MMVAE", "training time (s)", 59.1).add("MVAE", "samples per second", 4672);
    }
}
