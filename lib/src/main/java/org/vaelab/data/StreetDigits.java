package org.vaelab.data;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic street digits: seeded 32×32 colour images of a centre digit in the manner of SVHN's
 * cropped digits (the "Synthetic Digits" of domain-adaptation papers), for where real SVHN is
 * missing. They are <b>not SVHN</b>: no photograph is involved, and their set is named
 * {@value #NAME} so that no table or picture can take them for it.
 *
 * <p>Each image is drawn with java.awt (headless is fine) and varies in: the label (drawn with the
 * class frequencies of SVHN's test set, so 1 and 2 are the most common); the font, one of the 16
 * font files shipped with the workbook (below, see {@link #fonts()}); the background colour, plain
 * or a vertical or horizontal gradient; the digit colour, at least 0.3 of luminance away from the
 * background; the digit height (55–85 % of the image), width, shift (±3 px), rotation (±12°) and
 * shear; neighbouring digits cut off at the left and/or right edge, as SVHN crops house numbers; a
 * Gaussian blur (σ 0–1.2 px) and Gaussian pixel noise (σ up to 6 % of the range).
 *
 * <p>The fonts are TrueType files read from the class path, in this fixed order, each checked
 * against its SHA-256; never the machine's fonts, never Java's logical fonts (SansSerif, Dialog …):
 * <ul>
 *   <li>DejaVu 2.37 (Sans, Sans Condensed, Sans Mono, Serif, Serif Condensed; each plain and bold),
 *       from {@code net.sf.jasperreports:jasperreports-fonts}; the Bitstream Vera font licence, the
 *       DejaVu changes in the public domain;</li>
 *   <li>Liberation 2.00.5 (Sans, Serif, Mono; each regular and bold), from
 *       {@code com.github.librepdf:openpdf-fonts-extra}; the SIL Open Font License 1.1.</li>
 * </ul>
 * Their licences travel in those jars (and are listed in docs/SETUP.md). A font file missing from
 * the class path, unreadable or not the pinned one is an {@link IllegalStateException} naming it,
 * never a silently different data set. Java reads the files with its own font system, which on
 * Linux starts only where fontconfig finds at least one installed font (any: none is drawn in);
 * where it does not, the error says so.
 *
 * <p>Image {@code i} depends only on the seed and on {@code i}: the same seed gives the same images,
 * bit for bit, on every machine with the same JDK font scaler and rasteriser (StreetDigitsDigestTest
 * pins the first images of {@code train(42)} and {@code test(42)}, also with the machine's fonts
 * hidden). {@code generate(n, s).head(m)} equals {@code generate(m, s)}. Pixels are laid out as
 * {@link SvhnMat} reads SVHN: per image, channel, row, column (R, G, B planes of 32×32 bytes).
 */
public final class StreetDigits {
    /** The name of every set made here. */
    public static final String NAME = "synthetic street digits (not SVHN)";
    /** SVHN's numbers of training and test images. */
    public static final int TRAIN_SIZE = 73_257;
    public static final int TEST_SIZE = 26_032;

    private static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;
    private static final int IMAGE = 3 * PLANE;
    /** Images of digits 0..9 in SVHN's test set: the label frequencies drawn here. */
    private static final int[] SVHN_TEST_COUNTS = {1744, 5099, 4149, 2882, 2523, 2384, 1977, 2019, 1660, 1595};
    private static final int[] CUMULATIVE = new int[10];
    private static final String DEJAVU = "net.sf.jasperreports:jasperreports-fonts";
    private static final String DEJAVU_DIR = "/net/sf/jasperreports/fonts/dejavu/";
    private static final String LIBERATION = "com.github.librepdf:openpdf-fonts-extra";
    private static final String LIBERATION_DIR = "/liberation/";
    /** The font files the digits are drawn in, in this order (image i picks one by index): class-path resource, artifact, SHA-256. */
    private static final String[][] FONT_FILES = {
        {DEJAVU_DIR + "DejaVuSans.ttf", DEJAVU, "7da195a74c55bef988d0d48f9508bd5d849425c1770dba5d7bfc6ce9ed848954"},
        {DEJAVU_DIR + "DejaVuSans-Bold.ttf", DEJAVU, "e6476c1b80502924294eed40894c5b18e06c181444ca953e5334262df9c27724"},
        {DEJAVU_DIR + "DejaVuSansCondensed.ttf", DEJAVU, "8550cd5ca1acb65a8fc7877c46939cd0b4d909f8e7bc1e24716873d918c5e549"},
        {DEJAVU_DIR + "DejaVuSansCondensed-Bold.ttf", DEJAVU, "38098d0b8edd8430a0f53fb2831b5d36037563a998a620d3c87a4d7591766d20"},
        {DEJAVU_DIR + "DejaVuSansMono.ttf", DEJAVU, "b4a6c3e4faab8773f4ff761d56451646409f29abedd68f05d38c2df667d3c582"},
        {DEJAVU_DIR + "DejaVuSansMono-Bold.ttf", DEJAVU, "bce60f1b4421acd9ea51ba6623d7024ecbe6817a953e3654df62a5e6bdf8f769"},
        {DEJAVU_DIR + "DejaVuSerif.ttf", DEJAVU, "42d1edeb7952f31b1f96d767ed7030b08a39e0c372b0071641518864e2bffb51"},
        {DEJAVU_DIR + "DejaVuSerif-Bold.ttf", DEJAVU, "c47b5527bcdc8dcf9ea8c77054454c5a884beaca2f44851a2a823ee639cbf07f"},
        {DEJAVU_DIR + "DejaVuSerifCondensed.ttf", DEJAVU, "685dcdfb8daf32a453d3426a4eb8d881c72146ddd999229354fb757511357995"},
        {DEJAVU_DIR + "DejaVuSerifCondensed-Bold.ttf", DEJAVU, "e09aa87c60c3e8de7f4e6c7bfeec8fd9489b6cd975e3033259bca3d6009aed18"},
        {LIBERATION_DIR + "LiberationSans-Regular.ttf", LIBERATION, "4d92708b98c4f61e0288cee4524152f41e552853c64cb2a86b298fb6082f7874"},
        {LIBERATION_DIR + "LiberationSans-Bold.ttf", LIBERATION, "f277d81c40976a72fe6785ccf1a61630dcf44106714acc810742bacb57916ce4"},
        {LIBERATION_DIR + "LiberationSerif-Regular.ttf", LIBERATION, "f64a2e5b3a840d1ee16706051686debbdd8cdb21b4df775b0cd84932022624ed"},
        {LIBERATION_DIR + "LiberationSerif-Bold.ttf", LIBERATION, "e4414e9ebbdd4a8c05502edce9dfac2864b63784a052aba736ab65200cb1326d"},
        {LIBERATION_DIR + "LiberationMono-Regular.ttf", LIBERATION, "816a2a46416a2d3550b401ff8d0c084ba7e8138782f7057b1e537446012f769a"},
        {LIBERATION_DIR + "LiberationMono-Bold.ttf", LIBERATION, "5a49fcecefa06c933d84067a6940686a383a3ef9d78900528d0c02e5310bfd4c"},
    };
    /** The size at which glyph outlines are taken; they are scaled to each image's digit height. */
    private static final float OUTLINE_SIZE = 100f;

    static {
        int sum = 0;
        for (int d = 0; d < 10; d++) {
            sum += SVHN_TEST_COUNTS[d];
            CUMULATIVE[d] = sum;
        }
    }

    private StreetDigits() {
    }

    /** {@value #TRAIN_SIZE} images (SVHN's training size), none shared with {@link #test}. */
    public static ImageSet train(long seed) {
        return generate(TRAIN_SIZE, mix(seed ^ 0x7472_6169_6E00_0001L));
    }

    /** {@value #TEST_SIZE} images (SVHN's test size), none shared with {@link #train}. */
    public static ImageSet test(long seed) {
        return generate(TEST_SIZE, mix(seed ^ 0x7465_7374_0000_0002L));
    }

    /**
     * {@code count} images; image {@code i} depends on {@code seed} and {@code i} only.
     *
     * @throws IllegalStateException if a shipped font file is missing from the class path, unreadable or not the pinned one
     */
    public static ImageSet generate(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, not " + count);
        }
        Glyphs glyphs = Glyphs.get();
        byte[] pixels = new byte[count * IMAGE];
        int[] labels = new int[count];
        long base = mix(seed);
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom random = new SplittableRandom(mix(base + mix(i + 0x5DEECE66DL)));
            labels[i] = draw(random, glyphs, pixels, i * IMAGE);
        });
        return new ImageSet(NAME, 3, SIDE, SIDE, pixels, labels, DataFolder.DIGITS);
    }

    /**
     * The names of the shipped fonts the digits are drawn in ("DejaVu Sans", "DejaVu Sans Bold", …,
     * "Liberation Mono Bold"), in their fixed order; see the class comment.
     *
     * @throws IllegalStateException if a shipped font file is missing from the class path, unreadable or not the pinned one
     */
    public static List<String> fonts() {
        return Glyphs.get().names;
    }

    /**
     * Reads one shipped font file from the class path and checks its SHA-256.
     *
     * @throws IllegalStateException naming the file, its artifact and what to do, if it is missing, unreadable or another file
     */
    static Font loadFont(String resource, String artifact, String sha256) {
        String remedy = ": the synthetic street digits are drawn only in the fonts shipped with the workbook, from "
                + artifact + ", a dependency of vaelab-lib. Rebuild with ./lab setup (or mvn -pl lib package), which puts "
                + "its jar in lib/target/classpath beside vaelab-lib's, and put every jar of that folder on the class path";
        byte[] bytes;
        try (InputStream in = StreetDigits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font file " + resource + " is not on the class path" + remedy);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("font file " + resource + " could not be read (" + e + ")" + remedy, e);
        }
        String actual;
        try {
            actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("font file " + resource + " is not the one the synthetic street digits are pinned to"
                    + " (SHA-256 " + actual + ", expected " + sha256 + "); another version of " + artifact
                    + " is on the class path? Drawing in it would give other images" + remedy);
        }
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
        } catch (FontFormatException e) {
            throw new IllegalStateException("font file " + resource + " is not a TrueType font Java can read (" + e + ")" + remedy, e);
        } catch (IOException e) {
            // The file is the pinned one: Java's font system itself did not start (on Linux, with no font installed at
            // all, it fails with "Fontconfig head is null", and createFont only says "Problem reading font data").
            throw new IllegalStateException("Java could not read the shipped font file " + resource + " (" + e + "), although it is"
                    + " the pinned one: Java's font system did not start on this machine. On Linux it needs fontconfig and at"
                    + " least one installed font (e.g. apt-get install fontconfig fonts-dejavu-core), although the synthetic"
                    + " street digits are drawn in none of them", e);
        }
    }

    /** Draws one image into {@code pixels} from {@code offset}; returns its label. */
    private static int draw(SplittableRandom random, Glyphs glyphs, byte[] pixels, int offset) {
        int r = random.nextInt(CUMULATIVE[9]);
        int label = 0;
        while (r >= CUMULATIVE[label]) {
            label++;
        }
        int variant = random.nextInt(glyphs.outlines.length);
        Shape[] font = glyphs.outlines[variant];
        Rectangle2D[] bounds = glyphs.bounds[variant];

        // Colours: background (plain or a gradient from a to b) and a digit colour far enough in luminance from both ends.
        float[] a = randomColour(random);
        float[] b = a.clone();
        int gradient = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0; // 1: vertical, 2: horizontal
        if (gradient != 0) {
            for (int c = 0; c < 3; c++) {
                b[c] = clamp01(a[c] + (float) random.nextDouble(-0.35, 0.35));
            }
        }
        float[] ink = null;
        for (int tries = 0; tries < 200 && ink == null; tries++) {
            float[] candidate = randomColour(random);
            if (Math.abs(luma(candidate) - luma(a)) >= 0.3f && Math.abs(luma(candidate) - luma(b)) >= 0.3f) {
                ink = candidate;
            }
        }
        if (ink == null) { // black or white, whichever is farther from the background
            float mean = (luma(a) + luma(b)) / 2;
            ink = mean > 0.5f ? new float[] {0, 0, 0} : new float[] {1, 1, 1};
        }

        // Geometry: the centre digit's height, width, shift, rotation, shear; neighbours beside it.
        Rectangle2D centre = bounds[label];
        double height = SIDE * random.nextDouble(0.55, 0.85);
        double scale = height / centre.getHeight();
        double widen = random.nextDouble(0.85, 1.15);
        double dx = random.nextDouble(-2.5, 2.5);
        double dy = random.nextDouble(-2.5, 2.5);
        double angle = Math.toRadians(random.nextDouble(-12, 12));
        double shear = random.nextInt(3) == 0 ? random.nextDouble(-0.2, 0.2) : 0;
        double gap = height * random.nextDouble(0.06, 0.3);
        boolean left = random.nextInt(10) < 6;
        boolean right = random.nextInt(10) < 6;
        int leftDigit = random.nextInt(10);
        int rightDigit = random.nextInt(10);
        double sigma = random.nextDouble(0, 1.2);
        double noise = random.nextDouble(0, 0.06);

        Canvas canvas = Canvas.LOCAL.get();
        Arrays.fill(canvas.coverage, (byte) 0);
        AffineTransform place = new AffineTransform();
        place.translate(SIDE / 2.0 + dx, SIDE / 2.0 + dy);
        place.rotate(angle);
        place.shear(shear, 0);
        double halfWidth = centre.getWidth() * scale * widen / 2;
        fill(canvas, font[label], centre, place, 0, scale * widen, scale);
        if (left) {
            Rectangle2D n = bounds[leftDigit];
            fill(canvas, font[leftDigit], n, place, -(halfWidth + gap + n.getWidth() * scale * widen / 2), scale * widen, scale);
        }
        if (right) {
            Rectangle2D n = bounds[rightDigit];
            fill(canvas, font[rightDigit], n, place, halfWidth + gap + n.getWidth() * scale * widen / 2, scale * widen, scale);
        }

        // Composite, blur, add noise, write as channel planes.
        float[][] planes = canvas.planes;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int p = y * SIDE + x;
                float t = gradient == 1 ? y / (SIDE - 1f) : gradient == 2 ? x / (SIDE - 1f) : 0f;
                float alpha = (canvas.coverage[p] & 0xff) / 255f;
                for (int c = 0; c < 3; c++) {
                    float background = a[c] + (b[c] - a[c]) * t;
                    planes[c][p] = background + (ink[c] - background) * alpha;
                }
            }
        }
        if (sigma > 0.15) {
            float[] kernel = kernel(sigma);
            for (int c = 0; c < 3; c++) {
                blur(planes[c], canvas.scratch, kernel);
            }
        }
        for (int c = 0; c < 3; c++) {
            float[] plane = planes[c];
            int start = offset + c * PLANE;
            for (int p = 0; p < PLANE; p++) {
                double value = 255 * (plane[p] + noise * random.nextGaussian());
                pixels[start + p] = (byte) Math.max(0, Math.min(255, Math.round(value)));
            }
        }
        return label;
    }

    /** Fills a digit outline, centred at {@code along} pixels along the (rotated) text line. */
    private static void fill(Canvas canvas, Shape outline, Rectangle2D bounds, AffineTransform place, double along,
                             double scaleX, double scaleY) {
        AffineTransform transform = new AffineTransform(place);
        transform.translate(along, 0);
        transform.scale(scaleX, scaleY);
        transform.translate(-bounds.getCenterX(), -bounds.getCenterY());
        canvas.graphics.setTransform(transform);
        canvas.graphics.fill(outline);
    }

    /** A colour as house numbers and walls have them: often greyish, sometimes vivid, any brightness. */
    private static float[] randomColour(SplittableRandom random) {
        float hue = (float) random.nextDouble();
        float saturation = (float) (random.nextBoolean() ? random.nextDouble(0, 0.3) : random.nextDouble(0.3, 1));
        float brightness = (float) random.nextDouble(0.05, 1);
        int rgb = java.awt.Color.HSBtoRGB(hue, saturation, brightness);
        return new float[] {((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f};
    }

    /** Luminance in [0, 1] (ITU-R BT.601 weights). */
    private static float luma(float[] rgb) {
        return 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /** A normalised Gaussian kernel of radius ⌈3σ⌉. */
    private static float[] kernel(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double w = Math.exp(-k * k / (2 * sigma * sigma));
            kernel[k + radius] = (float) w;
            sum += w;
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= (float) sum;
        }
        return kernel;
    }

    /** Separable blur of a 32×32 plane in place, edges repeated. */
    private static void blur(float[] plane, float[] scratch, float[] kernel) {
        int radius = kernel.length / 2;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.max(0, Math.min(SIDE - 1, x + k));
                    sum += kernel[k + radius] * plane[y * SIDE + xx];
                }
                scratch[y * SIDE + x] = sum;
            }
        }
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.max(0, Math.min(SIDE - 1, y + k));
                    sum += kernel[k + radius] * scratch[yy * SIDE + x];
                }
                plane[y * SIDE + x] = sum;
            }
        }
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One thread's drawing surface: a grey coverage mask the digits are filled into, and float planes. */
    private static final class Canvas {
        static final ThreadLocal<Canvas> LOCAL = ThreadLocal.withInitial(Canvas::new);

        final BufferedImage mask = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        final byte[] coverage = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        final Graphics2D graphics = mask.createGraphics();
        final float[][] planes = new float[3][PLANE];
        final float[] scratch = new float[PLANE];

        Canvas() {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            graphics.setColor(java.awt.Color.WHITE);
        }
    }

    /** The outlines of the ten digits in every shipped font, read once. */
    private static final class Glyphs {
        private static volatile Glyphs instance;

        final List<String> names;
        /** [font variant][digit]. */
        final Shape[][] outlines;
        final Rectangle2D[][] bounds;

        /** The glyphs, read on first use; a failure is thrown again, with its message, on every call. */
        static Glyphs get() {
            Glyphs glyphs = instance;
            if (glyphs == null) {
                synchronized (Glyphs.class) {
                    glyphs = instance;
                    if (glyphs == null) {
                        glyphs = new Glyphs();
                        instance = glyphs;
                    }
                }
            }
            return glyphs;
        }

        private Glyphs() {
            FontRenderContext context = new FontRenderContext(null, true, true);
            List<String> fontNames = new ArrayList<>();
            outlines = new Shape[FONT_FILES.length][];
            bounds = new Rectangle2D[FONT_FILES.length][];
            for (int f = 0; f < FONT_FILES.length; f++) {
                String resource = FONT_FILES[f][0];
                Font font = loadFont(resource, FONT_FILES[f][1], FONT_FILES[f][2]).deriveFont(OUTLINE_SIZE);
                if (font.canDisplayUpTo("0123456789") != -1) {
                    throw new IllegalStateException("font file " + resource + " (" + font.getFontName(Locale.ROOT)
                            + ") has no glyph for a digit 0-9");
                }
                Shape[] digits = new Shape[10];
                Rectangle2D[] box = new Rectangle2D[10];
                for (int d = 0; d < 10; d++) {
                    digits[d] = new Path2D.Float(font.createGlyphVector(context, Character.toString('0' + d)).getOutline());
                    box[d] = digits[d].getBounds2D();
                    if (box[d].getWidth() <= 1 || box[d].getHeight() <= 1) {
                        throw new IllegalStateException("font file " + resource + " draws the digit " + d + " empty");
                    }
                }
                if (Arrays.equals(raster(digits[1], box[1]), raster(digits[8], box[8]))) {
                    throw new IllegalStateException("font file " + resource + " draws 1 and 8 alike (boxes for missing glyphs?)");
                }
                fontNames.add(font.getFontName(Locale.ROOT));
                outlines[f] = digits;
                bounds[f] = box;
            }
            names = List.copyOf(fontNames);
        }

        /** A digit filled into a 32×32 mask, to tell real glyphs from the boxes of missing ones. */
        private static byte[] raster(Shape outline, Rectangle2D bounds) {
            BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = image.createGraphics();
            try {
                g.setColor(java.awt.Color.WHITE);
                double scale = 28 / Math.max(bounds.getWidth(), bounds.getHeight());
                g.translate(SIDE / 2.0, SIDE / 2.0);
                g.scale(scale, scale);
                g.translate(-bounds.getCenterX(), -bounds.getCenterY());
                g.fill(outline);
            } finally {
                g.dispose();
            }
            return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        }
    }
}
