package org.vaelab;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabTest {
    @AfterEach
    void clear() {
        System.clearProperty("vaelab.mode");
        System.clearProperty("vaelab.seed");
        System.clearProperty("vaelab.device");
    }

    @Test
    void theDeviceCanBeChosen() {
        System.setProperty("vaelab.device", "cpu");
        assertEquals(ai.djl.Device.cpu(), Lab.device());
        System.setProperty("vaelab.device", "gpu7");
        IllegalStateException missing = assertThrows(IllegalStateException.class, Lab::device);
        assertTrue(missing.getMessage().contains("sees 0 GPU(s)"), missing.getMessage());
        System.setProperty("vaelab.device", "tpu");
        assertThrows(IllegalArgumentException.class, Lab::device);
    }

    @Test
    void modeComesFromTheSettingAndPicksSizes() {
        System.setProperty("vaelab.mode", "Smoke");
        assertEquals(Lab.Mode.SMOKE, Lab.mode());
        assertEquals(2, Lab.bySize(2, 100));
        assertEquals(2, Lab.bySize(2, 100, 3000));
        System.setProperty("vaelab.mode", "full");
        assertEquals(100, Lab.bySize(2, 100));
        assertEquals(100, Lab.bySize(2, 100, 3000));
        System.setProperty("vaelab.mode", "PAPER");
        assertEquals(3000, Lab.bySize(2, 100, 3000), "paper mode has sizes of its own");
        assertEquals(100, Lab.bySize(2, 100), "and takes the full size where a notebook gives none");
    }

    @Test
    void underAKernelThatNamesNoEngineTheWorkbookNamesItsDefaultOrVaelabEngine() {
        String given = System.getProperty("ai.djl.default_engine");
        try {
            System.setProperty("ai.djl.default_engine", "MXNet");
            Lab.chooseEngine();
            assertEquals("MXNet", System.getProperty("ai.djl.default_engine"), "a kernel's own choice stands");
            if (System.getenv("DJL_DEFAULT_ENGINE") == null && System.getenv("VAELAB_ENGINE") == null) {
                System.clearProperty("ai.djl.default_engine");
                Lab.chooseEngine();
                assertEquals("PyTorch", System.getProperty("ai.djl.default_engine"), "IJava and JJava name no engine");
                System.clearProperty("ai.djl.default_engine");
                System.setProperty("vaelab.engine", "MXNet");
                Lab.chooseEngine();
                assertEquals("MXNet", System.getProperty("ai.djl.default_engine"), "VAELAB_ENGINE picks another");
            }
        } finally {
            System.clearProperty("vaelab.engine");
            if (given == null) {
                System.clearProperty("ai.djl.default_engine");
            } else {
                System.setProperty("ai.djl.default_engine", given);
            }
        }
    }

    @Test
    void appleSiliconsMetalDeviceIsRefusedElsewhereWithTheReason() {
        System.setProperty("vaelab.device", "mps");
        try {
            if (!"osx-aarch64".equals(EngineChoice.platform())) {
                IllegalStateException refused = assertThrows(IllegalStateException.class, Lab::device);
                assertTrue(refused.getMessage().contains("Apple Silicon only; this is " + EngineChoice.platform()), refused.getMessage());
            }
        } finally {
            System.clearProperty("vaelab.device");
        }
    }

    @Test
    void eachModeStatesItsBudget() {
        assertTrue(Lab.budget(Lab.Mode.FULL).contains("8 minutes on 2 CPU cores"));
        assertTrue(Lab.budget(Lab.Mode.PAPER).contains("30 epochs over 20 pairs per image"));
        assertTrue(Lab.budget(Lab.Mode.SMOKE).startsWith("smoke mode"));
    }

    @Test
    void aWrongModeSaysWhatToWrite() {
        System.setProperty("vaelab.mode", "quick");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, Lab::mode);
        assertTrue(error.getMessage().contains("'quick'") && error.getMessage().contains("smoke, full or paper"), error.getMessage());
    }

    @Test
    void seedMustBeAWholeNumber() {
        System.setProperty("vaelab.seed", "7");
        assertEquals(7L, Lab.seed());
        System.setProperty("vaelab.seed", "seven");
        assertThrows(IllegalArgumentException.class, Lab::seed);
    }
}
