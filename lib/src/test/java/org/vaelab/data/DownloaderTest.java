package org.vaelab.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Downloads from a real HTTP server on loopback: good, cut off, changed, and down. */
class DownloaderTest {
    @TempDir
    Path data;
    private HttpServer server;
    private final byte[] content = new byte[100_000];
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + 7);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good.bin", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        });
        server.createContext("/cut.bin", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 0); // chunked: the length is not announced, the end comes early
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content, 0, content.length / 2);
            }
        });
        server.createContext("/missing.bin", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DatasetFile file(String path) throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        return new DatasetFile("Test", "test", "file.bin", "http://127.0.0.1:" + server.getAddress().getPort() + path, md5, content.length);
    }

    /** A notebook kernel (JShell) waits at the end of a cell for every live thread of the cell's group. */
    @Test
    void aDownloadLeavesNoThreadRunningInTheCallersThreadGroup() throws Exception {
        ThreadGroup cell = new ThreadGroup("cell");
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(cell, () -> {
            try {
                new Downloader().ensure(data, file("/good.bin"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        caller.join();
        assertEquals(null, failure.get());
        assertArrayEquals(content, Files.readAllBytes(data.resolve("test/file.bin")));
        assertEquals(0, cell.activeCount(), "threads left in the cell's group");
    }

    @Test
    void aGoodDownloadIsVerifiedAndPutInPlace() throws Exception {
        Path target = new Downloader().ensure(data, file("/good.bin"));
        assertEquals(data.resolve("test/file.bin"), target);
        assertArrayEquals(content, Files.readAllBytes(target));
        new Downloader().ensure(data, file("/good.bin"));
        assertEquals(1, requests.get(), "a verified file in the cache is not fetched again");
        assertNoPartialFiles();
    }

    @Test
    void aCutOffDownloadLeavesNothingBehind() throws Exception {
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> new Downloader().ensure(data, file("/cut.bin")));
        assertTrue(error.getMessage().contains("has 50000 bytes, the published file 100000"), error.getMessage());
        assertFalse(Files.exists(data.resolve("test/file.bin")));
        assertNoPartialFiles();
    }

    @Test
    void aChangedFileFailsItsChecksum() throws Exception {
        DatasetFile good = file("/good.bin");
        DatasetFile pinnedOtherwise = new DatasetFile(good.dataset(), good.folder(), good.name(), good.url(),
                "00000000000000000000000000000000", good.bytes());
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> new Downloader().ensure(data, pinnedOtherwise));
        assertTrue(error.getMessage().contains("has MD5 " + good.md5() + ", the published file 00000000000000000000000000000000"),
                error.getMessage());
        assertFalse(Files.exists(data.resolve("test/file.bin")));
        assertNoPartialFiles();
    }

    @Test
    void aCorruptFileInTheCacheIsFetchedAgain() throws Exception {
        Path target = data.resolve("test/file.bin");
        Files.createDirectories(target.getParent());
        byte[] damaged = content.clone();
        damaged[10] ^= 1;
        Files.write(target, damaged);
        new Downloader().ensure(data, file("/good.bin"));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(1, requests.get());
    }

    @Test
    void aStandInFileIsUsedOnlyForADatasetNamedAsTrusted() throws Exception {
        Path target = data.resolve("test/file.bin");
        Files.createDirectories(target.getParent());
        byte[] standIn = "not the published bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DatasetFile good = file("/good.bin");
        Files.write(target, standIn);
        Downloader trusting = new Downloader(false, dataset -> dataset.equals(good.dataset()));
        assertEquals(target, trusting.ensure(data, good));
        assertArrayEquals(standIn, Files.readAllBytes(target), "the stand-in is kept, not replaced");
        assertEquals(0, requests.get());
        new Downloader().ensure(data, good);
        assertArrayEquals(content, Files.readAllBytes(target), "without the flag the file is fetched and verified");
        assertEquals(1, requests.get());
    }

    @Test
    void aServerThatIsDownIsNamedWithWhereToPutTheFile() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DatasetFile good = file("/good.bin");
        DatasetFile unreachable = new DatasetFile(good.dataset(), good.folder(), good.name(),
                "http://127.0.0.1:" + closedPort + "/good.bin", good.md5(), good.bytes());
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> new Downloader().ensure(data, unreachable));
        assertTrue(error.getMessage().contains("cannot reach " + unreachable.url()), error.getMessage());
        assertTrue(error.getMessage().contains("put it at " + data.resolve("test/file.bin")), error.getMessage());
        assertTrue(error.getMessage().contains("MD5 " + good.md5()), error.getMessage());
    }

    @Test
    void anHttpErrorIsReported() throws Exception {
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> new Downloader().ensure(data, file("/missing.bin")));
        assertTrue(error.getMessage().contains("answered HTTP 404"), error.getMessage());
        assertNoPartialFiles();
    }

    @Test
    void offlineModeNeverTouchesTheNetwork() throws Exception {
        DatasetUnavailableException error = assertThrows(DatasetUnavailableException.class,
                () -> new Downloader(true, dataset -> false).ensure(data, file("/good.bin")));
        assertTrue(error.getMessage().contains("VAELAB_OFFLINE is set"), error.getMessage());
        assertEquals(0, requests.get());
    }

    private void assertNoPartialFiles() throws IOException {
        if (!Files.isDirectory(data.resolve("test"))) {
            return;
        }
        try (Stream<Path> files = Files.list(data.resolve("test"))) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".part")).count(), "no .part file is left behind");
        }
    }
}
