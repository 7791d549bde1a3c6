package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * How objects look in a notebook. Images (any RenderedImage) come from the base library; this adds
 * strings shown explicitly as HTML, Markdown or LaTeX ({@code display(text, "text/html")}). A library
 * registers its own types through {@link org.vaelab.kernel.runtime.Display#renderer()}, as the workbook's
 * does for its charts and tables (org.vaelab.viz.NotebookKernel), the same way under IJava and JJava.
 */
final class Renderers {
    private Renderers() {
    }

    static void registerAll(Renderer renderer) {
        // Text is plain unless the caller names another type: display("<b>x</b>", "text/html").
        renderer.createRegistration(CharSequence.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN, MIMEType.TEXT_LATEX)
                .register((text, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, text::toString);
                    context.renderIfRequested(MIMEType.TEXT_HTML, text::toString);
                    context.renderIfRequested(MIMEType.TEXT_MARKDOWN, text::toString);
                    context.renderIfRequested(MIMEType.TEXT_LATEX, text::toString);
                });
    }
}
