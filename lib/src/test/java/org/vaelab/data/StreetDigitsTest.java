package org.vaelab.data;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic street digits: seeded, SVHN-shaped, labelled like SVHN's test set, and varied. */
class StreetDigitsTest {
    private static final int[] SVHN_TEST_COUNTS = {1744, 5099, 4149, 2882, 2523, 2384, 1977, 2019, 1660, 1595};

    private static void assertSameImages(ImageSet expected, ImageSet actual) {
        assertEquals(expected.size(), actual.size(), "size");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.label(i), actual.label(i), "label of image " + i);
            assertArrayEquals(expected.image(i), actual.image(i), "pixels of image " + i);
        }
    }

    @Test
    void sameSeedGivesTheSameImagesAndAnotherSeedOthers() {
        ImageSet first = StreetDigits.generate(300, 5);
        assertSameImages(first, StreetDigits.generate(300, 5));
        ImageSet other = StreetDigits.generate(300, 6);
        int same = 0;
        for (int i = 0; i < 300; i++) {
            same += Arrays.equals(first.image(i), other.image(i)) ? 1 : 0;
        }
        assertEquals(0, same, "images shared by seeds 5 and 6");
    }

    @Test
    void theFirstImagesOfALargerSetAreTheSmallerSet() {
        assertSameImages(StreetDigits.generate(120, 7), StreetDigits.generate(500, 7).head(120));
        assertEquals(0, StreetDigits.generate(0, 7).size());
    }

    @Test
    void nameShapeAndClassesAreSvhnsButTheNameSaysItIsNotSvhn() {
        ImageSet set = StreetDigits.generate(10, 1);
        assertEquals("synthetic street digits (not SVHN)", set.name());
        assertEquals(StreetDigits.NAME, set.name());
        assertEquals(3, set.channels());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertEquals(3072, set.imageSize());
        assertEquals(DataFolder.DIGITS, set.classNames());
    }

    @Test
    void labelsFollowSvhnsTestSetFrequencies() {
        ImageSet set = StreetDigits.generate(2000, 3);
        int[] counts = set.classCounts();
        double total = Arrays.stream(SVHN_TEST_COUNTS).sum();
        for (int d = 0; d < 10; d++) {
            assertTrue(counts[d] > 0, "digit " + d + " is present");
            double expected = SVHN_TEST_COUNTS[d] / total;
            assertEquals(expected, counts[d] / 2000.0, 0.03, "frequency of digit " + d + " in " + Arrays.toString(counts));
        }
        for (int d = 0; d < 10; d++) {
            assertTrue(d == 1 || counts[d] < counts[1], "1 is the most frequent digit: " + Arrays.toString(counts));
        }
    }

    @Test
    void imagesAreColourfulAndVaried() {
        ImageSet set = StreetDigits.generate(500, 9);
        double spread = 0;
        double colour = 0;
        double[] meanRed = new double[set.size()];
        for (int i = 0; i < set.size(); i++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                double squares = 0;
                for (int p = 0; p < 1024; p++) {
                    int v = set.pixel(i, c * 1024 + p);
                    sum += v;
                    squares += v * (double) v;
                }
                double mean = sum / 1024;
                spread += Math.sqrt(squares / 1024 - mean * mean);
                if (c == 0) {
                    meanRed[i] = mean;
                }
            }
            for (int p = 0; p < 1024; p++) {
                int r = set.pixel(i, p);
                int g = set.pixel(i, 1024 + p);
                int b = set.pixel(i, 2048 + p);
                colour += (Math.abs(r - g) + Math.abs(g - b) + Math.abs(b - r)) / 3.0;
            }
        }
        spread /= 3 * set.size();
        colour /= 1024.0 * set.size();
        assertTrue(spread > 20, "mean per-channel standard deviation within an image: " + spread);
        assertTrue(colour > 10, "mean difference between channels (0 for grey images): " + colour);
        double background = Arrays.stream(meanRed).map(m -> m - Arrays.stream(meanRed).average().orElse(0))
                .map(d -> d * d).average().orElse(0);
        assertTrue(Math.sqrt(background) > 30, "images differ in colour: deviation of mean red " + Math.sqrt(background));
        Set<ByteBuffer> distinct = new HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            distinct.add(ByteBuffer.wrap(set.image(i)));
        }
        assertEquals(set.size(), distinct.size(), "no two of the first 500 images are the same");
    }

    @Test
    void trainAndTestHaveSvhnsSizesAndShareNoImages() {
        ImageSet train = StreetDigits.train(1);
        ImageSet test = StreetDigits.test(1);
        assertEquals(73_257, train.size());
        assertEquals(26_032, test.size());
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(ByteBuffer.wrap(train.image(i)));
        }
        for (int i = 0; i < 2000; i++) {
            assertFalse(seen.contains(ByteBuffer.wrap(test.image(i))), "test image " + i + " is also a training image");
        }
    }

    @Test
    void fontsAreTheSixteenShippedFilesInAFixedOrderAndNoneOfJavasLogicalFonts() {
        assertEquals(List.of("DejaVu Sans", "DejaVu Sans Bold", "DejaVu Sans Condensed", "DejaVu Sans Condensed Bold",
                "DejaVu Sans Mono", "DejaVu Sans Mono Bold", "DejaVu Serif", "DejaVu Serif Bold", "DejaVu Serif Condensed",
                "DejaVu Serif Condensed Bold", "Liberation Sans", "Liberation Sans Bold", "Liberation Serif",
                "Liberation Serif Bold", "Liberation Mono", "Liberation Mono Bold"), StreetDigits.fonts());
        for (String logical : List.of("Dialog", "DialogInput", "Monospaced", "SansSerif", "Serif")) {
            assertFalse(StreetDigits.fonts().contains(logical), logical);
        }
    }

    @Test
    void aMissingOrAnotherFontFileIsAnErrorNamingItItsArtifactAndWhatToDo() {
        String dejaVu = "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> StreetDigits.loadFont("/net/sf/jasperreports/fonts/dejavu/NoSuchFont.ttf", "net.sf.jasperreports:jasperreports-fonts", "00"));
        assertTrue(missing.getMessage().contains("/net/sf/jasperreports/fonts/dejavu/NoSuchFont.ttf is not on the class path"), missing.getMessage());
        assertTrue(missing.getMessage().contains("net.sf.jasperreports:jasperreports-fonts"), missing.getMessage());
        assertTrue(missing.getMessage().contains("./lab setup"), missing.getMessage());
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> StreetDigits.loadFont(dejaVu, "net.sf.jasperreports:jasperreports-fonts", "0".repeat(64)));
        assertTrue(other.getMessage().contains(dejaVu + " is not the one the synthetic street digits are pinned to"), other.getMessage());
        assertTrue(other.getMessage().contains("./lab setup"), other.getMessage());
        IllegalStateException notAFont = assertThrows(IllegalStateException.class,
                () -> StreetDigits.loadFont("/org/vaelab/data/StreetDigits.class", "vaelab-lib", sha256("/org/vaelab/data/StreetDigits.class")));
        assertTrue(notAFont.getMessage().contains("/org/vaelab/data/StreetDigits.class is not a TrueType font"), notAFont.getMessage());
    }

    private static String sha256(String resource) throws Exception {
        try (var in = StreetDigits.class.getResourceAsStream(resource)) {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void aNegativeCountIsRefusedNamingIt() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> StreetDigits.generate(-3, 1));
        assertTrue(error.getMessage().contains("-3"), error.getMessage());
    }
}
