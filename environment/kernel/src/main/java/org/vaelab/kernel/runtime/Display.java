package org.vaelab.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.UUID;

/**
 * The functions every cell sees, with IJava's names and signatures: {@code display(obj)} shows an
 * object now and returns its display id; {@code updateDisplay(id, obj)} replaces that output in
 * place (a progress line, say); {@code render(obj)} only builds the output bundle.
 */
public final class Display {
    private static volatile DisplaySink sink;

    private Display() {
    }

    /** Where displays go; the kernel connects itself here when it starts. */
    public interface DisplaySink {
        /** The kernel's renderer ({@code io.github.spencerpark.jupyter.kernel.display.Renderer}). */
        Object renderer();

        DisplayData render(Object value, String... mimeTypes);

        void display(DisplayData data);

        void updateDisplay(String id, DisplayData data);
    }

    public static void connect(DisplaySink kernel) {
        sink = kernel;
    }

    /**
     * The running kernel's renderer, for a library on the class path to register how its own types look (as
     * IJava's {@code getKernelInstance().getRenderer()} gives it); null outside a kernel.
     */
    public static Object renderer() {
        DisplaySink current = sink;
        return current == null ? null : current.renderer();
    }

    public static DisplayData render(Object value, String... mimeTypes) {
        return sink().render(value, mimeTypes);
    }

    public static String display(Object value, String... mimeTypes) {
        DisplayData data = render(value, mimeTypes);
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        sink().display(data);
        return data.getDisplayId();
    }

    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        if (id == null) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, not null");
        }
        DisplayData data = render(value, mimeTypes);
        data.setDisplayId(id);
        sink().updateDisplay(id, data);
    }

    private static DisplaySink sink() {
        DisplaySink current = sink;
        if (current == null) {
            throw new IllegalStateException("display(...) works inside a notebook cell run by the VAE Lab kernel");
        }
        return current;
    }
}
