package org.vaelab.data;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Synthetic street digits: seeded 32×32 colour images of a centre digit in the manner of SVHN's
 * cropped digits (the "Synthetic Digits" of domain-adaptation papers), for where real SVHN is
 * missing. They are <b>not SVHN</b>: no photograph is involved, and their set is named
 * {@value #NAME} so that no table or picture can take them for it.
 *
 * <p>Each image is drawn with java.awt (headless is fine) and varies in: the label (drawn with the
 * class frequencies of SVHN's test set, so 1 and 2 are the most common); the font family and style
 * (plain or bold) among the machine's fonts that draw the ten digits, see {@link #fonts()}; the
 * background colour, plain or a vertical or horizontal gradient; the digit colour, at least 0.3 of
 * luminance away from the background; the digit height (55–85 % of the image), width, shift
 * (±3 px), rotation (±12°) and shear; neighbouring digits cut off at the left and/or right edge, as
 * SVHN crops house numbers; a Gaussian blur (σ 0–1.2 px) and Gaussian pixel noise (σ up to 6 % of
 * the range).
 *
 * <p>Image {@code i} depends only on the seed, on {@code i} and on the machine's fonts: the same seed
 * gives the same images, bit for bit, on machines with the same fonts (and JDK rasteriser), and
 * other images on machines with other fonts. {@code generate(n, s).head(m)} equals
 * {@code generate(m, s)}. Pixels are laid out as {@link SvhnMat} reads SVHN: per image, channel,
 * row, column (R, G, B planes of 32×32 bytes).
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
    private static final String[] EXCLUDED = {"Math", "Awesome", "GLYPHICONS", "Symbol", "Dingbat", "Icons", "MathJax", "Emoji"};
    private static final String[] LOGICAL = {"SansSerif", "Serif", "Monospaced", "Dialog"};
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

    /** {@code count} images; image {@code i} depends on {@code seed} and {@code i} only (and on the fonts). */
    public static ImageSet generate(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, not " + count);
        }
        Glyphs glyphs = Glyphs.INSTANCE;
        byte[] pixels = new byte[count * IMAGE];
        int[] labels = new int[count];
        long base = mix(seed);
        IntStream.range(0, count).parallel().forEach(i -> {
            SplittableRandom random = new SplittableRandom(mix(base + mix(i + 0x5DEECE66DL)));
            labels[i] = draw(random, glyphs, pixels, i * IMAGE);
        });
        return new ImageSet(NAME, 3, SIDE, SIDE, pixels, labels, DataFolder.DIGITS);
    }

    /** The font families the digits are drawn in, sorted (each in plain and bold). */
    public static List<String> fonts() {
        return Glyphs.INSTANCE.families;
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

    /** The outlines of the ten digits in every usable font family and style, found once. */
    private static final class Glyphs {
        static final Glyphs INSTANCE = new Glyphs();

        final List<String> families;
        /** [font variant][digit]. */
        final Shape[][] outlines;
        final Rectangle2D[][] bounds;

        private Glyphs() {
            TreeSet<String> names = new TreeSet<>(Arrays.asList(LOGICAL));
            for (String family : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT)) {
                if (Arrays.stream(EXCLUDED).noneMatch(family::contains)) {
                    names.add(family);
                }
            }
            FontRenderContext context = new FontRenderContext(null, true, true);
            List<String> usable = new ArrayList<>();
            List<Shape[]> shapes = new ArrayList<>();
            List<Rectangle2D[]> boxes = new ArrayList<>();
            for (String family : names) {
                boolean any = false;
                for (int style : new int[] {Font.PLAIN, Font.BOLD}) {
                    Font font = new Font(family, style, 1).deriveFont(OUTLINE_SIZE);
                    if (font.canDisplayUpTo("0123456789") != -1) {
                        continue;
                    }
                    Shape[] digits = new Shape[10];
                    Rectangle2D[] box = new Rectangle2D[10];
                    boolean ok = true;
                    for (int d = 0; d < 10 && ok; d++) {
                        digits[d] = new Path2D.Float(font.createGlyphVector(context, Character.toString('0' + d)).getOutline());
                        box[d] = digits[d].getBounds2D();
                        ok = box[d].getWidth() > 1 && box[d].getHeight() > 1;
                    }
                    if (ok && !Arrays.equals(raster(digits[1], box[1]), raster(digits[8], box[8]))) {
                        shapes.add(digits);
                        boxes.add(box);
                        any = true;
                    }
                }
                if (any) {
                    usable.add(family);
                }
            }
            if (shapes.isEmpty()) {
                throw new IllegalStateException("no font on this machine draws the digits 0-9 (tried " + names
                        + "); install a font such as DejaVu Sans");
            }
            families = List.copyOf(usable);
            outlines = shapes.toArray(new Shape[0][]);
            bounds = boxes.toArray(new Rectangle2D[0][]);
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
