package org.vaelab.kernel;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel spec that {@code ./lab setup} writes, for the settings in its environment. */
class KernelSpecTest {
    private static final Path HOME = Path.of("/opt/vae \"lab\"\\home");

    private static JsonObject spec(Map<String, String> settings) {
        return JsonParser.parseString(KernelSpec.json(HOME.resolve("kernel"), Path.of("/usr/bin/java"), HOME, settings)).getAsJsonObject();
    }

    private static List<String> argv(JsonObject spec) {
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(element -> argv.add(element.getAsString()));
        return argv;
    }

    @Test
    void byDefaultPyTorchOnTheMachinesThreads() {
        JsonObject spec = spec(Map.of());
        List<String> argv = argv(spec);
        assertTrue(argv.contains("-Dai.djl.default_engine=PyTorch"), argv.toString());
        assertTrue(argv.contains("-Xmx4g"), argv.toString());
        assertTrue(argv.contains("-Dai.djl.offline=true"), argv.toString());
        assertTrue(argv.contains("-Dvaelab.home=" + HOME), "quotes and backslashes in the path survive: " + argv);
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
        JsonObject env = spec.getAsJsonObject("env");
        boolean severalThreads = KernelSpec.defaultThreads(Runtime.getRuntime().availableProcessors()) > 1;
        assertEquals(severalThreads, env.has("GOMP_SPINCOUNT"), "several threads spin briefly, one sleeps: " + env);
    }

    @Test
    void theInstructionSetCapThatSetupChoseReachesTheKernelAndNothingElseOfTheEnvironment() {
        JsonObject env = spec(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "DNNL_MAX_CPU_ISA", "AVX2", "ATEN_CPU_CAPABILITY", "default",
                "HOME", "/root")).getAsJsonObject("env");
        assertEquals("AVX2", env.get("ONEDNN_MAX_CPU_ISA").getAsString());
        assertEquals("AVX2", env.get("DNNL_MAX_CPU_ISA").getAsString());
        assertEquals("default", env.get("ATEN_CPU_CAPABILITY").getAsString());
        assertFalse(env.has("MKLDNN_MAX_CPU_ISA"), "only what was set: " + env);
        assertFalse(env.has("HOME"), env.toString());
        assertFalse(spec(Map.of()).getAsJsonObject("env").has("ONEDNN_MAX_CPU_ISA"), "no cap where none was needed");
    }

    @Test
    void theEngineNativesAreUnpackedInTheProjectUnlessDjlCacheDirNamesASharedFolder() {
        JsonObject own = spec(Map.of()).getAsJsonObject("env");
        assertEquals(HOME.resolve(".cache/djl").toString(), own.get("DJL_CACHE_DIR").getAsString());
        assertEquals(HOME.resolve(".cache/djl").toString(), own.get("ENGINE_CACHE_DIR").getAsString());
        JsonObject shared = spec(Map.of("DJL_CACHE_DIR", "/opt/vaelab/djl")).getAsJsonObject("env");
        assertEquals("/opt/vaelab/djl", shared.get("DJL_CACHE_DIR").getAsString(), "a class image's natives, unpacked once");
        assertEquals("/opt/vaelab/djl", shared.get("ENGINE_CACHE_DIR").getAsString());
    }

    @Test
    void mxnetWhereAskedWithSleepingOpenMpThreads() {
        JsonObject spec = spec(Map.of("VAELAB_ENGINE", "MXNet"));
        assertTrue(argv(spec).contains("-Dai.djl.default_engine=MXNet"), argv(spec).toString());
        JsonObject env = spec.getAsJsonObject("env");
        assertEquals("PASSIVE", env.get("OMP_WAIT_POLICY").getAsString());
        assertFalse(env.has("GOMP_SPINCOUNT"));
    }

    @Test
    void pyTorchGetsTwoThreadsUnlessTheMachineHasOneCore() {
        assertEquals(1, KernelSpec.defaultThreads(1));
        assertEquals(2, KernelSpec.defaultThreads(2));
        assertEquals(2, KernelSpec.defaultThreads(16), "a fixed count: seeded runs repeat across machines");
        int expected = KernelSpec.defaultThreads(Runtime.getRuntime().availableProcessors());
        List<String> argv = argv(spec(Map.of("VAELAB_ENGINE", "PyTorch")));
        assertTrue(argv.contains("-Dai.djl.pytorch.num_threads=" + expected), argv.toString());
    }

    @Test
    void twoPyTorchThreadsSpinBrieflyInsteadOfSleeping() {
        JsonObject spec = spec(Map.of("VAELAB_THREADS", "2", "VAELAB_ENGINE", "PyTorch", "VAELAB_HEAP", "8g"));
        List<String> argv = argv(spec);
        assertTrue(argv.contains("-Dai.djl.pytorch.num_threads=2"), argv.toString());
        assertTrue(argv.contains("-Dai.djl.default_engine=PyTorch"), argv.toString());
        assertTrue(argv.contains("-Xmx8g"), argv.toString());
        JsonObject env = spec.getAsJsonObject("env");
        assertEquals("30000", env.get("GOMP_SPINCOUNT").getAsString());
        assertFalse(env.has("OMP_WAIT_POLICY"), "PASSIVE would make every operator wait for a wake-up");
    }

    @Test
    void onePyTorchThreadSleepsBetweenOperators() {
        JsonObject env = spec(Map.of("VAELAB_THREADS", "1", "VAELAB_ENGINE", "PyTorch")).getAsJsonObject("env");
        assertEquals("PASSIVE", env.get("OMP_WAIT_POLICY").getAsString());
        assertFalse(env.has("GOMP_SPINCOUNT"));
    }

    @Test
    void aThreadCountThatIsNotOneOrMoreIsNamed() {
        for (String bad : List.of("zero", "0", "-2", "")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> spec(Map.of("VAELAB_THREADS", bad)));
            assertTrue(error.getMessage().contains("VAELAB_THREADS is '" + bad + "'"), error.getMessage());
        }
    }
}
