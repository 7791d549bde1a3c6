package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * How the workbook's objects look in a notebook. Images (any RenderedImage) come from the base
 * library; this adds charts as PNG, tables as HTML, and strings shown explicitly as HTML,
 * Markdown or LaTeX ({@code display(text, "text/html")}).
 */
final class Renderers {
    /** Longer tables are cut in the notebook, with a note saying how many rows were left out. */
    static final int MAX_TABLE_ROWS = 60;

    private Renderers() {
    }

    static void registerAll(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(chart));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chart.getClass().getSimpleName()
                            + " \"" + chart.getTitle() + "\" " + chart.getWidth() + "x" + chart.getHeight());
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.of(table, MAX_TABLE_ROWS));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.printAll());
                });
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

    static String pngBase64(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart \"" + chart.getTitle() + "\" as PNG", e);
        }
    }
}
