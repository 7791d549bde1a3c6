package org.vaelab.data;

import java.awt.GraphicsEnvironment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The digests StreetDigitsDigestTest pins, also run as a program in a JVM that sees none of the
 * machine's fonts. It prints the font families that JVM lists (before any street digit is drawn),
 * then the digests, one {@code key: value} line each.
 */
final class StreetDigitsDigests {
    /** How many of the first images of each set are digested. */
    static final int IMAGES = 256;
    static final long SEED = 42;

    private StreetDigitsDigests() {
    }

    /** SHA-256 of the first {@code count} images' pixels (in order, 3,072 bytes each), then their labels (one byte each). */
    static String digest(ImageSet set, int count) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < count; i++) {
            sha.update(set.image(i));
        }
        for (int i = 0; i < count; i++) {
            sha.update((byte) set.label(i));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String trainDigest() {
        return digest(StreetDigits.train(SEED), IMAGES);
    }

    static String testDigest() {
        return digest(StreetDigits.test(SEED), IMAGES);
    }

    public static void main(String[] args) {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        System.out.println("families: " + String.join("|", families));
        System.out.println("train: " + trainDigest());
        System.out.println("test: " + testDigest());
        System.out.println("fonts: " + String.join("|", StreetDigits.fonts()));
    }
}
