package org.vaelab.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Java source to values: a cell is cut into JShell snippets, each evaluated in this JVM; a
 * compile error names the cell line, and the value of a trailing expression comes back as an
 * object so the kernel can render it.
 */
final class JavaEvaluator implements AutoCloseable {
    static final Object NO_VALUE = CapturingExecutionControl.NO_VALUE;

    private static final List<String> STARTUP_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*", "java.util.stream.*",
            "static org.vaelab.kernel.runtime.Display.*");

    private final JShell shell;
    private final CapturingExecutionControl control;
    private final SourceCodeAnalysis analysis;

    JavaEvaluator() {
        CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
        this.shell = JShell.builder().executionEngine(provider, Map.of()).build();
        this.control = provider.created();
        // The compiler must see what the kernel JVM sees. Added this way (not as a compiler option,
        // which would freeze it) so that %jars and %maven can extend it later; the loader asks the
        // system loader first, so these classes still load once.
        shell.addToClasspath(System.getProperty("java.class.path"));
        this.analysis = shell.sourceCodeAnalysis();
        for (String imported : STARTUP_IMPORTS) {
            List<SnippetEvent> events = shell.eval("import " + imported + ";");
            if (events.isEmpty() || events.get(0).status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("JShell rejected the start-up import " + imported);
            }
        }
    }

    /**
     * Evaluates Java source.
     *
     * @param code      the source, possibly several statements and declarations
     * @param firstLine the cell line the source starts on (1-based), for error messages
     * @return the value of the last snippet if it is an expression, else {@link #NO_VALUE}
     */
    Object eval(String code, int firstLine) throws Exception {
        Object last = NO_VALUE;
        String remaining = code;
        int consumed = 0;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            String source;
            String rest;
            if (info.completeness().isComplete()) {
                source = info.source();
                rest = info.remaining();
            } else {
                // Incomplete: hand it to JShell whole so the compiler says what is missing.
                source = remaining;
                rest = "";
            }
            // The snippet's source keeps its leading blank lines, so line numbers count from here.
            last = evalSnippet(source, firstLine + countNewlines(code, consumed));
            consumed += remaining.length() - rest.length();
            remaining = rest;
        }
        return last;
    }

    private Object evalSnippet(String source, int cellLine) throws Exception {
        control.beforeSnippet();
        List<SnippetEvent> events = shell.eval(source);
        if (control.stopRequested()) {
            throw new CellInterruptedException();
        }
        SnippetEvent main = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet updated by this one
            }
            if (main == null) {
                main = event;
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(event.snippet(), source, cellLine);
            }
            JShellException thrown = event.exception();
            if (thrown != null) {
                throw describe(thrown);
            }
        }
        if (main == null || !hasValue(main)) {
            return NO_VALUE;
        }
        return control.lastValue();
    }

    private static boolean hasValue(SnippetEvent event) {
        Snippet snippet = event.snippet();
        boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return expression && event.value() != null;
    }

    private CompilationException compilationError(Snippet snippet, String source, int cellLine) {
        List<Diag> diagnostics = shell.diagnostics(snippet).collect(Collectors.toList());
        StringBuilder message = new StringBuilder();
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int line = cellLine + countNewlines(source, position);
            int lineStart = source.lastIndexOf('\n', position - 1) + 1;
            int lineEnd = source.indexOf('\n', position);
            String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            message.append("line ").append(line).append(": ").append(diag.getMessage(Locale.ROOT)).append('\n')
                    .append("    ").append(text).append('\n')
                    .append("    ").append(" ".repeat(Math.max(0, position - lineStart))).append("^\n");
        }
        if (message.length() == 0) {
            List<String> unresolved = snippet instanceof jdk.jshell.DeclarationSnippet
                    ? shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).collect(Collectors.toList())
                    : List.of();
            message.append("line ").append(cellLine).append(": JShell rejected this code")
                    .append(unresolved.isEmpty() ? "" : "; it needs " + String.join(", ", unresolved)).append('\n')
                    .append("    ").append(source.strip());
        }
        return new CompilationException(message.toString().stripTrailing());
    }

    /** Gives user exceptions their real class name in the message and unresolved references a hint. */
    private Exception describe(JShellException thrown) {
        if (thrown instanceof UnresolvedReferenceException) {
            jdk.jshell.DeclarationSnippet snippet = ((UnresolvedReferenceException) thrown).getSnippet();
            List<String> missing = shell.unresolvedDependencies(snippet).collect(Collectors.toList());
            return new CompilationException("'" + snippet.source().strip() + "' cannot run until "
                    + String.join(", ", missing) + " is declared");
        }
        return thrown;
    }

    /** Names JShell would complete at the cursor. */
    List<String> completions(String code, int cursor, int[] anchor) {
        List<String> names = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion suggestion : analysis.completionSuggestions(code, cursor, anchor)) {
            if (!names.contains(suggestion.continuation())) {
                names.add(suggestion.continuation());
            }
        }
        return names;
    }

    /** Signatures (and Javadoc where sources are on the class path) of what the cursor is on or in. */
    String documentation(String code, int cursor) {
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : analysis.documentation(code, cursor, true)) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(doc.javadoc().strip()).append("\n\n");
            }
        }
        return text.toString().strip();
    }

    /** "complete", "incomplete" or "invalid", for consoles that ask before running. */
    Completeness completeness(String code) {
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return info.completeness();
            }
            remaining = info.remaining();
        }
    }

    void addToClasspath(File path) {
        shell.addToClasspath(path.getAbsolutePath());
    }

    void stop() {
        control.stopUserCode();
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Exception class name as the user wrote it, for EvalException's wrapper. */
    static String exceptionClassName(Throwable thrown) {
        return thrown instanceof EvalException ? ((EvalException) thrown).getExceptionClassName() : thrown.getClass().getName();
    }

    private static int countNewlines(String text, int end) {
        int count = 0;
        for (int i = 0; i < Math.min(end, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
