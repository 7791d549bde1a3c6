package org.vaelab;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the setting for this processor's convolutions is chosen from the checks' verdicts (run in child JVMs in ./lab). */
class EngineSettingsTest {
    private static final List<String> BOTH = List.of("PyTorch", "MXNet");

    @Test
    void whereTheEnginesOwnChoiceIsCorrectNothingIsSetAndNothingElseIsTried() {
        List<String> tried = new ArrayList<>();
        EngineSettings.Choice choice = EngineSettings.choose(BOTH, Map.of(), EngineSettings.CANDIDATES, (engine, env) -> {
            tried.add(engine + " " + env);
            return true;
        });
        assertEquals(Map.of(), choice.env());
        assertEquals(List.of("PyTorch {}", "MXNet {}"), tried);
        assertEquals(List.of(), choice.wrong());
    }

    @Test
    void aProcessorWhoseAvx512PathIsWrongGetsOneDnnCappedAtAvx2ForEachEngineByItsOwnName() {
        EngineSettings.Choice choice = EngineSettings.choose(BOTH, Map.of(), EngineSettings.CANDIDATES,
                (engine, env) -> !env.isEmpty());
        assertEquals(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "DNNL_MAX_CPU_ISA", "AVX2"), choice.env());
        assertEquals("PyTorch with the engines' own choice: wrong", choice.log().get(0));
        assertEquals("PyTorch with ONEDNN_MAX_CPU_ISA=AVX2: correct", choice.log().get(1));
    }

    @Test
    void aCapThatOneEngineNeedsIsNotForcedOnTheOther() {
        // As measured on the faulty processor: PyTorch trained lab 06's model only at SSE4.1 with ATen's default level.
        EngineSettings.Choice pyTorch = EngineSettings.choose(BOTH, Map.of(), EngineSettings.CANDIDATES,
                (engine, env) -> engine.equals("MXNet") || "default".equals(env.get("ATEN_CPU_CAPABILITY")));
        assertEquals(Map.of("ONEDNN_MAX_CPU_ISA", "SSE41", "ATEN_CPU_CAPABILITY", "default"), pyTorch.env(),
                "MXNet reads neither variable, and keeps its own choice");
        // MXNet capped and PyTorch not: PyTorch would read DNNL_MAX_CPU_ISA unless ONEDNN_MAX_CPU_ISA says otherwise.
        EngineSettings.Choice mxnet = EngineSettings.choose(BOTH, Map.of(), EngineSettings.CANDIDATES,
                (engine, env) -> engine.equals("PyTorch") || !env.isEmpty());
        assertEquals(Map.of("DNNL_MAX_CPU_ISA", "AVX2", "ONEDNN_MAX_CPU_ISA", "ALL"), mxnet.env());
    }

    @Test
    void aSettingTheUserMadeIsCheckedAsGivenNotReplaced() {
        List<Map<String, String>> tried = new ArrayList<>();
        EngineSettings.Choice choice = EngineSettings.choose(BOTH, Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE", "PATH", "/bin"),
                EngineSettings.CANDIDATES, (engine, env) -> tried.add(env));
        assertEquals(Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE"), choice.env());
        assertEquals(2, tried.size());
        assertTrue(tried.stream().allMatch(env -> env.equals(Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE"))), tried.toString());
    }

    @Test
    void anEngineWrongUnderEverySettingIsNamedWithEachTryAndWhatToDo() {
        EngineSettings.Choice choice = EngineSettings.choose(BOTH, Map.of(), EngineSettings.CANDIDATES,
                (engine, env) -> engine.equals("MXNet"));
        assertEquals(List.of("PyTorch"), choice.wrong());
        String message = EngineSettings.wrongEverywhere(choice, Map.of());
        assertTrue(message.startsWith("PyTorch computed the workbook's convolutions wrongly"), message);
        assertTrue(message.contains("PyTorch with ONEDNN_MAX_CPU_ISA=SSE41 ATEN_CPU_CAPABILITY=default: wrong"), message);
        assertTrue(message.contains("VAELAB_ENGINE can name the other engine") && message.contains("lscpu"), message);
        String user = EngineSettings.wrongEverywhere(EngineSettings.choose(List.of("PyTorch"), Map.of("ATEN_CPU_CAPABILITY", "avx512"),
                EngineSettings.CANDIDATES, (engine, env) -> false), Map.of("ATEN_CPU_CAPABILITY", "avx512"));
        assertTrue(user.contains("unset ATEN_CPU_CAPABILITY"), user);
    }

    @Test
    void theChoiceIsMeasuredAgainOnAnotherProcessorOrEngineVersion() {
        String here = EngineSettings.key("AMD EPYC flags avx2 avx512f", List.of("pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
        assertEquals(here, EngineSettings.key("AMD EPYC flags avx2 avx512f", List.of("pytorch-native-cpu-2.7.1-linux-x86_64.jar")));
        assertNotEquals(here, EngineSettings.key("AMD EPYC flags avx2", List.of("pytorch-native-cpu-2.7.1-linux-x86_64.jar")));
        assertNotEquals(here, EngineSettings.key("AMD EPYC flags avx2 avx512f", List.of("pytorch-native-cpu-2.8.0-linux-x86_64.jar")));
    }

    @Test
    void labZeroSaysWhetherTheKernelRunsWithTheEnginesOwnInstructionSetsOrACap() {
        assertEquals("the engine's own choice", SetupCheck.instructionSets(Map.of("PATH", "/bin")));
        String capped = SetupCheck.instructionSets(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2", "DNNL_MAX_CPU_ISA", "AVX2"));
        assertTrue(capped.startsWith("ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 (capped for this processor"), capped);
    }
}
