package org.vaelab.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * IJava's {@code %jars} and {@code %classpath}: put jars and folders on the cell class path.
 * Paths already on the kernel's own class path are skipped, so a notebook that loads the workbook
 * library for IJava's sake costs nothing here.
 */
public final class ClasspathMagics {
    private final Consumer<File> classpath;
    private final Set<Path> present = new HashSet<>();

    public ClasspathMagics(Consumer<File> classpath) {
        this.classpath = classpath;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                present.add(canonical(Path.of(entry)));
            }
        }
    }

    public void registerWith(Magics magics) {
        magics.registerLineMagic("jars", args -> {
            add(args, true);
            return null;
        });
        magics.registerLineMagic("classpath", args -> {
            add(args, false);
            return null;
        });
    }

    /** Adds every match of every glob; a glob that matches nothing is an error, not a silent no-op. */
    List<Path> add(List<String> globs, boolean jarsOnly) throws IOException {
        if (globs.isEmpty()) {
            throw new IllegalArgumentException((jarsOnly ? "%jars" : "%classpath") + " needs at least one path or glob");
        }
        List<Path> added = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matches = new ArrayList<>();
            GlobFinder finder = new GlobFinder(glob);
            try {
                for (Path match : jarsOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()) {
                    matches.add(match);
                }
            } catch (NoSuchFileException e) {
                // The glob's fixed part names a folder that does not exist: no matches, reported below.
            }
            if (matches.isEmpty()) {
                throw new IOException("no " + (jarsOnly ? "jar" : "file or folder") + " matches '" + glob
                        + "' (relative to " + Path.of("").toAbsolutePath() + "); build the jars first with ./lab setup");
            }
            for (Path match : matches) {
                if (jarsOnly && !Files.isRegularFile(match)) {
                    continue;
                }
                if (addIfAbsent(match)) {
                    added.add(match);
                }
            }
        }
        return added;
    }

    /** Puts one jar or folder on the cell class path unless it is there already; true if added. */
    public boolean addIfAbsent(Path path) {
        if (!present.add(canonical(path))) {
            return false;
        }
        classpath.accept(path.toFile());
        return true;
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
