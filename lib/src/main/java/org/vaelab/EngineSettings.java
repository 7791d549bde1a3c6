package org.vaelab;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.vaelab.io.AtomicFiles;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The environment the engines' native libraries need on this processor for correct convolutions, chosen
 * by measurement once per machine and kept in a file that {@code ./lab} and the kernel spec read.
 *
 * <p>The engines pick their convolution code by the processor's instruction sets when their native
 * library loads, so the choice can only be made before that: each engine's candidates ({@link #CANDIDATES}) run
 * {@link EngineCheck} in a fresh JVM, and the first under which it passes is kept. On a processor where an
 * engine's own choice is correct (the first candidate, nothing set), nothing is set and nothing is slower;
 * elsewhere the instruction set of oneDNN (PyTorch's and MXNet's convolution library) is capped at AVX2,
 * then at SSE4.1, for PyTorch with ATen's own loops at their portable level.
 *
 * <pre>
 * java -cp 'kernel/*' org.vaelab.EngineSettings check           # this JVM's engine: exit 0 when correct
 * java -cp 'kernel/*' org.vaelab.EngineSettings env FILE         # the export lines, from FILE or measured into it
 * </pre>
 */
public final class EngineSettings {
    /**
     * The variables a candidate sets; one set by the user is taken as given and only checked. Each engine reads its
     * own (measured with oneDNN's verbose mode): PyTorch's oneDNN 3 reads ONEDNN_MAX_CPU_ISA, else DNNL_MAX_CPU_ISA, and
     * ATen reads ATEN_CPU_CAPABILITY; MXNet's oneDNN 2 reads DNNL_MAX_CPU_ISA alone (neither ONEDNN_ nor MKLDNN_).
     */
    static final List<String> VARIABLES = List.of("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY");
    /**
     * Each engine's candidates, tried in order; the first under which that engine's checks pass is used. Engines
     * are chosen for apart: a cap that one needs is not forced on the other (on one AMD EPYC, MXNet capped at AVX2
     * died of an integer division by zero in its convolution code, while it ran correctly uncapped).
     */
    static final Map<String, List<Map<String, String>>> CANDIDATES = Map.of(
            "PyTorch", List.of(Map.of(), Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"),
                    ordered("ONEDNN_MAX_CPU_ISA", "SSE41", "ATEN_CPU_CAPABILITY", "default")),
            "MXNet", List.of(Map.of(), Map.of("DNNL_MAX_CPU_ISA", "AVX2"), Map.of("DNNL_MAX_CPU_ISA", "SSE41")));
    /** Raised whenever the check or the candidates change, so that every machine measures again. */
    static final int VERSION = 2;

    private EngineSettings() {
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    /**
     * What was chosen: the variables to set (none where the engines' own choices are correct), how it was found, and
     * the engines that are wrong under every candidate (empty where each found a correct setting).
     */
    record Choice(Map<String, String> env, List<String> log, List<String> wrong) {
    }

    /**
     * For each engine, the first of its {@code candidates} under which {@code passes} holds; the log names each try.
     * The variables are merged: where MXNet needs a cap (DNNL_MAX_CPU_ISA) and PyTorch none, PyTorch is kept at its
     * own choice with ONEDNN_MAX_CPU_ISA=ALL, as it would otherwise read MXNet's variable. Where the user set any of
     * {@link #VARIABLES}, only the user's setting is checked, for every engine.
     */
    static Choice choose(List<String> engines, Map<String, String> given, Map<String, List<Map<String, String>>> candidates,
                         BiPredicate<String, Map<String, String>> passes) {
        Map<String, String> user = set(given);
        Map<String, String> env = new LinkedHashMap<>();
        List<String> log = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String engine : engines) {
            List<Map<String, String>> tries = user.isEmpty() ? candidates.getOrDefault(engine, List.of(Map.of())) : List.of(user);
            Map<String, String> found = null;
            for (Map<String, String> candidate : tries) {
                boolean ok = passes.test(engine, candidate);
                log.add(engine + " with " + describe(candidate) + ": " + (ok ? "correct" : "wrong"));
                if (ok) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                wrong.add(engine);
            } else {
                env.putAll(found);
            }
        }
        if (env.containsKey("DNNL_MAX_CPU_ISA") && !env.containsKey("ONEDNN_MAX_CPU_ISA") && user.isEmpty()) {
            env.put("ONEDNN_MAX_CPU_ISA", "ALL");
        }
        return new Choice(env, log, wrong);
    }

    /** The error for engines wrong under every setting: each try, and what to do. */
    static String wrongEverywhere(Choice choice, Map<String, String> given) {
        Set<String> user = set(given).keySet();
        return String.join(" and ", choice.wrong()) + " computed the workbook's convolutions wrongly on this processor under every "
                + "setting tried (" + String.join("; ", choice.log()) + ")" + (user.isEmpty() ? "" : ": unset " + String.join(", ", user)
                + " to let the workbook choose") + ". Convolutional models (labs 06, 07) cannot train correctly on it here"
                + (choice.wrong().size() < 2 ? "; VAELAB_ENGINE can name the other engine" : "")
                + ". Please report the processor (lscpu) and this message";
    }

