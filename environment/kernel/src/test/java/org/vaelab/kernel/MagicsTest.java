package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IJava's magics, spelled as IJava spells them, against real jars, folders and a Maven repository. */
class MagicsTest extends KernelTestBase {
    @TempDir
    Path tmp;
    @Test
    void jarsPutsGlobbedJarsOnTheClassPath() throws Exception {
        Path classes = TestJars.compile(tmp.resolve("jar-classes"), "demo.jars.Answer",
                "package demo.jars; public class Answer { public static int value() { return 42; } }");
        TestJars.jar(classes, tmp.resolve("libs/answer-1.0.jar"));
        String cell = "%jars " + tmp.resolve("libs") + "/*.jar\ndemo.jars.Answer.value()";
        assertEquals("42", kernel.run(cell).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void jarsThatMatchNothingSayWhere() {
        IOException error = assertThrows(IOException.class, () -> kernel.run("%jars " + tmp.resolve("nowhere") + "/*.jar"));
        assertTrue(error.getMessage().contains("no jar matches '" + tmp.resolve("nowhere") + "/*.jar'"), error.getMessage());
    }

    @Test
    void classpathTakesAFolderOfClasses() throws Exception {
        Path classes = TestJars.compile(tmp.resolve("folder-classes"), "demo.folder.Greeting",
                "package demo.folder; public class Greeting { public static String hello() { return \"hello\"; } }");
        assertEquals("hello", kernel.run("%classpath " + classes + "\ndemo.folder.Greeting.hello()").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void magicsRunInTheirPlaceAmongJavaLines() throws Exception {
        Path classes = TestJars.compile(tmp.resolve("order-classes"), "demo.order.Late",
                "package demo.order; public class Late { public static int three() { return 3; } }");
        String cell = "int before = 1;\n%classpath " + classes + "\nint after = before + demo.order.Late.three();\nafter";
        assertEquals("4", kernel.run(cell).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void loadRunsAFileAsACell() throws Exception {
        Path script = tmp.resolve("helpers.jsh");
        Files.writeString(script, "int square(int x) { return x * x; }\nString loaded = \"yes\";\n");
        kernel.run("%load " + script);
        assertEquals("49", kernel.run("square(7)").getData(MIMEType.TEXT_PLAIN));
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> kernel.run("%load " + tmp.resolve("absent.jsh")));
        assertTrue(missing.getMessage().contains("absent.jsh"), missing.getMessage());
    }

    @Test
    void unknownMagicsAreErrors() {
        assertThrows(UndefinedMagicException.class, () -> kernel.run("%nosuchmagic x"));
    }

    @Test
    void mavenResolvesAnArtifactAndItsDependenciesFromARepository() throws Exception {
        // A repository in Maven's layout on disk: greeter 1.0 depends on words 1.0.
        Path repo = tmp.resolve("repo");
        Path wordsClasses = TestJars.compile(tmp.resolve("words-classes"), "demo.maven.Words",
                "package demo.maven; public class Words { public static String word() { return \"maven\"; } }");
        publish(repo, "demo.maven", "words", "1.0", wordsClasses, "");
        Path greeterClasses = TestJars.compile(tmp.resolve("greeter-classes"), "demo.maven.Greeter",
                "package demo.maven; public class Greeter { public static String greet() { return \"hello \" + Words.word(); } }",
                wordsClasses);
        publish(repo, "demo.maven", "greeter", "1.0", greeterClasses,
                "<dependencies><dependency><groupId>demo.maven</groupId><artifactId>words</artifactId><version>1.0</version></dependency></dependencies>");

        Path localRepository = tmp.resolve("m2");
        String previous = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", localRepository.toString());
        try {
            String cell = "%mavenRepo course " + repo.toUri() + "\n%maven demo.maven:greeter:1.0\ndemo.maven.Greeter.greet()";
            assertEquals("hello maven", kernel.run(cell).getData(MIMEType.TEXT_PLAIN));
        } finally {
            if (previous == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", previous);
            }
        }
        assertTrue(Files.isRegularFile(localRepository.resolve("demo/maven/words/1.0/words-1.0.jar")),
                "the transitive dependency was fetched into the local repository");
    }

    @Test
    void mavenRejectsWhatAreNotCoordinates() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> kernel.run("%maven just-a-name"));
        assertTrue(error.getMessage().contains("group:artifact:version"), error.getMessage());
    }

    private static void publish(Path repo, String group, String artifact, String version, Path classes, String dependencies)
            throws IOException {
        Path dir = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        TestJars.jar(classes, dir.resolve(artifact + "-" + version + ".jar"));
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"),
                "<project><modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId><artifactId>" + artifact
                        + "</artifactId><version>" + version + "</version>" + dependencies + "</project>");
    }
}
