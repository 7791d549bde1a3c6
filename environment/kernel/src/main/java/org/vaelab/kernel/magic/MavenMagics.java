package org.vaelab.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** IJava's {@code %maven group:artifact:version ...} and {@code %mavenRepo id url}. */
public final class MavenMagics {
    private final MavenResolver resolver = new MavenResolver();
    private final Consumer<File> classpath;

    public MavenMagics(Consumer<File> classpath) {
        this.classpath = classpath;
    }

    public void registerWith(Magics magics) {
        magics.registerLineMagic("maven", this::maven);
        magics.registerLineMagic("mavenRepo", args -> {
            if (args.size() != 2) {
                throw new IllegalArgumentException("usage: %mavenRepo <id> <url>, e.g. %mavenRepo course file:///srv/maven");
            }
            resolver.addRepository(args.get(0), args.get(1));
            return null;
        });
    }

    private Object maven(List<String> coordinates) throws Exception {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("usage: %maven group:artifact:version [more coordinates]");
        }
        for (String coordinate : coordinates) {
            if (coordinate.split(":").length < 3) {
                throw new IllegalArgumentException("'" + coordinate + "' is not Maven coordinates; write group:artifact:version");
            }
        }
        for (Path file : resolver.resolve(coordinates)) {
            classpath.accept(file.toFile());
        }
        return null;
    }
}
