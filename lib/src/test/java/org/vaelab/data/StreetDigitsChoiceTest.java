package org.vaelab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Labs 06 and 07 take real SVHN where its files are here, and the synthetic street digits elsewhere, named as such. */
class StreetDigitsChoiceTest {
    @TempDir
    Path tmp;

    @Test
    void withoutSvhnFilesTheLabsGetTheSyntheticStreetDigitsOfSvhnsSizes() throws IOException {
        DataFolder folder = new DataFolder(tmp, true, dataset -> false);
        ImageSet test = folder.streetDigits(Split.TEST);
        assertEquals("synthetic street digits (not SVHN)", test.name());
        assertEquals(26_032, test.size());
        assertEquals(3, test.channels());
        assertEquals(32, test.height());
        ImageSet again = new DataFolder(tmp, true, dataset -> false).streetDigits(Split.TEST);
        assertEquals(test.label(1234), again.label(1234), "one dataset, whatever folder asks");
        assertEquals(test.pixel(1234, 777), again.pixel(1234, 777));
    }

    @Test
    void withSvhnFilesTheLabsGetThemAndStandInsAreNamedSo() throws IOException {
        Path svhn = Files.createDirectories(tmp.resolve("svhn"));
        SvhnMatTest.writeSvhn(svhn.resolve("train_32x32.mat"), new int[] {1, 2, 3, 10});
        SvhnMatTest.writeSvhn(svhn.resolve("test_32x32.mat"), new int[] {5, 10});
        DataFolder folder = new DataFolder(tmp, true, dataset -> dataset.equals("SVHN"));
        ImageSet test = folder.streetDigits(Split.TEST);
        assertEquals("SVHN stand-in", test.name(), "files that are not the published ones are never called SVHN");
        assertEquals(2, test.size());
        assertEquals(0, test.label(1), "SVHN's label 10 is the digit 0");
        assertEquals("synthetic street digits (not SVHN)", folder.syntheticStreetDigits(Split.TEST).name(),
                "00-setup shows the synthetic digits beside SVHN all the same");
    }
}
