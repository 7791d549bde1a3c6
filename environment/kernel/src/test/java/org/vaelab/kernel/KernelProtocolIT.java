package org.vaelab.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel as Jupyter's own client sees it: repeated start-ups, display updates, errors, interrupts. */
class KernelProtocolIT {
    private static final int STARTUPS = 10;

    @TempDir
    Path tmp;

    @Test
    void startsEveryTimeAndSpeaksTheProtocol() throws Exception {
        JupyterSandbox jupyter = new JupyterSandbox(tmp);
        JupyterSandbox.Result result = jupyter.run(Map.of(), 600, JupyterSandbox.python(),
                jupyter.home.resolve("environment/kernel_check.py").toString(), "--startups", Integer.toString(STARTUPS));
        String[] lines = result.stdout().strip().split("\n");
        JsonObject report = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        System.out.println("kernel_check: " + report);
        assertEquals(0, report.get("hung").getAsInt(), result.both());
        assertEquals(0, report.get("failed").getAsInt(), result.both());
        JsonObject checks = report.getAsJsonObject("checks");
        for (String check : checks.keySet()) {
            assertTrue(checks.get(check).getAsBoolean(), check + " failed: " + result.both());
        }
        assertEquals(0, result.exitCode(), result.both());
    }
}
