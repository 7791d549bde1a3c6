package org.vaelab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory from /proc (Linux): now and at its peak, in MiB; -1 elsewhere. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    public static long rssMb() {
        return statusField("VmRSS:");
    }

    public static long peakRssMb() {
        return statusField("VmHWM:");
    }

    private static long statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or /proc is hidden: no figure rather than a wrong one
        }
        return -1;
    }
}
