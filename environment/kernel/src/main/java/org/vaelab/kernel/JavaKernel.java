package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.vaelab.kernel.magic.ClasspathMagics;
import org.vaelab.kernel.magic.MavenMagics;
import org.vaelab.kernel.runtime.Display;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The VAE Lab kernel: Java cells evaluated by JShell in this JVM, IJava's line magics
 * ({@code %jars}, {@code %classpath}, {@code %maven}, {@code %mavenRepo}, {@code %load}), and rich
 * output for images, charts and tables.
 */
public class JavaKernel extends BaseKernel implements Display.DisplaySink, AutoCloseable {
    /** This kernel's version, from the build. */
    public static final String VERSION = readVersion();

    private final JavaEvaluator java;
    private final Magics magics = new Magics();
    private final MagicParser magicParser = new MagicParser();
    private final LanguageInfo languageInfo = new LanguageInfo("java", Runtime.version().toString(),
            "text/x-java-source", ".jshell", "java", "java", "script");

    public JavaKernel() {
        this.java = new JavaEvaluator();
        ClasspathMagics classpath = new ClasspathMagics(java::addToClasspath);
        classpath.registerWith(magics);
        new MavenMagics(file -> classpath.addIfAbsent(file.toPath())).registerWith(magics);
        magics.registerLineMagic("load", this::load);
        Renderers.registerAll(getRenderer());
        Display.connect(this);
        // Lets the library (and notebook 00) tell which kernel runs it.
        System.setProperty("vaelab.kernel", "VAE Lab kernel " + VERSION);
    }

    /** Runs one cell: Java between line magics, each magic in its place; a cell magic takes the whole cell. */
    @Override
    public DisplayData eval(String cell) throws Exception {
        Object value = runCell(cell);
        if (value == JavaEvaluator.NO_VALUE) {
            return null;
        }
        return render(value);
    }

    Object runCell(String cell) throws Exception {
        CellMagicParseContext cellMagic = magicParser.parseCellMagic(cell);
        if (cellMagic != null) {
            Object value = magics.applyCellMagic(cellMagic.getMagicCall().getName(),
                    cellMagic.getMagicCall().getArgs(), cellMagic.getMagicCall().getBody());
            return value == null ? JavaEvaluator.NO_VALUE : value;
        }
        Object last = JavaEvaluator.NO_VALUE;
        StringBuilder source = new StringBuilder();
        int sourceFirstLine = 1;
        String[] lines = cell.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            LineMagicArgs magic = parseLineMagic(lines[i]);
            if (magic == null) {
                source.append(lines[i]).append('\n');
                continue;
            }
            if (!source.toString().isBlank()) {
                java.eval(source.toString(), sourceFirstLine);
            }
            source.setLength(0);
            sourceFirstLine = i + 2;
            magics.applyLineMagic(magic.getName(), magic.getArgs());
            last = JavaEvaluator.NO_VALUE;
        }
        if (!source.toString().isBlank()) {
            last = java.eval(source.toString(), sourceFirstLine);
        }
        return last;
    }

    private LineMagicArgs parseLineMagic(String line) {
        if (!line.startsWith("%") || line.startsWith("%%")) {
            return null;
        }
        LineMagicArgs[] call = new LineMagicArgs[1];
        magicParser.transformLineMagics(line, context -> {
            call[0] = context.getMagicCall();
            return "";
        });
        return call[0];
    }

    /** IJava's %load: runs a file of cell source (magics allowed) as if it were a cell. */
    private Object load(List<String> args) throws Exception {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: %load <file>, e.g. %load ../environment/setup.jsh");
        }
        Path file = Path.of(args.get(0));
        String source;
        try {
            source = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "%load found no such file");
        }
        runCell(source);
        return null;
    }

    /** The renderer a library registers its own types with (the workbook's charts and tables: org.vaelab.viz.NotebookKernel). */
    @Override
    public Object renderer() {
        return getRenderer();
    }

    @Override
    public DisplayData render(Object value, String... mimeTypes) {
        if (value == null) {
            return new DisplayData("null");
        }
        return mimeTypes.length == 0 ? getRenderer().render(value) : getRenderer().renderAs(value, mimeTypes);
    }

    @Override
    public void updateDisplay(String id, DisplayData data) {
        getIO().display.updateDisplay(id, data);
    }

    @Override
    public void interrupt() {
        java.stop();
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> options = java.completions(code, at, anchor);
        return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
    }

    /** Shift-Tab in the notebook: the signatures of the method or type at the cursor. */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String documentation = java.documentation(code, at);
        return documentation.isEmpty() ? null : new DisplayData(documentation);
    }

    @Override
    public String isComplete(String code) {
        Completeness completeness = java.completeness(code);
        switch (completeness) {
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
            case EMPTY:
                return IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                return "    ";
            default:
                return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " - VAE Lab kernel " + VERSION;
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(
                new LanguageInfo.Help("DJL API", "https://javadoc.io/doc/ai.djl/api/latest/index.html"),
                new LanguageInfo.Help("Tablesaw", "https://jtablesaw.github.io/tablesaw/"),
                new LanguageInfo.Help("XChart", "https://knowm.org/open-source/xchart/"));
    }

    /** Compile errors as the compiler put them, user exceptions with only the frames that matter. */
    @Override
    public List<String> formatError(Exception e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof CompilationException || e instanceof CellInterruptedException) {
            lines.addAll(errorStyler.secondaryLines(e.getMessage()));
            return lines;
        }
        Throwable current = e;
        String prefix = "";
        while (current != null) {
            String message = current.getMessage();
            lines.add(errorStyler.secondary(prefix + JavaEvaluator.exceptionClassName(current)
                    + (message == null ? "" : ": " + message)));
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isKernelFrame(frame)) {
                    break;
                }
                lines.add(errorStyler.primary("\tat " + describe(frame)));
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return lines;
    }

    /** JShell leaves the class and method of cell code empty; say where in the cell it is instead. */
    private static String describe(StackTraceElement frame) {
        if (frame.getClassName().isEmpty() && frame.getFileName() != null && frame.getFileName().startsWith("#")) {
            return "cell code (snippet " + frame.getFileName() + ", line " + frame.getLineNumber() + " of the snippet)";
        }
        return frame.toString();
    }

    /** The frames below the user's code: reflection, JShell and this kernel. */
    private static boolean isKernelFrame(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.startsWith("jdk.internal.reflect.") || name.startsWith("java.lang.reflect.")
                || name.startsWith("jdk.jshell.") || name.startsWith(CapturingExecutionControl.class.getName())
                || name.startsWith(JavaKernel.class.getName());
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = JavaKernel.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource only costs the version string.
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        close();
    }

    @Override
    public void close() {
        java.close();
    }
}
