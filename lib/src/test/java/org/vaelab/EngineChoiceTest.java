package org.vaelab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine each platform runs, as the native jars of lib/pom.xml's profiles give them. */
class EngineChoiceTest {
    @TempDir
    Path tmp;

    @Test
    void javasNamesForTheMachineBecomeTheNativeJarsNames() {
        assertEquals("linux-x86_64", EngineChoice.platform("Linux", "amd64"));
        assertEquals("linux-aarch64", EngineChoice.platform("Linux", "aarch64"));
        assertEquals("osx-aarch64", EngineChoice.platform("Mac OS X", "aarch64"));
        assertEquals("osx-x86_64", EngineChoice.platform("Mac OS X", "x86_64"));
        assertEquals("win-x86_64", EngineChoice.platform("Windows 11", "amd64"));
    }

    @Test
    void theEngineAskedForRunsWhereItHasNatives() {
        assertEquals(new EngineChoice("PyTorch", ""), EngineChoice.choose("PyTorch", List.of("PyTorch", "MXNet"), "linux-x86_64"));
        assertEquals(new EngineChoice("MXNet", ""), EngineChoice.choose("MXNet", List.of("PyTorch", "MXNet"), "win-x86_64"));
    }

    @Test
    void appleSiliconAndArmLinuxFallBackToPyTorchAndIntelMacsToMxnet() {
        EngineChoice arm = EngineChoice.choose("MXNet", List.of("PyTorch"), "osx-aarch64");
        assertEquals("PyTorch", arm.engine());
        assertTrue(arm.note().startsWith("MXNet has no natives for osx-aarch64, so the notebooks run on PyTorch"), arm.note());
        assertEquals("PyTorch", EngineChoice.choose("MXNet", List.of("PyTorch"), "linux-aarch64").engine());
        EngineChoice intelMac = EngineChoice.choose("PyTorch", List.of("MXNet"), "osx-x86_64");
        assertEquals("MXNet", intelMac.engine());
        assertTrue(intelMac.note().contains("PyTorch has no natives for osx-x86_64"), intelMac.note());
    }

    @Test
    void noNativesOrAnUnknownEngineIsAnErrorThatSaysWhatToDo() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> EngineChoice.choose("PyTorch", List.of(), "linux-riscv64"));
        assertTrue(none.getMessage().contains("linux-riscv64") && none.getMessage().contains("./lab setup"), none.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EngineChoice.choose("TensorFlow", List.of("PyTorch"), "linux-x86_64"));
        assertTrue(unknown.getMessage().contains("'TensorFlow'") && unknown.getMessage().contains("PyTorch or MXNet"), unknown.getMessage());
    }

    @Test
    void theNativesFoundAreThoseOfThisPlatform() throws IOException {
        // This test's class path: the build's own natives (Linux x86-64 on the course machines, both engines).
        List<String> here = EngineChoice.withNatives(getClass().getClassLoader(), EngineChoice.platform());
        assertTrue(here.contains("PyTorch") || here.contains("MXNet"), "the build brings this machine's natives: " + here);
        // A folder holding only an Apple Silicon PyTorch description and an Intel-Mac MXNet one.
        Path pytorch = Files.createDirectories(tmp.resolve("pt/native/lib"));
        Files.writeString(pytorch.resolve("pytorch.properties"), "version=2.7.1-20250812\nflavor=cpu\nclassifier=osx-aarch64\n");
        Path mxnet = Files.createDirectories(tmp.resolve("mx/native/lib"));
        Files.writeString(mxnet.resolve("mxnet.properties"), "version=1.9.1-20220812\nclassifier=mkl-osx-x86_64\n");
        try (URLClassLoader jars = new URLClassLoader(new URL[] {tmp.resolve("pt").toUri().toURL(), tmp.resolve("mx").toUri().toURL()}, null)) {
            assertEquals(List.of("PyTorch"), EngineChoice.withNatives(jars, "osx-aarch64"));
            assertEquals(List.of("MXNet"), EngineChoice.withNatives(jars, "osx-x86_64"));
            assertEquals(List.of(), EngineChoice.withNatives(jars, "linux-x86_64"));
        }
    }
}
