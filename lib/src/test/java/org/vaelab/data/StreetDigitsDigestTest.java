package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic street digits are pinned like the real data sets: the SHA-256 of the first 256 images (pixels, then
 * labels) of {@code StreetDigits.train(42)} and {@code StreetDigits.test(42)}. They change only if a font file, the
 * drawing or the seeding changes, and they are the same in a JVM that sees none of the machine's fonts.
 */
class StreetDigitsDigestTest {
    static final String TRAIN_42 = "57e078aadee3c16ab25335478b59fc00504b47bae98c2a1e8d0ea5da23527253";
    static final String TEST_42 = "b73b41e2c491fd3c070afc6fac8a0493edcda4d984de1ef8b9c5cddd970fa720";
    /** The families Java itself lists with no font installed: its logical fonts, which StreetDigits never uses. */
    private static final Set<String> LOGICAL = Set.of("Dialog", "DialogInput", "Monospaced", "SansSerif", "Serif");

    @TempDir
    Path tmp;

    @Test
    void theFirstImagesOfTrainAndTestOfSeed42AreThePinnedOnes() {
        assertEquals(TRAIN_42, StreetDigitsDigests.trainDigest(), "first 256 images of StreetDigits.train(42)");
        assertEquals(TEST_42, StreetDigitsDigests.testDigest(), "first 256 images of StreetDigits.test(42)");
    }

    @Test
    void aJvmThatSeesNoneOfTheMachinesFontsDrawsTheSameImages() throws IOException, InterruptedException {
        // fontconfig with no font directory, a home without Java's cache of fontconfig's answers
        // (~/.java/fonts/<version>/fcinfo-*.properties would list the machine's fonts all the same), and a Java font
        // configuration that maps the logical fonts to no file: without one, a JVM that finds no font at all does not
        // start its font system ("Fontconfig head is null"), and could not read the shipped fonts either.
        Path config = Files.writeString(tmp.resolve("fonts.conf"), "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n");
        StringBuilder logical = new StringBuilder("version=1\nsequence.allfonts=latin-1\nfilename.none=/nonexistent/none.ttf\n");
        for (String family : List.of("serif", "sansserif", "monospaced", "dialog", "dialoginput")) {
            for (String style : List.of("plain", "bold", "italic", "bolditalic")) {
                logical.append(family).append('.').append(style).append(".latin-1=none\n");
            }
        }
        Path javaFonts = Files.writeString(tmp.resolve("fontconfig.properties"), logical);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-Duser.home=" + home,
                "-Dsun.awt.fontconfig=" + javaFonts, "-cp", System.getProperty("java.class.path"),
                StreetDigitsDigests.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("FONTCONFIG_FILE", config.toString());
        builder.environment().put("FONTCONFIG_PATH", tmp.toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the child JVM ends");
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("child JVM without the machine's fonts:\n" + text);
        assertEquals(0, process.exitValue(), text);
        Map<String, String> lines = new HashMap<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                lines.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }

        // The probe: that JVM lists no family of the machine, only Java's logical fonts.
        List<String> hidden = Arrays.asList(lines.getOrDefault("families", "").split("\\|"));
        List<String> machine = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT));
        System.out.println("this JVM lists " + machine);
        assertEquals(LOGICAL, Set.copyOf(hidden), "the child JVM lists Java's logical fonts only, no font of the machine");
        for (String family : List.of("DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif")) {
            assertFalse(hidden.contains(family), family + " is hidden from the child JVM");
        }
        if (Files.isDirectory(Path.of("/usr/share/fonts/truetype/dejavu"))) {
            assertTrue(machine.contains("DejaVu Sans"), "DejaVu Sans, installed at /usr/share/fonts, is seen here: " + machine);
        }

        assertEquals(String.join("|", StreetDigits.fonts()), lines.get("fonts"), "the same shipped fonts");
        assertEquals(TRAIN_42, lines.get("train"), "first 256 images of StreetDigits.train(42), machine's fonts hidden");
        assertEquals(TEST_42, lines.get("test"), "first 256 images of StreetDigits.test(42), machine's fonts hidden");
    }
}
