package org.vaelab.viz;

/**
 * A line in the notebook that updates in place. The VAE Lab kernel connects itself here; elsewhere
 * (IJava, a plain JVM, a test) and in headless report runs ({@code VAELAB_HEADLESS=1}) updates
 * become occasional printed lines instead.
 */
public final class LiveOutput {
    /** What the kernel offers: show an object and get its display id; replace the object shown under an id. */
    public interface Sink {
        String show(Object value);

        void update(String id, Object value);
    }

    private static volatile Sink sink;

    private LiveOutput() {
    }

    public static void connect(Sink kernel) {
        sink = kernel;
    }

    /** True when updates can replace an output in place. */
    public static boolean live() {
        String headless = System.getenv("VAELAB_HEADLESS");
        return sink != null && !"1".equals(headless) && !"true".equalsIgnoreCase(headless);
    }

    /** Shows {@code value}; returns the id to update, or null when not live (it was printed). */
    public static String show(Object value) {
        if (live()) {
            return sink.show(value);
        }
        System.out.println(value);
        return null;
    }

    /** Replaces what {@code id} shows; does nothing when not live. */
    public static void update(String id, Object value) {
        if (id != null && live()) {
            sink.update(id, value);
        }
    }
}
