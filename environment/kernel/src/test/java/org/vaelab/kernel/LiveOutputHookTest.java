package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A library's progress lines reach the kernel's displays, with no compile-time tie between the two. */
class LiveOutputHookTest extends KernelTestBase {
    /** Shaped like the workbook's org.vaelab.viz.LiveOutput: a nested Sink and a static connect(Sink). */
    public static final class Progress {
        public interface Sink {
            String show(Object value);

            void update(String id, Object value);
        }

        static Sink sink;

        public static void connect(Sink kernel) {
            sink = kernel;
        }
    }

    /** Has no Sink to connect. */
    public static final class Unshaped {
    }

    @Test
    void aConnectedLibraryShowsAndUpdatesItsLineInPlace() {
        kernel.displayed.clear();
        kernel.updated.clear();
        kernel.updatedIds.clear();
        assertTrue(LiveOutputHook.connect(Progress.class.getName(), getClass().getClassLoader()));
        String id = Progress.sink.show("epoch 1 of 2");
        Progress.sink.update(id, "epoch 2 of 2");
        assertEquals(1, kernel.displayed.size());
        assertEquals("epoch 1 of 2", kernel.displayed.get(0).getData(MIMEType.TEXT_PLAIN));
        assertEquals(id, kernel.displayed.get(0).getDisplayId(), "show returns the display id to update");
        assertEquals(List.of(id), kernel.updatedIds);
        assertEquals("epoch 2 of 2", kernel.updated.get(0).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void withoutTheLibraryTheKernelRunsAsBefore() {
        assertFalse(LiveOutputHook.connect("org.example.absent.LiveOutput", getClass().getClassLoader()));
        assertFalse(LiveOutputHook.connect(LiveOutputHook.WORKBOOK, getClass().getClassLoader()),
                "the kernel module's tests run without the workbook library");
    }

    @Test
    void aClassWithoutASinkIsNamed() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> LiveOutputHook.connect(Unshaped.class.getName(), getClass().getClassLoader()));
        assertTrue(error.getMessage().contains(Unshaped.class.getName()), error.getMessage());
    }
}
