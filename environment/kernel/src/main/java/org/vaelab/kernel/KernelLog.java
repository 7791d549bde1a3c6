package org.vaelab.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's own log: the process's standard error, native and Java alike, appended to one file, so that what the
 * libraries print for developers stays out of the notebook and out of the Jupyter server's terminal. Two kinds: the
 * engines' C++ warnings, written straight to file descriptor 2 (PyTorch's "AutoNonVariableTypeMode is deprecated" on
 * the first forward pass); and SLF4J's warnings (Smile's L-BFGS "reaches maximum 500 iterations" in the linear
 * probe), which {@code org.slf4j.simpleLogger.cacheOutputStream=true} binds to the standard error of the moment the
 * logger starts, here at start-up, instead of to the cell's captured stream. What a cell prints to System.err still
 * shows in the notebook.
 */
final class KernelLog {
    private KernelLog() {
    }

    /** The C library's open and dup2, where JNA can reach them. */
    interface C extends Library {
        int open(String path, int flags, int mode);

        int dup2(int from, int to);

        int close(int fd);
    }

    /**
     * Points file descriptor 2 at {@code log} (appending, created if missing), then starts SLF4J on it. Returns
     * whether it did; on Windows, or where the file cannot be opened (a read-only project in the grading
     * sandbox), standard error stays where it was.
     */
    static boolean redirect(Path log) {
        boolean redirected = false;
        if (Platform.isLinux() || Platform.isMac()) {
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                C c = Native.load("c", C.class);
                int flags = Platform.isMac() ? 0x1 | 0x200 | 0x8 : 01 | 0100 | 02000; // O_WRONLY | O_CREAT | O_APPEND
                int fd = c.open(log.toString(), flags, 0644);
                if (fd >= 0) {
                    redirected = c.dup2(fd, 2) == 2;
                    c.close(fd);
                }
            } catch (Exception | LinkageError e) {
                redirected = false;
            }
        }
        // Start SLF4J now, while System.err is the process's own: it keeps that stream (cacheOutputStream).
        org.slf4j.LoggerFactory.getLogger(KernelLog.class);
        return redirected;
    }
}
