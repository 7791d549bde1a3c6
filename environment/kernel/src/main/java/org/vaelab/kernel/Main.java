package org.vaelab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point that Jupyter starts with the path of a connection file. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp <kernel folder>/* org.vaelab.kernel.Main <connection-file.json>");
            System.exit(2);
        }
        // The base library logs every message at INFO; the notebook server's console is not the place.
        Logger.getLogger("").setLevel(Level.WARNING);
        // The libraries' warnings for developers go to the kernel's log, not to the notebook or the terminal.
        String log = System.getenv("VAELAB_KERNEL_LOG");
        if (log != null && !log.isBlank()) {
            KernelLog.redirect(Path.of(log));
        }

        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JavaKernel kernel = new JavaKernel();
        JupyterConnection connection = new JupyterConnection(properties);
        // Handlers first, sockets second: a kernel_info_request that arrived before its handler
        // would be dropped, which is how other JVM kernels hang at start-up.
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        kernel.close();
        // Library threads (DJL, AWT) must not keep a shut-down kernel alive.
        System.exit(0);
    }
}
