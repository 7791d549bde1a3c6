package org.vaelab.viz;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbook's charts and tables as each IJava-family kernel's renderer shows them once NotebookKernel registered them. */
class NotebookKernelTest {
    private static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {3, 2, 1});
        return chart;
    }

    private static Table scores() {
        return Table.create("scores", StringColumn.create("model", "VAE", "beta<4>"), DoubleColumn.create("elbo", -104.5, -120.25));
    }

    private static BufferedImage decode(Object base64) throws IOException {
        assertNotNull(base64, "a chart must have a PNG rendering");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) base64)));
    }

    @Test
    void chartsBecomePngPicturesOfTheirSizeInIJavasRenderer() throws Exception {
        Renderer renderer = new Renderer();
        assertNull(renderer.render(chart()).getData(MIMEType.IMAGE_PNG), "unregistered, a chart is only its toString");
        NotebookKernel.register(renderer);
        DisplayData data = renderer.render(chart());
        BufferedImage png = decode(data.getData(MIMEType.IMAGE_PNG));
        assertEquals(320, png.getWidth());
        assertEquals(200, png.getHeight());
        assertEquals("XYChart \"loss\" 320x200", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void tablesBecomeHtmlTablesWithTheirTextEscaped() {
        Renderer renderer = new Renderer();
        NotebookKernel.register(renderer);
        String html = (String) renderer.render(scores()).getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "a table must have an HTML rendering");
        assertTrue(html.contains("<caption>scores</caption>"), html);
        assertTrue(html.contains(">model</th>") && html.contains(">elbo</th>"), html);
        assertTrue(html.contains(">-104.5</td>"), html);
        assertTrue(html.contains("beta&lt;4&gt;"), "cell text is escaped: " + html);
    }

    @Test
    void longTablesAreCutWithANote() {
        Renderer renderer = new Renderer();
        NotebookKernel.register(renderer);
        String html = (String) renderer.render(Table.create("long", IntColumn.indexColumn("i", 100, 0))).getData(MIMEType.TEXT_HTML);
        assertEquals(NotebookKernel.MAX_TABLE_ROWS, html.split("<tr>").length - 2, "header row plus the shown rows");
        assertTrue(html.contains((100 - NotebookKernel.MAX_TABLE_ROWS) + " more rows of 100 not shown"), html);
    }

    /** JJava's own classes, from the kernel jar in ../shared/kernels/jjava, loaded apart from this test's. */
    @Test
    void chartsAndTablesRenderTheSameInJJavasRenderer() throws Exception {
        Path jar = Path.of(System.getProperty("vaelab.jjava", "../shared/kernels/jjava/jjava.jar"));
        assertTrue(Files.isRegularFile(jar), "JJava's kernel jar is missing: " + jar.toAbsolutePath()
                + " (../shared/kernels/jjava, beside the project)");
        try (URLClassLoader jjava = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> rendererType = jjava.loadClass("org.dflib.jjava.jupyter.kernel.display.Renderer");
            Class<?> mimeType = jjava.loadClass("org.dflib.jjava.jupyter.kernel.display.mime.MIMEType");
            Object png = mimeType.getMethod("parse", String.class).invoke(null, "image/png");
            Object html = mimeType.getMethod("parse", String.class).invoke(null, "text/html");
            Object renderer = rendererType.getConstructor().newInstance();
            NotebookKernel.register(renderer);
            List<Object> shown = new ArrayList<>();
            for (Object value : List.of(chart(), scores())) {
                Object data = rendererType.getMethod("render", Object.class).invoke(renderer, value);
                shown.add(data.getClass().getMethod("getData", mimeType).invoke(data, value instanceof Table ? html : png));
            }
            BufferedImage picture = decode(shown.get(0));
            assertEquals(320, picture.getWidth());
            assertEquals(200, picture.getHeight());
            assertEquals(TableHtml.of(scores(), NotebookKernel.MAX_TABLE_ROWS), shown.get(1));
        }
    }

    @Test
    void outsideAKernelNothingIsConnectedAndProgressIsPrinted() {
        NotebookKernel.connect();
        assertNull(NotebookKernel.name(), "no kernel runs the tests");
        assertTrue(!LiveOutput.live(), "progress falls back to printed lines");
    }
}
