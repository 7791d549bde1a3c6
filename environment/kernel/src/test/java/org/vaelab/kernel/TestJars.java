package org.vaelab.kernel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles small Java sources into class folders and jars, for the class-path magics' tests. */
final class TestJars {
    private TestJars() {
    }

    /** Compiles {@code source} (a public class {@code className}) into {@code classes}. */
    static Path compile(Path classes, String className, String source, Path... classpath) throws IOException {
        Path sources = Files.createTempDirectory("src");
        Path file = sources.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        if (classpath.length > 0) {
            args.add("-cp");
            args.add(String.join(java.io.File.pathSeparator, Stream.of(classpath).map(Path::toString).toList()));
        }
        args.add(file.toString());
        int status = javac.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + className);
        }
        return classes;
    }

    /** Packs a class folder into a jar. */
    static Path jar(Path classes, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