    static String describe(Map<String, String> env) {
        if (env.isEmpty()) {
            return "the engines' own choice";
        }
        List<String> parts = new ArrayList<>();
        env.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    /**
     * What the choice depends on: the processor (its model and instruction sets), the engines' native
     * versions and this check's version. A file keyed otherwise is measured again.
     */
    static String key(String cpu, List<String> natives) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((VERSION + "|" + cpu + "|" + String.join(",", natives)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The processor's vendor, family, model and flags from /proc/cpuinfo (Linux), else the system and architecture. */
    static String processor() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (Stream<String> lines = Files.lines(info)) {
                return lines.filter(l -> l.startsWith("model name") || l.startsWith("flags") || l.startsWith("vendor_id")
                        || l.startsWith("cpu family") || l.startsWith("model\t")).distinct().sorted().reduce("", (a, b) -> a + b + "\n");
            } catch (IOException e) {
                // fall through: the architecture alone still keys the choice
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** The engine native jars on this JVM's class path, by file name (their versions key the choice). */
    static List<String> nativeJars() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .flatMap(EngineSettings::expand)
                .map(p -> p.getFileName().toString())
                .filter(n -> n.contains("native") || n.contains("-jni-") || n.startsWith("api-"))
                .sorted().toList();
    }

    private static Stream<Path> expand(String entry) {
        if (entry.endsWith("*")) {
            Path dir = Path.of(entry.substring(0, entry.length() - 1));
            try (Stream<Path> files = Files.list(dir)) {
                return files.toList().stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        }
        return Stream.of(Path.of(entry));
    }

    /** The export lines of {@code file} when its key matches this machine, else measured and written there first. */
    static String env(Path file) throws IOException, InterruptedException {
        String key = key(processor(), nativeJars());
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).equals("# key " + key) && sameUserSettings(lines)) {
                return exports(lines);
            }
        }
        long started = System.nanoTime();
        List<String> engines = EngineChoice.withNatives(EngineSettings.class.getClassLoader(), EngineChoice.platform());
        Choice choice = choose(engines, System.getenv(), CANDIDATES, EngineSettings::passesInChild);
        String used = System.getenv().getOrDefault("VAELAB_ENGINE", "PyTorch");
        if (choice.wrong().contains(used) || choice.wrong().size() == engines.size()) {
            throw new IllegalStateException(wrongEverywhere(choice, System.getenv()));
        }
        List<String> lines = new ArrayList<>();
        lines.add("# key " + key);
        lines.add("# user " + userSettings(System.getenv()));
        lines.add(String.format(Locale.ROOT, "# chosen by org.vaelab.EngineSettings in %.1f s; each setting tried:", (System.nanoTime() - started) / 1e9));
        choice.log().forEach(l -> lines.add("#   " + l));
        if (!choice.wrong().isEmpty()) {
            String warning = wrongEverywhere(choice, System.getenv());
            lines.add("# warning: " + warning);
            System.err.println("warning: " + warning);
        }
        choice.env().forEach((k, v) -> lines.add(k + "=" + v));
        AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
        if (!choice.env().isEmpty() && userSettings(System.getenv()).isEmpty()) {
            System.err.println("note: this processor needs " + describe(choice.env()) + " for correct convolutions (" + file + ")");
        }
        return exports(lines);
    }

    private static boolean sameUserSettings(List<String> lines) {
        return lines.size() > 1 && lines.get(1).equals("# user " + userSettings(System.getenv()));
    }

    private static String userSettings(Map<String, String> env) {
        Map<String, String> set = set(env);
        return set.isEmpty() ? "" : describe(set);
    }

    /** Those of {@link #VARIABLES} that {@code env} sets, in their order. */
    static Map<String, String> set(Map<String, String> env) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String variable : VARIABLES) {
            if (env.get(variable) != null) {
                set.put(variable, env.get(variable));
            }
        }
        return set;
    }

    private static String exports(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!line.startsWith("#") && line.contains("=")) {
                out.append("export ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Runs {@code check} for {@code engine} in a fresh JVM with {@code env} added to this one's environment. */
    static boolean passesInChild(String engine, Map<String, String> env) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Dai.djl.default_engine=" + engine,
                "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("java.class.path"), EngineSettings.class.getName(), "check");
        Path log = null;
        try {
            // The child writes to a file, so that waiting for it is bounded (reading its pipe to the end would not be).
            log = Files.createTempFile("vaelab-engine-check", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            for (String variable : VARIABLES) {
                builder.environment().remove(variable);
            }
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                System.err.println("convolution check, " + engine + " with " + describe(env) + ": no answer in 10 minutes");
                return false;
            }
            boolean passed = process.exitValue() == 0;
            if (!passed) {
                System.err.println("convolution check, " + engine + " with " + describe(env) + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
            return passed;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a JVM for the convolution check: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("check")) {
            Engine engine = Engine.getInstance();
            EngineCheck.Report report = EngineCheck.run(Device.cpu());
            report.lines().forEach(System.out::println);
            System.out.println(engine.getEngineName() + " " + engine.getVersion() + ": " + (report.passed() ? "correct" : "WRONG"));
            System.exit(report.passed() ? 0 : 1);
        } else if (args.length == 2 && args[0].equals("env")) {
            try {
                System.out.print(env(Path.of(args[1])));
            } catch (IllegalStateException e) {
                System.err.println("error: " + e.getMessage());
                System.exit(1);
            }
        } else {
            System.err.println("usage: org.vaelab.EngineSettings check | env FILE");
            System.exit(2);
        }
    }
}
