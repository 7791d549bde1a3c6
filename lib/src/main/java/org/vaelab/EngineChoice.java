package org.vaelab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Which DJL engine the notebooks run on, given the engine asked for and the engines whose natives this
 * machine has. The build brings each platform's natives (lib/pom.xml, one profile per platform): PyTorch
 * everywhere but macOS on Intel, MXNet on x86-64 Linux, macOS and Windows. Where the engine asked for has no
 * natives, the other one runs instead and {@link #note()} says so; the notebooks print it.
 *
 * @param engine the engine to use: "PyTorch" or "MXNet"
 * @param note why it is not the one asked for; empty when it is
 */
public record EngineChoice(String engine, String note) {
    /** Each engine's description of its natives, inside its native jar. */
    static final Map<String, String> NATIVE_PROPERTIES = Map.of("PyTorch", "native/lib/pytorch.properties",
            "MXNet", "native/lib/mxnet.properties");
    /** In the order an engine is taken when the one asked for cannot run. */
    static final List<String> ENGINES = List.of("PyTorch", "MXNet");

    /**
     * @param wanted the engine asked for (VAELAB_ENGINE, the kernel's setting, or the default)
     * @param withNatives the engines whose natives are here for this platform
     * @param platform this machine, as the native jars name it ({@link #platform(String, String)})
     * @throws IllegalArgumentException for an engine the workbook does not know
     * @throws IllegalStateException where no engine has natives for this platform
     */
    public static EngineChoice choose(String wanted, List<String> withNatives, String platform) {
        if (!ENGINES.contains(wanted)) {
            throw new IllegalArgumentException("VAELAB_ENGINE is '" + wanted + "'; set it to PyTorch or MXNet");
        }
        if (withNatives.contains(wanted)) {
            return new EngineChoice(wanted, "");
        }
        for (String other : ENGINES) {
            if (withNatives.contains(other)) {
                return new EngineChoice(other, wanted + " has no natives for " + platform + ", so the notebooks run on " + other
                        + " (the same models and seeds; figures differ in the last digits)");
            }
        }
        throw new IllegalStateException("no engine has natives for " + platform + " here: PyTorch has them for linux-x86_64, "
                + "linux-aarch64, osx-aarch64 and win-x86_64, MXNet for linux-x86_64, osx-x86_64 and win-x86_64. Build the "
                + "workbook on this machine (./lab setup), so that Maven picks this platform's natives");
    }

    /** This machine as DJL's native jars name it: {@code linux-x86_64}, {@code osx-aarch64}, {@code win-x86_64}, … */
    public static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") || os.startsWith("darwin") ? "osx" : os.startsWith("windows") ? "win" : os.replace(' ', '-');
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return system + "-" + arch;
    }

    /** This JVM's machine. */
    public static String platform() {
        return platform(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * The engines whose native jars are on {@code loader}'s class path for {@code platform}: a jar's
     * properties name its platform ({@code classifier=linux-x86_64}, or {@code mkl-osx-x86_64} for MXNet).
     */
    public static List<String> withNatives(ClassLoader loader, String platform) {
        List<String> found = new ArrayList<>();
        for (String engine : ENGINES) {
            try {
                for (URL url : Collections.list(loader.getResources(NATIVE_PROPERTIES.get(engine)))) {
                    Properties properties = new Properties();
                    try (InputStream in = url.openStream()) {
                        properties.load(in);
                    }
                    String classifier = properties.getProperty("classifier", "");
                    if (classifier.equals(platform) || classifier.endsWith("-" + platform)) {
                        found.add(engine);
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + engine + "'s native description", e);
            }
        }
        return found;
    }
}
