package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import jdk.jshell.EvalException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaKernelTest extends KernelTestBase {
    @Test
    void trailingExpressionIsTheCellValue() throws Exception {
        assertEquals("3", kernel.run("1 + 2").getData(MIMEType.TEXT_PLAIN));
        assertEquals("10", kernel.run("int five = 5;\nfive * 2").getData(MIMEType.TEXT_PLAIN));
        assertEquals("text", kernel.run("\"text\"").getData(MIMEType.TEXT_PLAIN), "strings show without quotes");
        assertEquals("5", kernel.run("five").getData(MIMEType.TEXT_PLAIN), "a bare variable is a value too");
        assertEquals("null", kernel.run("(String) null").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void statementsAndDeclarationsShowNothing() throws Exception {
        assertNull(kernel.run("int declared = 1;"));
        assertNull(kernel.run("void nothing() {}"));
        assertNull(kernel.run("nothing()"), "a void call has no value");
        assertNull(kernel.run("System.out.println(\"printed, not returned\");"));
    }

    @Test
    void imagesRenderAsPng() throws Exception {
        DisplayData data = kernel.run("var image = new java.awt.image.BufferedImage(7, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimage");
        BufferedImage decoded = png(data);
        assertEquals(7, decoded.getWidth());
        assertEquals(3, decoded.getHeight());
    }

    @Test
    void aLibraryReachesTheKernelsRendererThroughDisplay() {
        // org.vaelab.viz.NotebookKernel registers the workbook's charts and tables with this renderer.
        assertSame(kernel.getRenderer(), org.vaelab.kernel.runtime.Display.renderer());
    }

    @Test
    void displayAndUpdateDisplayShareAnId() throws Exception {
        kernel.displayed.clear();
        kernel.updated.clear();
        kernel.updatedIds.clear();
        DisplayData value = kernel.run("String id = display(\"epoch 1\");\nupdateDisplay(id, \"epoch 2\");\nid");
        assertEquals(1, kernel.displayed.size());
        assertEquals("epoch 1", kernel.displayed.get(0).getData(MIMEType.TEXT_PLAIN));
        String id = kernel.displayed.get(0).getDisplayId();
        assertNotNull(id);
        assertEquals(List.of(id), kernel.updatedIds);
        assertEquals("epoch 2", kernel.updated.get(0).getData(MIMEType.TEXT_PLAIN));
        assertEquals(id, value.getData(MIMEType.TEXT_PLAIN), "display(...) returns the id it used");
    }

    @Test
    void textCanBeShownAsHtmlMarkdownOrLatex() throws Exception {
        kernel.displayed.clear();
        kernel.run("display(\"<b>bold</b>\", \"text/html\"); display(\"**md**\", \"text/markdown\"); display(\"$x^2$\", \"text/latex\");");
        assertEquals("<b>bold</b>", kernel.displayed.get(0).getData(MIMEType.TEXT_HTML));
        assertEquals("**md**", kernel.displayed.get(1).getData(MIMEType.TEXT_MARKDOWN));
        assertEquals("$x^2$", kernel.displayed.get(2).getData(MIMEType.TEXT_LATEX));
    }

    @Test
    void compileErrorsNameTheCellLine() {
        CompilationException error = assertThrows(CompilationException.class,
                () -> kernel.run("int fine = 1;\n\nint broken = \"text\";"));
        assertTrue(error.getMessage().startsWith("line 3: incompatible types"), error.getMessage());
        assertTrue(error.getMessage().contains("int broken = \"text\";"), error.getMessage());
    }

    @Test
    void userExceptionsKeepTheirClassAndCause() throws Exception {
        Exception error = assertThrows(EvalException.class,
                () -> kernel.run("throw new IllegalStateException(\"outer\", new ArithmeticException(\"inner\"));"));
        List<String> lines = kernel.formatError(error);
        String text = String.join("\n", lines).replaceAll("\u001B\\[[0-9;]*m", "");
        assertTrue(text.startsWith("java.lang.IllegalStateException: outer"), text);
        assertTrue(text.contains("Caused by: java.lang.ArithmeticException: inner"), text);
        assertTrue(!text.contains("jdk.jshell") && !text.contains("reflect"), "kernel frames are hidden: " + text);
        assertEquals("2", kernel.run("1 + 1").getData(MIMEType.TEXT_PLAIN), "the kernel lives on after an error");
    }

    @Test
    void interruptStopsABusyLoopAndASleep() throws Exception {
        for (String cell : List.of("while (true) { }", "Thread.sleep(60_000);", "long sum = 0; for (long i = 0; ; i++) { sum += i; }")) {
            Thread stopper = new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                kernel.interrupt();
            });
            stopper.start();
            long started = System.nanoTime();
            assertThrows(CellInterruptedException.class, () -> kernel.run(cell), cell);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(seconds < 10, cell + " took " + seconds + " s to stop");
            stopper.join();
        }
        assertEquals("4", kernel.run("2 + 2").getData(MIMEType.TEXT_PLAIN), "the kernel runs cells after an interrupt");
    }

    @Test
    void consolesAreToldWhetherCodeIsComplete() {
        assertEquals("complete", kernel.isComplete("int a = 1;"));
        assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void completionSuggestsNames() {
        String code = "Strin";
        var options = kernel.complete(code, code.length());
        assertNotNull(options);
        assertTrue(options.getReplacements().contains("String"), options.getReplacements().toString());
        assertEquals(0, options.getSourceStart());
    }

    @Test
    void inspectionShowsSignatures() {
        String code = "Math.max(";
        DisplayData doc = kernel.inspect(code, code.length(), false);
        assertNotNull(doc);
        String text = (String) doc.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("max(int") && text.contains("max(double"), text);
        assertNull(kernel.inspect("   ", 1, false), "nothing to document");
    }

    private static BufferedImage png(DisplayData data) throws Exception {
        assertNotNull(data, "expected an output");
        Object base64 = data.getData(MIMEType.IMAGE_PNG);
        assertNotNull(base64, "expected image/png");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) base64)));
    }
}
