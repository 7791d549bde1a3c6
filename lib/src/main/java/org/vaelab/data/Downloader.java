package org.vaelab.data;

import org.vaelab.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import java.util.HexFormat;

/**
 * Makes sure a dataset file is in the cache and genuine. A cached file is checked against its
 * pinned size and MD5 before use; a missing or corrupt one is fetched from its publisher into a
 * temporary file beside it, verified, and only then renamed into place, so an interrupted or
 * damaged download never stands where a good file should.
 */
public final class Downloader {
    private HttpClient http;
    private final boolean offline;
    private final Predicate<String> trustsUnverified;

    /** Fetches what is missing; trusts no file whose checksum is not the published one. */
    public Downloader() {
        this(false, dataset -> false);
    }

    /**
     * @param offline          never try the network: a missing file is an error at once
     * @param trustsUnverified the datasets whose present files are used although their checksum is not the published one
     */
    public Downloader(boolean offline, Predicate<String> trustsUnverified) {
        this.offline = offline;
        this.trustsUnverified = trustsUnverified;
    }

    /** A file in the cache, and whether it is the published one (false only for a stand-in trusted through VAELAB_TRUST_UNVERIFIED). */
    public record Ensured(Path path, boolean verified) {
    }

    /** The verified file in {@code dataDir}, fetched first if it is missing or corrupt. */
    public Path ensure(Path dataDir, DatasetFile file) throws IOException {
        return ensureFile(dataDir, file).path();
    }

    /** As {@link #ensure}, saying also whether the file is verified; one checksum pass over a file that is present. */
    public Ensured ensureFile(Path dataDir, DatasetFile file) throws IOException {
        Path target = dataDir.resolve(file.relativePath());
        Datasets.Status status = Datasets.check(dataDir, file);
        if (status == Datasets.Status.OK) {
            return new Ensured(target, true);
        }
        if (status == Datasets.Status.CORRUPT && trusted(file, target)) {
            return new Ensured(target, false);
        }
        if (status == Datasets.Status.CORRUPT) {
            System.err.println(target + " is damaged (its size or MD5 is not the published one); fetching it again");
        }
        fetch(file, target);
        return new Ensured(target, true);
    }

    /**
     * A file that only comes inside another (a batch of an unpacked archive), checked where it lies and
     * never fetched: missing, or not the published file and not trusted, is an error that names it and
     * says {@code whatToDo}.
     */
    public Ensured present(Path dataDir, DatasetFile file, String whatToDo) throws DatasetUnavailableException {
        Path target = dataDir.resolve(file.relativePath());
        return switch (Datasets.check(dataDir, file)) {
            case OK -> new Ensured(target, true);
            case MISSING -> throw new DatasetUnavailableException(target + " is missing. " + whatToDo, null);
            case CORRUPT -> {
                if (!trusted(file, target)) {
                    throw new DatasetUnavailableException(target + " is not the published " + file.dataset() + " file: its size or MD5 "
                            + "differs from " + file.bytes() + " bytes, MD5 " + file.md5() + " (a damaged or changed copy). " + whatToDo, null);
                }
                yield new Ensured(target, false);
            }
        };
    }

    /** Whether a present file that is not the published one is used all the same (VAELAB_TRUST_UNVERIFIED), said on stderr. */
    private boolean trusted(DatasetFile file, Path target) {
        if (!trustsUnverified.test(file.dataset())) {
            return false;
        }
        System.err.println("using " + target + " although its size or MD5 is not the published file's: VAELAB_TRUST_UNVERIFIED names "
                + file.dataset());
        return true;
    }

    private void fetch(DatasetFile file, Path target) throws IOException {
        if (offline) {
            throw unavailable(file, target, "VAELAB_OFFLINE is set, so nothing is downloaded", null);
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw unavailable(file, target, "cannot create " + target.getParent() + " (" + e.getMessage() + ")", e);
        }
        AtomicFiles.writeFile(target, partial -> {
            String md5 = download(file, target, partial);
            long size = Files.size(partial);
            if (size != file.bytes()) {
                throw unavailable(file, target, "the download from " + file.url() + " has " + size + " bytes, the published file "
                        + file.bytes() + " (cut off?)", null);
            }
            if (!md5.equals(file.md5())) {
                throw unavailable(file, target, "the download from " + file.url() + " has MD5 " + md5 + ", the published file "
                        + file.md5() + " (a changed or damaged file)", null);
            }
        });
    }

    /**
     * The HTTP client, made on the first download, with its threads in the JVM's top thread group: a
     * notebook kernel (JShell) waits at the end of each cell for every thread started in the cells'
     * group, and a client's selector thread lives as long as the client.
     */
    private synchronized HttpClient client() throws IOException {
        if (http == null) {
            ThreadGroup top = Thread.currentThread().getThreadGroup();
            while (top.getParent() != null) {
                top = top.getParent();
            }
            ThreadGroup group = top;
            ThreadFactory daemons = task -> {
                Thread thread = new Thread(group, task, "dataset-download");
                thread.setDaemon(true);
                return thread;
            };
            HttpClient[] made = new HttpClient[1];
            Thread maker = daemons.newThread(() -> made[0] = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).executor(Executors.newCachedThreadPool(daemons)).build());
            maker.start();
            try {
                maker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the download", e);
            }
            http = made[0];
        }
        return http;
    }

    /** Streams the file into {@code partial}; returns the MD5 of what arrived. */
    private String download(DatasetFile file, Path target, Path partial) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(file.url())).timeout(Duration.ofMinutes(30)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unavailable(file, target, "cannot reach " + file.url() + " (" + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(file, target, "the download of " + file.url() + " was interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw unavailable(file, target, file.url() + " answered HTTP " + response.statusCode(), null);
            }
            MessageDigest digest = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(partial)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw unavailable(file, target, "the download from " + file.url() + " broke off (" + describe(e) + ")", e);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getSimpleName();
    }

    private static DatasetUnavailableException unavailable(DatasetFile file, Path target, String why, Exception cause) {
        return new DatasetUnavailableException(file.dataset() + " file " + file.name() + " is not available: " + why
                + ". Download " + file.url() + " (MD5 " + file.md5() + ") by other means and put it at " + target
                + ", or set VAELAB_DATA to a folder that has it.", cause);
    }
}
